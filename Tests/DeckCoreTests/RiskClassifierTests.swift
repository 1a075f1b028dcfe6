import DeckCore
import Testing

@Suite("RiskClassifier")
struct RiskClassifierTests {
    @Test("classifies tools by the verbs in their slug", arguments: [
        ("GMAIL_LIST_MESSAGES", RiskTier.low),
        ("GMAIL_SEND_EMAIL", .medium),
        ("GMAIL_DELETE_MESSAGE", .high),
        ("STRIPE_CREATE_REFUND", .critical),
        ("GMAIL_FETCH_EMAILS", .low),
        ("SLACK_SEARCH_MESSAGES", .low),
        ("GITHUB_GET_REPOSITORY", .low),
        ("GITHUB_CREATE_ISSUE", .medium),
        ("NOTION_UPDATE_PAGE", .medium),
        ("GITHUB_DELETE_REPO", .high),
        ("SLACK_ARCHIVE_CHANNEL", .high),
        ("GMAIL_BULK_LABEL", .high),
        ("STRIPE_CREATE_PAYMENT_INTENT", .critical),
        ("MAILCHIMP_BROADCAST_CAMPAIGN", .critical),
        ("gmail_list_messages", .low),
        ("gmail_delete_message", .high),
    ])
    func classify(slug: String, tier: RiskTier) {
        #expect(RiskClassifier.classify(slug: slug) == tier)
    }

    @Test("the most dangerous word wins")
    func precedence() {
        #expect(RiskClassifier.classify(slug: "STRIPE_DELETE_PAYMENT") == .critical)
        #expect(RiskClassifier.classify(slug: "STRIPE_LIST_AND_REFUND") == .critical)
        #expect(RiskClassifier.classify(slug: "DRIVE_LIST_THEN_DELETE") == .high)
    }

    @Test("a read verb only counts as the first word after the toolkit")
    func readVerbPosition() {
        #expect(RiskClassifier.classify(slug: "GMAIL_SEND_LIST") == .medium)
        #expect(RiskClassifier.classify(slug: "GMAIL_LIST") == .low)
    }

    @Test("the toolkit word itself is ignored")
    func toolkitIgnored() {
        #expect(RiskClassifier.classify(slug: "PAYPAL_GET_BALANCE") == .low)
        #expect(RiskClassifier.classify(slug: "PAY_GET_BALANCE") == .low)
        #expect(RiskClassifier.classify(slug: "DELETE_ME") == .medium)
        #expect(RiskClassifier.classify(slug: "GMAIL") == .medium)
    }
}
