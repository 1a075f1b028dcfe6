import DeckCore
import Testing

@Suite("Contract: tenants and guardrails")
struct TenantContractTests {
    @Test(arguments: StoreKind.allCases)
    func addListAndFind(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let zeta = try await fixture.tenant("zeta", maxRunning: 3, timeZone: "Asia/Tokyo")
        let acme = try await fixture.tenant("acme")
        let store = fixture.store

        #expect(try await store.tenants(in: .allTenants).map(\.name) == ["acme", "zeta"])
        #expect(try await store.tenants(in: .tenant(zeta.id)).map(\.name) == ["zeta"])
        #expect(try await store.tenant(zeta.id, in: .allTenants) == zeta)
        #expect(try await store.tenant(named: "acme", in: .allTenants) == acme)
        #expect(try await store.tenant(named: zeta.id.rawValue.uppercased(), in: .allTenants) == zeta)
        #expect(try await store.tenant(named: "nobody", in: .allTenants) == nil)
        #expect(zeta.maxRunning == 3)
        #expect(zeta.timeZone == "Asia/Tokyo")
        #expect(zeta.composioUserID == "zeta")
        #expect(zeta.createdAt == fixture.clock.now())
    }

    @Test(arguments: StoreKind.allCases)
    func anotherTenantsIDBehavesLikeAMissingOne(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        #expect(try await store.tenant(globex.id, in: .tenant(acme.id)) == nil)
        #expect(try await store.tenant(named: "globex", in: .tenant(acme.id)) == nil)
        await #expect(throws: StoreError.notFound("tenant \(globex.id)")) {
            try await store.updateTenant(globex.id, TenantChanges(maxRunning: 5), in: .tenant(acme.id), actor: "op")
        }
        await #expect(throws: StoreError.notFound("tenant \(globex.id)")) {
            try await store.guardrails(for: globex.id, in: .tenant(acme.id))
        }
        let missing = TenantID.random()
        await #expect(throws: StoreError.notFound("tenant \(missing)")) {
            try await store.guardrails(for: missing, in: .allTenants)
        }
        #expect(try await store.tenant(globex.id, in: .allTenants)?.maxRunning == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func namesAreUnique(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        _ = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        await #expect(throws: StoreError.conflict("tenant name 'acme' is already taken")) {
            _ = try await fixture.tenant("acme")
        }
        await #expect(throws: StoreError.conflict("tenant name 'acme' is already taken")) {
            try await fixture.store.updateTenant(globex.id, TenantChanges(name: "acme"), in: .allTenants, actor: "op")
        }
        #expect(try await fixture.store.tenants(in: .allTenants).count == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func namesThatDifferOnlyInCaseOrLookAlikeFormsAreTheSameName(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        // ACME, and the fullwidth ａｃｍｅ (NFKC folds it to acme).
        for name in ["ACME", "\u{FF41}\u{FF43}\u{FF4D}\u{FF45}"] {
            await #expect(throws: StoreError.self) { _ = try await fixture.tenant(name) }
        }
        let globex = try await fixture.tenant("globex")
        await #expect(throws: StoreError.conflict(
            "tenant name 'Acme' is already taken by 'acme' (names that differ only in case or look-alike forms are the same name)")) {
            try await fixture.store.updateTenant(globex.id, TenantChanges(name: "Acme"), in: .allTenants, actor: "op")
        }
        // A tenant may change the case of its own name.
        #expect(try await fixture.store.updateTenant(acme.id, TenantChanges(name: "Acme"), in: .allTenants, actor: "op").name == "Acme")
        await #expect(throws: StoreError.conflict("tenant name 'Initech' is given twice")) {
            try await fixture.store.addTenants(
                [try TenantDraft(name: "initech"), try TenantDraft(name: "Initech")], actor: "op")
        }
        #expect(try await fixture.store.tenants(in: .allTenants).map(\.name) == ["Acme", "globex"])
    }

    @Test(arguments: StoreKind.allCases)
    func updateChangesOnlyWhatIsGivenAndIsAudited(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        fixture.clock.advance(seconds: 5)
        let updated = try await fixture.store.updateTenant(
            acme.id, TenantChanges(plan: "pro", maxRunning: 4), in: .tenant(acme.id), actor: "alice")
        #expect(updated.plan == "pro")
        #expect(updated.maxRunning == 4)
        #expect(updated.name == "acme")
        #expect(updated.timeZone == acme.timeZone)
        #expect(updated.updatedAt == fixture.clock.now())
        #expect(try await fixture.store.tenant(acme.id, in: .allTenants) == updated)
        let last = try #require(try await fixture.store.auditEvents(AuditQuery(limit: 1), in: .allTenants).items.first)
        #expect(last.category == .tenant)
        #expect(last.action == "updated")
        #expect(last.actor == "alice")
        #expect(last.payload["max_running"] == ["from": 1, "to": 4])
        #expect(last.payload["name"] == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func guardrailsStartAsDefaultsAndAreReplacedWithAnAuditRow(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let store = fixture.store
        #expect(try await store.guardrails(for: acme.id, in: .tenant(acme.id)) == .default)
        let rules = Guardrails(
            quietHours: try QuietHours(parsing: "22:00-07:00"), allowedToolkits: ["slack", "gmail", "gmail"],
            tone: "warm", autonomy: .high)
        try await store.setGuardrails(rules, for: acme.id, in: .tenant(acme.id), actor: "bob")
        let stored = try await store.guardrails(for: acme.id, in: .allTenants)
        #expect(stored == rules)
        #expect(stored.allowedToolkits == ["gmail", "slack"])
        let last = try #require(try await store.auditEvents(AuditQuery(limit: 1), in: .tenant(acme.id)).items.first)
        #expect(last.category == .guardrails)
        #expect(last.actor == "bob")
        #expect(last.payload["to"]?["quiet_hours"] == "22:00-07:00")
        #expect(last.payload["from"]?["autonomy"] == "medium")
    }
}
