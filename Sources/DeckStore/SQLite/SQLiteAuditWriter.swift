import DeckCore
import GRDB
import Synchronization

/// Extends the audit chain inside the caller's write transaction.
///
/// Reads the chain head once, then assigns consecutive ids and hashes. Because writes hold
/// SQLite's write lock (immediate transactions), no other process can append in between.
struct SQLiteAuditWriter {
    private let now: Timestamp
    private var lastID: Int64
    private var lastHash: String
    private let insert: SQLiteRawStatement
    /// The canonical bytes of the row being hashed, reused row after row.
    private var scratch: [UInt8] = []
    /// The payload of the envelope row being written, reused row after row.
    private var payload: [UInt8] = []
    /// The texts bound to the insert, gathered row after row in one buffer.
    private var arena: [UInt8] = []
    /// Batched mode: envelope rows hashed but not inserted yet, written by `flush()` with
    /// multi-row inserts (their ids, and their texts' spans in `batchTexts`).
    private let batched: Bool
    private let db: Database
    private var batchIDs: [(id: Int64, envelopeID: Int64)] = []
    private var batchSpans: [(offset: Int, count: Int)] = []
    private var batchTexts: [UInt8] = []

    /// Rows per multi-row insert in batched mode.
    static let rowsPerInsert = 32

