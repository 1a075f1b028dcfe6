import DeckCore

extension Console {
    static func handleInput(_ state: inout ConsoleState, kind: ConsoleMode.InputKind, text: String, key: Key) -> [ConsoleEffect] {
        switch key {
        case .escape:
            state.mode = .normal
            return []
        case .enter:
            state.mode = .normal
            switch kind {
            case .filter: applyFilter(&state, text)
            case .palette: return runPalette(&state, text)
            }
            return []
        case .backspace, .delete:
            state.mode = .input(kind, text: String(text.dropLast()))
        case .control("u"):
            state.mode = .input(kind, text: "")
        case .tab where kind == .palette:
            let completion = Palette.complete(text, context: paletteContext(state))
            state.mode = .input(kind, text: completion.text)
            if completion.candidates.count > 1 {
                flash(&state, completion.candidates.prefix(12).joined(separator: "  "), isError: false)
            }
        case .character(let character):
            guard text.count < 200 else { return [] }
            state.mode = .input(kind, text: text + String(character))
        case .control("c"):
            return [.quit]
        default:
            break
        }
        return []
    }

    static func paletteContext(_ state: ConsoleState) -> Palette.Context {
        Palette.Context(tenantNames: state.data.tenantNames.values.sorted(), themeNames: state.themeNames)
    }

    static func applyFilter(_ state: inout ConsoleState, _ text: String) {
        // `tenant:NAME` in a filter sets the global tenant filter, like `:tenant NAME`.
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if let index = words.firstIndex(where: { $0.lowercased().hasPrefix("tenant:") }) {
            let name = String(words.remove(at: index).dropFirst("tenant:".count))
            let known = name == "all" || state.data.tenantNames.contains { $0.value == name || $0.key.rawValue == name }
            guard known else {
                state.mode = .input(.filter, text: text)
                flash(&state, "unknown tenant '\(name)'", isError: true)
                return
            }
            let view = state.view
            setTenant(&state, name)
            state.view = view
        }
        let text = words.joined(separator: " ")
        do {
            if state.view == .audit {
                state.auditFilter = try AuditFilter.parse(text)
            } else if state.view.listsEnvelopes {
                let filter = try EnvelopeFilter.parse(text)
                state.envelopeFilters[state.view] = filter.isEmpty ? nil : filter
            } else {
                flash(&state, "this view has no filter; :tenant NAME filters every view", isError: true)
                return
            }
            resetPosition(&state)
            state.marks[state.view] = nil
            flash(&state, text.isEmpty ? "filter cleared" : "filter: \(text)", isError: false)
        } catch {
            // Keep the line open with what was typed, so it can be corrected.
            state.mode = .input(.filter, text: text)
            flash(&state, "\(error)", isError: true)
        }
    }

    /// Runs a `:` command.
    static func runPalette(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
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
            applyFilter(&state, argument)
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
