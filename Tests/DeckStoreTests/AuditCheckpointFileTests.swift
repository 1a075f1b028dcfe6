import DeckCore
import Foundation
import Testing
@testable import DeckStore

/// Signing checkpoints into a file against both stores: what `audit checkpoint` and the
/// workers' checkpoint service do.
@Suite("Contract: audit checkpoint file")
struct AuditCheckpointFileTests {
    static func file() -> AuditCheckpointFile {
        AuditCheckpointFile(path: FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)").path)
    }

    @Test(arguments: StoreKind.allCases)
    func signsNewStatesOnlyAndVerifies(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let file = Self.file()
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let key = AuditSigningKey.generate()
        let now = { @Sendable in fixture.clock.now() }

        guard case .written(let empty) = try await file.append(store: fixture.store, key: key, now: now) else {
            Issue.record("an empty log was not checkpointed")
            return
        }
        #expect(empty.rows == 0 && empty.headHash == AuditChain.genesisHash)
        let acme = try await fixture.tenant("acme")
        try await fixture.submit(3, for: acme.id)
        guard case .written(let second) = try await file.append(store: fixture.store, key: key, now: now) else {
            Issue.record("new rows were not checkpointed")
            return
        }
        #expect(second.rows == 4)
        #expect(key.publicKey.signed(second))
        #expect(try await file.append(store: fixture.store, key: key, now: now) == .unchanged(second))

        // Another key's lines are kept and not trusted: this key signs from its own last line.
        let other = AuditSigningKey.generate()
        #expect(try await file.append(store: fixture.store, key: other, now: now) != .unchanged(second))
        #expect(!key.publicKey.signed(try file.read()[2]))

        let checkpoints = try file.read()
        #expect(checkpoints.count == 3)
        #expect(try await fixture.store.verifyAuditChain(checkpoints: checkpoints).isIntact)
        var forged = second
        forged.rows = 9
        #expect(!key.publicKey.signed(forged), "a changed count breaks the signature")
        guard case .broken(let failure, _) = try await fixture.store.verifyAuditChain(checkpoints: [forged]) else {
            Issue.record("a checkpoint beyond the log verified")
            return
        }
        #expect(failure.reason.contains("rows were deleted"))
    }

    @Test("concurrent signers on one file each append whole lines, and every line parses")
    func concurrentSigners() async throws {
        let fixture = try await StoreFixture.make(.sqlite)
        defer { fixture.cleanUp() }
        let file = Self.file()
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let acme = try await fixture.tenant("acme")
        let keys = (0..<4).map { _ in AuditSigningKey.generate() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for key in keys {
                group.addTask {
                    for _ in 0..<5 {
                        try await fixture.submit(1, for: acme.id)
                        _ = try await file.append(store: fixture.store, key: key, now: { Timestamp(millisecondsSinceEpoch: 1) })
                    }
                }
            }
            try await group.waitForAll()
        }
        let checkpoints = try file.read()
        #expect(checkpoints.count == 20)
        #expect(try await fixture.store.verifyAuditChain(checkpoints: checkpoints).isIntact)
    }

    @Test("a key file open to other users is refused; a saved key loads and signs the same")
    func keyFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".pub")
        }
        let key = AuditSigningKey.generate()
        try key.save(to: path)
        #expect(try AuditSigningKey.load(path: path).publicKey == key.publicKey)
        #expect(try AuditPublicKey(argument: path + ".pub") == key.publicKey)
        #expect(throws: InvalidInput.self) { try key.save(to: path) }
        chmod(path, 0o640)
        #expect(throws: InvalidInput.self) { try AuditSigningKey.load(path: path) }
    }
}
