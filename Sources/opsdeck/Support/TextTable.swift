import DeckCore

/// Plain-text columns for CLI listings; every cell is sanitized and clipped.
struct TextTable {
    private let headers: [String]
    private var rows: [[String]] = []
    private let maxWidth: Int

    init(_ headers: [String], maxCellWidth: Int = 48) {
        self.headers = headers
        self.maxWidth = maxCellWidth
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map { clip(TerminalText.sanitize($0)) })
    }

    private func clip(_ text: String) -> String {
        text.count <= maxWidth ? text : String(text.prefix(maxWidth - 1)) + "…"
    }

    /// The table as lines, columns separated by two spaces, trailing spaces trimmed.
    var text: String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (index, cell) in cells.enumerated() {
                out += cell
                if index + 1 < cells.count { out += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            return out
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

extension Timestamp {
    /// `YYYY-MM-DD HH:MM:SS` in UTC, for tables.
    var tableText: String {
        let iso = iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }
}
