/// The rules of the audit hash chain, shared by every store.
public enum AuditChain {
    /// The `prev_hash` of the first row.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Walks rows in id order and reports the first that breaks the chain.
    ///
    /// `hash` is the store's SHA-256 (hex) over `AuditRecord.canonicalBytes`. A row is bad
    /// when its id does not follow the previous one, its `prev_hash` is not the previous
    /// row's hash, or its own hash does not match its fields.
    public struct Verifier {
        private let hash: ([UInt8]) -> String
        private var previousID: Int64 = 0
        private var previousHash = AuditChain.genesisHash
        /// Rows checked so far.
        public private(set) var checked = 0
        /// The first problem found, if any; later rows are not examined.
        public private(set) var failure: AuditVerification.Failure?

        public init(hash: @escaping ([UInt8]) -> String) { self.hash = hash }

        /// Checks the next row; returns false once the chain is broken.
        public mutating func check(_ record: AuditRecord) -> Bool {
            guard failure == nil else { return false }
            if record.id != previousID + 1 {
                failure = .init(id: record.id, reason: "row id \(record.id) follows \(previousID): rows are missing")
            } else if record.prevHash != previousHash {
                failure = .init(id: record.id, reason: "prev_hash does not match row \(previousID)'s hash")
            } else if hash(record.canonicalBytes) != record.hash {
                failure = .init(id: record.id, reason: "hash does not match the row's contents")
            }
            guard failure == nil else { return false }
            previousID = record.id
            previousHash = record.hash
            checked += 1
            return true
        }

        /// The verdict after the last row.
        public var result: AuditVerification {
            if let failure { return .broken(failure, checkedBefore: checked) }
            return .intact(rows: checked, headHash: previousHash)
        }
    }
}
