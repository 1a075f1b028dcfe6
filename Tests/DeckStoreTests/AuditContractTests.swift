import DeckCore
import Testing

@Suite("Contract: audit log")
struct AuditContractTests {
    @Test(arguments: StoreKind.allCases)
    func appendChainsRowsAndScopesThem(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let system = try await store.append(
            AuditEntry(tenantID: nil, category: .system, action: "note", actor: "ops", payload: ["text": "hello"]),
            in: .allTenants)
        let mine = try await store.append(
            AuditEntry(tenantID: acme.id, category: .scheduler, action: "ran", actor: "scheduler"), in: .tenant(acme.id))
        #expect(mine.id.rawValue == system.id.rawValue + 1)
        #expect(mine.prevHash == system.hash)
        #expect(system.hash.count == 64)
        #expect(mine.createdAt == fixture.clock.now())

        await #expect(throws: StoreError.notFound("operator-wide audit scope")) {
            try await store.append(AuditEntry(tenantID: nil, category: .system, action: "x", actor: "a"), in: .tenant(acme.id))
        }
        await #expect(throws: StoreError.notFound("tenant \(globex.id)")) {
            try await store.append(AuditEntry(tenantID: globex.id, category: .system, action: "x", actor: "a"), in: .tenant(acme.id))
        }

        let acmeRows = try await store.auditEvents(AuditQuery(limit: 100), in: .tenant(acme.id)).items
        #expect(acmeRows.allSatisfy { $0.tenantID == acme.id })
        #expect(acmeRows.first == mine)
        #expect(!acmeRows.contains { $0.id == system.id })
        let all = try await store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items
        #expect(all.contains { $0.id == system.id })
        #expect(try await store.auditEvents(AuditQuery(categories: [.system]), in: .allTenants).items == [system])
    }

    @Test(arguments: StoreKind.allCases)
    func auditPaginatesBothWaysAndVerifies(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        for index in 0..<25 {
            fixture.clock.advance(milliseconds: 7)
            _ = try await fixture.store.append(
                AuditEntry(tenantID: acme.id, category: .worker, action: "tick", actor: "w", payload: ["i": .integer(Int64(index))]),
                in: .allTenants)
        }
        for order in ListOrder.allCases {
            var ids: [AuditEventID] = []
            var cursor: AuditEventID?
            repeat {
                let page = try await fixture.store.auditEvents(
                    AuditQuery(categories: [.worker], order: order, after: cursor, limit: 6), in: .tenant(acme.id))
                ids += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(ids.count == 25)
            #expect(ids == (order == .oldestFirst ? ids.sorted() : ids.sorted().reversed()))
        }
        let verdict = try await fixture.store.verifyAuditChain()
        guard case .intact(let rows, let head) = verdict else {
            Issue.record("chain should be intact: \(verdict)")
            return
        }
        #expect(rows == 26)
        let newest = try await fixture.store.auditEvents(AuditQuery(limit: 1), in: .allTenants).items.first
        #expect(head == newest?.hash)
    }

    @Test(arguments: StoreKind.allCases)
    func theSameHistoryHashesTheSameInBothStores(_ kind: StoreKind) async throws {
        // Both adapters seal rows with the same canonical encoding: a fixed history gives a
        // fixed head hash, whichever store wrote it.
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        for index in 0..<3 {
            _ = try await fixture.store.append(
                AuditEntry(tenantID: nil, category: .system, action: "boot", actor: "ops", payload: ["n": .integer(Int64(index))]),
                in: .allTenants)
        }
        let verdict = try await fixture.store.verifyAuditChain()
        #expect(verdict == .intact(rows: 3, headHash: try await Self.referenceHead()))
    }

    static func referenceHead() async throws -> String {
        let reference = try await StoreFixture.make(.inMemory)
        for index in 0..<3 {
            _ = try await reference.store.append(
                AuditEntry(tenantID: nil, category: .system, action: "boot", actor: "ops", payload: ["n": .integer(Int64(index))]),
                in: .allTenants)
        }
        guard case .intact(_, let head) = try await reference.store.verifyAuditChain() else { return "" }
        return head
    }
}
