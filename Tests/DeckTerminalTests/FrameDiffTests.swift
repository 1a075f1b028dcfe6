import DeckUI
import Testing

@testable import DeckTerminal

@Suite("FrameDiff")
struct FrameDiffTests {
    private func buffer(_ lines: [String], width: Int = 8) -> Buffer {
        var buffer = Buffer(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { buffer.write(line, x: 0, y: y) }
        return buffer
    }

    private func text(_ run: FrameDiff.Run) -> String {
        run.cells.map(\.symbol).joined()
    }

    @Test func identicalBuffersGiveNoRuns() {
        let frame = buffer(["hello", "world"])
        let diff = FrameDiff(from: frame, to: frame)
        #expect(diff.runs.isEmpty)
        #expect(diff.isEmpty)
        #expect(!diff.isFull)
    }

    @Test func nilPreviousDrawsEverything() {
        let frame = buffer(["ab", "cd", "ef"], width: 4)
        let diff = FrameDiff(from: nil, to: frame)
        #expect(diff.isFull)
        #expect(diff.runs.map(\.y) == [0, 1, 2])
        #expect(diff.runs.allSatisfy { $0.x == 0 && $0.cells.count == 4 })
        #expect(diff.runs.map(text) == ["ab  ", "cd  ", "ef  "])
    }

    @Test func oneChangedCellGivesOneRunAtItsPosition() {
        let diff = FrameDiff(from: buffer(["hello", "world"]), to: buffer(["hello", "wOrld"]))
        #expect(diff.runs == [FrameDiff.Run(y: 1, x: 1, cells: [Cell(symbol: "O")])])
    }

    @Test func aStyleChangeAloneIsAChange() {
        let before = buffer(["abc"])
        var after = before
        after.setStyle(Style(foreground: .red, attributes: .bold), in: Rect(x: 2, y: 0, width: 1, height: 1))
        let diff = FrameDiff(from: before, to: after)
        #expect(diff.runs.count == 1)
        #expect(diff.runs.first?.x == 2)
        #expect(diff.runs.first?.cells.first?.style.foreground == .red)
    }

    @Test func separateChangesInARowAreSeparateRuns() {
        // Runs are never merged across unchanged cells, however small the gap.
        let diff = FrameDiff(from: buffer(["abcdefgh"]), to: buffer(["XbcdeYZh"]))
        #expect(diff.runs.map(\.x) == [0, 5])
        #expect(diff.runs.map(text) == ["X", "YZ"])
        #expect(diff.runs.allSatisfy { $0.y == 0 })
    }

    @Test func runsAreOrderedTopToBottomLeftToRight() {
        let diff = FrameDiff(from: buffer(["aaaa", "bbbb", "cccc"]), to: buffer(["aaXa", "bbbb", "Ycc2"]))
        #expect(diff.runs.map { [$0.y, $0.x] } == [[0, 2], [2, 0], [2, 3]])
    }

    @Test func aSizeChangeDrawsEverything() {
        let diff = FrameDiff(from: buffer(["same"], width: 8), to: buffer(["same"], width: 9))
        #expect(diff.isFull)
        #expect(diff.runs.count == 1)
        #expect(diff.runs[0].cells.count == 9)

        let taller = FrameDiff(from: buffer(["same"]), to: buffer(["same", ""]))
        #expect(taller.isFull)
        #expect(taller.runs.count == 2)
    }

    @Test func aWideCharacterChangeCarriesItsContinuationCell() {
        let diff = FrameDiff(from: buffer(["a字b"]), to: buffer(["a漢b"]))
        #expect(diff.runs.count == 1)
        let run = diff.runs[0]
        #expect(run.x == 1)
        #expect(run.cells.map(\.width) == [2, 0])
        #expect(run.cells[0].symbol == "漢")
    }

    @Test func changingOnlyTheContinuationHalfRedrawsTheWholeCharacter() {
        let before = buffer(["a字b"])
        var after = before
        after[2, 0] = Cell(symbol: "", width: 0, style: Style(attributes: .reverse))
        let diff = FrameDiff(from: before, to: after)
        #expect(diff.runs.count == 1)
        #expect(diff.runs[0].x == 1)
        #expect(diff.runs[0].cells.map(\.symbol) == ["字", ""])
    }

    @Test func narrowTextReplacingAWideCharacterCoversBothColumns() {
        let diff = FrameDiff(from: buffer(["a字b"]), to: buffer(["axyb"]))
        #expect(diff.runs.count == 1)
        #expect(diff.runs[0].x == 1)
        #expect(text(diff.runs[0]) == "xy")
    }

    @Test func aWideCharacterShiftedByOneColumnTakesAllAffectedCells() {
        let diff = FrameDiff(from: buffer(["字cd"]), to: buffer(["x字d"]))
        #expect(diff.runs.count == 1)
        #expect(diff.runs[0].x == 0)
        #expect(diff.runs[0].cells.map(\.width) == [1, 2, 0])
    }

    @Test func anEmptyBufferHasNoRuns() {
        #expect(FrameDiff(from: nil, to: Buffer(width: 0, height: 3)).runs.isEmpty)
        #expect(FrameDiff(from: nil, to: Buffer(width: 3, height: 0)).runs.isEmpty)
    }
}
