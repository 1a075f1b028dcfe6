import DeckCore
import Testing

@Suite("TenantScope")
struct TenantScopeTests {
    let a = TenantID(rawValue: "00000000-0000-4000-8000-00000000000a")
    let b = TenantID(rawValue: "00000000-0000-4000-8000-00000000000b")

    @Test("a tenant scope admits only its own tenant")
    func tenantScope() {
        let scope = TenantScope.tenant(a)
        #expect(scope.admits(a))
        #expect(!scope.admits(b))
        #expect(!scope.admits(nil as TenantID?), "operator-wide rows are not a tenant's")
        #expect(scope.admits(a as TenantID?))
        #expect(!scope.admits(b as TenantID?))
        #expect(scope.tenantID == a)
        #expect(scope.description == "tenant 00000000-0000-4000-8000-00000000000a")
    }

    @Test("allTenants admits every tenant and operator-wide rows")
    func allTenants() {
        let scope = TenantScope.allTenants
        #expect(scope.admits(a))
        #expect(scope.admits(b))
        #expect(scope.admits(nil as TenantID?))
        #expect(scope.tenantID == nil)
        #expect(scope.description == "all tenants")
    }

    @Test("TenantID parsing accepts UUIDs in any case and lower-cases them")
    func tenantIDParsing() throws {
        let parsed = try #require(TenantID(parsing: "3F2504E0-4F89-11D3-9A0C-0305E82C3301"))
        #expect(parsed.rawValue == "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
        #expect(parsed.short == "3f2504e0")
        #expect(TenantID(parsing: "not-a-uuid") == nil)
        #expect(TenantID(parsing: "") == nil)
        let random = TenantID.random()
        #expect(TenantID(parsing: random.rawValue) == random)
        #expect(random.rawValue == random.rawValue.lowercased())
    }
}
