/// What a submission stored.
public struct SubmitReceipt: Sendable, Hashable {
    /// One id per draft, in the drafts' order; a resubmitted idempotency key yields the
    /// existing envelope's id.
    public var ids: [EnvelopeID]
    /// How many drafts matched an existing idempotency key and were not inserted again.
    public var duplicates: Int

    public init(ids: [EnvelopeID], duplicates: Int) {
        self.ids = ids
        self.duplicates = duplicates
    }
}
