import DeckCore

extension Console {
    static func handleInput(_ state: inout ConsoleState, kind: ConsoleMode.InputKind, text: String, key: Key) -> [ConsoleEffect] {
        switch key {
        case .escape:
            state.mode = .normal
            state.inputNote = nil
            if kind == .filter, let undo = state.filterUndo {
                // Filters apply as they are typed; Esc puts the one from before back.
                state.envelopeFilters[state.view] = undo.envelope
                state.auditFilter = undo.audit
                state.positions[state.view] = undo.position
            }
            state.filterUndo = nil
            return []
        case .enter:
            switch kind {
            case .filter:
                state.mode = .normal
                applyFilter(&state, text, fromPrompt: true)
            case .command:
                state.mode = .normal
                state.inputNote = nil
                return runCommand(&state, text)
            case .cap(let tenant):
                return submitCap(&state, tenant: tenant, text: text)
            }
            return []
        case .backspace, .delete:
            setInput(&state, kind, String(text.dropLast()))
        case .control("u"):
            setInput(&state, kind, "")
        case .tab where kind.isCap, .character(_) where kind.isCap && !key.isDigit:
            state.inputNote = "digits only: the most envelopes of this tenant running at once (1 to 10000)"
            state.inputNoteIsError = true
        case .tab:
            let completion = kind == .command
                ? CommandMode.complete(text, context: commandModeContext(state))
                : FilterCompletion.complete(text, view: state.view, context: filterContext(state))
            setInput(&state, kind, completion.text)
            if completion.candidates.count > 1 {
                state.inputNote = completion.candidates.prefix(12).joined(separator: "  ")
                state.inputNoteIsError = false
            }
        case .character(let character):
            guard text.count < (kind.isCap ? 5 : 200) else { return [] }
            setInput(&state, kind, text + String(character))
        case .control("c"):
            return [.quit]
        default:
            break
        }
        return []
    }

    /// Opens the filter line on the view's current filter, remembering it for Esc.
    static func openFilter(_ state: inout ConsoleState) {
        let text = state.view == .audit ? state.auditFilter.text : state.filter(state.view).text
        state.filterUndo = (state.envelopeFilters[state.view], state.auditFilter, state.position(state.view))
        state.inputNote = nil
        state.mode = .input(.filter, text: text)
    }

    /// The input line now reads `text`; a filter applies at once when it parses, else its
    /// error shows beside it.
    static func setInput(_ state: inout ConsoleState, _ kind: ConsoleMode.InputKind, _ text: String) {
        state.mode = .input(kind, text: text)
        state.inputNote = nil
        guard kind == .filter else { return }
        // `tenant:NAME` changes the global scope: applied on Enter only.
        let words = text.split(whereSeparator: \.isWhitespace).filter { !$0.lowercased().hasPrefix("tenant:") }.joined(separator: " ")
        do {
            if state.view == .audit {
                let filter = try AuditFilter.parse(words)
                if filter != state.auditFilter { state.auditFilter = filter; resetPosition(&state) }
            } else if state.view.listsEnvelopes {
                let filter = try EnvelopeFilter.parse(words)
                let value = filter.isEmpty ? nil : filter
                if value != state.envelopeFilters[state.view] {
                    state.envelopeFilters[state.view] = value
                    resetPosition(&state)
                    state.marks[state.view] = nil
                }
            }
        } catch {
            state.inputNote = "\(error)"
            state.inputNoteIsError = true
        }
    }

    static func filterContext(_ state: ConsoleState) -> FilterCompletion.Context {
        FilterCompletion.Context(
            tenantNames: state.data.tenantNames.values.sorted(),
            toolSlugs: Array(Set(state.data.envelopes.map(\.toolSlug.rawValue))).sorted())
    }

    static func commandModeContext(_ state: ConsoleState) -> CommandMode.Context {
        CommandMode.Context(tenantNames: state.data.tenantNames.values.sorted(), themeNames: state.themeNames)
    }

    /// Applies a filter typed after `/` (`fromPrompt`) or given to `:filter`. A filter that
    /// does not parse keeps the `/` line open with its error beside it; from `:filter` it is
    /// one error line and the filter stays as it was (command mode never turns into a filter
    /// prompt).
    static func applyFilter(_ state: inout ConsoleState, _ text: String, fromPrompt: Bool) {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        // `tenant:NAME` in a filter sets the global tenant filter, like `:tenant NAME`.
        var tenant: String?
        if let index = words.firstIndex(where: { $0.lowercased().hasPrefix("tenant:") }) {
            let name = String(words.remove(at: index).dropFirst("tenant:".count))
            let known = name == "all" || state.data.tenantNames.contains { $0.value == name || $0.key.rawValue == name }
            guard known else {
                reportFilterError(&state, text, "unknown tenant '\(name)'", fromPrompt: fromPrompt)
                return
            }
            tenant = name
        }
        let filterText = words.joined(separator: " ")
        do {
            let audit = state.view == .audit ? try AuditFilter.parse(filterText) : state.auditFilter
            let envelope = state.view.listsEnvelopes ? try EnvelopeFilter.parse(filterText) : nil
            guard state.view == .audit || state.view.listsEnvelopes else {
                reportFilterError(&state, text, "this view has no filter; :tenant NAME filters every view", fromPrompt: fromPrompt)
                return
            }
            if let tenant {
                let view = state.view
                setTenant(&state, tenant)
                state.view = view
            }
            let before = (state.envelopeFilters[state.view], state.auditFilter)
            state.auditFilter = audit
            if let envelope { state.envelopeFilters[state.view] = envelope.isEmpty ? nil : envelope }
            if before.0 != state.envelopeFilters[state.view] || before.1 != state.auditFilter || !fromPrompt {
                resetPosition(&state)
                state.marks[state.view] = nil
            }
            state.filterUndo = nil
            state.inputNote = nil
            flash(&state, filterText.isEmpty ? "filter cleared" : "filter: \(filterText)", isError: false)
        } catch {
            reportFilterError(&state, text, "\(error)", fromPrompt: fromPrompt)
        }
    }

