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
        func field(_ text: String?) {
            guard let text else {
                out.append(contentsOf: "-;".utf8)
                return
            }
            out.appendDecimal(Int64(text.utf8.count))
            out.append(UInt8(ascii: ":"))
            out.appendUTF8(text)
            out.append(UInt8(ascii: ";"))
        }
        func field(_ number: Int64?) {
            guard let number else {
                out.append(contentsOf: "-;".utf8)
                return
            }
            out.appendDecimal(Int64([UInt8].decimalLength(of: number)))
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(number)
            out.append(UInt8(ascii: ";"))
        }
        field(id)
        field(createdAt)
        field(tenantID)
        field(category)
        field(action)
        field(envelopeID)
        field(actor)
        out.appendDecimal(Int64(payload.count))
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: payload)
        out.append(UInt8(ascii: ";"))
        field(prevHash)
    }
}
