-- OpsDeck PostgreSQL schema, migration 0005: claims hold the tenants they claim for, not one
-- lock for every claim.
--
-- Tenant caps (max_running) must hold across hosts: two claims must not both see a tenant with
-- one free slot and both fill it. Until now every claim took one advisory lock ('OPSD', 3) from
-- its reads to its commit, so claims on different hosts ran one at a time. Now a claim reads and
-- decides without it, then holds only the tenants it chose (their rows, FOR NO KEY UPDATE SKIP
-- LOCKED: only claims lock tenants that way) and reads their running counts again; it keeps the
-- claims those fresh counts admit (ClaimDecider.Outcome.confirmingClaims) and holds the tenants
-- until it commits. A tenant another claim holds right now is skipped, not waited for: its
-- envelopes go to the next claim. Claims of different tenants run side by side.
--
-- Operators' writes to a tenant's row (pause, cap, name) wait for the claim that holds it;
-- submissions do not (their foreign-key check takes KEY SHARE, which this lock admits).

-- Locks the given tenants that no other transaction holds, then returns each one held with its
-- cap and pause as they are now (a row locked in READ COMMITTED is read at its latest committed
-- version) and its running envelopes counted by a second statement: in a VOLATILE function each
-- statement takes a new snapshot, so the count includes every claim committed by whoever held
-- the tenant before. One round trip for all of it.
CREATE FUNCTION opsdeck_hold_tenants_for_claim(wanted uuid[])
RETURNS TABLE (held_tenant uuid, held_max_running integer, held_paused boolean, held_running bigint)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    ids     uuid[];
    caps    integer[];
    paused  boolean[];
BEGIN
    SELECT coalesce(array_agg(locked.id), '{}'), coalesce(array_agg(locked.max_running), '{}'),
           coalesce(array_agg(locked.paused_at IS NOT NULL), '{}')
    INTO ids, caps, paused
    FROM (SELECT t.id, t.max_running, t.paused_at FROM tenants AS t WHERE t.id = ANY (wanted) ORDER BY t.id
          FOR NO KEY UPDATE SKIP LOCKED) AS locked;
    RETURN QUERY
        SELECT h.id, h.cap, h.paused,
               (SELECT count(*) FROM outbox AS o WHERE o.status = 'running' AND o.tenant_id = h.id)
        FROM unnest(ids, caps, paused) AS h(id, cap, paused);
END;
$$;
