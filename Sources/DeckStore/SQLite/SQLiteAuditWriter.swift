import DeckCore
import GRDB

/// Extends the audit chain inside the caller's write transaction.
///
/// Reads the chain head once, then assigns consecutive ids and hashes. Because writes hold
/// SQLite's write lock (immediate transactions), no other process can append in between.
struct SQLiteAuditWriter {
    private let db: Database
    private let now: Timestamp
    private var lastID: Int64
    private var lastHash: String
    private let insert: Statement

    init(_ db: Database, now: Timestamp) throws {
        self.db = db
        self.now = now
        if let head = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") {
            lastID = head["id"]
            lastHash = head["hash"]
        } else {
            lastID = 0
            lastHash = AuditChain.genesisHash
        }
        insert = try db.cachedStatement(sql: """
            INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Appends one row and returns it as stored.
    @discardableResult
    mutating func append(_ entry: AuditEntry) throws -> AuditEvent {
        let id = lastID + 1
        let (event, payloadText) = AuditEvent.sealing(entry, id: id, at: now, prevHash: lastHash)
        try insert.execute(arguments: [
            id, entry.tenantID?.rawValue, entry.category.rawValue, entry.action, entry.envelopeID?.rawValue,
            entry.actor, payloadText, now.millisecondsSinceEpoch, lastHash, event.hash,
        ])
        lastID = id
        lastHash = event.hash
        return event
    }
}
