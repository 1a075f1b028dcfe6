-- OpsDeck PostgreSQL schema, migration 0002: row-level security on every tenant-owned table.
--
-- The tenant is chosen per transaction by two custom settings, which the adapter sets with
-- SET LOCAL (or set_config(name, value, true), which takes a bind parameter):
--   opsdeck.tenant_id = '<tenant uuid>'  -- only this tenant's rows are visible and writable
--   opsdeck.scope     = 'all'            -- the operator-wide scope (worker, console's
--                                        -- all-tenants views, tenant creation); explicit
-- Neither set, set to '', or set to anything but a well-formed uuid (tenant_id) or exactly
-- 'all' (scope): no row is visible and every write is refused — never an error, so a
-- forgotten setting reads as an empty database, as a wrong tenant id does in SQLite.
--
-- ENABLE + FORCE: the policies bind the tables' owner too (superusers and roles with
-- BYPASSRLS still pass; opsdeck_app is neither, see roles.sql). Policies are for PUBLIC, so
-- they hold for whatever role reaches the tables. Tables without tenant_id — schema_migrations,
-- counters, worker_heartbeats, audit_chain_head — have no row-level security: they hold no
-- tenant's data; roles.sql gives opsdeck_app exactly the access it needs there.
--
-- Foreign-key checks bypass row-level security (PostgreSQL runs them as the owner without
-- policies), so a tenant-scoped insert may reference its tenant's row as usual.

-- The tenant set for this transaction, or NULL (unset, empty, or not a canonical uuid).
CREATE FUNCTION opsdeck_current_tenant() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN setting ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
        THEN setting::uuid
    END
    FROM (SELECT current_setting('opsdeck.tenant_id', true) AS setting) AS current
$$;

-- True only when the operator-wide scope is set for this transaction (or session).
CREATE FUNCTION opsdeck_all_tenants() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('opsdeck.scope', true) = 'all', false)
$$;

-- Policies call the functions through scalar subqueries, so each is evaluated once per
-- statement (an InitPlan), not once per row.
DO $$
DECLARE
    owned text[] := ARRAY['objectives', 'guardrails', 'connected_accounts', 'tool_catalog', 'tasks',
                          'signals', 'schedules', 'drift_alerts', 'outbox', 'audit_log'];
    t text;
    rule text := '(%1$I = (SELECT opsdeck_current_tenant()) OR (SELECT opsdeck_all_tenants()))';
BEGIN
    -- tenants is the seed's one table without tenant_id: its own id is the tenant.
    EXECUTE 'ALTER TABLE tenants ENABLE ROW LEVEL SECURITY';
    EXECUTE 'ALTER TABLE tenants FORCE ROW LEVEL SECURITY';
    EXECUTE format('CREATE POLICY opsdeck_tenant_scope ON tenants FOR ALL TO PUBLIC USING %1$s WITH CHECK %1$s',
                   format(rule, 'id'));
    FOREACH t IN ARRAY owned LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY opsdeck_tenant_scope ON %I FOR ALL TO PUBLIC USING %2$s WITH CHECK %2$s',
                       t, format(rule, 'tenant_id'));
    END LOOP;
END;
$$;

-- Supabase: requests through its API carry a JWT whose claims `auth.jwt()` returns. Where
-- that function exists, a second policy on each tenant-owned table admits, for the
-- `authenticated` role (PUBLIC if there is no such role), the rows of the tenant named by the
-- claim `tenant_id` at the top level (a custom access-token hook) or in `app_metadata`
-- (settable only with the service key). Never `user_metadata`: users can edit it. Which
-- commands those requests may run is a matter of grants (roles.sql: SELECT only).
-- On a plain PostgreSQL server auth.jwt() does not exist and nothing here is created.
DO $$
DECLARE
    owned text[] := ARRAY['objectives', 'guardrails', 'connected_accounts', 'tool_catalog', 'tasks',
                          'signals', 'schedules', 'drift_alerts', 'outbox', 'audit_log'];
    t text;
    grantee text;
BEGIN
    IF to_regprocedure('auth.jwt()') IS NULL THEN
        RAISE NOTICE 'auth.jwt() not found: no Supabase JWT policies';
        RETURN;
    END IF;
    grantee := CASE WHEN to_regrole('authenticated') IS NOT NULL THEN 'authenticated' ELSE 'PUBLIC' END;
    EXECUTE $function$
        CREATE FUNCTION opsdeck_jwt_tenant() RETURNS uuid
        LANGUAGE sql STABLE AS $body$
            SELECT CASE
                WHEN claim ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                THEN claim::uuid
            END
            FROM (SELECT coalesce(auth.jwt() ->> 'tenant_id', auth.jwt() -> 'app_metadata' ->> 'tenant_id') AS claim) AS jwt
        $body$
    $function$;
    EXECUTE format('CREATE POLICY opsdeck_supabase_jwt ON tenants FOR ALL TO %s'
                   ' USING (id = (SELECT opsdeck_jwt_tenant())) WITH CHECK (id = (SELECT opsdeck_jwt_tenant()))', grantee);
    FOREACH t IN ARRAY owned LOOP
        EXECUTE format('CREATE POLICY opsdeck_supabase_jwt ON %I FOR ALL TO %s'
                       ' USING (tenant_id = (SELECT opsdeck_jwt_tenant())) WITH CHECK (tenant_id = (SELECT opsdeck_jwt_tenant()))',
                       t, grantee);
    END LOOP;
END;
$$;
