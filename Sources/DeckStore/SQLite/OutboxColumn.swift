import DeckCore

/// The outbox columns a transition may change (besides `updated_at`): how each is named,
/// compared and bound, for writes of only what changed (`OutboxRowWriter`).
enum OutboxColumn: Int, CaseIterable {
    case status, attempts, runAt, leaseOwner, leaseExpiresAt, lastError, statusReason, externalID, result
    case resultTruncated, inDoubt, approvedBy, heldBy

    var name: String {
        switch self {
        case .status: "status"
        case .attempts: "attempts"
        case .runAt: "run_at"
        case .leaseOwner: "lease_owner"
        case .leaseExpiresAt: "lease_expires_at"
        case .lastError: "last_error"
        case .statusReason: "status_reason"
        case .externalID: "external_id"
        case .result: "result"
        case .resultTruncated: "result_truncated"
        case .inDoubt: "in_doubt"
        case .approvedBy: "approved_by"
        case .heldBy: "held_by"
        }
    }

    func differs(_ before: Envelope, _ after: Envelope) -> Bool {
        switch self {
        case .status: before.status != after.status
        case .attempts: before.attempts != after.attempts
        case .runAt: before.runAt != after.runAt
        case .leaseOwner: before.leaseOwner != after.leaseOwner
        case .leaseExpiresAt: before.leaseExpiresAt != after.leaseExpiresAt
        case .lastError: before.lastError != after.lastError
        case .statusReason: before.statusReason != after.statusReason
        case .externalID: before.externalID != after.externalID
        case .result: before.result != after.result
        case .resultTruncated: before.resultTruncated != after.resultTruncated
        case .inDoubt: before.inDoubt != after.inDoubt
        case .approvedBy: before.approvedBy != after.approvedBy
        case .heldBy: before.heldBy != after.heldBy
        }
    }

    func bind(_ envelope: Envelope, to statement: SQLiteRawStatement, at index: Int32) {
        switch self {
        case .status: statement.bind(index, envelope.status.rawValue)
        case .attempts: statement.bind(index, envelope.attempts)
        case .runAt: statement.bind(index, envelope.runAt.millisecondsSinceEpoch)
        case .leaseOwner: statement.bind(index, envelope.leaseOwner?.rawValue)
        case .leaseExpiresAt: statement.bind(index, envelope.leaseExpiresAt?.millisecondsSinceEpoch)
        case .lastError: statement.bind(index, envelope.lastError)
        case .statusReason: statement.bind(index, envelope.statusReason)
        case .externalID: statement.bind(index, envelope.externalID)
        case .result: statement.bind(index, envelope.result)
        case .resultTruncated: statement.bind(index, envelope.resultTruncated)
        case .inDoubt: statement.bind(index, envelope.inDoubt)
        case .approvedBy: statement.bind(index, envelope.approvedBy)
        case .heldBy: statement.bind(index, envelope.heldBy?.rawValue)
        }
    }
}
