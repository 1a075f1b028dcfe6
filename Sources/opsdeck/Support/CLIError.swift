import DeckCore
import Foundation

/// A failure the CLI reports as one line on stderr, with an exit status by kind.
struct CLIError: Error {
    /// What went wrong, which decides the exit status.
    enum Kind: Int32 {
        /// Not found, illegal transition, conflict: exit 1.
        case refused = 1
        /// Unparseable or invalid input: exit 2.
        case badInput = 2
        /// The database cannot be used: exit 3.
        case database = 3
        /// `audit verify` found a broken chain: exit 4.
        case auditBroken = 4
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    init(_ error: StoreError) {
        switch error {
        case .notFound, .conflict, .transition: self.init(.refused, error.description)
        case .invalid: self.init(.badInput, error.description)
        case .schema, .unavailable: self.init(.database, error.description)
        }
    }

    init(_ error: InvalidInput) {
        self.init(.badInput, error.message)
    }

    /// Writes `opsdeck: error: …` (control characters escaped, one line) and exits.
    static func report(_ error: CLIError) -> Never {
        let line = "opsdeck: error: " + TerminalText.sanitize(error.message) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        exit(error.kind.rawValue)
    }
}
