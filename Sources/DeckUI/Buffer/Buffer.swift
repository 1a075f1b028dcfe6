import DeckCore

/// A grid of cells a frame is drawn into; widgets write here, backends diff two of them.
///
/// Every string reaches the grid through `write(_:at:…)`, which escapes control
/// characters (`TerminalText`) and lays out wide and combining characters: this is the one
/// place untrusted text is made safe for the terminal.
public struct Buffer: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// A buffer of `width`×`height` blank cells in `style`.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; reading outside gives a blank cell, writing outside is ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank() }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills `rect` with blank cells in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x] = .blank(style) }
        }
    }

    /// Lays `style` over every cell of `rect`, keeping the symbols.
    public mutating func apply(_ style: Style, to rect: Rect) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = cells[y * width + x].style.patched(with: style) }
        }
    }

    /// Replaces the style of every cell of `rect`.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = style }
        }
    }

    /// `rect` clipped to the buffer.
    public func clip(_ rect: Rect) -> Rect {
        let x0 = max(rect.x, 0)
        let y0 = max(rect.y, 0)
        let x1 = min(rect.maxX, width)
        let y1 = min(rect.maxY, height)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Writes `text` from (`x`, `y`) in `style`, at most `maxWidth` columns (default: to the
    /// right edge), escaping control characters. A wide character that would straddle the
    /// limit is replaced by a space. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth.map { x + max($0, 0) } ?? width, width)
        var column = x
        for character in TerminalText.sanitize(text) {
            let columns = TextWidth.of(character)
            if columns == 0 {
                appendCombining(character, before: column, y: y)
                continue
            }
            if column + columns > limit {
                if column < limit && columns == 2 { self[column, y] = Cell(symbol: " ", width: 1, style: style) ; column += 1 }
                break
            }
            if column >= 0 {
                clearWide(at: column, y: y)
                self[column, y] = Cell(symbol: String(character), width: UInt8(columns), style: style)
                if columns == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell(symbol: "", width: 0, style: style)
                }
            }
            column += columns
        }
        return column - x
    }

    /// The rows as plain text, continuation cells skipped, trailing blanks trimmed: for
    /// snapshots and `opsdeck snapshot`.
    public func lines(trimmingTrailingSpaces: Bool = true) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation { line += cells[y * width + x].symbol }
            if trimmingTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// A zero-width character joins the grapheme to its left, so the column count stays right.
    private mutating func appendCombining(_ character: Character, before column: Int, y: Int) {
        var target = column - 1
        while target >= 0, self[target, y].isContinuation { target -= 1 }
        guard target >= 0, target < width else { return }
        cells[y * width + target].symbol.append(character)
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = .blank(self[x - 1, y].style)
        } else if cell.width == 2, x + 1 < width {
            self[x + 1, y] = .blank(self[x + 1, y].style)
        }
    }
}
