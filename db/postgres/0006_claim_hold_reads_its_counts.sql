-- OpsDeck PostgreSQL schema, migration 0006: a claim's hold finds the tenants to leave out
-- itself, one round trip less per claim.
--
-- Until now a claim read every tenant's running envelopes and the claim_context counter in one
-- statement, worked out in the application which tenants were paused or at their cap, and
-- passed them to opsdeck_hold_claim_tenants (0005) in a second statement. opsdeck_claim_hold
-- does all of it in one call, with the same hold: each statement of a VOLATILE function takes a
-- new snapshot, so the tenants left out are read just before the hold, and the held tenants'
-- running counts still after their locks.

-- Returns, for a claim of envelopes due by `due_by` that reads the first `scan` of them and may
-- hold `wanted` tenants:
--   * one row without a tenant: ('context', the claim_context counter), read first, for the
--     application's cache of tenants' contexts;
--   * each tenant held: ('held', its running envelopes, counted after its lock);
--   * each tenant paused, or at its cap (running >= max_running), with envelopes among the first
--     `scan` due ones: ('paused', 0) or ('at_cap', 0), for the claim to report as the core's
--     decision does.
CREATE FUNCTION opsdeck_claim_hold(due_by bigint, scan integer, wanted integer)
RETURNS TABLE (claim_tenant uuid, claim_state text, claim_value bigint)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    paused uuid[];
    saturated uuid[];
BEGIN
    RETURN QUERY SELECT NULL::uuid, 'context'::text, c.value FROM counters AS c WHERE c.name = 'claim_context';
    SELECT coalesce(array_agg(t.id), '{}') INTO paused FROM tenants AS t WHERE t.paused_at IS NOT NULL;
    SELECT coalesce(array_agg(r.tenant_id), '{}') INTO saturated
    FROM (SELECT o.tenant_id, count(*) AS n FROM outbox AS o WHERE o.status = 'running' GROUP BY o.tenant_id) AS r
    JOIN tenants AS t ON t.id = r.tenant_id
    WHERE t.paused_at IS NULL AND r.n >= t.max_running;
    RETURN QUERY
        SELECT h.claim_tenant,
               CASE WHEN h.claim_held THEN 'held' WHEN h.claim_tenant = ANY (paused) THEN 'paused' ELSE 'at_cap' END,
               h.claim_running
        FROM opsdeck_hold_claim_tenants(due_by, scan, wanted, paused || saturated) AS h;
END;
$$;
