import DeckCore
import Foundation
import Testing

@Suite("ToolSlug")
struct ToolSlugTests {
    @Test("normalize upper-cases valid slugs",
          arguments: [("gmail_send_email", "GMAIL_SEND_EMAIL"), ("GMAIL_SEND_EMAIL", "GMAIL_SEND_EMAIL"), ("a", "A"),
                      ("Slack_Post_2", "SLACK_POST_2"), ("X__Y_", "X__Y_"), ("a1", "A1")])
    func normalize(text: String, slug: String) throws {
        #expect(try ToolSlug(parsing: text).rawValue == slug)
    }

    @Test("normalize accepts 128 characters and refuses 129")
    func normalizeLength() throws {
        let longest = "A" + String(repeating: "B", count: 127)
        #expect(try ToolSlug(parsing: longest).rawValue == longest)
        #expect(throws: InvalidInput.self) { try ToolSlug(parsing: longest + "C").rawValue }
    }

    @Test("normalize refuses anything but letters, digits and '_' starting with a letter",
          arguments: ["", "1GMAIL", "_GMAIL", "GMAIL-SEND", "GMAIL SEND", "GMAIL.SEND", " GMAIL", "GMAIL\n", "ÉMAIL",
                      "GMAIL_SEND_É", "漢字", "GMAIL😀", "\u{1B}[31m"])
    func normalizeRejects(text: String) {
        let error = #expect(throws: InvalidInput.self) { try ToolSlug(parsing: text).rawValue }
        #expect(error?.message.contains("\u{1B}") == false)
        #expect(error?.message.contains("\n") == false)
    }

    /// Non-ASCII letters whose upper-case form happens to be ASCII (long s, dotless i,
    /// sharp s, ligatures) are not in `A–Z`: they must be refused, not rewritten into a
    /// different, valid-looking slug.
    @Test("normalize refuses non-ASCII letters that upper-case to ASCII",
          arguments: ["GMAIL_\u{17F}END", "GMA\u{131}L_SEND", "STRA\u{DF}E", "\u{FB01}LE_GET", "GMAIL_\u{FB00}",
                      "gmail_\u{17F}end", "gma\u{131}l_send", "stra\u{DF}e", "\u{FB01}le_get", "gmail_\u{FB00}"])
    func normalizeRejectsCaseFoldingTricks(text: String) {
        #expect(throws: InvalidInput.self) { try ToolSlug(parsing: text).rawValue }
    }

    @Test("normalizeToolkit lower-cases valid toolkit slugs",
          arguments: [("GMail", "gmail"), ("google-drive", "google-drive"), ("MS_Teams", "ms_teams"), ("123", "123"),
                      ("-", "-")])
    func normalizeToolkit(text: String, slug: String) throws {
        #expect(try ToolkitSlug.normalize(text) == slug)
    }

    @Test("normalizeToolkit accepts 64 characters and refuses 65")
    func normalizeToolkitLength() throws {
        let longest = String(repeating: "a", count: 64)
        #expect(try ToolkitSlug.normalize(longest) == longest)
        #expect(throws: InvalidInput.self) { try ToolkitSlug.normalize(longest + "a") }
    }

    @Test("normalizeToolkit refuses other characters",
          arguments: ["", "g mail", "gmail!", "gmail.com", "gmail/", "gmäil", "\u{212A}it", "\u{130}nbox"])
    func normalizeToolkitRejects(text: String) {
        #expect(throws: InvalidInput.self) { try ToolkitSlug.normalize(text) }
    }

    @Test("defaultToolkit is the first word, lower-cased",
          arguments: [("GMAIL_SEND_EMAIL", "gmail"), ("SLACK", "slack"), ("GOOGLEDRIVE_LIST_FILES", "googledrive"),
                      ("GITHUB_CREATE_AN_ISSUE", "github"), ("", "")])
    func defaultToolkit(slug: String, toolkit: String) {
        #expect(ToolSlug(rawValue: slug).defaultToolkit == toolkit)
    }

    @Test("isVersion accepts 'latest' and YYYYMMDD_NN", arguments: ["latest", "20250101_00", "20251231_99", "00000000_00"])
    func versions(text: String) {
        #expect(ToolkitSlug.isVersion(text))
    }

    @Test("isVersion refuses everything else",
          arguments: ["", "LATEST", "Latest", "latest ", "2025010_001", "20250101-00", "20250101_0", "20250101_000",
                      "2025a101_00", "20250101_0a", "202501010_0", "_20250101_0", "２０２５０１０１_００", "2025٠101_00", "v1"])
    func notVersions(text: String) {
        #expect(!ToolkitSlug.isVersion(text))
    }

    @Test("a slug is a value: literals, order, JSON as a plain string, interpolation as its text")
    func value() throws {
        let slug: ToolSlug = "GMAIL_SEND_EMAIL"
        #expect(slug == ToolSlug(rawValue: "GMAIL_SEND_EMAIL"))
        #expect(try ToolSlug(parsing: "gmail_send_email") == slug)
        #expect(ToolSlug(rawValue: "A_B") < ToolSlug(rawValue: "B_A"))
        #expect("\(slug)" == "GMAIL_SEND_EMAIL")
        let data = try JSONEncoder().encode([slug])
        #expect(String(decoding: data, as: UTF8.self) == "[\"GMAIL_SEND_EMAIL\"]")
        #expect(try JSONDecoder().decode([ToolSlug].self, from: data) == [slug])
    }
}
