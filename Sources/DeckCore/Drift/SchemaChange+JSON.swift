extension SchemaChange {
    /// The change as stored in a drift alert's diff: `path`, `kind`, `breaking`, `detail`,
    /// and `before`/`after` only when present (so an absent value and JSON `null` differ).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "path": .string(path), "kind": .string(kind.rawValue), "breaking": .bool(breaking), "detail": .string(detail),
        ]
        if let before { members["before"] = before }
        if let after { members["after"] = after }
        return .object(members)
    }

    /// Reads a change written by `json`; nil when a required member is missing or mistyped.
    public init?(json: JSONValue) {
        guard case .object(let members) = json, case .string(let path)? = members["path"],
              case .string(let rawKind)? = members["kind"], let kind = SchemaChangeKind(rawValue: rawKind),
              case .bool(let breaking)? = members["breaking"], case .string(let detail)? = members["detail"]
        else { return nil }
        self.init(
            kind: kind, path: path, breaking: breaking, before: members["before"], after: members["after"], detail: detail)
    }
}

extension SchemaChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, path, breaking, before, after, detail
    }

    /// Decodes the keys `json` writes; a present `before`/`after` of `null` stays `.null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(SchemaChangeKind.self, forKey: .kind)
        path = try container.decode(String.self, forKey: .path)
        breaking = try container.decode(Bool.self, forKey: .breaking)
        detail = try container.decode(String.self, forKey: .detail)
        // Not `contains ? decode : nil`: JSONValue is nil-literal expressible, so that `nil`
        // would be `.null`, not absent.
        before = try Self.decodeIfPresent(container, .before)
        after = try Self.decodeIfPresent(container, .after)
    }

    /// The value under `key`, JSON `null` included; nil only when the key is missing.
    private static func decodeIfPresent(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
    ) throws -> JSONValue? {
        guard container.contains(key) else { return Optional<JSONValue>.none }
        return try container.decode(JSONValue.self, forKey: key)
    }

    /// Encodes the keys `json` writes, leaving out an absent `before`/`after`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(path, forKey: .path)
        try container.encode(breaking, forKey: .breaking)
        try container.encode(detail, forKey: .detail)
        if let before { try container.encode(before, forKey: .before) }
        if let after { try container.encode(after, forKey: .after) }
    }
}
