import DeckCore

/// The ports a worker needs from the store.
public typealias WorkerStore = OutboxQueue & OutboxRepository & HeartbeatRepository
