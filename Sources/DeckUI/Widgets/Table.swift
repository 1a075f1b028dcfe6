/// A scrolling table with a header, a selected row and marked rows: the main list of every
/// console view.
///
/// The layout, left to right: a one-column gutter holding "*" for marked rows, then the
/// columns separated by one space. The table only draws; the view owns `selected` and
/// `offset` and keeps them in step with `offset(keeping:previous:visibleRows:)`.
public struct Table: Sendable {
    /// The columns, left to right.
    public var columns: [TableColumn]
    /// The data rows, in display order (the view sorts them).
    public var rows: [TableRow]
    /// The index into `rows` of the row under the cursor, if any.
    public var selected: Int?
    /// The index of the first row shown.
    public var offset: Int
    /// The column the rows are sorted by, marked "▲" or "▼" in the header.
    public var sortColumn: Int?
    /// True when `sortColumn` sorts ascending.
    public var sortAscending: Bool
    /// True to draw the header row above the data.
    public var showsHeader: Bool

    /// A table of `columns` and `rows`, nothing selected, showing the header, scrolled to the top.
    public init(
        columns: [TableColumn], rows: [TableRow], selected: Int? = nil, offset: Int = 0,
        sortColumn: Int? = nil, sortAscending: Bool = true, showsHeader: Bool = true
    ) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.showsHeader = showsHeader
    }

    /// Columns of the gutter that holds the mark of marked rows.
    static let gutterWidth = 1

    /// Draws the header and the rows from `offset` that fit in `area`.
    ///
    /// Cell text too long for its column is cut and ends in "…". The selected row is drawn
    /// in `.selection` across the whole width, over any cell role. Rows of `area` below the
    /// last data row are left untouched, so the view can draw its own empty message.
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(totalWidth: area.width)
        var y = area.y
        if showsHeader {
            renderHeader(into: &buffer, area: area.row(0), widths: widths, theme: theme)
            y += 1
        }
        var index = max(offset, 0)
        while y < area.maxY, index < rows.count {
            renderRow(index, into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: 1), widths: widths, theme: theme)
            y += 1
            index += 1
        }
    }

    /// Column widths for a total width: fixed columns get their width, flex columns share
    /// what is left evenly (never below min); one space between columns; a 1-column gutter
    /// at the left holds "*" (role .marked) for marked rows.
    ///
    /// A flex column whose minimum exceeds its even share keeps its minimum and the others
    /// share the rest; a remainder that does not divide evenly goes to the leftmost flex
    /// columns. When even the minimums do not fit, the table is wider than `totalWidth`
    /// and drawing clips it.
    public func columnWidths(totalWidth: Int) -> [Int] {
        var widths = columns.map { column -> Int in
            if case .fixed(let width) = column.width { return max(width, 0) }
            return 0
        }
        var flexible: [Int] = columns.indices.filter {
            if case .flex = columns[$0].width { return true }
            return false
        }
        guard !flexible.isEmpty else { return widths }
        let separators = max(columns.count - 1, 0)
        var remaining = max(totalWidth - Self.gutterWidth - separators - widths.reduce(0, +), 0)
        // Columns whose minimum exceeds the even share take their minimum, until the rest agree.
        while !flexible.isEmpty {
            let share = remaining / flexible.count
            let greedy = flexible.filter { minimum(of: $0) > share }
            if greedy.isEmpty { break }
            for index in greedy {
                widths[index] = minimum(of: index)
                remaining = max(remaining - widths[index], 0)
            }
            flexible.removeAll { greedy.contains($0) }
        }
        guard !flexible.isEmpty else { return widths }
        let share = remaining / flexible.count
        let extra = remaining % flexible.count
        for (position, index) in flexible.enumerated() {
            widths[index] = share + (position < extra ? 1 : 0)
        }
        return widths
    }

    /// The offset that keeps `selected` visible given the previous offset and the number of
    /// visible data rows.
    ///
    /// The window moves only as far as needed: up to the selection when it is above, down
    /// until it is the last visible row when it is below. With no visible rows the
    /// selection becomes the first row, ready for when the area grows. Never negative.
    public static func offset(keeping selected: Int, previous: Int, visibleRows: Int) -> Int {
        let selected = max(selected, 0)
        let previous = max(previous, 0)
        guard visibleRows > 0 else { return selected }
        if selected < previous { return selected }
        if selected >= previous + visibleRows { return selected - visibleRows + 1 }
        return previous
    }

    /// The row index under screen row `y` of `area`, if any (accounts for header and offset).
    ///
    /// For mouse clicks: the header row, rows outside `area` and rows below the last data
    /// row give `nil`.
    public func row(atScreenY y: Int, area: Rect) -> Int? {
        guard y >= area.y, y < area.maxY else { return nil }
        let line = y - area.y - (showsHeader ? 1 : 0)
        guard line >= 0 else { return nil }
        let index = max(offset, 0) + line
        return index < rows.count ? index : nil
    }

    /// The screen column where each column starts, and how much of it fits in `area`.
    private func columnSpans(area: Rect, widths: [Int]) -> [(x: Int, width: Int)] {
        var x = area.x + Self.gutterWidth
        var spans: [(x: Int, width: Int)] = []
        for width in widths {
            spans.append((x, max(min(width, area.maxX - x), 0)))
            x += width + 1
        }
        return spans
    }

    private func renderHeader(into buffer: inout Buffer, area: Rect, widths: [Int], theme: Theme) {
        let style = theme.style(.tableHeader)
        buffer.fill(area, style: style)
        for (index, span) in columnSpans(area: area, widths: widths).enumerated() where span.width > 0 {
            let column = columns[index]
            let title: String
            if sortColumn == index {
                let arrow = sortAscending ? "▲" : "▼"
                title = TextFit.truncate(column.title, toWidth: span.width - 1) + arrow
            } else {
                title = TextFit.truncate(column.title, toWidth: span.width)
            }
            write(title, alignment: column.alignment, into: &buffer, x: span.x, y: area.y, width: span.width, style: style)
        }
    }

    private func renderRow(_ index: Int, into buffer: inout Buffer, area: Rect, widths: [Int], theme: Theme) {
        let row = rows[index]
        let isSelected = selected == index
        let rowStyle = theme.style(isSelected ? .selection : row.role)
        buffer.fill(area, style: rowStyle)
        if row.marked {
            buffer.write("*", x: area.x, y: area.y, style: isSelected ? rowStyle : theme.style(.marked), maxWidth: min(Self.gutterWidth, area.width))
        }
        for (column, span) in columnSpans(area: area, widths: widths).enumerated() where span.width > 0 {
            guard column < row.cells.count else { continue }
            let cell = row.cells[column]
            let style = isSelected ? rowStyle : theme.style(cell.role ?? row.role)
            let text = TextFit.truncate(cell.text, toWidth: span.width)
            write(text, alignment: columns[column].alignment, into: &buffer, x: span.x, y: area.y, width: span.width, style: style)
        }
    }

    /// Writes already fitted `text` in a column `width` wide, padded on the left when right-aligned.
    private func write(_ text: String, alignment: Alignment, into buffer: inout Buffer, x: Int, y: Int, width: Int, style: Style) {
        let padding = alignment == .right ? max(width - TextWidth.of(text), 0) : 0
        buffer.write(text, x: x + padding, y: y, style: style, maxWidth: width - padding)
    }

    private func minimum(of column: Int) -> Int {
        if case .flex(let minimum) = columns[column].width { return max(minimum, 0) }
        return 0
    }
}
