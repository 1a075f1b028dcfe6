/// The verdict of walking the audit chain.
public enum AuditVerification: Sendable, Hashable {
    /// Every row checks out; `headHash` is the last row's hash.
    case intact(rows: Int, headHash: String)
    /// The chain breaks at `failure.id`; `checkedBefore` rows before it were good.
    case broken(Failure, checkedBefore: Int)

    /// The first bad row and why.
    public struct Failure: Sendable, Hashable {
        public var id: Int64
        public var reason: String
        public init(id: Int64, reason: String) {
            self.id = id
            self.reason = reason
        }
    }

    /// True when the chain is intact.
    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}
