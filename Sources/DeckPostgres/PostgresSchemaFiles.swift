/// The files of `db/postgres/`, compiled in at build time (`PostgresSchemaText`, written by
/// the EmbedTextFiles plugin): the numbered migrations and `roles.sql`.
enum PostgresSchemaFiles {
    /// `NNNN_name.sql` files, as migrations.
    static let migrations: [PostgresMigrator.File] = PostgresSchemaText.files.compactMap { file in
        guard file.name.hasSuffix(".sql"), let underscore = file.name.firstIndex(of: "_"),
              let version = Int(file.name[..<underscore])
        else { return nil }
        let name = file.name[file.name.index(after: underscore)...].dropLast(".sql".count)
        return PostgresMigrator.File(version: version, name: String(name), sql: file.text)
    }

    /// `roles.sql`: the application role and its grants.
    static let roles: String = PostgresSchemaText.files.first { $0.name == "roles.sql" }?.text ?? ""
}
