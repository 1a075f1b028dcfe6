import DeckCore
import Testing

@Suite("ResultText")
struct ResultTextTests {
    @Test("short results pass whole; long ones are cut on a character boundary and marked")
    func truncation() {
        #expect(ResultText.truncate("hello", limit: 5) == ("hello", false))
        #expect(ResultText.truncate("hello!", limit: 5) == ("hello", true))
        // "é" is two bytes: a limit falling inside it keeps the character out.
        #expect(ResultText.truncate("aé", limit: 2) == ("a", true))
        #expect(ResultText.truncate("😀😀", limit: 7) == ("😀", true))
        #expect(ResultText.truncate("", limit: 0) == ("", false))
        let long = String(repeating: "x", count: 100_000)
        let cut = ResultText.truncate(long, limit: 65_536)
        #expect(cut.text.utf8.count == 65_536 && cut.truncated)
    }
}
