import DeckCore
import Foundation
import Testing

/// A pending envelope of `risk` and `toolkit`, approved by `approvedBy` when given.
private func pending(risk: RiskTier = .low, toolkit: String = "gmail", approvedBy: String? = nil) -> Envelope {
    var envelope = Fixture.envelope(.pending)
    envelope.risk = risk
    envelope.toolkit = toolkit
    envelope.approvedBy = approvedBy
    return envelope
}

private func quiet(_ text: String) -> QuietHours {
    do { return try QuietHours(parsing: text) } catch { fatalError("bad test window \(text)") }
}

/// 2026-01-15T23:30:00Z: 23:30 in UTC, 00:30 (16 Jan) in Berlin (CET, +01:00), 18:30 in
/// New York (EST, −05:00).
private let lateEvening = Timestamp(millisecondsSinceEpoch: 1_768_519_800_000)
/// 2026-01-16T07:00:00Z, the end of a UTC 22:00-07:00 window containing `lateEvening`.
private let sevenNextMorning = Timestamp(millisecondsSinceEpoch: 1_768_546_800_000)
/// 2026-01-15T12:00:00Z: midday in UTC, outside 22:00-07:00.
private let midday = Timestamp(millisecondsSinceEpoch: 1_768_478_400_000)

@Suite("GuardrailEvaluator")
struct GuardrailEvaluatorTests {
    @Test("the fixed instants are what their comments say")
    func instants() {
        // 2026-01-01T00:00:00Z is 1 767 225 600 s; + 14 days 23.5 h, + 15 days 7 h, + 14 days 12 h.
        #expect(lateEvening.millisecondsSinceEpoch == (1_767_225_600 + 14 * 86_400 + 23 * 3_600 + 1_800) * 1000)
        #expect(sevenNextMorning.millisecondsSinceEpoch == (1_767_225_600 + 15 * 86_400 + 7 * 3_600) * 1000)
        #expect(midday.millisecondsSinceEpoch == (1_767_225_600 + 14 * 86_400 + 12 * 3_600) * 1000)
    }

    @Test("default guardrails run a medium-risk envelope at any time")
    func defaults() {
        #expect(GuardrailEvaluator.decide(pending(risk: .medium), guardrails: .default, timeZone: "UTC", at: lateEvening) == .run)
        #expect(GuardrailEvaluator.decide(pending(risk: .low), guardrails: .default, timeZone: "UTC", at: midday) == .run)
    }

    @Test("a toolkit outside the allowed list is rejected with a stable reason")
    func toolkitRejected() {
        let guardrails = Guardrails(allowedToolkits: ["slack", "gmail", "slack"])
        let decision = GuardrailEvaluator.decide(pending(toolkit: "stripe"), guardrails: guardrails, timeZone: "UTC", at: midday)
        #expect(decision == .reject(reason: "guardrail: toolkit stripe is not allowed (allowed: gmail, slack)"))
        #expect(GuardrailEvaluator.decide(pending(toolkit: "gmail"), guardrails: guardrails, timeZone: "UTC", at: midday) == .run)
    }

    @Test("an empty allow list refuses every toolkit and says so")
    func emptyAllowList() {
        let decision = GuardrailEvaluator.decide(
            pending(toolkit: "gmail"), guardrails: Guardrails(allowedToolkits: []), timeZone: "UTC", at: midday)
        #expect(decision == .reject(reason: "guardrail: toolkit gmail is not allowed (allowed: none)"))
    }

    @Test("toolkit refusal beats approval and quiet hours; approvedBy does not lift it")
    func toolkitFirst() {
        let guardrails = Guardrails(quietHours: quiet("22:00-07:00"), allowedToolkits: ["slack"], autonomy: .low)
        for approvedBy in [nil, "alice"] {
            let decision = GuardrailEvaluator.decide(
                pending(risk: .critical, toolkit: "gmail", approvedBy: approvedBy), guardrails: guardrails,
                timeZone: "UTC", at: lateEvening)
            #expect(decision == .reject(reason: "guardrail: toolkit gmail is not allowed (allowed: slack)"))
        }
    }

    @Test("approval beats quiet hours for an unapproved envelope")
    func approvalBeforeQuietHours() {
        let guardrails = Guardrails(quietHours: quiet("22:00-07:00"), autonomy: .medium)
        let decision = GuardrailEvaluator.decide(pending(risk: .high), guardrails: guardrails, timeZone: "UTC", at: lateEvening)
        #expect(decision == .holdForApproval(reason: "guardrail: risk high is above the autonomy threshold medium"))
    }

