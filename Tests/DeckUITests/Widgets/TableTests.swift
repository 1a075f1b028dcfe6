import DeckUI
import Testing

@Suite("Table")
struct TableTests {
    let theme = Theme.dark

    static let columns = [TableColumn("Name", .flex(min: 4)), TableColumn("Count", .fixed(5), .right)]

    func render(_ table: Table, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        table.render(into: &buffer, area: buffer.area, theme: theme)
        return buffer
    }

    @Test("header, then rows; right-aligned columns pad on the left")
    func layout() {
        let table = Table(columns: Self.columns, rows: [TableRow(["alpha", "3"]), TableRow(["beta", "12"])])
        #expect(render(table, width: 20, height: 4).lines() == [
            " Name          Count",
            " alpha             3",
            " beta             12",
            "",
        ])
    }

    @Test("the sorted column's title carries ▲ or ▼")
    func sortArrow() {
        let columns = [TableColumn("Name", .flex(min: 4)), TableColumn("Count", .fixed(6), .right)]
        var table = Table(columns: columns, rows: [], sortColumn: 0)
        #expect(render(table, width: 20, height: 1).lines() == [" Name▲         Count"])
        table.sortColumn = 1
        table.sortAscending = false
        #expect(render(table, width: 20, height: 1).lines() == [" Name         Count▼"])
    }

    @Test("the header row is styled tableHeader across the whole width")
    func headerStyle() {
        let table = Table(columns: [TableColumn("A", .fixed(3))], rows: [TableRow(["x"])])
        let buffer = render(table, width: 12, height: 2)
        for x in 0..<12 { #expect(buffer[x, 0].style == theme.style(.tableHeader)) }
        #expect(buffer[1, 1].style == theme.style(.text))
    }

    @Test("text longer than its column is cut and ends with …")
    func truncation() {
        let table = Table(
            columns: [TableColumn("Name", .fixed(5)), TableColumn("N", .fixed(3), .right)],
            rows: [TableRow(["abcdefgh", "12345"]), TableRow(["abcde", "1"])])
        #expect(render(table, width: 10, height: 3).lines() == [
            " Name    N",
            " abcd… 12…",
            " abcde   1",
        ])
    }

    @Test("a long title is cut too, keeping its sort arrow")
    func headerTruncation() {
        let table = Table(columns: [TableColumn("Identifier", .fixed(6))], rows: [], sortColumn: 0)
        #expect(render(table, width: 10, height: 1).lines() == [" Iden…▲"])
    }

    @Test("flex columns share the width left by fixed columns, gutter and separators")
    func flexWidths() {
        let table = Table(
            columns: [TableColumn("A", .fixed(10)), TableColumn("B", .flex(min: 3)), TableColumn("C", .flex(min: 3))],
            rows: [])
        // 30 − 1 gutter − 2 separators − 10 fixed = 17, shared 9 + 8.
        #expect(table.columnWidths(totalWidth: 30) == [10, 9, 8])
        #expect(table.columnWidths(totalWidth: 31) == [10, 9, 9])
        // Too narrow: flex columns keep their minimum.
        #expect(table.columnWidths(totalWidth: 12) == [10, 3, 3])
    }

    @Test("a flex column whose minimum exceeds its share keeps it; the others share the rest")
    func flexMinimum() {
        let table = Table(columns: [TableColumn("A", .flex(min: 12)), TableColumn("B", .flex(min: 2))], rows: [])
        // 20 − 1 gutter − 1 separator = 18; an even share (9) is below A's minimum.
        #expect(table.columnWidths(totalWidth: 20) == [12, 6])
        #expect(table.columnWidths(totalWidth: 40) == [19, 19])
        #expect(table.columnWidths(totalWidth: 5) == [12, 2])
    }

    @Test("fixed-only tables ignore the total width")
    func fixedOnly() {
        let table = Table(columns: [TableColumn("A", .fixed(4)), TableColumn("B", .fixed(7))], rows: [])
        #expect(table.columnWidths(totalWidth: 80) == [4, 7])
        #expect(table.columnWidths(totalWidth: 3) == [4, 7])
    }

    @Test("flex widths lay out the rendered columns")
    func flexRendered() {
        let table = Table(
            columns: [TableColumn("A", .flex(min: 1)), TableColumn("B", .flex(min: 1)), TableColumn("C", .fixed(2))],
            rows: [TableRow(["aaaaaaaa", "bbbbbbbb", "cc"])])
        // 16 − 1 − 2 − 2 = 11: A 6, B 5.
        #expect(render(table, width: 16, height: 2).lines() == [
            " A      B     C",
            " aaaaa… bbbb… cc",
        ])
    }

    @Test("offset(keeping:) leaves the window alone while the selection is inside it")
    func offsetInside() {
        #expect(Table.offset(keeping: 5, previous: 3, visibleRows: 4) == 3)
        #expect(Table.offset(keeping: 3, previous: 3, visibleRows: 4) == 3)
        #expect(Table.offset(keeping: 6, previous: 3, visibleRows: 4) == 3)
    }

    @Test("offset(keeping:) scrolls up to a selection above the window")
    func offsetAbove() {
        #expect(Table.offset(keeping: 1, previous: 3, visibleRows: 4) == 1)
        #expect(Table.offset(keeping: 0, previous: 10, visibleRows: 4) == 0)
    }

    @Test("offset(keeping:) scrolls down just far enough for a selection below the window")
    func offsetBelow() {
        #expect(Table.offset(keeping: 7, previous: 3, visibleRows: 4) == 4)
        #expect(Table.offset(keeping: 20, previous: 0, visibleRows: 5) == 16)
    }

    @Test("offset(keeping:) with no visible rows, or negative input, stays sane")
    func offsetEdges() {
        #expect(Table.offset(keeping: 7, previous: 3, visibleRows: 0) == 7)
        #expect(Table.offset(keeping: 2, previous: 3, visibleRows: -1) == 2)
        #expect(Table.offset(keeping: -1, previous: 3, visibleRows: 4) == 0)
        #expect(Table.offset(keeping: 0, previous: -2, visibleRows: 4) == 0)
    }

    @Test("rows are drawn from offset, as many as fit below the header")
    func offsetRendering() {
        let rows = (0..<6).map { TableRow(["row \($0)"]) }
        let table = Table(columns: [TableColumn("Name", .flex(min: 1))], rows: rows, offset: 2)
        #expect(render(table, width: 10, height: 3).lines() == [" Name", " row 2", " row 3"])
    }

    @Test("without a header, data starts on the first row")
    func noHeader() {
        let rows = (0..<3).map { TableRow(["row \($0)"]) }
        let table = Table(columns: [TableColumn("Name", .flex(min: 1))], rows: rows, showsHeader: false)
        #expect(render(table, width: 10, height: 2).lines() == [" row 0", " row 1"])
    }

    @Test("an empty table shows nothing below the header, leaving those cells alone")
    func emptyTable() {
        var buffer = Buffer(width: 12, height: 3)
        buffer.write("underneath", x: 0, y: 2)
        Table(columns: Self.columns, rows: []).render(into: &buffer, area: Rect(x: 0, y: 0, width: 12, height: 3), theme: theme)
        #expect(buffer.lines() == [" Name  Count", "", "underneath"])
    }

    @Test("row(atScreenY:) accounts for the area, the header and the offset")
    func rowAtY() {
        let rows = (0..<5).map { TableRow(["row \($0)"]) }
        let area = Rect(x: 0, y: 2, width: 10, height: 4)
        var table = Table(columns: [TableColumn("Name", .flex(min: 1))], rows: rows, offset: 1)
        #expect(table.row(atScreenY: 1, area: area) == nil)
        #expect(table.row(atScreenY: 2, area: area) == nil)  // the header
        #expect(table.row(atScreenY: 3, area: area) == 1)
        #expect(table.row(atScreenY: 5, area: area) == 3)
        #expect(table.row(atScreenY: 6, area: area) == nil)  // below the area
        table.offset = 3
        #expect(table.row(atScreenY: 4, area: area) == 4)
        #expect(table.row(atScreenY: 5, area: area) == nil)  // past the last row
        table.showsHeader = false
        #expect(table.row(atScreenY: 2, area: area) == 3)
    }

    @Test("the selected row is .selection across the full width, over cell roles")
    func selectionStyle() {
        let rows = [TableRow(["a", TableCell("bad", .bad)]), TableRow(["b", TableCell("bad", .bad)], marked: true)]
        let table = Table(columns: [TableColumn("X", .fixed(2)), TableColumn("Y", .fixed(3))], rows: rows, selected: 1)
        let buffer = render(table, width: 12, height: 3)
        for x in 0..<12 { #expect(buffer[x, 2].style == theme.style(.selection), "column \(x)") }
        #expect(buffer[4, 1].style == theme.style(.bad))
        #expect(buffer.lines() == [" X  Y", " a  bad", "*b  bad"])
    }

    @Test("a cell's role overrides the row's role for its text only")
    func cellRole() {
        let row = TableRow(["name", TableCell("FAILED", .bad), "x"], role: .muted)
        let table = Table(
            columns: [TableColumn("A", .fixed(4)), TableColumn("B", .fixed(6)), TableColumn("C", .fixed(1))],
            rows: [row], showsHeader: false)
        let buffer = render(table, width: 14, height: 1)
        #expect(buffer.lines() == [" name FAILED x"])
        #expect(buffer[1, 0].style == theme.style(.muted))
        #expect(buffer[5, 0].style == theme.style(.muted))
        for x in 6..<12 { #expect(buffer[x, 0].style == theme.style(.bad)) }
        #expect(buffer[13, 0].style == theme.style(.muted))
    }

    @Test("marked rows show * in the gutter in .marked")
    func markedGutter() {
        let rows = [TableRow(["a"], marked: true), TableRow(["b"])]
        let table = Table(columns: [TableColumn("X", .fixed(3))], rows: rows, showsHeader: false)
        let buffer = render(table, width: 5, height: 2)
        #expect(buffer.lines() == ["*a", " b"])
        #expect(buffer[0, 0].style == theme.style(.marked))
        #expect(buffer[1, 0].style == theme.style(.text))
    }

    @Test("wide CJK text counts two columns per character, so columns stay aligned")
    func wideText() {
        let table = Table(
            columns: [TableColumn("Name", .fixed(6)), TableColumn("St", .fixed(2))],
            rows: [TableRow(["日本語", "ok"]), TableRow(["abc", "ok"]), TableRow(["日本語です", "ok"])],
            showsHeader: false)
        let buffer = render(table, width: 10, height: 3)
        #expect(buffer.lines() == [" 日本語 ok", " abc    ok", " 日本…  ok"])
        for y in 0..<3 { #expect(buffer[8, y].symbol == "o", "row \(y)") }
    }

    @Test("control characters in cell text appear escaped and count as their escape")
    func escapedCells() {
        let table = Table(
            columns: [TableColumn("Name", .fixed(9)), TableColumn("N", .fixed(1))],
            rows: [TableRow(["\u{1b}[31mred", "1"]), TableRow(["a\nb", "2"])], showsHeader: false)
        #expect(render(table, width: 12, height: 2).lines() == [#" \x1b[31m… 1"#, #" a\nb      2"#])
    }

    @Test("TableCell is expressible by a string literal, without a role")
    func cellLiteral() {
        let cell: TableCell = "abc"
        #expect(cell == TableCell("abc"))
        #expect(cell.role == nil)
    }
}