    /// A writer appending after the chain's head. `batched`: envelope transition rows are
    /// inserted `rowsPerInsert` at a time — the caller must `flush()` before its transaction
    /// ends (the worker's claims; measured: one statement step per row cost more than the rest
    /// of the row's insert).
    init(_ db: Database, now: Timestamp, batched: Bool = false) throws {
        self.now = now
        self.db = db
        self.batched = batched
        let head = try SQLiteRawStatement.cached(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
        defer { head.done() }
        if try head.next() {
            lastID = head.int64(0)
            lastHash = head.text(1) ?? ""
        } else {
            lastID = 0
            lastHash = AuditChain.genesisHash
        }
        insert = try SQLiteRawStatement.cached(db, sql: """
            INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Appends one row and returns it as stored.
    @discardableResult
    mutating func append(_ entry: AuditEntry) throws -> AuditEvent {
        try flush()
        let record = try append(
            tenantID: entry.tenantID?.rawValue, category: entry.category.rawValue, action: entry.action,
            envelopeID: entry.envelopeID?.rawValue, actor: entry.actor, payloadText: entry.payload.canonicalText)
        return AuditEvent(
            id: AuditEventID(record.id), tenantID: entry.tenantID, category: entry.category, action: entry.action,
            envelopeID: entry.envelopeID, actor: entry.actor, payload: entry.payload, createdAt: now,
            prevHash: record.prevHash, hash: record.hash)
    }

    /// Appends the row of an envelope's transition (none for a lease renewal), its payload
    /// written straight to canonical text.
    ///
    /// Two such rows per execution are written inside the claim transaction: the payload and
    /// the hashed bytes are built in buffers reused row after row, and bound from them.
    mutating func append(_ transition: EnvelopeTransition, from before: Envelope, to after: Envelope, actor: String) throws {
        guard let action = transition.auditAction else { return }
        payload.removeAll(keepingCapacity: true)
        EnvelopeAudit.writeTransitionedPayload(transition, from: before, to: after, into: &payload)
        let id = lastID + 1
        let category = AuditCategory.envelope.rawValue
        let tenant = after.tenantID.rawValue
        payload.withUnsafeBufferPointer { payload in
            AuditRecord.writeCanonicalBytes(
                id: id, createdAt: now.millisecondsSinceEpoch, tenantID: tenant, category: category, action: action,
                envelopeID: after.id.rawValue, actor: actor, payload: payload, prevHash: lastHash, into: &scratch)
            insert.bind(7, payload)
        }
        let hash = AuditHasher.hash(canonical: scratch)
        if batched {
            batchIDs.append((id, after.id.rawValue))
            appendBatchText(tenant)
            appendBatchText(category)
            appendBatchText(action)
            appendBatchText(actor)
            let offset = batchTexts.count
            batchTexts.append(contentsOf: payload)
            batchSpans.append((offset, payload.count))
            appendBatchText(lastHash)
            appendBatchText(hash)
            lastID = id
            lastHash = hash
            if batchIDs.count == Self.rowsPerInsert { try flush() }
            return
        }
        insert.bind(1, id)
        insert.bind(5, after.id.rawValue)
        insert.bind(8, now.millisecondsSinceEpoch)
        try insert.run(texts: [(2, tenant), (3, category), (4, action), (6, actor), (9, lastHash), (10, hash)], arena: &arena)
        lastID = id
        lastHash = hash
    }

    private mutating func appendBatchText(_ text: String) {
        let offset = batchTexts.count
        batchTexts.append(contentsOf: text.utf8)
        batchSpans.append((offset, batchTexts.count - offset))
    }

    /// Inserts the batched rows not inserted yet (batched mode; nothing otherwise).
    mutating func flush() throws {
        guard !batchIDs.isEmpty else { return }
        let created = now.millisecondsSinceEpoch
        let statement = try SQLiteRawStatement.cached(db, sql: Self.batchSQL(rows: batchIDs.count))
        try batchTexts.withUnsafeBufferPointer { texts in
            for (row, ids) in batchIDs.enumerated() {
                let first = Int32(row) * 10 + 1
                statement.bind(first, ids.id)
                statement.bind(first + 4, ids.envelopeID)
                statement.bind(first + 7, created)
                for (field, parameter) in Self.batchTextParameters.enumerated() {
                    let span = batchSpans[row * 7 + field]
                    statement.bindStatic(first + parameter, UnsafeBufferPointer(rebasing: texts[span.offset..<span.offset + span.count]))
                }
            }
            try statement.run()
        }
        batchIDs.removeAll(keepingCapacity: true)
        batchSpans.removeAll(keepingCapacity: true)
        batchTexts.removeAll(keepingCapacity: true)
    }

    /// Where a batched row's texts go among its ten parameters: tenant, category, action, actor,
    /// payload, prev_hash, hash (offsets from the row's first parameter).
    private static let batchTextParameters: [Int32] = [1, 2, 3, 5, 6, 8, 9]

    /// The multi-row insert of `rows` rows, built once per size.
    private static func batchSQL(rows: Int) -> String {
        if let known = batchStatements.withLock({ $0[rows] }) { return known }
        let sql = "INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash) VALUES "
            + Array(repeating: "(?,?,?,?,?,?,?,?,?,?)", count: rows).joined(separator: ",")
        batchStatements.withLock { $0[rows] = sql }
        return sql
    }

    private static let batchStatements = Mutex<[Int: String]>([:])

    /// Appends many rows of one category, action and actor, computing their hashes in order
    /// and inserting them with multi-row statements.
    mutating func appendAll(
        category: String, action: String, actor: String,
        rows: [(tenantID: String?, envelopeID: Int64?, payloadText: String)], db: Database
    ) throws {
        try flush()
        var records: [AuditRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            var record = AuditRecord(
                id: lastID + 1, createdAt: now.millisecondsSinceEpoch, tenantID: row.tenantID, category: category,
                action: action, envelopeID: row.envelopeID, actor: actor, payloadText: row.payloadText, prevHash: lastHash,
                hash: "")
            record.hash = AuditHasher.hash(record, scratch: &scratch)
            lastID = record.id
            lastHash = record.hash
            records.append(record)
        }
        var bulk = SQLiteBulkInsert(
            db, head: "INSERT OR FAIL INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash) VALUES",
            tuple: "(?,?,?,?,?,?,?,?,?,?)", parametersPerRow: 10)
        try bulk.insert(count: records.count) { statement, index, first in
            let record = records[index]
            statement.bind(first, record.id)
            statement.bind(first + 1, record.tenantID)
            statement.bind(first + 2, record.category)
            statement.bind(first + 3, record.action)
            statement.bind(first + 4, record.envelopeID)
            statement.bind(first + 5, record.actor)
            statement.bind(first + 6, record.payloadText)
            statement.bind(first + 7, record.createdAt)
            statement.bind(first + 8, record.prevHash)
            statement.bind(first + 9, record.hash)
        }
    }

    /// Appends one row from its stored fields (`payloadText` must be canonical JSON).
    mutating func append(
        tenantID: String?, category: String, action: String, envelopeID: Int64?, actor: String, payloadText: String
    ) throws -> AuditRecord {
        try flush()
        var record = AuditRecord(
            id: lastID + 1, createdAt: now.millisecondsSinceEpoch, tenantID: tenantID, category: category, action: action,
            envelopeID: envelopeID, actor: actor, payloadText: payloadText, prevHash: lastHash, hash: "")
        record.hash = AuditHasher.hash(record, scratch: &scratch)
        insert.bind(1, record.id)
        insert.bind(2, tenantID)
        insert.bind(3, category)
        insert.bind(4, action)
        insert.bind(5, envelopeID)
        insert.bind(6, actor)
        insert.bind(7, payloadText)
        insert.bind(8, record.createdAt)
        insert.bind(9, record.prevHash)
        insert.bind(10, record.hash)
        try insert.run()
        lastID = record.id
        lastHash = record.hash
        return record
    }
}
