import DeckCore

extension AuditEvent {
    /// This event as the hash chain sees it.
    package var record: AuditRecord {
        AuditRecord(
            id: id.rawValue, createdAt: createdAt.millisecondsSinceEpoch, tenantID: tenantID?.rawValue,
            category: category.rawValue, action: action, envelopeID: envelopeID?.rawValue, actor: actor,
            payloadText: payload.canonicalText, prevHash: prevHash, hash: hash)
    }

    /// Seals `entry` as row `id` after `prevHash`: the stored payload text and the row's hash.
    package static func sealing(
        _ entry: AuditEntry, id: Int64, at now: Timestamp, prevHash: String
    ) -> (event: AuditEvent, payloadText: String) {
        let payloadText = entry.payload.canonicalText
        let record = AuditRecord(
            id: id, createdAt: now.millisecondsSinceEpoch, tenantID: entry.tenantID?.rawValue,
            category: entry.category.rawValue, action: entry.action, envelopeID: entry.envelopeID?.rawValue,
            actor: entry.actor, payloadText: payloadText, prevHash: prevHash, hash: "")
        let event = AuditEvent(
            id: AuditEventID(id), tenantID: entry.tenantID, category: entry.category, action: entry.action,
            envelopeID: entry.envelopeID, actor: entry.actor, payload: entry.payload, createdAt: now,
            prevHash: prevHash, hash: AuditHasher.hash(record))
        return (event, payloadText)
    }
}
