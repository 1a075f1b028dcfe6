import DeckCore

extension SimulationScript {
    /// Everything a script can change: the catalog the simulator lists and the connected
    /// accounts it reports, in listing order.
    ///
    /// A value, so the world at one instant can be computed, compared and kept while the
    /// simulator moves on.
    public struct World: Sendable, Hashable {
        /// The toolkits and tools, at their latest versions.
        public var catalog: SimulatedCatalog
        /// The connected accounts of every user, in listing order.
        public var accounts: [ProviderAccount]

        /// A world of this catalog and these accounts.
        public init(catalog: SimulatedCatalog = .standard, accounts: [ProviderAccount] = []) {
            self.catalog = catalog
            self.accounts = accounts
        }
    }
}
