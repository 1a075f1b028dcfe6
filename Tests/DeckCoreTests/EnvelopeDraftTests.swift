import DeckCore
import Testing

@Suite("EnvelopeDraft")
struct EnvelopeDraftTests {
    let tenant = Fixture.tenant

    @Test("defaults: upper-cased slug, toolkit from the slug, risk from the classifier, empty arguments")
    func defaults() throws {
        let draft = try EnvelopeDraft(tenantID: tenant, toolSlug: "gmail_send_email")
        #expect(draft.tenantID == tenant)
        #expect(draft.toolSlug == "GMAIL_SEND_EMAIL")
        #expect(draft.toolkit == "gmail")
        #expect(draft.risk == .medium)
        #expect(draft.arguments == .object([:]))
        #expect(draft.version == nil)
        #expect(draft.idempotencyKey == nil)
        #expect(draft.runAt == nil)
        #expect(draft.connectedAccountID == nil)
        #expect(draft.taskID == nil)
    }

    @Test("risk defaults via RiskClassifier",
          arguments: [("GMAIL_LIST_MESSAGES", RiskTier.low), ("GMAIL_SEND_EMAIL", .medium), ("GMAIL_DELETE_MESSAGE", .high),
                      ("STRIPE_CREATE_REFUND", .critical)])
    func riskDefault(slug: String, tier: RiskTier) throws {
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: slug).risk == tier)
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: slug.lowercased()).risk == tier)
    }

    @Test("an explicit risk wins over the classifier")
    func explicitRisk() throws {
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "STRIPE_CREATE_REFUND", risk: .low).risk == .low)
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_LIST_MESSAGES", risk: .critical).risk == .critical)
    }

    @Test("an explicit toolkit is normalized; an invalid one is refused")
    func toolkit() throws {
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "GMail").toolkit == "gmail")
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "GOOGLEDRIVE_UPLOAD", toolkit: "google-drive").toolkit == "google-drive")
        #expect(throws: InvalidInput.self) { try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "") }
        #expect(throws: InvalidInput.self) { try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "g mail") }
    }

    @Test("arguments must be a JSON object",
          arguments: [JSONValue.array([]), .array([["to": "x"]]), .string("{}"), .null, .integer(1), .number(1.5), .bool(true)])
    func nonObjectArguments(arguments: JSONValue) {
        let error = #expect(throws: InvalidInput.self) {
            try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", arguments: arguments)
        }
        #expect(error?.message == "tool arguments must be a JSON object")
    }

    @Test("object arguments are kept as given")
    func objectArguments() throws {
        let arguments: JSONValue = ["to": ["a@example.com"], "subject": "hi", "body": nil]
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", arguments: arguments).arguments == arguments)
    }

    @Test("arguments given as a value are stored as their canonical text")
    func argumentsText() throws {
        let draft = try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B", arguments: ["b": 1, "a": ["x", nil]])
        #expect(draft.argumentsJSON.text == #"{"a":["x",null],"b":1}"#)
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B").argumentsJSON.text == "{}")
    }

    @Test("arguments given as text are kept exactly as written and parse to the same value")
    func argumentsKeptVerbatim() throws {
        let text = #"{ "to": ["a@example.com"], "subject" : "h\u00e9",  "n": 1.50 }"#
        let draft = try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B", argumentsJSON: JSONObjectText(validating: text))
        #expect(draft.argumentsJSON.text == text)
        #expect(draft.arguments == ["to": ["a@example.com"], "subject": "hé", "n": 1.5])
    }

    @Test("argument text that is not one JSON object is refused", arguments: [
        "[]", "1", "\"x\"", "", "{", #"{"a":1}{"#, #"{"a":1,"a":2}"#, "{\"a\":\"\u{1}\"}", #"{"a":[1,]}"#,
    ])
    func argumentsTextRefused(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONObjectText(validating: text) }
    }

    @Test("invalid slugs are refused", arguments: ["", "1GMAIL", "GMAIL-SEND", "gmail send"])
    func invalidSlug(slug: String) {
        #expect(throws: InvalidInput.self) { try EnvelopeDraft(tenantID: tenant, toolSlug: slug) }
    }

    @Test("versions must be YYYYMMDD_NN or latest")
    func versions() throws {
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", version: "20250101_00").version == "20250101_00")
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", version: "latest").version == "latest")
        let error = #expect(throws: InvalidInput.self) {
            try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", version: "v1\u{1B}")
        }
        #expect(error?.message.contains("\u{1B}") == false)
    }

    @Test("idempotency keys must be 1 to 200 bytes")
    func idempotencyKey() throws {
        #expect(throws: InvalidInput.self) { try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B", idempotencyKey: "") }
        #expect(throws: InvalidInput.self) {
            try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B", idempotencyKey: String(repeating: "k", count: 201))
        }
        #expect(throws: InvalidInput.self) {
            try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B", idempotencyKey: String(repeating: "é", count: 101))
        }
        let longest = String(repeating: "k", count: 200)
        #expect(try EnvelopeDraft(tenantID: tenant, toolSlug: "A_B", idempotencyKey: longest).idempotencyKey == longest)
    }

    @Test("run_at, account and task pass through")
    func passThrough() throws {
        let draft = try EnvelopeDraft(
            tenantID: tenant, toolSlug: "A_B", connectedAccountID: "ca_9", taskID: 5, runAt: Fixture.at(1_000))
        #expect(draft.runAt == Fixture.at(1_000))
        #expect(draft.connectedAccountID == "ca_9")
        #expect(draft.taskID == 5)
    }
}
