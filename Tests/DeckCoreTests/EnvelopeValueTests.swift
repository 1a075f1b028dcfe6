import DeckCore
import Foundation
import Testing

/// `Envelope` keeps its fields in a shared copy-on-write box: it must still behave as a
/// plain value — a copy never sees another copy's change — and compare, hash and encode by
/// its fields.
@Suite("Envelope as a value")
struct EnvelopeValueTests {
    @Test("a change to a copy leaves the original alone, field by field")
    func copiesAreIndependent() {
        let original = Fixture.envelope(.running)
        var copy = original
        copy.status = .succeeded
        copy.leaseOwner = nil
        copy.result = "{\"ok\":true}"
        copy.attempts += 1
        #expect(original.status == .running)
        #expect(original.leaseOwner == Fixture.owner)
        #expect(original.result == nil)
        #expect(original.attempts == 2)
        #expect(copy.status == .succeeded && copy.attempts == 3 && copy.leaseOwner == nil)
        // And the other way round: the original changes, the copy does not.
        var second = original
        let before = second
        second.tenantID = TenantID(rawValue: "another")
        #expect(before.tenantID == Fixture.tenant)
        #expect(second.tenantID.rawValue == "another")
    }

    @Test("equality and hashing follow the fields, not the shared box")
    func equalityByFields() {
        let one = Fixture.envelope(.pending)
        let separate = Fixture.envelope(.pending)
        #expect(one == separate)
        #expect(one.hashValue == separate.hashValue)
        var changed = separate
        changed.runAt = changed.runAt.adding(milliseconds: 1)
        #expect(changed != one)
        var restored = changed
        restored.runAt = one.runAt
        #expect(restored == one)
        #expect(Set([one, separate, restored]).count == 1)
    }

    @Test("Codable keeps one key per field, named as the properties, and reads back equal")
    func codableRoundTrip() throws {
        var envelope = Fixture.envelope(.dead)
        envelope.heldBy = DriftAlertID(9)
        envelope.approvedBy = "alice"
        let data = try JSONEncoder().encode(envelope)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["status"] as? String == "dead")
        #expect(object["approvedBy"] as? String == "alice")
        #expect(object["idempotencyKey"] as? String == "key-1")
        #expect(object["storage"] == nil)
        #expect(try JSONDecoder().decode(Envelope.self, from: data) == envelope)
    }
}
