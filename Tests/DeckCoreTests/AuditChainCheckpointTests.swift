import DeckCore
import Testing

/// The verifier holding a log to checkpoints (signatures are the store's business: here
/// the checkpoints are taken as already checked).
@Suite("AuditChain.Verifier with checkpoints")
struct AuditChainCheckpointTests {
    typealias Chain = AuditChainVerifierTests

    static func checkpoint(_ records: [AuditRecord], rows: Int64, at milliseconds: Int64 = 1_790_000_100_000) -> AuditCheckpoint {
        AuditCheckpoint(
            rows: rows, headHash: rows == 0 ? AuditChain.genesisHash : records[Int(rows) - 1].hash,
            at: Timestamp(millisecondsSinceEpoch: milliseconds), publicKey: "ed25519:test", signature: Array(repeating: 0, count: 64))
    }

    static func verify(_ records: some Sequence<AuditRecord>, _ checkpoints: [AuditCheckpoint]) -> AuditVerification {
        var verifier = AuditChain.Verifier(hash: Chain.fnv, checkpoints: checkpoints)
        for record in records where !verifier.check(record) { break }
        return verifier.result
    }

    @Test("a log that reaches and matches every checkpoint is intact, whatever their order")
    func matching() {
        let records = Chain.chain(8)
        let checkpoints = [3, 8, 0, 5, 5].map { Self.checkpoint(records, rows: Int64($0)) }
        #expect(Self.verify(records, checkpoints) == .intact(rows: 8, headHash: records[7].hash))
    }

    @Test("rows cut from the end or all of them: deleted, at the first missing row", arguments: [0, 1, 4, 5])
    func truncated(kept: Int) {
        let records = Chain.chain(6)
        let result = Self.verify(records.prefix(kept), [Self.checkpoint(records, rows: 5), Self.checkpoint(records, rows: 2)])
        guard case .broken(let failure, let before) = result else {
            if kept >= 5 { return }
            Issue.record("a cut log verified: \(result)")
            return
        }
        #expect(kept < 5)
        #expect(failure.id == Int64(kept) + 1)
        #expect(before == kept)
        #expect(failure.reason.contains("signed 5 rows: rows were deleted"), "\(failure.reason)")
    }

    @Test("a chain rebuilt after a rewritten row fails at the checkpoint's row, not before")
    func rehashed() {
        let records = Chain.chain(6)
        let anchors = [Self.checkpoint(records, rows: 4)]
        var forged = records
        forged[1].actor = "mallory"
        for index in 1..<forged.count {
            forged[index].prevHash = forged[index - 1].hash
            forged[index].hash = Chain.fnv(forged[index].canonicalBytes)
        }
        #expect(Self.verify(forged, []).isIntact, "the forgery is a consistent chain")
        guard case .broken(let failure, let before) = Self.verify(forged, anchors) else {
            Issue.record("forgery verified")
            return
        }
        #expect(failure.id == 4)
        #expect(before == 3)
        #expect(failure.reason.contains("rewritten"))
    }

    @Test("a resumed walk checks the checkpoint's row and everything after it")
    func resumed() {
        let records = Chain.chain(7)
        let anchor = Self.checkpoint(records, rows: 4)
        var verifier = AuditChain.Verifier(hash: Chain.fnv, resumingAt: anchor)
        #expect(verifier.nextID == 4)
        for record in records[3...] {
            let accepted = verifier.check(record)
            #expect(accepted)
        }
        #expect(verifier.result == .intact(rows: 7, headHash: records[6].hash))
        #expect(verifier.checked == 4)

        var stale = AuditChain.Verifier(hash: Chain.fnv, resumingAt: Self.checkpoint(Chain.chain(7).map {
            var changed = $0
            changed.hash = String(repeating: "1", count: 64)
            return changed
        }, rows: 4))
        let accepted = stale.check(records[3])
        #expect(!accepted)
        #expect(stale.failure?.id == 4)

        var gone = AuditChain.Verifier(hash: Chain.fnv, resumingAt: anchor)
        guard case .broken(let failure, _) = gone.result else {
            Issue.record("a missing anchor row verified")
            return
        }
        #expect(failure.reason.contains("row 4, which the checkpoint"), "\(failure.reason)")
        _ = gone.check(records[4])
        #expect(gone.failure?.reason.contains("rows are missing") == true)
    }

    @Test("a checkpoint line round-trips, and every field is checked when read")
    func lines() throws {
        let records = Chain.chain(2)
        var checkpoint = Self.checkpoint(records, rows: 2)
        checkpoint.headHash = String(repeating: "ab", count: 32)
        checkpoint.signature = Array(0..<64)
        #expect(try AuditCheckpoint(line: checkpoint.line) == checkpoint)
        let bad = [
            "", "[]", checkpoint.line.replacingOccurrences(of: #""rows":2"#, with: #""rows":-1"#),
            checkpoint.line.replacingOccurrences(of: "abab", with: "ABAB"),
            checkpoint.line.replacingOccurrences(of: "2026-", with: "2027-"),
            checkpoint.line.replacingOccurrences(of: "ed25519:", with: "rsa:"),
            checkpoint.line.replacingOccurrences(of: #""signature":""#, with: #""signature":"AA"#),
        ]
        for line in bad {
            #expect(throws: InvalidInput.self, "\(line)") { try AuditCheckpoint(line: line) }
        }
        #expect(
            AuditCheckpoint.signedBytes(rows: 2, headHash: "h", at: Timestamp(millisecondsSinceEpoch: 5))
                == Array("opsdeck-audit-checkpoint-v1;rows=2;head=h;at_ms=5;".utf8))
    }
}