    @Test("an approved envelope skips the autonomy check but still respects quiet hours")
    func approvedStillQuiet() {
        let guardrails = Guardrails(quietHours: quiet("22:00-07:00"), autonomy: .low)
        let envelope = pending(risk: .critical, approvedBy: "alice")
        #expect(GuardrailEvaluator.decide(envelope, guardrails: guardrails, timeZone: "UTC", at: lateEvening)
            == .deferUntil(sevenNextMorning, reason: "guardrail: quiet hours 22:00-07:00 (UTC)"))
        #expect(GuardrailEvaluator.decide(envelope, guardrails: guardrails, timeZone: "UTC", at: midday) == .run)
    }

    static let tierPairs = RiskTier.allCases.flatMap { risk in RiskTier.allCases.map { (risk, $0) } }

    @Test("autonomy: held exactly when the risk is above the threshold", arguments: tierPairs)
    func autonomyBoundary(risk: RiskTier, autonomy: RiskTier) {
        let guardrails = Guardrails(autonomy: autonomy)
        let decision = GuardrailEvaluator.decide(pending(risk: risk), guardrails: guardrails, timeZone: "UTC", at: midday)
        let order: [RiskTier] = [.low, .medium, .high, .critical]
        if order.firstIndex(of: risk)! > order.firstIndex(of: autonomy)! {
            #expect(decision == .holdForApproval(
                reason: "guardrail: risk \(risk.rawValue) is above the autonomy threshold \(autonomy.rawValue)"))
        } else {
            #expect(decision == .run)
        }
        let approved = GuardrailEvaluator.decide(
            pending(risk: risk, approvedBy: "alice"), guardrails: guardrails, timeZone: "UTC", at: midday)
        #expect(approved == .run, "an approved envelope passes whatever its tier")
    }

    @Test("quiet hours follow the tenant's time zone")
    func quietHoursZone() {
        let guardrails = Guardrails(quietHours: quiet("00:00-06:00"))
        // 00:30 CET in Berlin: quiet until 06:00 CET = 05:00Z on 16 Jan.
        let berlinEnd = Timestamp(millisecondsSinceEpoch: (1_767_225_600 + 15 * 86_400 + 5 * 3_600) * 1000)
        #expect(GuardrailEvaluator.decide(pending(), guardrails: guardrails, timeZone: "Europe/Berlin", at: lateEvening)
            == .deferUntil(berlinEnd, reason: "guardrail: quiet hours 00:00-06:00 (Europe/Berlin)"))
        // 18:30 EST in New York and 23:30 in UTC: not quiet.
        #expect(GuardrailEvaluator.decide(pending(), guardrails: guardrails, timeZone: "America/New_York", at: lateEvening) == .run)
        #expect(GuardrailEvaluator.decide(pending(), guardrails: guardrails, timeZone: "UTC", at: lateEvening) == .run)
    }

    /// Decided: an identifier Foundation does not know (tenant zones are validated when set,
    /// so this only happens if the tz database dropped one) is read as UTC — failing closed:
    /// a quiet window is never skipped because its zone vanished.
    @Test("an unknown time zone is read as UTC", arguments: ["Mars/Olympus_Mons", "", "Not A Zone"])
    func unknownZone(identifier: String) {
        let guardrails = Guardrails(quietHours: quiet("00:00-23:59"))
        #expect(TimeZone(identifier: identifier) == nil)
        let inUTC = GuardrailEvaluator.decide(pending(), guardrails: guardrails, timeZone: "UTC", at: lateEvening)
        guard case .deferUntil(let end, let reason) = GuardrailEvaluator.decide(
            pending(), guardrails: guardrails, timeZone: identifier, at: lateEvening) else {
            Issue.record("an unknown zone must not skip the quiet window")
            return
        }
        guard case .deferUntil(let utcEnd, _) = inUTC else {
            Issue.record("expected the UTC evaluation to defer")
            return
        }
        #expect(end == utcEnd)
        #expect(reason.contains("read as UTC"))
        // The other guardrails still apply.
        #expect(GuardrailEvaluator.decide(
            pending(risk: .critical), guardrails: guardrails, timeZone: identifier, at: lateEvening)
            == .holdForApproval(reason: "guardrail: risk critical is above the autonomy threshold medium"))
    }

    @Test("the reasons name the toolkit, the tiers and the window")
    func reasonsMentionTheRule() {
        let reject = GuardrailEvaluator.decide(
            pending(toolkit: "hubspot"), guardrails: Guardrails(allowedToolkits: ["gmail"]), timeZone: "UTC", at: midday)
        let hold = GuardrailEvaluator.decide(
            pending(risk: .high), guardrails: Guardrails(autonomy: .low), timeZone: "UTC", at: midday)
        let deferred = GuardrailEvaluator.decide(
            pending(), guardrails: Guardrails(quietHours: quiet("22:00-07:00")), timeZone: "UTC", at: lateEvening)
        guard case .reject(let rejectReason) = reject, case .holdForApproval(let holdReason) = hold,
              case .deferUntil(_, let deferReason) = deferred else {
            Issue.record("unexpected decisions \(reject) \(hold) \(deferred)")
            return
        }
        for reason in [rejectReason, holdReason, deferReason] {
            #expect(reason.hasPrefix("guardrail: "))
            #expect(!reason.contains("\n"))
        }
        #expect(rejectReason.contains("toolkit hubspot") && rejectReason.contains("gmail"))
        #expect(holdReason.contains("risk high") && holdReason.contains("threshold low"))
        #expect(deferReason.contains("quiet hours 22:00-07:00") && deferReason.contains("UTC"))
    }

    @Test(".transition maps every decision to its lifecycle transition")
    func transitions() throws {
        #expect(GuardrailDecision.run.transition == nil)
        #expect(GuardrailDecision.deferUntil(sevenNextMorning, reason: "q").transition == .deferRun(until: sevenNextMorning, reason: "q"))
        #expect(GuardrailDecision.holdForApproval(reason: "h").transition == .holdForApproval(reason: "h"))
        #expect(GuardrailDecision.reject(reason: "r").transition == .reject(reason: "r"))

        // And the transitions apply to a pending envelope as the brief describes.
        let envelope = pending()
        let deferred = try EnvelopeLifecycle.apply(
            #require(GuardrailDecision.deferUntil(sevenNextMorning, reason: "q").transition), to: envelope,
            at: lateEvening, by: "worker-a")
        #expect(deferred.status == .pending && deferred.runAt == sevenNextMorning && deferred.statusReason == "q")
        let held = try EnvelopeLifecycle.apply(
            #require(GuardrailDecision.holdForApproval(reason: "h").transition), to: envelope, at: lateEvening, by: "worker-a")
        #expect(held.status == .awaitingApproval && held.statusReason == "h")
        let rejected = try EnvelopeLifecycle.apply(
            #require(GuardrailDecision.reject(reason: "r").transition), to: envelope, at: lateEvening, by: "worker-a")
        #expect(rejected.status == .dead && rejected.lastError == "r" && !rejected.inDoubt)
    }

    @Test("random cases: a deferral ends later than now, and at its end the same envelope runs")
    func deferralProperty() throws {
        var random = SplitMix64(seed: 0x6A4D_0001)
        let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                     "Pacific/Chatham", "America/Sao_Paulo", "America/Santiago"]
        let toolkits = ["gmail", "slack", "stripe", "hubspot"]
        // 2026-01-01T00:00:00Z, plus up to a year; transition nights get extra weight below.
        let yearStart: Int64 = 1_767_225_600_000
        let transitions: [Int64] = [1_774_746_000_000, 1_792_890_000_000, 1_772_953_200_000, 1_775_314_800_000]
        var counts: [String: Int] = [:]
        for _ in 0..<2_000 {
            let risk = RiskTier.allCases[random.below(4)]
            let envelope = pending(
                risk: risk, toolkit: toolkits[random.below(toolkits.count)],
                approvedBy: random.chance(3) ? "alice" : nil)
            let start = random.below(1440)
            let end = (start + 1 + random.below(1439)) % 1440
            let window = try QuietHours(startMinute: start, endMinute: end)
            let guardrails = Guardrails(
                quietHours: random.chance(5) ? nil : window,
                allowedToolkits: random.chance(4) ? Array(toolkits.prefix(1 + random.below(3))) : nil,
                autonomy: RiskTier.allCases[random.below(4)])
            let zone = zones[random.below(zones.count)]
            let now = Timestamp(millisecondsSinceEpoch: random.chance(3)
                ? transitions[random.below(transitions.count)] + Int64(random.below(28_800_000)) - 14_400_000
                : yearStart + Int64(random.next() % 31_536_000_000))
            let decision = GuardrailEvaluator.decide(envelope, guardrails: guardrails, timeZone: zone, at: now)
            switch decision {
            case .run: counts["run", default: 0] += 1
            case .reject: counts["reject", default: 0] += 1
            case .holdForApproval: counts["hold", default: 0] += 1
            case .deferUntil(let until, _):
                counts["defer", default: 0] += 1
                #expect(until > now, "\(guardrails.quietHours!) in \(zone) at \(now)")
                let again = GuardrailEvaluator.decide(envelope, guardrails: guardrails, timeZone: zone, at: until)
                #expect(again == .run, "\(guardrails.quietHours!) in \(zone) at \(now) → \(until): \(again)")
                // The deferral is accepted by the lifecycle.
                let applied = try EnvelopeLifecycle.apply(try #require(decision.transition), to: envelope, at: now, by: "w")
                #expect(applied.runAt == until)
            }
        }
        // Every branch is exercised, so the property is not vacuous.
        #expect(["run", "reject", "hold", "defer"].allSatisfy { counts[$0, default: 0] > 50 }, "\(counts)")
    }
}
