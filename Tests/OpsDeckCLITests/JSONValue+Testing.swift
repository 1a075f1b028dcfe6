import DeckCore

/// Short reads of CLI JSON output in assertions.
extension JSONValue {
    /// The integer when this is an integer.
    var int: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The Bool when this is a Bool.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// True for JSON `null`.
    var isNull: Bool { self == .null }

    /// The string of member `key`.
    func string(_ key: String) -> String? { self[key]?.stringValue }

    /// The integer of member `key`.
    func int(_ key: String) -> Int64? { self[key]?.int }
}
