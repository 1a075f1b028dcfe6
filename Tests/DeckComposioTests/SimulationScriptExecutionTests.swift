import DeckComposio
import DeckCore
import Testing

@Suite("SimulatedProvider.execute against the current catalog")
struct SimulationScriptExecutionTests {
    let clock = ManualClock(ScriptFixture.start)

    func notFound(_ slug: String) -> ProviderError {
        ProviderError(.permanent, "tool \(slug) not found", statusCode: 404)
    }

    @Test("an unknown slug is a permanent 404 at once, before any draw, and leaves no ledger line")
    func unknownSlug() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        let failing = SimulatedProvider(options: try Fixture.options(failure: 1, ledger: path), clock: clock)
        for provider in [SimulatedProvider(), failing] {
            let outcome = await Fixture.run(provider, ScriptFixture.execution("ACME_DO_SOMETHING"))
            #expect(throws: notFound("ACME_DO_SOMETHING")) { try outcome.get() }
        }
        #expect(try ledgerLines(path).isEmpty)
        // Slugs match case-insensitively, as in listings.
        let lower = try await SimulatedProvider().execute(ScriptFixture.execution("gmail_send_email"))
        #expect(lower.data["tool"] == "gmail_send_email")
    }

    @Test("a tool runs while it is in the catalog and is a 404 once removed, and again after moving back")
    func removedTool() async throws {
        let provider = ScriptFixture.provider(clock: clock)
        let call = ScriptFixture.execution("HUBSPOT_LIST_DEALS", toolkit: "hubspot")
        await #expect(throws: Never.self) { try await provider.execute(call) }
        let added = ScriptFixture.execution("GMAIL_LIST_DRAFTS")
        await #expect(throws: notFound("GMAIL_LIST_DRAFTS")) { try await provider.execute(added) }
        clock.set(ScriptFixture.start.adding(seconds: 5))
        await #expect(throws: notFound("HUBSPOT_LIST_DEALS")) { try await provider.execute(call) }
        await #expect(throws: Never.self) { try await provider.execute(added) }
        clock.set(ScriptFixture.start.adding(seconds: 4))
        await #expect(throws: Never.self) { try await provider.execute(call) }
    }

    @Test("a deprecated tool still runs")
    func deprecatedTool() async throws {
        let provider = ScriptFixture.provider(clock: clock)
        clock.set(ScriptFixture.start.adding(seconds: 6))
        #expect(provider.catalog.tool("GITHUB_GET_REPOSITORY")?.isDeprecated == true)
        let result = try await provider.execute(ScriptFixture.execution("GITHUB_GET_REPOSITORY", toolkit: "github"))
        #expect(result.data["full_name"] == "acme/website")
    }

    @Test("with an empty catalog and no script any slug runs; with a script it is a 404")
    func emptyCatalog() async throws {
        let empty = SimulatedCatalog(toolkits: [], tools: [])
        let open = SimulatedProvider(catalog: empty)
        let result = try await open.execute(ScriptFixture.execution("ACME_DO_SOMETHING"))
        #expect(result.data["tool"] == "ACME_DO_SOMETHING")
        #expect(result.data["simulated"] == true)
        let scripted = SimulatedProvider(catalog: empty, script: .empty, clock: clock)
        await #expect(throws: notFound("ACME_DO_SOMETHING")) {
            try await scripted.execute(ScriptFixture.execution("ACME_DO_SOMETHING"))
        }
    }

    @Test("read-only tools answer realistic data, the same for the same seed, user and account")
    func readOnlyData() async throws {
        let provider = SimulatedProvider(options: .reliable(seed: 42))
        let twin = SimulatedProvider(options: .reliable(seed: 42))
        let otherSeed = SimulatedProvider(options: .reliable(seed: 43))
        let readOnly = SimulatedCatalog.standard.tools.filter { $0.tags.contains("readOnlyHint") }
        #expect(readOnly.count == 8)
        for (index, tool) in readOnly.enumerated() {
            let call = ScriptFixture.execution(tool.slug, toolkit: tool.toolkit, id: Int64(index))
            let result = try await provider.execute(call)
            #expect(result.data["simulated"] == nil, "\(tool.slug) answers data, not an echo")
            #expect(result.logID == provider.draws.logID(envelopeID: call.envelopeID, attempt: 1))
            // The data carries the output schema's properties (the real tools add a few more).
            let keys = Set(result.data.objectValue?.keys.map { $0 } ?? [])
            let declared = Set(tool.outputSchema["properties"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(!keys.isDisjoint(with: declared), "\(tool.slug): \(keys) vs \(declared)")
            // Same seed, user and account: the same data, whatever the envelope.
            var retried = call
            retried.envelopeID = EnvelopeID(1_000 + Int64(index))
            #expect(try await twin.execute(retried).data == result.data)
            // Another seed or account reads other items.
            #expect(try await otherSeed.execute(call).data != result.data, "\(tool.slug)")
            var elsewhere = call
            elsewhere.connectedAccountID = "ca_2"
            #expect(try await provider.execute(elsewhere).data != result.data, "\(tool.slug)")
        }
    }

    @Test("listed items have the shapes of the real tools, with seed-derived ids")
    func shapes() async throws {
        let provider = SimulatedProvider(options: .reliable(seed: 7))
        let messages = try await provider.execute(ScriptFixture.execution("GMAIL_LIST_MESSAGES")).data
        let items = try #require(messages["messages"]?.arrayValue)
        #expect(items.count == 3)
        #expect(messages["resultSizeEstimate"] == 3)
        for item in items {
            #expect(item["id"]?.stringValue?.wholeMatch(of: /[0-9a-f]{16}/) != nil)
            #expect(item["threadId"]?.stringValue?.count == 16)
            #expect(item["sender"]?.stringValue?.contains("@") == true)
            #expect(item["subject"]?.stringValue?.isEmpty == false)
        }
        #expect(Set(items.compactMap { $0["id"] }).count == 3)
        #expect(Set(items.compactMap { $0["subject"] }).count == 3)

        let two = try await provider.execute(ScriptFixture.execution("GMAIL_LIST_MESSAGES", arguments: ["max_results": 2]))
        #expect(two.data["messages"]?.arrayValue?.count == 2)
        let many = try await provider.execute(
            ScriptFixture.execution("SLACK_LIST_CHANNELS", toolkit: "slack", arguments: ["limit": 500]))
        let channels = try #require(many.data["channels"]?.arrayValue)
        #expect(channels.count == 5)
        #expect(channels.allSatisfy { $0["id"]?.stringValue?.wholeMatch(of: /C[0-9A-F]{10}/) != nil })
        #expect(Set(channels.compactMap { $0["name"] }).count == 5)

        let fetched = try await provider.execute(
            ScriptFixture.execution("GMAIL_FETCH_MESSAGE_BY_ID", arguments: ["message_id": "18c2f0a1b2c3d4e5"])).data
        #expect(fetched["messageId"] == "18c2f0a1b2c3d4e5")
        #expect(fetched["messageText"]?.stringValue?.isEmpty == false)

        let history = try await provider.execute(
            ScriptFixture.execution("SLACK_FETCH_CONVERSATION_HISTORY", toolkit: "slack")).data
        #expect(history["has_more"] == false)
        let stamps = history["messages"]?.arrayValue?.compactMap { $0["ts"]?.stringValue } ?? []
        #expect(stamps.count == 3)
        #expect(stamps.allSatisfy { $0.wholeMatch(of: /\d{10}\.\d{6}/) != nil })
        #expect(stamps == stamps.sorted(by: >))

        let contacts = try await provider.execute(ScriptFixture.execution("HUBSPOT_LIST_CONTACTS", toolkit: "hubspot")).data
        let contact = try #require(contacts["results"]?.arrayValue?.first)
        #expect(contact["id"]?.stringValue?.wholeMatch(of: /\d{11}/) != nil)
        #expect(contact["properties"]?["email"]?.stringValue?.hasSuffix(".example") == true)
        let deals = try await provider.execute(ScriptFixture.execution("HUBSPOT_LIST_DEALS", toolkit: "hubspot")).data
        #expect(deals["results"]?.arrayValue?.first?["properties"]?["dealstage"]?.stringValue?.isEmpty == false)

        let issues = try await provider.execute(
            ScriptFixture.execution("GITHUB_LIST_ISSUES", toolkit: "github", arguments: ["owner": "octo", "repo": "cat"])).data
        let numbers = issues["details"]?.arrayValue?.compactMap { $0["number"] } ?? []
        #expect(numbers.count == 3)
        let url = issues["details"]?.arrayValue?.first?["html_url"]?.stringValue
        #expect(url?.hasPrefix("https://github.com/octo/cat/issues/") == true)
        let repository = try await provider.execute(
            ScriptFixture.execution("GITHUB_GET_REPOSITORY", toolkit: "github", arguments: ["owner": "octo", "repo": "cat"])).data
        #expect(repository["full_name"] == "octo/cat")
        #expect(repository["default_branch"] == "main")
    }

    @Test("an unknown read-only tool lists sim_ ids; write tools still echo the call")
    func otherTools() async throws {
        let provider = SimulatedProvider(catalog: SimulatedCatalog.standard.replacing(ScriptFixture.notesTool))
        let drafts = try await provider.execute(ScriptFixture.execution("GMAIL_LIST_DRAFTS")).data
        let ids = drafts["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids.count == 3)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /sim_[0-9a-f]{16}/) != nil })
        let writes = ["GMAIL_SEND_EMAIL", "GMAIL_DELETE_MESSAGE", "SLACK_SEND_MESSAGE", "HUBSPOT_CREATE_CONTACT", "GITHUB_CREATE_ISSUE"]
        for slug in writes {
            let result = try await provider.execute(ScriptFixture.execution(slug, id: 8))
            #expect(result.data["tool"] == .string(slug))
            #expect(result.data["simulated"] == true)
            #expect(result.data["id"]?.stringValue?.hasPrefix("sim_") == true)
        }
    }
}
