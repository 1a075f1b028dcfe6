import Foundation

/// A signed statement that the audit log held `rows` rows ending in `headHash` at `at`:
/// one line of a checkpoint file.
///
/// Kept outside the database and signed with an Ed25519 key the database never sees, a
/// checkpoint makes truncation, deletion and re-hashed rows at or before it detectable: a
/// program that can write the database but not the key cannot produce a checkpoint that
/// matches a rewritten log. The signature covers `signedBytes` (see `docs/audit.md`).
public struct AuditCheckpoint: Sendable, Hashable {
    /// Rows in the log (the id of its last row; ids start at 1 and have no gaps).
    public var rows: Int64
    /// The hash of row `rows` (the genesis hash when `rows` is 0).
    public var headHash: String
    /// When the checkpoint was signed.
    public var at: Timestamp
    /// The signer's public key as `ed25519:<base64 of the 32 raw bytes>`.
    public var publicKey: String
    /// The Ed25519 signature over `signedBytes`.
    public var signature: [UInt8]

    public init(rows: Int64, headHash: String, at: Timestamp, publicKey: String, signature: [UInt8]) {
        self.rows = rows
        self.headHash = headHash
        self.at = at
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The bytes a checkpoint's signature covers:
    /// `opsdeck-audit-checkpoint-v1;rows=<decimal>;head=<64 hex>;at_ms=<decimal>;`.
    public static func signedBytes(rows: Int64, headHash: String, at: Timestamp) -> [UInt8] {
        Array("opsdeck-audit-checkpoint-v1;rows=\(rows);head=\(headHash);at_ms=\(at.millisecondsSinceEpoch);".utf8)
    }

    /// This checkpoint's `signedBytes`.
    public var signedBytes: [UInt8] { Self.signedBytes(rows: rows, headHash: headHash, at: at) }

    /// The checkpoint file line (JSON, no newline). `at` is repeated in ISO 8601 for people;
    /// parsing requires it to agree with the signed `at_ms`.
    public var line: String {
        JSONValue.object([
            "rows": .integer(rows), "head": .string(headHash), "at_ms": .integer(at.millisecondsSinceEpoch),
            "at": .string(at.iso8601), "key": .string(publicKey), "signature": .string(Data(signature).base64EncodedString()),
        ]).canonicalText
    }

    /// Parses one checkpoint file line; the reason when it is not a well-formed checkpoint.
    public init(line: String) throws(InvalidInput) {
        guard let value = try? JSONValue(parsing: line), value.objectValue != nil else {
            throw InvalidInput("not a JSON object")
        }
        guard case .integer(let rows)? = value["rows"], rows >= 0 else { throw InvalidInput("\"rows\" is not a count") }
        guard let head = value["head"]?.stringValue, Self.isHash(head) else { throw InvalidInput("\"head\" is not a SHA-256 in hex") }
        guard case .integer(let milliseconds)? = value["at_ms"] else { throw InvalidInput("\"at_ms\" is not a time") }
        let at = Timestamp(millisecondsSinceEpoch: milliseconds)
        guard value["at"]?.stringValue == at.iso8601 else { throw InvalidInput("\"at\" does not match the signed \"at_ms\"") }
        guard let key = value["key"]?.stringValue, key.hasPrefix("ed25519:") else { throw InvalidInput("\"key\" is not an ed25519 key") }
        guard let text = value["signature"]?.stringValue, let signature = Data(base64Encoded: text), signature.count == 64 else {
            throw InvalidInput("\"signature\" is not a 64-byte signature in base64")
        }
        if rows == 0, head != AuditChain.genesisHash { throw InvalidInput("an empty log's head must be the genesis hash") }
        self.init(rows: rows, headHash: head, at: at, publicKey: key, signature: Array(signature))
    }

    /// True for 64 lowercase hex digits.
    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
