import DeckCore
import Testing

@Suite("AuditCategory")
struct AuditCategoryTests {
    @Test("parses every category name, in any case", arguments: AuditCategory.allCases)
    func parses(category: AuditCategory) throws {
        #expect(try AuditCategory.parse(category.rawValue) == category)
        #expect(try AuditCategory.parse(category.rawValue.uppercased()) == category)
        #expect(category.description == category.rawValue)
    }

    @Test("the eleven categories")
    func names() {
        #expect(AuditCategory.allCases.map(\.rawValue) == [
            "envelope", "tenant", "guardrails", "objective", "task", "account", "catalog", "drift", "scheduler", "worker",
            "system",
        ])
    }

    @Test("refuses unknown names", arguments: ["", "envelopes", "guardrail", "audit", " tenant", "\u{1B}[1mtask"])
    func rejects(text: String) {
        let error = #expect(throws: InvalidInput.self) { try AuditCategory.parse(text) }
        #expect(error?.message.contains("envelope, tenant, guardrails") == true)
        #expect(error?.message.contains("\u{1B}") == false)
    }
}
