import DeckCore
import Testing

@Suite("TenantDraft")
struct TenantDraftTests {
    @Test("defaults")
    func defaults() throws {
        let draft = try TenantDraft(name: "Acme GmbH")
        #expect(draft.name == "Acme GmbH")
        #expect(draft.plan == "free")
        #expect(draft.timeZone == "UTC")
        #expect(draft.maxRunning == 1)
        #expect(draft.composioUserID == "Acme GmbH")
    }

    @Test("explicit values are kept")
    func explicit() throws {
        let draft = try TenantDraft(name: "Acme", plan: "pro", timeZone: "Europe/Berlin", maxRunning: 10_000, composioUserID: "user-1")
        #expect(draft.plan == "pro")
        #expect(draft.timeZone == "Europe/Berlin")
        #expect(draft.maxRunning == 10_000)
        #expect(draft.composioUserID == "user-1")
    }

    @Test("names of 1 to 100 characters are accepted",
          arguments: ["A", String(repeating: "x", count: 100), String(repeating: "😀", count: 100), "Müller & Söhne 漢字",
                      "e\u{301}", "tenant 3f2504e0-4f89-11d3-9a0c-0305e82c3301"])
    func validNames(name: String) throws {
        #expect(try TenantDraft.validateName(name) == name)
        #expect(try TenantDraft(name: name, composioUserID: "user").name == name)
    }

    @Test("refuses empty, over-long, control-character and UUID-looking names",
          arguments: ["", String(repeating: "x", count: 101), String(repeating: "😀", count: 101), "a\nb", "tab\there",
                      "bell\u{7}", "esc\u{1B}[31m", "del\u{7F}", "c1\u{85}", "rtl\u{202E}", "lrm\u{200E}",
                      "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"])
    func invalidNames(name: String) {
        let error = #expect(throws: InvalidInput.self) { try TenantDraft(name: name) }
        #expect(error?.message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x200E } == false,
                "the message must be safe to print")
        #expect(throws: InvalidInput.self) { try TenantDraft.validateName(name) }
    }

    @Test("time zones must be known IANA names", arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"])
    func validTimeZones(zone: String) throws {
        #expect(try TenantDraft.validateTimeZone(zone) == zone)
    }

    @Test("unknown time zones are refused", arguments: ["", "Mars/Olympus_Mons", "Europe/Atlantis", "Not a zone", "\u{1B}"])
    func invalidTimeZones(zone: String) {
        let error = #expect(throws: InvalidInput.self) { try TenantDraft(name: "Acme", timeZone: zone) }
        #expect(error?.message.contains("\u{1B}") == false)
    }

    @Test("maxRunning from 1 to 10,000", arguments: [1, 2, 10_000])
    func validMaxRunning(value: Int) throws {
        #expect(try TenantDraft.validateMaxRunning(value) == value)
    }

    @Test("maxRunning outside 1...10,000 is refused", arguments: [0, -1, 10_001, Int.max, Int.min])
    func invalidMaxRunning(value: Int) {
        let error = #expect(throws: InvalidInput.self) { try TenantDraft(name: "Acme", maxRunning: value) }
        #expect(error?.message.contains(String(value)) == true)
    }

    @Test("the composio user id must be 1 to 400 bytes")
    func composioUserID() throws {
        #expect(throws: InvalidInput.self) { try TenantDraft(name: "Acme", composioUserID: "") }
        #expect(throws: InvalidInput.self) { try TenantDraft(name: "Acme", composioUserID: String(repeating: "u", count: 401)) }
        // 200 two-byte characters are 400 bytes; 201 are too many.
        #expect(try TenantDraft(name: "Acme", composioUserID: String(repeating: "é", count: 200)).composioUserID.utf8.count == 400)
        #expect(throws: InvalidInput.self) { try TenantDraft(name: "Acme", composioUserID: String(repeating: "é", count: 201)) }
    }

    @Test("the longest valid name in four-byte characters is a valid default composio user id")
    func longNameDefaultsToAValidUserID() throws {
        let name = String(repeating: "😀", count: 100)
        #expect(try TenantDraft(name: name).composioUserID == name)
    }

    @Test("names that could pass for another are refused; the rest are kept in NFC", arguments: [
        "ac\u{200B}me", "acme\u{2060}", "acme\u{FEFF}", "\u{202E}emca", " ", "  acme", "acme ", "\u{0301}acme", "",
    ])
    func lookalikeNamesAreRefused(name: String) {
        #expect(throws: InvalidInput.self) { try TenantDraft(name: name) }
    }

    @Test("a decomposed accent is stored composed (NFC), so it is one name however it was typed")
    func namesAreNormalized() throws {
        #expect(try TenantDraft(name: "acme\u{0301}").name == "acm\u{00E9}")
        #expect(try TenantDraft(name: "acme\u{0301}").name.unicodeScalars.count == 4)
        #expect(DisplayName.lookalikeKey("ACME") == DisplayName.lookalikeKey("acme"))
        #expect(DisplayName.lookalikeKey("acm\u{00E9}") != DisplayName.lookalikeKey("acme"))
        #expect(throws: InvalidInput("tenant name 'ac\u{200B}me' contains an invisible or control character (U+200B)")) {
            try DisplayName.validate("ac\u{200B}me", what: "tenant name")
        }
    }
}
