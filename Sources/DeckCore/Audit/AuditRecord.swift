/// An audit row's fields exactly as stored, payload as its stored text: what the hash covers.
public struct AuditRecord: Sendable, Hashable {
    public var id: Int64
    public var createdAt: Int64
    public var tenantID: String?
    public var category: String
    public var action: String
    public var envelopeID: Int64?
    public var actor: String
    public var payloadText: String
    public var prevHash: String
    public var hash: String

    public init(
        id: Int64, createdAt: Int64, tenantID: String?, category: String, action: String, envelopeID: Int64?,
        actor: String, payloadText: String, prevHash: String, hash: String
    ) {
        self.id = id
        self.createdAt = createdAt
        self.tenantID = tenantID
        self.category = category
        self.action = action
        self.envelopeID = envelopeID
        self.actor = actor
        self.payloadText = payloadText
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The bytes the row's hash is computed over.
    ///
    /// Version tag, then every field except `hash` in a fixed order, each as
    /// `<byte length>:<bytes>;` or `-;` when absent, so no two rows share an encoding.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        writeCanonicalBytes(into: &out)
        return out
    }

    /// Replaces `out`'s contents with `canonicalBytes`, reusing its storage (writers hash
    /// many rows in a row).
    public func writeCanonicalBytes(into out: inout [UInt8]) {
        var payload = payloadText
        payload.withUTF8 { payload in
            Self.writeCanonicalBytes(
                id: id, createdAt: createdAt, tenantID: tenantID, category: category, action: action, envelopeID: envelopeID,
                actor: actor, payload: payload, prevHash: prevHash, into: &out)
        }
    }

    /// The canonical bytes of a row given field by field, the payload as its UTF-8 bytes:
    /// for writers that build the payload in a buffer (the one encoding; see `canonicalBytes`).
    public static func writeCanonicalBytes(
        id: Int64, createdAt: Int64, tenantID: String?, category: String, action: String, envelopeID: Int64?,
        actor: String, payload: UnsafeBufferPointer<UInt8>, prevHash: String, into out: inout [UInt8]
    ) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(224 + payload.count)
        out.append(contentsOf: "opsdeck-audit-v1;".utf8)
        func field<Bytes: Collection<UInt8>>(_ bytes: Bytes?) {
            guard let bytes else {
                out.append(contentsOf: "-;".utf8)
                return
            }
            out.append(contentsOf: String(bytes.count).utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: ";"))
        }
        field(String(id).utf8)
        field(String(createdAt).utf8)
        field(tenantID?.utf8)
        field(category.utf8)
        field(action.utf8)
        field(envelopeID.map { String($0).utf8 })
        field(actor.utf8)
        field(payload)
        field(prevHash.utf8)
    }
}
