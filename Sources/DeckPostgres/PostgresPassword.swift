import Foundation

/// Where a connection's password comes from, as libpq looks for it: the URL, else
/// `PGPASSWORD`, else the first matching line of the password file (`PGPASSFILE`, else
/// `~/.pgpass`: `hostname:port:database:username:password`, `*` matching anything, `\:` and
/// `\\` escaped). A password file that group or other users can read is ignored, as libpq
/// ignores it.
public enum PostgresPassword {
    /// The password for `url`, or nil when none is found (the server may not need one).
    public static func resolve(
        for url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let password = url.password { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let path, let text = readPrivateFile(path) else { return nil }
        return lookup(in: text, host: url.host, port: url.port, database: url.database, user: url.user)
    }

    /// The password of the first line of `text` matching the connection.
    public static func lookup(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The fields of one line: `:` separates, `\` escapes the next character.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    /// The file's text when only its owner may read it.
    private static func readPrivateFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
