-- OpsDeck PostgreSQL schema, migration 0005: claims hold the tenants they claim for, not one
-- lock for every claim.
--
-- Tenant caps (max_running) must hold across hosts: two claims must not both see a tenant with
-- one free slot and both fill it. Until now every claim took one advisory lock ('OPSD', 3) from
-- its reads to its commit, so claims on different hosts ran one at a time. Now a claim first
-- holds some tenants — those of the oldest due envelopes that no other claim holds right now,
-- their rows locked FOR NO KEY UPDATE SKIP LOCKED (only claims lock tenants that way) until it
-- commits — reads their running counts after taking the locks, and claims only their envelopes.
-- Concurrent claims hold different tenants and run side by side; a tenant another claim holds
-- is passed over, not waited for.
--
-- Operators' writes to a tenant's row (pause, cap, name) wait for the claim that holds it;
-- submissions do not (their foreign-key check takes KEY SHARE, which this lock admits).

-- Holds up to `wanted` tenants for a claim: those, not in `blocked` (paused, or at their cap by
-- the claim's earlier read), of the oldest of the first `scan` envelopes due by `due_by`, oldest
-- first, skipping any another transaction holds. Returns
--   * each tenant held (held = true) with its running envelopes counted by a second statement:
--     in a VOLATILE function each statement takes a new snapshot, so the count includes every
--     claim committed by whoever held the tenant before;
--   * each tenant of `blocked` with envelopes among the first `scan` due ones (held = false), so
--     the claim reports them as the core's decision does (paused, or a conflict).
-- One round trip for all of it.
CREATE FUNCTION opsdeck_hold_claim_tenants(due_by bigint, scan integer, wanted integer, blocked uuid[])
RETURNS TABLE (claim_tenant uuid, claim_held boolean, claim_running bigint)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    ids uuid[];
BEGIN
    SELECT coalesce(array_agg(locked.id), '{}') INTO ids
    FROM (SELECT t.id FROM tenants AS t
          JOIN (SELECT due.tenant_id, min(due.run_at) AS first_run_at, min(due.id) AS first_id
                FROM (SELECT o.tenant_id, o.run_at, o.id FROM outbox AS o
                      WHERE o.status = 'pending' AND o.run_at <= due_by AND NOT (o.tenant_id = ANY (blocked))
                      ORDER BY o.run_at, o.id LIMIT scan) AS due
                GROUP BY due.tenant_id) AS d ON d.tenant_id = t.id
          ORDER BY d.first_run_at, d.first_id LIMIT wanted
          FOR NO KEY UPDATE OF t SKIP LOCKED) AS locked;
    RETURN QUERY
        SELECT h.id, true, (SELECT count(*) FROM outbox AS o WHERE o.status = 'running' AND o.tenant_id = h.id)
        FROM unnest(ids) AS h(id);
    IF cardinality(blocked) > 0 THEN
        RETURN QUERY
            SELECT DISTINCT due.tenant_id, false, 0::bigint
            FROM (SELECT o.tenant_id FROM outbox AS o WHERE o.status = 'pending' AND o.run_at <= due_by
                  ORDER BY o.run_at, o.id LIMIT scan) AS due
            WHERE due.tenant_id = ANY (blocked);
    END IF;
END;
$$;
