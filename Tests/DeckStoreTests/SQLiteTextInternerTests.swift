import Foundation
import Testing
@testable import DeckStore

@Suite("SQLiteTextInterner")
struct SQLiteTextInternerTests {
    private func string(_ interner: SQLiteTextInterner, _ text: String) -> String {
        Array(text.utf8).withUnsafeBufferPointer { interner.string($0) }
    }

    @Test("gives back the text it is given, short, long, non-ASCII or empty")
    func roundTrip() {
        let interner = SQLiteTextInterner()
        let texts = ["", "gmail", "GMAIL_SEND_EMAIL", "9f184f8b-cdd5-46de-b6bc-ddbdc1617a89", "tenant-ä-🙂-0123456789",
                     String(repeating: "x", count: 200)]
        for _ in 0..<3 {
            for text in texts { #expect(string(interner, text) == text) }
        }
    }

    @Test("texts alike in length, head and tail but not in the middle stay apart")
    func collisions() {
        let interner = SQLiteTextInterner()
        let a = "aaaaaaaa-0000-0000-0000-bbbbbbbbbbbb"
        let b = "aaaaaaaa-1111-1111-1111-bbbbbbbbbbbb"
        #expect(string(interner, a) == a)
        #expect(string(interner, b) == b)
        #expect(string(interner, a) == a)
    }

    @Test("many distinct texts: every answer right, across the table starting over")
    func manyTexts() {
        let interner = SQLiteTextInterner()
        let ids = (0..<(SQLiteTextInterner.capacity + 500)).map { _ in UUID().uuidString.lowercased() }
        for id in ids { #expect(string(interner, id) == id) }
        for id in ids.shuffled().prefix(2_000) { #expect(string(interner, id) == id) }
    }
}
