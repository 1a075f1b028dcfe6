import DeckCore

/// The synthetic agent's envelopes: a deterministic stream for a seed, spread over tenants and
/// toolkits the way a real agent fleet's would be — mostly sends and creates, some reads, a
/// few deletes (high risk) and bulk imports marked critical, which need an operator's approval.
public struct DemoTraffic: Sendable {
    private var generator: Xoshiro256
    /// How many drafts this stream has made.
    public private(set) var count = 0
    /// Prefix of every idempotency key, so two runs never collide.
    public let keyPrefix: String

    public init(seed: UInt64, keyPrefix: String) {
        generator = Xoshiro256(seed: seed)
        self.keyPrefix = keyPrefix
    }

    /// One tool the agent uses, with its share of the traffic.
    struct Template: Sendable {
        var slug: String
        var weight: Int
        var risk: RiskTier?
        var arguments: @Sendable (Int, inout Xoshiro256) -> JSONValue
    }

    static let people = ["ana@example.com", "bo@example.org", "chen@example.net", "dara@example.com", "eli@example.org"]
    static let subjects = ["Quarterly review", "Renewal terms", "Follow-up on the demo", "Invoice 2026-114", "Intro: platform team"]
    static let channels = ["#sales", "#support", "#ops-alerts", "#launch"]

    static let templates: [Template] = [
        Template(slug: "GMAIL_SEND_EMAIL", weight: 28, risk: nil) { number, random in
            // One in forty subjects carries a terminal escape, as hostile input does; the
            // console must show it escaped.
            let subject = number % 40 == 17 ? "Pay now \u{1b}[31mURGENT\u{1b}[0m" : subjects[Int(random.next() % 5)]
            return ["recipient_email": .string(people[Int(random.next() % 5)]), "subject": .string(subject),
                    "body": .string("Hello, following up on our conversation.")]
        },
        Template(slug: "SLACK_SEND_MESSAGE", weight: 24, risk: nil) { _, random in
            ["channel": .string(channels[Int(random.next() % 4)]), "text": .string("Status update: pipeline green")]
        },
        Template(slug: "HUBSPOT_CREATE_CONTACT", weight: 14, risk: nil) { number, _ in
            ["email": .string("lead\(number)@example.com"), "firstname": .string("Lead"), "lastname": .string("\(number)")]
        },
        Template(slug: "GITHUB_CREATE_ISSUE", weight: 10, risk: nil) { number, _ in
            ["owner": "acme", "repo": "platform", "title": .string("Flaky job #\(number)"), "body": "Seen twice today."]
        },
        Template(slug: "GMAIL_LIST_MESSAGES", weight: 12, risk: nil) { _, _ in ["query": "is:unread", "max_results": 20] },
        Template(slug: "SLACK_FETCH_CONVERSATION_HISTORY", weight: 5, risk: nil) { _, random in
            ["channel": .string(channels[Int(random.next() % 4)]), "limit": 50]
        },
        Template(slug: "GMAIL_DELETE_MESSAGE", weight: 4, risk: nil) { number, _ in
            ["message_id": .string(String(format: "18c%07x", number))]
        },
        Template(slug: "HUBSPOT_CREATE_CONTACT", weight: 3, risk: .critical) { number, _ in
            ["email": .string("import-\(number)@example.com"), "firstname": "Bulk", "lastname": "Import"]
        },
    ]

    static let totalWeight = templates.reduce(0) { $0 + $1.weight }

    /// The next envelope for one of `tenants` (nil when there are none).
    public mutating func next(tenants: [Tenant]) -> EnvelopeDraft? {
        guard !tenants.isEmpty else { return nil }
        count += 1
        let tenant = tenants[Int(generator.next() % UInt64(tenants.count))]
        var pick = Int(generator.next() % UInt64(Self.totalWeight))
        var template = Self.templates[0]
        for candidate in Self.templates {
            if pick < candidate.weight {
                template = candidate
                break
            }
            pick -= candidate.weight
        }
        let arguments = template.arguments(count, &generator)
        return try? EnvelopeDraft(
            tenantID: tenant.id, toolSlug: template.slug, arguments: arguments, risk: template.risk,
            idempotencyKey: "\(keyPrefix)-\(count)")
    }
}
