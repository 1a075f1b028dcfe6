import DeckUI

/// The cells that differ between the frame on screen and the next one, as runs per row.
///
/// Pure: no terminal involved. A run is a maximal stretch of adjacent changed cells in one
/// row; runs are never merged across unchanged cells (curses optimises the bytes it sends
/// itself, so merging would only make us hand it more cells). A wide character and its
/// continuation cell always travel together: if either half changed, the run holds both, so
/// a backend that skips continuation cells still redraws the whole character.
public struct FrameDiff: Sendable, Hashable {
    /// Changed cells `cells` starting at column `x` of row `y`, left to right.
    public struct Run: Sendable, Hashable {
        /// The row, 0-based.
        public var y: Int
        /// The column of the first cell, 0-based.
        public var x: Int
        /// The new cells, continuation cells included (a backend skips them when writing).
        public var cells: [Cell]

        /// A run of `cells` starting at (`x`, `y`).
        public init(y: Int, x: Int, cells: [Cell]) {
            self.y = y
            self.x = x
            self.cells = cells
        }
    }

    /// The changed runs, top to bottom, left to right.
    public let runs: [Run]
    /// True when every cell is in a run: no previous frame, or its size differed.
    public let isFull: Bool

    /// True when nothing needs drawing.
    public var isEmpty: Bool { runs.isEmpty }

    /// The difference from `previous` (the frame on screen, nil if unknown) to `next`.
    public init(from previous: Buffer?, to next: Buffer) {
        guard let previous, previous.width == next.width, previous.height == next.height else {
            isFull = true
            runs = next.width == 0 ? [] : (0..<next.height).map { y in
                Run(y: y, x: 0, cells: Array(next.cells[(y * next.width)..<((y + 1) * next.width)]))
            }
            return
        }
        isFull = false
        let width = next.width
        var result: [Run] = []
        var changed = [Bool](repeating: false, count: width)
        for y in 0..<next.height {
            let base = y * width
            var any = false
            for x in 0..<width {
                changed[x] = previous.cells[base + x] != next.cells[base + x]
                any = any || changed[x]
            }
            guard any else { continue }
            // Keep both halves of a wide character (old or new) together.
            for x in 0..<width where changed[x] {
                if x > 0, next.cells[base + x].isContinuation || previous.cells[base + x].isContinuation {
                    changed[x - 1] = true
                }
            }
            for x in stride(from: width - 1, through: 0, by: -1) where changed[x] {
                if x + 1 < width, next.cells[base + x].width == 2 || previous.cells[base + x].width == 2 {
                    changed[x + 1] = true
                }
            }
            var x = 0
            while x < width {
                guard changed[x] else { x += 1; continue }
                let start = x
                while x < width, changed[x] { x += 1 }
                result.append(Run(y: y, x: start, cells: Array(next.cells[(base + start)..<(base + x)])))
            }
        }
        runs = result
    }
}
