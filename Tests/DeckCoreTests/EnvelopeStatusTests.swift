import DeckCore
import Testing

@Suite("EnvelopeStatus")
struct EnvelopeStatusTests {
    @Test("stored names")
    func rawValues() {
        #expect(EnvelopeStatus.allCases.map(\.rawValue)
            == ["awaiting_approval", "pending", "running", "succeeded", "dead", "cancelled"])
    }

    @Test("parses every stored name, in any case",
          arguments: [("awaiting_approval", EnvelopeStatus.awaitingApproval), ("AWAITING_APPROVAL", .awaitingApproval),
                      ("pending", .pending), ("Running", .running), ("succeeded", .succeeded), ("DEAD", .dead),
                      ("cancelled", .cancelled)])
    func parses(text: String, status: EnvelopeStatus) throws {
        #expect(try EnvelopeStatus.parse(text) == status)
    }

    @Test("refuses other spellings",
          arguments: ["", "awaitingApproval", "awaiting-approval", "awaiting approval", "canceled", "done", "pending ", "r\u{7}unning"])
    func rejects(text: String) {
        let error = #expect(throws: InvalidInput.self) { try EnvelopeStatus.parse(text) }
        #expect(error?.message.contains("awaiting_approval, pending, running, succeeded, dead, cancelled") == true)
        #expect(error?.message.contains("\u{7}") == false)
    }

    @Test("description is the stored name", arguments: EnvelopeStatus.allCases)
    func description(status: EnvelopeStatus) {
        #expect(status.description == status.rawValue)
    }
}
