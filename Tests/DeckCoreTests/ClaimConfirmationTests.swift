import DeckCore
import Testing

/// `ClaimDecider.Outcome.confirmingClaims`: what a store keeps after holding the tenants it chose.
@Suite("Claim confirmation under tenants' locks")
struct ClaimConfirmationTests {
    let a = TenantID(rawValue: "aaaaaaaa-0000-4000-8000-000000000001")
    let b = TenantID(rawValue: "bbbbbbbb-0000-4000-8000-000000000002")
    let c = TenantID(rawValue: "cccccccc-0000-4000-8000-000000000003")
    let lease = Timestamp(millisecondsSinceEpoch: 60_000)

    /// Claims 1-3 of a, 4-5 of b, 6 of c, in that order, after a deferral of 7 (tenant c).
    func outcome() -> ClaimDecider.Outcome {
        var outcome = ClaimDecider.Outcome()
        outcome.changes = [EnvelopeChange(7, .deferRun(until: lease, reason: "quiet hours"))]
            + (1...6).map { EnvelopeChange(EnvelopeID(rawValue: $0), .claim(worker: "w", leaseExpiresAt: lease)) }
        outcome.claimed = (1...6).map { EnvelopeID(rawValue: $0) }
        outcome.conflicts = 1
        return outcome
    }

    func tenant(_ id: EnvelopeID) -> TenantID? {
        switch id.rawValue {
        case 1...3: a
        case 4...5: b
        case 6, 7: c
        default: nil
        }
    }

    @Test func everyClaimWithRoomIsKeptUnchanged() {
        let confirmed = outcome().confirmingClaims(tenantOf: tenant, freeSlots: [a: 3, b: 10, c: 1])
        #expect(confirmed == outcome())
    }

    @Test func tenantsNotHeldLoseTheirClaimsAndTheLatestBeyondFreshRoomGo() {
        // b is held by another claim; a has room for 2 more by the fresh count; c is paused (0).
        let confirmed = outcome().confirmingClaims(tenantOf: tenant, freeSlots: [a: 2, c: 0])
        #expect(confirmed.claimed == [1, 2])
        let claims = confirmed.changes.filter { if case .claim = $0.transition { true } else { false } }.map(\.id)
        #expect(claims == [1, 2])
        // The deferral stays: it starts nothing.
        #expect(confirmed.changes.first == EnvelopeChange(7, .deferRun(until: lease, reason: "quiet hours")))
        // One conflict before, plus one per tenant that lost claims (a, b, c).
        #expect(confirmed.conflicts == 4)
    }

    @Test func aClaimOfUnknownTenantIsDropped() {
        var outcome = outcome()
        outcome.claimed.append(99)
        outcome.changes.append(EnvelopeChange(99, .claim(worker: "w", leaseExpiresAt: lease)))
        let confirmed = outcome.confirmingClaims(tenantOf: tenant, freeSlots: [a: 9, b: 9, c: 9])
        #expect(confirmed.claimed == (1...6).map { EnvelopeID(rawValue: $0) })
        #expect(!confirmed.changes.contains(EnvelopeChange(99, .claim(worker: "w", leaseExpiresAt: lease))))
    }
}
