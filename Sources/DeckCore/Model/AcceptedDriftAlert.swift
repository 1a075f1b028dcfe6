/// An accepted drift alert and what accepting it released.
public struct AcceptedDriftAlert: Sendable, Hashable {
    public var alert: DriftAlert
    /// The pending envelopes the alert held, due again from the moment of acceptance.
    public var released: [EnvelopeID]

    public init(alert: DriftAlert, released: [EnvelopeID]) {
        self.alert = alert
        self.released = released
    }
}
