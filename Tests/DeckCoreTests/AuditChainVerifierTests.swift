import DeckCore
import Testing

@Suite("AuditChain.Verifier")
struct AuditChainVerifierTests {
    /// FNV-1a 64 in hex: deterministic, sensitive to every byte; stands in for SHA-256.
    static func fnv(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A correctly chained log of `count` rows with varied fields (nil tenants and envelopes included).
    static func chain(_ count: Int = 6) -> [AuditRecord] {
        var records: [AuditRecord] = []
        var previous = AuditChain.genesisHash
        for index in 1...count {
            var record = AuditRecord(
                id: Int64(index), createdAt: 1_790_000_000_000 + Int64(index) * 1_000,
                tenantID: index % 3 == 0 ? nil : "tenant-\(index % 2)", category: index % 2 == 0 ? "envelope" : "tenant",
                action: "action_\(index)", envelopeID: index % 2 == 0 ? Int64(index * 10) : nil, actor: "actor;\(index)",
                payloadText: #"{"n":\#(index)}"#, prevHash: previous, hash: "")
            record.hash = fnv(record.canonicalBytes)
            previous = record.hash
            records.append(record)
        }
        return records
    }

    static func verify(_ records: [AuditRecord]) -> (AuditVerification, [Bool]) {
        var verifier = AuditChain.Verifier(hash: fnv)
        let answers = records.map { verifier.check($0) }
        return (verifier.result, answers)
    }

    @Test("the genesis hash is 64 zeros")
    func genesis() {
        #expect(AuditChain.genesisHash == String(repeating: "0", count: 64))
    }

    @Test("an empty log is intact with the genesis hash as head")
    func empty() {
        let verifier = AuditChain.Verifier(hash: Self.fnv)
        #expect(verifier.result == .intact(rows: 0, headHash: AuditChain.genesisHash))
        #expect(verifier.result.isIntact)
        #expect(verifier.checked == 0)
        #expect(verifier.failure == nil)
    }

    @Test("an intact chain verifies", arguments: [1, 2, 6, 50])
    func intact(count: Int) {
        let records = Self.chain(count)
        let (result, answers) = Self.verify(records)
        #expect(answers.allSatisfy { $0 })
        #expect(result == .intact(rows: count, headHash: records.last!.hash))
        #expect(result.isIntact)
    }

    enum Tamper: String, CaseIterable, Sendable {
        case payload, actor, createdAt, prevHash, hash, tenantID, tenantToNil, category, action, envelopeID, envelopeToNil
    }

    static func tampered(_ record: AuditRecord, _ tamper: Tamper) -> AuditRecord {
        var record = record
        switch tamper {
        case .payload: record.payloadText = #"{"n":999}"#
        case .actor: record.actor += "x"
        case .createdAt: record.createdAt += 1
        case .prevHash: record.prevHash = String(repeating: "f", count: 16)
        case .hash: record.hash = String(repeating: "e", count: 16)
        case .tenantID: record.tenantID = (record.tenantID ?? "") + "x"
        case .tenantToNil: record.tenantID = record.tenantID == nil ? "" : nil
        case .category: record.category = "system"
        case .action: record.action += "_again"
        case .envelopeID: record.envelopeID = (record.envelopeID ?? 0) + 1
        case .envelopeToNil: record.envelopeID = record.envelopeID == nil ? 0 : nil
        }
        return record
    }

    @Test("changing any field of any row is reported at exactly that row",
          arguments: Tamper.allCases, 1...6)
    func tamperedField(tamper: Tamper, row: Int) throws {
        var records = Self.chain(6)
        records[row - 1] = Self.tampered(records[row - 1], tamper)
        let (result, answers) = Self.verify(records)
        guard case .broken(let failure, let checkedBefore) = result else {
            Issue.record("tampering \(tamper) in row \(row) went unnoticed")
            return
        }
        #expect(failure.id == Int64(row))
        #expect(checkedBefore == row - 1)
        #expect(answers == Array(repeating: true, count: row - 1) + Array(repeating: false, count: 7 - row))
        #expect(!result.isIntact)
    }

    @Test("a rewritten row with a recomputed hash is caught at the next row")
    func rehashedRow() {
        var records = Self.chain(6)
        records[2].payloadText = #"{"n":"forged"}"#
        records[2].hash = Self.fnv(records[2].canonicalBytes)
        let (result, _) = Self.verify(records)
        guard case .broken(let failure, let checkedBefore) = result else {
            Issue.record("forgery went unnoticed")
            return
        }
        #expect(failure.id == 4)
        #expect(failure.reason.contains("prev_hash"))
        #expect(checkedBefore == 3)
    }

    @Test("a missing row is reported at the row after the gap", arguments: 1...5)
    func gap(removed: Int) {
        var records = Self.chain(6)
        records.remove(at: removed - 1)
        let (result, _) = Self.verify(records)
        guard case .broken(let failure, let checkedBefore) = result else {
            Issue.record("gap went unnoticed")
            return
        }
        #expect(failure.id == Int64(removed + 1))
        #expect(failure.reason.contains("missing"))
        #expect(checkedBefore == removed - 1)
    }

    @Test("a truncated tail is not a break; the head hash shows it")
    func truncatedTail() {
        let records = Self.chain(6)
        let (result, _) = Self.verify(Array(records.prefix(4)))
        #expect(result == .intact(rows: 4, headHash: records[3].hash))
    }

    @Test("ids must start at 1 and increase by one", arguments: [Int64(0), 2, -1])
    func firstID(id: Int64) {
        var records = Self.chain(1)
        records[0].id = id
        records[0].hash = Self.fnv(records[0].canonicalBytes)
        let (result, _) = Self.verify(records)
        #expect(result == .broken(.init(id: id, reason: "row id \(id) follows 0: rows are missing"), checkedBefore: 0))
    }

    @Test("a duplicated or reordered row is a break")
    func duplicateAndReorder() {
        let records = Self.chain(4)
        let (duplicate, _) = Self.verify([records[0], records[1], records[1], records[2]])
        guard case .broken(let failure, _) = duplicate else {
            Issue.record("duplicate went unnoticed")
            return
        }
        #expect(failure.id == 2)
        let (swapped, _) = Self.verify([records[0], records[2], records[1], records[3]])
        guard case .broken(let swapFailure, let checkedBefore) = swapped else {
            Issue.record("reorder went unnoticed")
            return
        }
        #expect(swapFailure.id == 3)
        #expect(checkedBefore == 1)
    }

    @Test("the hash function sees exactly canonicalBytes")
    func hashInput() {
        let records = Self.chain(3)
        final class Seen: @unchecked Sendable { var inputs: [[UInt8]] = [] }
        let seen = Seen()
        var verifier = AuditChain.Verifier { bytes in
            seen.inputs.append(bytes)
            return Self.fnv(bytes)
        }
        for record in records {
            let accepted = verifier.check(record)
            #expect(accepted)
        }
        #expect(seen.inputs == records.map(\.canonicalBytes))
    }

    @Test("after the first failure later rows are not examined")
    func stopsAtFirstFailure() {
        var records = Self.chain(5)
        records[1].actor = "mallory"
        records[3].actor = "mallory"
        var verifier = AuditChain.Verifier(hash: Self.fnv)
        let answers = records.prefix(3).map { verifier.check($0) }
        #expect(answers == [true, false, false])
        #expect(verifier.failure?.id == 2)
        #expect(verifier.checked == 1)
    }
}
