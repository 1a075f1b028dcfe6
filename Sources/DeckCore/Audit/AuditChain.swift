/// The rules of the audit hash chain, shared by every store.
public enum AuditChain {
    /// The `prev_hash` of the first row.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Walks rows in id order and reports the first that breaks the chain.
    ///
    /// `hash` is the store's SHA-256 (hex) over `AuditRecord.canonicalBytes`. A row is bad
    /// when its id does not follow the previous one, its `prev_hash` is not the previous
    /// row's hash, or its own hash does not match its fields. Given checkpoints (already
    /// checked for their signatures), the row each one names must carry the hash it signed,
    /// and the log must reach it: otherwise rows at or before it were rewritten or deleted.
    public struct Verifier {
        private let hash: ([UInt8]) -> String
        private var previousID: Int64
        /// Nil while resuming: the first row's `prev_hash` is vouched for by its checkpoint.
        private var previousHash: String?
        /// Checkpoints not yet reached, fewest rows first.
        private var pending: ArraySlice<AuditCheckpoint>
        /// Rows checked by this walk.
        public private(set) var checked = 0
        /// The first problem found, if any; later rows are not examined.
        public private(set) var failure: AuditVerification.Failure?

        /// A walk from the first row, holding the log to `checkpoints`.
        public init(hash: @escaping ([UInt8]) -> String, checkpoints: [AuditCheckpoint] = []) {
            self.hash = hash
            previousID = 0
            previousHash = AuditChain.genesisHash
            pending = ArraySlice(checkpoints.filter { $0.rows > 0 }.sorted { $0.rows < $1.rows })
        }

        /// A walk that starts at row `checkpoint.rows` (which must carry the checkpoint's head)
        /// and checks every row after it: what a new checkpoint needs, without re-reading the
        /// rows an earlier one already vouches for.
        public init(hash: @escaping ([UInt8]) -> String, resumingAt checkpoint: AuditCheckpoint) {
            self.init(hash: hash, checkpoints: [checkpoint])
            if checkpoint.rows > 0 {
                previousID = checkpoint.rows - 1
                previousHash = nil
            }
        }

        /// The id the walk expects next (a resumed walk reads from here).
        public var nextID: Int64 { previousID + 1 }

        /// Checks the next row; returns false once the chain is broken.
        public mutating func check(_ record: AuditRecord) -> Bool {
            guard failure == nil else { return false }
            if record.id != previousID + 1 {
                failure = .init(id: record.id, reason: "row id \(record.id) follows \(previousID): rows are missing")
            } else if let previousHash, record.prevHash != previousHash {
                failure = .init(id: record.id, reason: "prev_hash does not match row \(previousID)'s hash")
            } else if hash(record.canonicalBytes) != record.hash {
                failure = .init(id: record.id, reason: "hash does not match the row's contents")
            }
            while failure == nil, let next = pending.first, next.rows == record.id {
                if record.hash != next.headHash {
                    failure = .init(
                        id: record.id,
                        reason: "row \(record.id)'s hash is not the one the checkpoint of \(next.at) signed: "
                            + "rows at or before it were rewritten")
                }
                pending.removeFirst()
            }
            guard failure == nil else { return false }
            previousID = record.id
            previousHash = record.hash
            checked += 1
            return true
        }

        /// The verdict after the last row.
        public var result: AuditVerification {
            if let failure { return .broken(failure, checkedBefore: Int(previousID)) }
            if let missing = pending.last {
                if checked == 0, previousHash == nil {
                    return .broken(
                        .init(id: previousID + 1, reason: "row \(previousID + 1), which the checkpoint of \(missing.at) signed, is gone: rows were deleted"),
                        checkedBefore: 0)
                }
                let end = previousID == 0 ? "the log is empty" : "the log ends at row \(previousID)"
                return .broken(
                    .init(
                        id: previousID + 1,
                        reason: "\(end), but the checkpoint of \(missing.at) signed \(missing.rows) rows: rows were deleted"),
                    checkedBefore: Int(previousID))
            }
            return .intact(rows: Int(previousID), headHash: previousHash ?? AuditChain.genesisHash)
        }
    }
}
