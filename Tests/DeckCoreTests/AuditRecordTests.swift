import DeckCore
import Testing

@Suite("AuditRecord.canonicalBytes")
struct AuditRecordTests {
    static func record(
        id: Int64 = 1, createdAt: Int64 = 1_700_000_000_000, tenantID: String? = "t", category: String = "envelope",
        action: String = "submitted", envelopeID: Int64? = 7, actor: String = "alice", payloadText: String = "{}",
        prevHash: String = AuditChain.genesisHash, hash: String = "h"
    ) -> AuditRecord {
        AuditRecord(
            id: id, createdAt: createdAt, tenantID: tenantID, category: category, action: action, envelopeID: envelopeID,
            actor: actor, payloadText: payloadText, prevHash: prevHash, hash: hash)
    }

    static func text(_ record: AuditRecord) -> String { String(decoding: record.canonicalBytes, as: UTF8.self) }

    @Test("exact encoding: version tag, then length-prefixed fields in a fixed order")
    func exact() {
        #expect(Self.text(Self.record())
            == "opsdeck-audit-v1;1:1;13:1700000000000;1:t;8:envelope;9:submitted;1:7;5:alice;2:{};64:"
            + String(repeating: "0", count: 64) + ";")
        #expect(Self.text(Self.record(tenantID: nil, envelopeID: nil)).contains(";-;8:envelope;9:submitted;-;5:alice;"))
    }

    @Test("lengths count UTF-8 bytes")
    func utf8Lengths() {
        #expect(Self.text(Self.record(actor: "é😀")).contains(";6:é😀;"))
    }

    @Test("negative ids and times are encoded with their sign")
    func negatives() {
        #expect(Self.text(Self.record(id: -3, createdAt: -1)).hasPrefix("opsdeck-audit-v1;2:-3;2:-1;"))
    }

    @Test("nil and empty string differ")
    func nilVersusEmpty() {
        #expect(Self.record(tenantID: nil).canonicalBytes != Self.record(tenantID: "").canonicalBytes)
        #expect(Self.record(tenantID: nil).canonicalBytes != Self.record(tenantID: "-").canonicalBytes)
        #expect(Self.record(envelopeID: nil).canonicalBytes != Self.record(envelopeID: 0).canonicalBytes)
    }

    @Test("the hash field is not covered; every other field is")
    func coverage() {
        let base = Self.record()
        #expect(Self.record(hash: "other").canonicalBytes == base.canonicalBytes)
        let variants = [
            Self.record(id: 2), Self.record(createdAt: 1_700_000_000_001), Self.record(tenantID: "u"),
            Self.record(category: "tenant"), Self.record(action: "approved"), Self.record(envelopeID: 8),
            Self.record(actor: "bob"), Self.record(payloadText: "{ }"), Self.record(prevHash: "1" + String(repeating: "0", count: 63)),
        ]
        for variant in variants { #expect(variant.canonicalBytes != base.canonicalBytes) }
    }

    @Test("separators inside fields cannot shift field boundaries")
    func unambiguous() {
        #expect(Self.record(action: "a;b", actor: "c").canonicalBytes != Self.record(action: "a", actor: "b;c").canonicalBytes)
        #expect(Self.record(actor: "a;b", payloadText: "c").canonicalBytes != Self.record(actor: "a", payloadText: "b;c").canonicalBytes)
        #expect(Self.record(actor: "a;5:b", payloadText: "{}").canonicalBytes
            != Self.record(actor: "a", payloadText: "5:b;{}").canonicalBytes)
        #expect(Self.record(tenantID: "-;", category: "x").canonicalBytes != Self.record(tenantID: nil, category: ";x").canonicalBytes)
        #expect(Self.record(category: "", action: "ab").canonicalBytes != Self.record(category: "a", action: "b").canonicalBytes)
    }

    @Test("distinct random records never share an encoding")
    func randomInjective() {
        var rng = SplitMix64(seed: 0xA0D17)
        let alphabet: [Character] = ["a", ";", ":", "-", "1", "0", "é"]
        func text(_ rng: inout SplitMix64) -> String {
            String((0..<rng.below(4)).map { _ in alphabet[rng.below(alphabet.count)] })
        }
        func optionalText(_ rng: inout SplitMix64) -> String? { rng.chance(3) ? nil : text(&rng) }
        var seen: [[UInt8]: AuditRecord] = [:]
        for _ in 0..<5_000 {
            let record = AuditRecord(
                id: Int64(rng.below(3)), createdAt: Int64(rng.below(3)), tenantID: optionalText(&rng), category: text(&rng),
                action: text(&rng), envelopeID: rng.chance(2) ? nil : Int64(rng.below(3)), actor: text(&rng),
                payloadText: text(&rng), prevHash: text(&rng), hash: "")
            if let earlier = seen[record.canonicalBytes] {
                #expect(earlier == record, "two different records share an encoding")
            } else {
                seen[record.canonicalBytes] = record
            }
        }
        #expect(seen.count > 1_000)
    }
}
