import Crypto
import DeckCore
import Foundation

/// The Ed25519 private key that signs audit checkpoints, kept in a file the database never
/// holds (mode 0600, refused when other users may read it, as ssh refuses such keys).
///
/// File format, one line: `opsdeck-audit-key-v1 ed25519 <base64 of the 32-byte seed>`.
public struct AuditSigningKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    private init(key: Curve25519.Signing.PrivateKey) { self.key = key }

    /// A new random key.
    public static func generate() -> AuditSigningKey { AuditSigningKey(key: .init()) }

    /// The public half.
    public var publicKey: AuditPublicKey { AuditPublicKey(rawBytes: Array(key.publicKey.rawRepresentation)) }

    /// A checkpoint of `rows` rows ending in `headHash`, signed now.
    public func checkpoint(rows: Int64, headHash: String, at: Timestamp) throws -> AuditCheckpoint {
        let signature = try key.signature(for: AuditCheckpoint.signedBytes(rows: rows, headHash: headHash, at: at))
        return AuditCheckpoint(rows: rows, headHash: headHash, at: at, publicKey: publicKey.text, signature: Array(signature))
    }

    private static let header = "opsdeck-audit-key-v1 ed25519 "

    /// The key file's contents.
    var fileText: String { Self.header + key.rawRepresentation.base64EncodedString() + "\n" }

    /// Writes a new key file (mode 0600; an existing file is never replaced) and beside it
    /// `<path>.pub` with the public key.
    public func save(to path: String) throws(InvalidInput) {
        for (file, text, mode) in [(path, fileText, mode_t(0o600)), (path + ".pub", publicKey.text + "\n", mode_t(0o644))] {
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard descriptor >= 0 else {
                let reason = errno == EEXIST ? "it exists; a key is never overwritten" : String(cString: strerror(errno))
                throw InvalidInput("cannot write \(file): \(reason)")
            }
            defer { close(descriptor) }
            let bytes = Array(text.utf8)
            guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
                throw InvalidInput("cannot write \(file): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Reads a key file, refusing one that group or other users may read.
    public static func load(path: String) throws(InvalidInput) -> AuditSigningKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw InvalidInput("cannot read key file \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw InvalidInput(
                "key file \(path) is open to other users (mode \(String(status.st_mode & 0o777, radix: 8))): chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096 else {
            throw InvalidInput("cannot read key file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(header), let seed = Data(base64Encoded: String(text.dropFirst(header.count))),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw InvalidInput("\(path) is not an audit signing key (audit keygen writes one)")
        }
        return AuditSigningKey(key: key)
    }
}
