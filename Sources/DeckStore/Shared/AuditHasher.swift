import Crypto
import DeckCore

/// SHA-256 as the audit chain uses it: lowercase hex over `AuditRecord.canonicalBytes`.
package enum AuditHasher {
    package static func hash(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The hash of `record`'s fields.
    package static func hash(_ record: AuditRecord) -> String { hash(record.canonicalBytes) }

    /// The hash of `record`'s fields, its canonical bytes written into `scratch` (a writer
    /// hashing row after row reuses one buffer).
    package static func hash(_ record: AuditRecord, scratch: inout [UInt8]) -> String {
        record.writeCanonicalBytes(into: &scratch)
        return hex(SHA256.hash(data: scratch))
    }

    /// The hash of canonical bytes already written into `bytes`.
    package static func hash(canonical bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// A verifier from the first row using this hash.
    package static func verifier(checkpoints: [AuditCheckpoint] = []) -> AuditChain.Verifier {
        AuditChain.Verifier(hash: { bytes in hash(bytes) }, checkpoints: checkpoints)
    }

    /// A verifier resuming at `checkpoint` (from the first row when nil) using this hash.
    package static func verifier(resumingAt checkpoint: AuditCheckpoint?) -> AuditChain.Verifier {
        guard let checkpoint else { return verifier() }
        return AuditChain.Verifier(hash: { bytes in hash(bytes) }, resumingAt: checkpoint)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// The hash of `text`'s UTF-8 bytes as stored (the submitted arguments' `args_sha256`).
    package static func hash(utf8 text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in hex(SHA256.hash(data: bytes)) }
    }

    /// Lowercase hex, written straight into the string's storage.
    private static func hex(_ digest: SHA256.Digest) -> String {
        // Through the digest's bytes: iterating the digest itself copies them into an array.
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 64) { buffer in
                var index = 0
                for byte in bytes {
                    buffer[index] = digits[Int(byte >> 4)]
                    buffer[index + 1] = digits[Int(byte & 0x0F)]
                    index += 2
                }
                return 64
            }
        }
    }
}
