import DeckCore
import Testing

/// Holds as state: the two transitions a breaking drift alert brings, and the audit rows the
/// stores write for every transition.
@Suite("Drift holds in the lifecycle")
struct DriftHoldTests {
    static let alert = DriftAlertID(7)
    static let reason = "drift: breaking change to GMAIL_SEND_EMAIL awaits an operator (opsdeck drift accept 7)"

    @Test("a pending envelope is held: never due again, and nothing can claim it")
    func hold() throws {
        let before = Fixture.envelope(.pending)
        let held = try EnvelopeLifecycle.apply(.holdForDrift(alert: Self.alert, reason: Self.reason), to: before, at: Fixture.now, by: "w")
        #expect(held.status == .pending && held.heldBy == Self.alert && held.runAt == .held && held.statusReason == Self.reason)
        #expect(Timestamp.held.iso8601 == "9999-12-31T23:59:59.999Z")
        // Years later it is still not due.
        #expect(throws: EnvelopeTransitionError.notDue(runAt: .held)) {
            try EnvelopeLifecycle.apply(
                .claim(worker: "w", leaseExpiresAt: Fixture.at(86_400_000 * 3_650 + 1)), to: held, at: Fixture.at(86_400_000 * 3_650), by: "w")
        }
        #expect(throws: EnvelopeTransitionError.alreadyHeld(by: Self.alert)) {
            try EnvelopeLifecycle.apply(.holdForDrift(alert: 8, reason: "again"), to: held, at: Fixture.now, by: "w")
        }
        for status in EnvelopeStatus.allCases where status != .pending {
            #expect(throws: EnvelopeTransitionError.illegal(transition: "hold for drift", from: status)) {
                try EnvelopeLifecycle.apply(.holdForDrift(alert: Self.alert, reason: "r"), to: Fixture.envelope(status), at: Fixture.now, by: "w")
            }
        }
    }

    @Test("release: due from the moment of release; only a held envelope can be released")
    func release() throws {
        let held = try EnvelopeLifecycle.apply(
            .holdForDrift(alert: Self.alert, reason: Self.reason), to: Fixture.envelope(.pending), at: Fixture.now, by: "w")
        let released = try EnvelopeLifecycle.apply(.releaseHold, to: held, at: Fixture.at(60_000), by: "alice")
        #expect(released.heldBy == nil && released.runAt == Fixture.at(60_000) && released.statusReason == nil)
        #expect(released.status == .pending)
        let claimed = try EnvelopeLifecycle.apply(
            .claim(worker: "w", leaseExpiresAt: Fixture.at(90_000)), to: released, at: Fixture.at(60_000), by: "w")
        #expect(claimed.status == .running)
        #expect(throws: EnvelopeTransitionError.notHeld) {
            try EnvelopeLifecycle.apply(.releaseHold, to: Fixture.envelope(.pending), at: Fixture.now, by: "alice")
        }
    }

    @Test("discarding a held envelope ends the hold")
    func discardHeld() throws {
        let held = try EnvelopeLifecycle.apply(
            .holdForDrift(alert: Self.alert, reason: Self.reason), to: Fixture.envelope(.pending), at: Fixture.now, by: "w")
        let discarded = try EnvelopeLifecycle.apply(.discard, to: held, at: Fixture.at(5), by: "alice")
        #expect(discarded.status == .cancelled && discarded.heldBy == nil && discarded.runAt == Fixture.at(5))
    }

    @Test("hold and release rows name the alert")
    func auditRows() throws {
        let before = Fixture.envelope(.pending)
        let hold = EnvelopeTransition.holdForDrift(alert: Self.alert, reason: Self.reason)
        let held = try EnvelopeLifecycle.apply(hold, to: before, at: Fixture.now, by: "w")
        let holdRow = try #require(EnvelopeAudit.transitioned(hold, from: before, to: held, actor: "w"))
        #expect(holdRow.action == "held_for_drift")
        #expect(holdRow.payload == ["from": "pending", "to": "pending", "attempts": 2, "drift_alert": 7, "reason": .string(Self.reason)])
        let released = try EnvelopeLifecycle.apply(.releaseHold, to: held, at: Fixture.at(9), by: "alice")
        let releaseRow = try #require(EnvelopeAudit.transitioned(.releaseHold, from: held, to: released, actor: "alice"))
        #expect(releaseRow.action == "hold_released")
        #expect(releaseRow.payload == [
            "from": "pending", "to": "pending", "attempts": 2, "drift_alert": 7, "run_at": .integer(Fixture.at(9).millisecondsSinceEpoch),
        ])
    }

    @Test("the stores' payload writer produces exactly the canonical text of every row's payload")
    func payloadWriterMatchesTheRow() throws {
        var cases: [(EnvelopeTransition, Envelope)] = TransitionKind.allCases.map { kind in
            (kind.transition, Fixture.envelope(EnvelopeAuditTests.source[kind]!))
        }
        let held = try EnvelopeLifecycle.apply(
            .holdForDrift(alert: Self.alert, reason: Self.reason), to: Fixture.envelope(.pending), at: Fixture.now, by: "w")
        cases.append((.holdForDrift(alert: Self.alert, reason: "quote \" and \\ and \n"), Fixture.envelope(.pending)))
        cases.append((.releaseHold, held))
        cases.append((.fail(worker: Fixture.owner, error: "ünïcödé \u{1B}[31m"), Fixture.envelope(.running)))
        cases.append((.succeed(worker: Fixture.owner, externalID: nil, result: nil, resultTruncated: false), Fixture.envelope(.running)))
        for (transition, before) in cases {
            let after = try EnvelopeLifecycle.apply(transition, to: before, at: Fixture.now, by: Fixture.owner.rawValue)
            guard let row = EnvelopeAudit.transitioned(transition, from: before, to: after, actor: "x") else { continue }
            var written: [UInt8] = [UInt8(ascii: "!")]  // appended to what is there
            EnvelopeAudit.writeTransitionedPayload(transition, from: before, to: after, into: &written)
            #expect(written == [UInt8(ascii: "!")] + Array(row.payload.canonicalText.utf8), "\(transition.name)")
        }
    }
}
