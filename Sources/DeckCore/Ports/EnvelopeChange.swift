/// One transition for one envelope, in a batch of different transitions.
public struct EnvelopeChange: Sendable, Hashable {
    public var id: EnvelopeID
    public var transition: EnvelopeTransition

    public init(_ id: EnvelopeID, _ transition: EnvelopeTransition) {
        self.id = id
        self.transition = transition
    }
}
