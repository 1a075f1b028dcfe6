import Crypto
import DeckCore
import Foundation

/// The public half of an audit signing key: what `audit verify --public-key` trusts.
///
/// Written as `ed25519:` followed by the base64 of the 32 raw key bytes.
public struct AuditPublicKey: Sendable, Hashable {
    let rawBytes: [UInt8]

    init(rawBytes: [UInt8]) { self.rawBytes = rawBytes }

    /// Parses `ed25519:<base64>`.
    public init(text: String) throws(InvalidInput) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("ed25519:"), let raw = Data(base64Encoded: String(trimmed.dropFirst(8))), raw.count == 32 else {
            throw InvalidInput("not an audit public key (expected ed25519: and 32 bytes in base64, as audit keygen prints)")
        }
        rawBytes = Array(raw)
    }

    /// A key given on the command line: its text, or the path of a file holding it (such as
    /// the `.pub` file `audit keygen` writes).
    public init(argument: String) throws(InvalidInput) {
        if argument.hasPrefix("ed25519:") {
            try self.init(text: argument)
            return
        }
        guard let data = FileManager.default.contents(atPath: argument), data.count < 4096 else {
            throw InvalidInput("--public-key \(argument): neither an ed25519: key nor a readable key file")
        }
        do { try self.init(text: String(decoding: data, as: UTF8.self)) } catch {
            throw InvalidInput("--public-key \(argument): \(error.message)")
        }
    }

    /// `ed25519:<base64>`.
    public var text: String { "ed25519:" + Data(rawBytes).base64EncodedString() }

    /// True when `checkpoint` names this key and its signature verifies with it.
    public func signed(_ checkpoint: AuditCheckpoint) -> Bool {
        guard checkpoint.publicKey == text, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawBytes) else {
            return false
        }
        return key.isValidSignature(checkpoint.signature, for: checkpoint.signedBytes)
    }
}