    static func reportFilterError(_ state: inout ConsoleState, _ text: String, _ message: String, fromPrompt: Bool) {
        if fromPrompt {
            // Keep the line open with what was typed and the error beside it (Esc leaves).
            state.mode = .input(.filter, text: text)
            state.inputNote = message
            state.inputNoteIsError = true
        } else {
            flash(&state, message, isError: true)
        }
    }

    /// Runs a `:` command.
    static func runCommand(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        let argument = words.dropFirst().joined(separator: " ")
        if let view = ConsoleViewKind(name: name), Int(name) == nil, argument.isEmpty {
            switchView(&state, to: view)
            return []
        }
        switch name {
        case "view":
            guard let view = ConsoleViewKind(name: argument) else {
                flash(&state, "unknown view '\(argument)'", isError: true)
                return []
            }
            switchView(&state, to: view)
        case "tenant", "tenants":
            setTenant(&state, argument)
        case "theme":
            guard state.themeNames.contains(argument) else {
                flash(&state, "unknown theme '\(argument)' (\(state.themeNames.joined(separator: ", ")))", isError: true)
                return []
            }
            state.themeName = argument
            flash(&state, "theme \(argument)", isError: false)
            return [.setTheme(argument)]
        case "filter":
            applyFilter(&state, argument, fromPrompt: false)
        case "approve", "retry", "discard":
            let transition: EnvelopeTransition = name == "approve" ? .approve : name == "retry" ? .retry : .discard
            guard state.view.listsEnvelopes else {
                flash(&state, ":\(name) works in the outbox and DLQ views", isError: true)
                return []
            }
            if argument == "all" {
                guard !state.readOnly else {
                    flash(&state, "read-only console: actions are disabled", isError: true)
                    return []
                }
                return [.preview(.matching(transition, view: state.view, scope: state.scope, filter: state.filter(state.view)))]
            }
            guard argument.isEmpty else {
                flash(&state, ":\(name) takes nothing or 'all'", isError: true)
                return []
            }
            return envelopeAction(&state, transition)
        case "pause", "resume":
            guard state.view == .tenants, let tenant = selectedTenant(state) else {
                flash(&state, ":\(name) works on the selected row of the tenants view (p)", isError: true)
                return []
            }
            guard tenant.isPaused != (name == "pause") else {
                flash(&state, "\(tenant.name) is \(tenant.isPaused ? "already paused" : "not paused")", isError: true)
                return []
            }
            return togglePause(&state)
        case "cap":
            guard state.view == .tenants, let tenant = selectedTenant(state) else {
                flash(&state, ":cap works on the selected row of the tenants view (c)", isError: true)
                return []
            }
            if argument.isEmpty {
                openCapPrompt(&state)
                return []
            }
            state.mode = .input(.cap(tenant.id), text: argument)
            let effects = submitCap(&state, tenant: tenant.id, text: argument)
            if case .input = state.mode {
                state.mode = .normal
                flash(&state, state.inputNote ?? "not a cap", isError: true)
                state.inputNote = nil
            }
            return effects
        case "accept":
            guard state.view == .drift else {
                flash(&state, ":accept works in the drift view", isError: true)
                return []
            }
            return acceptDrift(&state)
        case "follow":
            if state.view == .audit { toggleFollow(&state) }
        case "help":
            state.mode = .help(offset: 0)
        case "q", "quit":
            return [.quit]
        default:
            flash(&state, "unknown command ':\(name)' (Tab completes)", isError: true)
        }
        return []
    }

    static func setTenant(_ state: inout ConsoleState, _ argument: String) {
        if argument.isEmpty || argument == "all" || argument == "*" {
            state.scope = .allTenants
            flash(&state, "showing all tenants", isError: false)
        } else if let match = state.data.tenantNames.first(where: { $0.value == argument || $0.key.rawValue == argument }) {
            state.scope = .tenant(match.key)
            flash(&state, "tenant \(match.value)", isError: false)
        } else {
            flash(&state, "unknown tenant '\(argument)'", isError: true)
            return
        }
        for view in ConsoleViewKind.allCases { state.positions[view] = nil }
        state.marks = [:]
        state.detail = nil
    }
}
