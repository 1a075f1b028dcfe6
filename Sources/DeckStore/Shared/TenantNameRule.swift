import DeckCore

/// Tenant names are unique up to case and look-alike forms (`DisplayName.lookalikeKey`):
/// the same check for every store, over the names it already holds.
package enum TenantNameRule {
    /// Refuses `names` (new, in order) when one is taken by `existing` or given twice.
    package static func check(_ names: [String], existing: [String]) throws(StoreError) {
        var taken: [String: String] = [:]
        for name in existing { taken[DisplayName.lookalikeKey(name)] = name }
        var given = Set<String>()
        for name in names {
            let key = DisplayName.lookalikeKey(name)
            let shown = TerminalText.sanitize(name)
            if let holder = taken[key] {
                if holder == name { throw .conflict("tenant name '\(shown)' is already taken") }
                throw .conflict(
                    "tenant name '\(shown)' is already taken by '\(TerminalText.sanitize(holder))' "
                        + "(names that differ only in case or look-alike forms are the same name)")
            }
            guard given.insert(key).inserted else { throw .conflict("tenant name '\(shown)' is given twice") }
        }
    }
}
