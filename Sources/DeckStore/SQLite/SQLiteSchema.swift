import GRDB

/// OpsDeck's SQLite schema as named, append-only migrations.
///
/// A migration, once released, is never edited: changes come as a new migration appended
/// to the list. The database records which ones it has (`grdb_migrations`); a database
/// holding a migration this build does not know is newer than the build and is refused.
enum SQLiteSchema {
    /// `PRAGMA application_id` of OpsDeck databases ('OPSD').
    static let applicationID: Int32 = 0x4F50_5344

    /// Every migration in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_foundation") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2_lean_queue") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3_catalog_versions_counter") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4_tenant_pause") { db in
            try db.execute(sql: v4)
        }
        return migrator
    }

    /// The queue's write path, rebuilt for the hot loop (issue 10).
    ///
    /// v1 indexed `outbox` by `(tenant_id, status, id)` and `(status, run_at)`, and `audit_log`
    /// by `(tenant_id, id)`: every claim and completion moved entries in all three, in a
    /// different page for each tenant of the batch. v2 keeps on `outbox` only indexes whose
    /// columns never change after submission (`outbox_by_tenant`) or that hold the few
    /// envelopes of one active status (`outbox_ready`, `outbox_running`, and the DLQ, approval
    /// and cancelled ones) — `outbox_ready` carries what a claim decides on, so the claim
    /// window and the per-tenant pending counts never read the table — and replaces the audit log's tenant index by `audit_tenant_index`,
    /// which writers fill in bulk (see `AuditTenantIndex`). Held envelopes (`held_by`) are never
    /// due, so no claim looks at them. `counters.claim_context` moves whenever a tenant, its
    /// guardrails or a drift alert change: claims cache what they read of those until it moves.
    /// `outbox` itself is rebuilt (the same rows and columns, plus `held_by`) with CHECK
    /// constraints that SQLite evaluates without a temporary b-tree (`anyOf`).
    static let v2 = """
        CREATE TABLE outbox_v2 (
            id                   INTEGER PRIMARY KEY,
            tenant_id            TEXT NOT NULL REFERENCES tenants(id),
            envelope             TEXT NOT NULL CHECK (json_valid(envelope)),
            status               TEXT NOT NULL CHECK (\(anyOf("status", statusNames))),
            attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            external_id          TEXT,
            tool_slug            TEXT NOT NULL,
            toolkit              TEXT NOT NULL,
            version              TEXT,
            connected_account_id TEXT,
            task_id              INTEGER,
            risk                 TEXT NOT NULL CHECK (\(anyOf("risk", riskNames))),
            run_at               INTEGER NOT NULL,
            lease_owner          TEXT,
            lease_expires_at     INTEGER,
            last_error           TEXT,
            status_reason        TEXT,
            result               TEXT,
            result_truncated     INTEGER NOT NULL DEFAULT 0 CHECK (result_truncated IN (0, 1)),
            in_doubt             INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
            idempotency_key      TEXT NOT NULL,
            approved_by          TEXT,
            created_at           INTEGER NOT NULL,
            updated_at           INTEGER NOT NULL,
            held_by              INTEGER REFERENCES drift_alerts(id)
        ) STRICT;
        INSERT INTO outbox_v2 (id, tenant_id, envelope, status, attempts, external_id, tool_slug, toolkit, version,
            connected_account_id, task_id, risk, run_at, lease_owner, lease_expires_at, last_error, status_reason, result,
            result_truncated, in_doubt, idempotency_key, approved_by, created_at, updated_at)
        SELECT id, tenant_id, envelope, status, attempts, external_id, tool_slug, toolkit, version,
            connected_account_id, task_id, risk, run_at, lease_owner, lease_expires_at, last_error, status_reason, result,
            result_truncated, in_doubt, idempotency_key, approved_by, created_at, updated_at
        FROM outbox ORDER BY id;
        DROP TABLE outbox;
        ALTER TABLE outbox_v2 RENAME TO outbox;
        CREATE UNIQUE INDEX outbox_idempotency ON outbox(tenant_id, idempotency_key);
        CREATE INDEX outbox_by_tenant ON outbox(tenant_id, id);
        CREATE INDEX outbox_ready ON outbox(run_at, id, tenant_id, tool_slug, toolkit, risk, approved_by)
            WHERE status = 'pending';
        CREATE INDEX outbox_running ON outbox(tenant_id, status) WHERE status = 'running';
        CREATE INDEX outbox_awaiting_approval ON outbox(id, tenant_id) WHERE status = 'awaiting_approval';
        CREATE INDEX outbox_dead ON outbox(id, tenant_id) WHERE status = 'dead';
        CREATE INDEX outbox_cancelled ON outbox(id) WHERE status = 'cancelled';
        CREATE INDEX outbox_held ON outbox(held_by) WHERE held_by IS NOT NULL;

        CREATE TABLE counters (
            name  TEXT PRIMARY KEY NOT NULL,
            value INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        INSERT INTO counters (name, value) VALUES ('claim_context', 1);
        \(["tenants", "guardrails", "drift_alerts"].flatMap { table in
            ["INSERT", "UPDATE", "DELETE"].map { event in
                """
                CREATE TRIGGER \(table)_\(event.lowercased())_claim_context AFTER \(event) ON \(table)
                    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'claim_context'; END;
                """
            }
        }.joined(separator: "\n"))

        CREATE TABLE audit_tenant_index (
            tenant_id TEXT NOT NULL,
            audit_id  INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, audit_id)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO audit_tenant_index (tenant_id, audit_id) SELECT tenant_id, id FROM audit_log WHERE tenant_id IS NOT NULL;
        INSERT INTO counters (name, value) SELECT 'audit_tenant_indexed', coalesce(max(id), 0) FROM audit_log;
        DROP INDEX audit_log_by_tenant;
        """

    /// `counters.catalog_versions` moves when a catalog row appears, disappears or changes
    /// version, so claims may cache the versions they pin (`CatalogVersionCache`). A refresh
    /// that rewrites a row with the same version moves nothing.
    static let v3 = """
        INSERT INTO counters (name, value) VALUES ('catalog_versions', 1);
        CREATE TRIGGER tool_catalog_insert_catalog_versions AFTER INSERT ON tool_catalog
            BEGIN UPDATE counters SET value = value + 1 WHERE name = 'catalog_versions'; END;
        CREATE TRIGGER tool_catalog_delete_catalog_versions AFTER DELETE ON tool_catalog
            BEGIN UPDATE counters SET value = value + 1 WHERE name = 'catalog_versions'; END;
        CREATE TRIGGER tool_catalog_update_catalog_versions AFTER UPDATE OF version, tenant_id, tool_slug ON tool_catalog
            WHEN old.version IS NOT new.version OR old.tenant_id IS NOT new.tenant_id OR old.tool_slug IS NOT new.tool_slug
            BEGIN UPDATE counters SET value = value + 1 WHERE name = 'catalog_versions'; END;
        """

    /// An operator may pause a tenant's queue: `paused_at` (epoch ms) and `paused_by` are set
    /// while it is paused, NULL while it runs. Claims read them through the tenant cache
    /// (`tenants` triggers already move `counters.claim_context`).
    static let v4 = """
        ALTER TABLE tenants ADD COLUMN paused_at INTEGER;
        ALTER TABLE tenants ADD COLUMN paused_by TEXT;
        """

    static let statusNames = ["awaiting_approval", "pending", "running", "succeeded", "dead", "cancelled"]
    static let riskNames = ["low", "medium", "high", "critical"]

    /// `column = 'a' OR column = 'b' OR …`: for CHECK constraints on hot columns. SQLite
    /// evaluates `column IN ('a', 'b', 'c', …)` in a CHECK by building a temporary b-tree on
    /// every row written (measured: about a tenth of a claim's time went to opening and
    /// closing it); a chain of comparisons costs nothing.
    static func anyOf(_ column: String, _ values: [String]) -> String {
        values.map { "\(column) = '\($0)'" }.joined(separator: " OR ")
    }

    static let statuses = "'awaiting_approval','pending','running','succeeded','dead','cancelled'"
    static let risks = "'low','medium','high','critical'"

    static let v1 = """
        CREATE TABLE tenants (
            id               TEXT PRIMARY KEY NOT NULL,
            name             TEXT NOT NULL UNIQUE,
            plan             TEXT NOT NULL,
            time_zone        TEXT NOT NULL,
            max_running      INTEGER NOT NULL CHECK (max_running >= 1),
            composio_user_id TEXT NOT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE objectives (
            id         INTEGER PRIMARY KEY,
            tenant_id  TEXT NOT NULL REFERENCES tenants(id),
            metric     TEXT NOT NULL,
            target     REAL NOT NULL,
            current    REAL NOT NULL DEFAULT 0,
            horizon    TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX objectives_by_tenant ON objectives(tenant_id, id);

        CREATE TABLE guardrails (
            tenant_id  TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
            config     TEXT NOT NULL CHECK (json_valid(config)),
            updated_at INTEGER NOT NULL,
            updated_by TEXT NOT NULL
        ) STRICT;

        CREATE TABLE connected_accounts (
            id            TEXT PRIMARY KEY NOT NULL,
            tenant_id     TEXT NOT NULL REFERENCES tenants(id),
            provider      TEXT NOT NULL,
            status        TEXT NOT NULL CHECK (status IN
                              ('INITIALIZING','INITIATED','ACTIVE','FAILED','EXPIRED','INACTIVE','REVOKED')),
            status_reason TEXT,
            scopes        TEXT NOT NULL CHECK (json_valid(scopes)),
            last_scan_at  INTEGER,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX connected_accounts_by_tenant ON connected_accounts(tenant_id, id);
        CREATE INDEX connected_accounts_by_status ON connected_accounts(status, tenant_id);

        CREATE TABLE tool_catalog (
            tenant_id     TEXT NOT NULL REFERENCES tenants(id),
            tool_slug     TEXT NOT NULL,
            toolkit       TEXT NOT NULL,
            json_schema   TEXT NOT NULL CHECK (json_valid(json_schema)),
            version       TEXT NOT NULL,
            risk          TEXT NOT NULL CHECK (risk IN (\(risks))),
            risk_override TEXT CHECK (risk_override IN (\(risks))),
            tags          TEXT NOT NULL CHECK (json_valid(tags)),
            scopes        TEXT NOT NULL CHECK (json_valid(scopes)),
            fetched_at    INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, tool_slug)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX tool_catalog_by_toolkit ON tool_catalog(tenant_id, toolkit, tool_slug);

        CREATE TABLE tasks (
            id           INTEGER PRIMARY KEY,
            tenant_id    TEXT NOT NULL REFERENCES tenants(id),
            objective_id INTEGER REFERENCES objectives(id),
            title        TEXT NOT NULL,
            state        TEXT NOT NULL CHECK (state IN ('planned','in_progress','blocked','done','dropped')),
            evidence     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
            created_at   INTEGER NOT NULL,
            updated_at   INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX tasks_by_tenant_state ON tasks(tenant_id, state, id);

        CREATE TABLE signals (
            id                   INTEGER PRIMARY KEY,
            tenant_id            TEXT NOT NULL REFERENCES tenants(id),
            connected_account_id TEXT,
            toolkit              TEXT NOT NULL,
            tool_slug            TEXT NOT NULL,
            source               TEXT NOT NULL CHECK (source IN ('warm_scan','trickle_refresh')),
            payload              TEXT NOT NULL CHECK (json_valid(payload)),
            observed_at          INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX signals_by_tenant ON signals(tenant_id, id);

        CREATE TABLE schedules (
            tenant_id    TEXT NOT NULL REFERENCES tenants(id),
            job          TEXT NOT NULL CHECK (job IN ('trickle_refresh','drift_check','account_sync')),
            category     TEXT NOT NULL,
            next_run_at  INTEGER NOT NULL,
            last_run_at  INTEGER,
            last_outcome TEXT,
            updated_at   INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, job, category)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX schedules_due ON schedules(next_run_at);

        CREATE TABLE drift_alerts (
            id           INTEGER PRIMARY KEY,
            tenant_id    TEXT NOT NULL REFERENCES tenants(id),
            tool_slug    TEXT NOT NULL,
            toolkit      TEXT NOT NULL,
            kind         TEXT NOT NULL CHECK (kind IN ('tool_added','tool_removed','version_changed','schema_changed')),
            breaking     INTEGER NOT NULL CHECK (breaking IN (0, 1)),
            from_version TEXT,
            to_version   TEXT,
            diff         TEXT NOT NULL CHECK (json_valid(diff)),
            fingerprint  TEXT NOT NULL,
            status       TEXT NOT NULL CHECK (status IN ('open','accepted')),
            opened_at    INTEGER NOT NULL,
            accepted_at  INTEGER,
            accepted_by  TEXT,
            UNIQUE (tenant_id, fingerprint)
        ) STRICT;
        CREATE INDEX drift_alerts_by_status ON drift_alerts(status, tenant_id, tool_slug);

        CREATE TABLE worker_heartbeats (
            worker_id    TEXT PRIMARY KEY NOT NULL,
            host         TEXT NOT NULL,
            pid          INTEGER NOT NULL,
            started_at   INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            telemetry    TEXT NOT NULL CHECK (json_valid(telemetry))
        ) STRICT;

        CREATE TABLE outbox (
            id                   INTEGER PRIMARY KEY,
            tenant_id            TEXT NOT NULL REFERENCES tenants(id),
            envelope             TEXT NOT NULL CHECK (json_valid(envelope)),
            status               TEXT NOT NULL CHECK (status IN (\(statuses))),
            attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            external_id          TEXT,
            tool_slug            TEXT NOT NULL,
            toolkit              TEXT NOT NULL,
            version              TEXT,
            connected_account_id TEXT,
            task_id              INTEGER,
            risk                 TEXT NOT NULL CHECK (risk IN (\(risks))),
            run_at               INTEGER NOT NULL,
            lease_owner          TEXT,
            lease_expires_at     INTEGER,
            last_error           TEXT,
            status_reason        TEXT,
            result               TEXT,
            result_truncated     INTEGER NOT NULL DEFAULT 0 CHECK (result_truncated IN (0, 1)),
            in_doubt             INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
            idempotency_key      TEXT NOT NULL,
            approved_by          TEXT,
            created_at           INTEGER NOT NULL,
            updated_at           INTEGER NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX outbox_idempotency ON outbox(tenant_id, idempotency_key);
        CREATE INDEX outbox_due ON outbox(status, run_at);
        CREATE INDEX outbox_by_tenant_status ON outbox(tenant_id, status, id);
        CREATE INDEX outbox_awaiting_approval ON outbox(id) WHERE status = 'awaiting_approval';
        CREATE INDEX outbox_dead ON outbox(id) WHERE status = 'dead';

        CREATE TABLE audit_log (
            id          INTEGER PRIMARY KEY,
            tenant_id   TEXT REFERENCES tenants(id),
            category    TEXT NOT NULL,
            action      TEXT NOT NULL,
            envelope_id INTEGER,
            actor       TEXT NOT NULL,
            payload     TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            prev_hash   TEXT NOT NULL,
            hash        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_by_tenant ON audit_log(tenant_id, id);
        CREATE INDEX audit_log_by_envelope ON audit_log(envelope_id, id) WHERE envelope_id IS NOT NULL;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
}
