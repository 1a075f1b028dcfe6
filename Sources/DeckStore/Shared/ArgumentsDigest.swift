import DeckCore

/// The SHA-256 of an envelope's stored argument text, recorded in its `submitted` audit row
/// (`args_sha256`), so `audit verify` finds arguments edited in the file after submission.
package enum ArgumentsDigest {
    /// Lower-case hex SHA-256 of `text`'s UTF-8 bytes, exactly as stored.
    package static func hex(_ text: String) -> String { AuditHasher.hash(utf8: text) }

    /// The first submitted envelope whose stored arguments no longer match the digest its
    /// `submitted` row recorded: the row's id and why, or nil. `recorded` maps envelope ids to
    /// (audit row id, digest); `stored` yields each envelope's id and stored argument text.
    package static func firstMismatch(
        recorded: [Int64: (row: Int64, digest: String)], stored: some Sequence<(id: Int64, text: String)>
    ) -> AuditVerification.Failure? {
        var first: AuditVerification.Failure?
        for (id, text) in stored {
            guard let expected = recorded[id] else { continue }
            if hex(text) != expected.digest, first.map({ expected.row < $0.id }) ?? true {
                first = AuditVerification.Failure(
                    id: expected.row,
                    reason: "envelope \(id)'s arguments no longer match the SHA-256 its submission recorded (edited in the file)")
            }
        }
        return first
    }
}
