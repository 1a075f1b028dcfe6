import DeckCore

/// Every port of the control plane, on PostgreSQL (the conformances are in the
/// `PostgresStore+…` files, one per concern).
extension PostgresStore: ControlPlaneStore {}
