/// How one tool drifted between the cached catalog and the provider's latest one.
///
/// `breaking`, `diffJSON` and `fingerprint` are derived from the stored fields, so they can
/// never disagree with them. A drift becomes a `DriftAlertDraft`; the fingerprint lets the
/// store open one alert per distinct drift however often the monitor sees it.
public struct ToolDrift: Sendable, Hashable {
    /// The tool's slug.
    public var slug: String
    /// The tool's toolkit (the latest listing's, when the tool is in both).
    public var toolkit: String
    /// Added, removed, version bump or schema change.
    public var kind: DriftChangeKind
    /// The cached version; nil for an added tool.
    public var fromVersion: String?
    /// The latest version; nil for a removed tool.
    public var toVersion: String?
    /// The classified schema changes (only for `schema_changed`), in `SchemaDiff` order.
    public var changes: [SchemaChange]

    /// A drift with these fields.
    public init(
        slug: String, toolkit: String, kind: DriftChangeKind, fromVersion: String? = nil, toVersion: String? = nil,
        changes: [SchemaChange] = []
    ) {
        self.slug = slug
        self.toolkit = toolkit
        self.kind = kind
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.changes = changes
    }

    /// Whether envelopes of the tool should be held until an operator accepts: a removed
    /// tool always; a schema change when any of its changes is breaking; an added tool or a
    /// version bump with the same schema never.
    public var breaking: Bool {
        switch kind {
        case .toolRemoved: true
        case .toolAdded, .versionChanged: false
        case .schemaChanged: changes.contains(where: \.breaking)
        }
    }

    /// The alert's `diff` document: `slug`, `toolkit`, `kind`, `from_version`/`to_version`
    /// (null when absent), `breaking` and `changes` (each as `SchemaChange.json`).
    public var diffJSON: JSONValue {
        [
            "slug": .string(slug), "toolkit": .string(toolkit), "kind": .string(kind.rawValue),
            "from_version": fromVersion.map(JSONValue.string) ?? .null,
            "to_version": toVersion.map(JSONValue.string) ?? .null,
            "breaking": .bool(breaking), "changes": .array(changes.map(\.json)),
        ]
    }

    /// Identifies this exact drift: `slug:` and 16 lowercase hex digits of the 64-bit
    /// FNV-1a hash of `diffJSON`'s canonical text, e.g. `GMAIL_SEND_EMAIL:3fa9…`. The same
    /// drift gives the same text in every run and process; any difference in kind,
    /// versions or changes gives another. Not cryptographic: it deduplicates alerts, it
    /// does not authenticate them.
    public var fingerprint: String {
        Self.fingerprint(slug: slug, diff: diffJSON)
    }

    /// The fingerprint of a drift of `slug` whose diff document is `diff` (see `fingerprint`).
    public static func fingerprint(slug: String, diff: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in diff.canonicalText.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return slug + ":" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Reads a drift back from an alert's diff document (extra members such as `latest` are
    /// ignored); nil when it is not one `diffJSON` wrote.
    public init?(diffJSON: JSONValue) {
        guard case .string(let slug)? = diffJSON["slug"], case .string(let toolkit)? = diffJSON["toolkit"],
              case .string(let rawKind)? = diffJSON["kind"], let kind = DriftChangeKind(rawValue: rawKind),
              case .array(let items)? = diffJSON["changes"]
        else { return nil }
        var changes: [SchemaChange] = []
        for item in items {
            guard let change = SchemaChange(json: item) else { return nil }
            changes.append(change)
        }
        self.init(
            slug: slug, toolkit: toolkit, kind: kind, fromVersion: diffJSON["from_version"]?.stringValue,
            toVersion: diffJSON["to_version"]?.stringValue, changes: changes)
    }

    /// The alert to open for this drift in `tenantID`'s catalog.
    public func alertDraft(tenantID: TenantID) -> DriftAlertDraft {
        DriftAlertDraft(
            tenantID: tenantID, toolSlug: slug, toolkit: toolkit, kind: kind, breaking: breaking,
            fromVersion: fromVersion, toVersion: toVersion, diff: diffJSON, fingerprint: fingerprint)
    }
}
