-- OpsDeck PostgreSQL roles and grants. Idempotent: `opsdeck migrate`, given an administrator's
-- URL, runs it after the numbered migrations on every run (in one transaction, under the same
-- advisory lock), so the grants always match the schema this build ships.
--
-- opsdeck_app: the role every OpsDeck query runs as. Connections made with an administrator's
-- URL switch to it with `SET ROLE opsdeck_app` right after connecting; deployments that do not
-- hand OpsDeck an administrator connect with a login role that is a member of opsdeck_app
-- (and switch to it the same way), or log in as opsdeck_app itself.
--   * created NOLOGIN: no password lives in this file. An operator who wants to connect as
--     opsdeck_app runs `ALTER ROLE opsdeck_app LOGIN PASSWORD '…'` once; this script never
--     changes LOGIN or the password of an existing role;
--   * never SUPERUSER, BYPASSRLS, CREATEDB, CREATEROLE or REPLICATION: checked on every run;
--   * owns nothing: every object belongs to the administrator that ran the migrations; checked
--     on every run (an owner is exempt from its grants' limits and could disable triggers).
-- Roles are cluster-wide; the grants below are for this database.

DO $$
BEGIN
    IF to_regrole('opsdeck_app') IS NULL THEN
        CREATE ROLE opsdeck_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
    END IF;
END;
$$;

DO $$
DECLARE
    r pg_roles%ROWTYPE;
    owned text;
BEGIN
    SELECT * INTO r FROM pg_roles WHERE rolname = 'opsdeck_app';
    IF r.rolsuper OR r.rolbypassrls OR r.rolcreatedb OR r.rolcreaterole OR r.rolreplication THEN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            ALTER ROLE opsdeck_app NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
        ELSE
            RAISE EXCEPTION 'role opsdeck_app has SUPERUSER, BYPASSRLS, CREATEDB, CREATEROLE or REPLICATION; remove them (ALTER ROLE opsdeck_app NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION)';
        END IF;
    END IF;
    SELECT string_agg(c.relname, ', ') INTO owned
    FROM pg_class c WHERE c.relowner = 'opsdeck_app'::regrole;
    owned := concat_ws(', ', owned,
        (SELECT string_agg(p.proname, ', ') FROM pg_proc p WHERE p.proowner = 'opsdeck_app'::regrole),
        (SELECT string_agg(n.nspname, ', ') FROM pg_namespace n WHERE n.nspowner = 'opsdeck_app'::regrole));
    IF owned <> '' THEN
        RAISE EXCEPTION 'role opsdeck_app owns objects in this database (%); it must own nothing', owned
            USING HINT = 'REASSIGN OWNED BY opsdeck_app TO <administrator>';
    END IF;
    -- An administrator that is not a superuser (Supabase's `postgres`) needs membership to
    -- `SET ROLE opsdeck_app`.
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'opsdeck_app', 'MEMBER') THEN
        EXECUTE format('GRANT opsdeck_app TO %I', current_user);
    END IF;
END;
$$;

-- Start from nothing on OpsDeck's objects, then grant exactly what the application uses.
REVOKE ALL ON schema_migrations, tenants, objectives, guardrails, connected_accounts, tool_catalog, tasks,
    signals, schedules, drift_alerts, worker_heartbeats, outbox, counters, audit_log, audit_chain_head,
    audit_pending
    FROM opsdeck_app;

GRANT USAGE ON SCHEMA public TO opsdeck_app;

-- Ordinary tables: read and write (tenant-owned ones through their row-level policies).
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, objectives, guardrails, connected_accounts, tool_catalog,
    tasks, signals, schedules, drift_alerts, outbox, worker_heartbeats TO opsdeck_app;

-- The audit log: append and read, nothing else (first wall; the triggers are the second).
GRANT SELECT, INSERT ON audit_log TO opsdeck_app;

-- Rows to seal at commit (migration 0004): insert only. The sealer (SECURITY DEFINER) reads and
-- removes them; an appender that needs its rows' ids before committing calls it itself.
GRANT INSERT ON audit_pending TO opsdeck_app;
REVOKE ALL ON FUNCTION opsdeck_audit_seal() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION opsdeck_audit_seal() TO opsdeck_app;

-- Read only: the chain head and the counters move through SECURITY DEFINER triggers, and the
-- migrations table is the migrator's (the application reads it to refuse a newer schema).
GRANT SELECT ON audit_chain_head, counters, schema_migrations TO opsdeck_app;

-- The identity sequences: nextval, so an adapter may reserve ids before a multi-row insert
-- (never `max(id) + 1`: under row-level security max(id) is the current tenant's).
DO $$
DECLARE
    seq text;
BEGIN
    FOR seq IN
        SELECT pg_get_serial_sequence(t, 'id')
        FROM unnest(ARRAY['objectives', 'tasks', 'signals', 'drift_alerts', 'outbox']) AS t
    LOOP
        EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM opsdeck_app', seq);
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO opsdeck_app', seq);
    END LOOP;
END;
$$;

-- The policies' helpers (PUBLIC may execute functions by default; granted explicitly in case
-- a hardened database revoked that).
GRANT EXECUTE ON FUNCTION opsdeck_current_tenant(), opsdeck_all_tenants(), opsdeck_audit_first_staged(),
    opsdeck_audit_hash(bigint, bigint, uuid, text, text, bigint, text, text, text), opsdeck_hold_claim_tenants(bigint, integer, integer, uuid[]),
    opsdeck_claim_hold(bigint, integer, integer)
    TO opsdeck_app;

-- Supabase (roles anon and authenticated exist): its default privileges give those roles
-- every privilege on new tables in `public`, which its HTTP API exposes. Take them back:
-- anon gets nothing; authenticated may read its own tenant's rows (the JWT policies of
-- migration 0002) and nothing else — no writes, and no access to the global tables, which
-- have no row-level security.
DO $$
DECLARE
    api_role text;
    seq text;
BEGIN
    FOREACH api_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        CONTINUE WHEN to_regrole(api_role) IS NULL;
        EXECUTE format('REVOKE ALL ON schema_migrations, tenants, objectives, guardrails, connected_accounts, '
                       'tool_catalog, tasks, signals, schedules, drift_alerts, worker_heartbeats, outbox, counters, '
                       'audit_log, audit_chain_head, audit_pending FROM %I', api_role);
        FOR seq IN
            SELECT pg_get_serial_sequence(t, 'id')
            FROM unnest(ARRAY['objectives', 'tasks', 'signals', 'drift_alerts', 'outbox']) AS t
        LOOP
            EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %I', seq, api_role);
        END LOOP;
    END LOOP;
    IF to_regrole('authenticated') IS NOT NULL THEN
        GRANT SELECT ON tenants, objectives, guardrails, connected_accounts, tool_catalog, tasks, signals,
            schedules, drift_alerts, outbox, audit_log TO authenticated;
    END IF;
END;
$$;
