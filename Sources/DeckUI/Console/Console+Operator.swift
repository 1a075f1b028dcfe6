import DeckCore

/// The operator controls beyond approve/retry/discard: pause a tenant's queue, change its cap,
/// run a retry now, copy an envelope.
extension Console {
    /// The tenant under the cursor in the tenants view, or the one whose detail is open.
    public static func selectedTenant(_ state: ConsoleState) -> Tenant? {
        if case .tenant(let id)? = state.detail {
            if case .tenant(let summary, _)? = state.data.detail, summary.tenant.id == id { return summary.tenant }
            return state.data.tenants.first { $0.tenant.id == id }?.tenant
        }
        guard state.view == .tenants, let index = selectedIndex(state, .tenants) else { return nil }
        let rows = tenantRows(state)
        return index < rows.count ? rows[index].tenant : nil
    }

    /// `p`: asks to pause (or resume) the selected tenant's queue, naming it and its queue.
    static func togglePause(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard !state.readOnly else {
            flash(&state, "read-only console: actions are disabled", isError: true)
            return []
        }
        guard let tenant = selectedTenant(state) else {
            flash(&state, "no tenant selected", isError: true)
            return []
        }
        let counts = state.data.tenants.first { $0.tenant.id == tenant.id }?.envelopes ?? [:]
        let queue = "\(counts[.pending] ?? 0) pending, \(counts[.running] ?? 0) running, "
            + "\(counts[.awaitingApproval] ?? 0) awaiting approval"
        let pausing = !tenant.isPaused
        let name = tenant.name
        var details = ["\(name)  \(queue)"]
        if pausing {
            details.append("Workers claim none of its envelopes until it is resumed (p again);")
            details.append("envelopes already running finish, new ones wait, pending.")
        } else {
            let since = tenant.pausedAt.map { " since \(Format.clock($0)) UTC" } ?? ""
            details.append("Paused by \(tenant.pausedBy ?? "?")\(since); its due envelopes become claimable.")
        }
        let action = ConsoleAction.pauseTenant(tenant.id, pausing)
        state.mode = .confirm(Confirmation(
            action: action, count: 1, question: "\(pausing ? "Pause" : "Resume") \(name)'s queue?", details: details))
        return []
    }

    /// `c`: opens the cap prompt on the selected tenant's current cap.
    static func openCapPrompt(_ state: inout ConsoleState) {
        guard !state.readOnly else {
            flash(&state, "read-only console: actions are disabled", isError: true)
            return
        }
        guard let tenant = selectedTenant(state) else {
            flash(&state, "no tenant selected", isError: true)
            return
        }
        state.inputNote = nil
        state.mode = .input(.cap(tenant.id), text: String(tenant.maxRunning))
    }

    /// Enter on the cap prompt: a valid new cap is confirmed, naming the tenant, old and new.
    static func submitCap(_ state: inout ConsoleState, tenant id: TenantID, text: String) -> [ConsoleEffect] {
        guard let tenant = selectedTenant(state).flatMap({ $0.id == id ? $0 : nil })
            ?? state.data.tenants.first(where: { $0.tenant.id == id })?.tenant else {
            state.mode = .normal
            flash(&state, "the tenant is no longer listed", isError: true)
            return []
        }
        let cap: Int
        do {
            guard let number = Int(text) else { throw InvalidInput("the cap is a whole number from 1 to 10000") }
            cap = try TenantDraft.validateMaxRunning(number)
        } catch {
            state.inputNote = "\(error)"
            state.inputNoteIsError = true
            return []
        }
        state.mode = .normal
        state.inputNote = nil
        let name = tenant.name
        guard cap != tenant.maxRunning else {
            flash(&state, "\(name)'s cap stays \(cap)", isError: false)
            return []
        }
        let running = state.data.tenants.first { $0.tenant.id == id }?.envelopes[.running] ?? 0
        var details = ["\(name)  \(tenant.maxRunning) → \(cap) at once, across all workers (\(running) running now)"]
        if cap < running { details.append("Running ones finish; no new claim until fewer than \(cap) run.") }
        state.mode = .confirm(Confirmation(
            action: .setCap(id, cap), count: 1, question: "Change \(name)'s cap from \(tenant.maxRunning) to \(cap)?",
            details: details))
        return []
    }

    /// `n`: the selected envelope, waiting on a retry backoff, becomes due now. Refused at
    /// once, with the reason, for anything else (quiet hours, a drift hold, an agent's schedule).
    static func runNow(_ state: inout ConsoleState) -> [ConsoleEffect] {
        if state.marks[state.view]?.isEmpty == false || state.detail != nil {
            return envelopeAction(&state, .runNow)
        }
        guard let envelope = selectedEnvelope(state) else {
            flash(&state, "no envelope selected", isError: true)
            return []
        }
        if state.position(state.view).selectedID == envelope.id.rawValue,
           let refusal = EnvelopeLifecycle.retryBackoffRefusal(envelope, at: state.now) {
            flash(&state, "#\(envelope.id.rawValue) cannot run now: \(refusal)", isError: true)
            return []
        }
        return envelopeAction(&state, .runNow)
    }

    /// The most a copy sends: 72 KB, about 96 KB once encoded.
    static let maxCopyBytes = 72 * 1024

    /// `y` / `Y`: the open detail's or selected envelope's id or JSON, to the clipboard.
    static func copy(_ state: inout ConsoleState, json: Bool) -> [ConsoleEffect] {
        let envelope: Envelope?
        if case .envelope(let shown, _)? = state.data.detail, case .envelope(let id)? = state.detail, shown.id == id {
            envelope = shown
        } else if state.detail == nil {
            envelope = selectedEnvelope(state)
        } else {
            envelope = nil
        }
        guard let envelope else {
            flash(&state, "no envelope selected", isError: true)
            return []
        }
        if json {
            let text = envelope.json(tenantName: state.data.tenantNames[envelope.tenantID]).prettyText
            // Terminals cap OSC 52 (xterm and tmux near 100 KB of base64).
            guard text.utf8.count <= maxCopyBytes else {
                flash(&state, "envelope #\(envelope.id.rawValue) is \(text.utf8.count / 1024) KB as JSON: too large to copy "
                    + "(opsdeck envelope show \(envelope.id.rawValue) --json)", isError: true)
                return []
            }
            return [.copy(text, label: "envelope #\(envelope.id.rawValue) as JSON")]
        }
        return [.copy(String(envelope.id.rawValue), label: "id \(envelope.id.rawValue)")]
    }
}
