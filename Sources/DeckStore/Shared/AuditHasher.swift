import Crypto
import DeckCore

/// SHA-256 as the audit chain uses it: lowercase hex over `AuditRecord.canonicalBytes`.
enum AuditHasher {
    static func hash(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The hash of `record`'s fields.
    static func hash(_ record: AuditRecord) -> String { hash(record.canonicalBytes) }

    /// A verifier using this hash.
    static func verifier() -> AuditChain.Verifier { AuditChain.Verifier(hash: hash) }

    private static let digits = Array("0123456789abcdef".utf8)
}
