-- OpsDeck PostgreSQL schema, migration 0004: audit rows sealed by the database when their
-- transaction commits.
--
-- Until now an appender took the chain's advisory lock, read the head, computed ids and hashes
-- in the application, inserted, and committed: the lock was held across three round trips to
-- the client (head, insert, commit), and on a loaded host across however long the client waited
-- for a core in between. Every appender on every host queued behind that: four workers drained
-- no faster than one.
--
-- Now an appender inserts its rows, unsealed, into audit_pending (no id, no hashes), anywhere
-- in its transaction. When the transaction commits, a deferred trigger seals them: it locks the
-- chain's head row, numbers the rows after it, computes each row's hash here with sha256()
-- (the encoding of docs/audit.md, byte for byte the application's), inserts them into
-- audit_log (whose own trigger still checks they follow and link to the head, and moves it), and
-- removes them from audit_pending. The head is locked only from there to the end of the commit,
-- inside the server: no round trip to any client while it is held.
--
-- A row becomes part of the chain at the same moment as before (its transaction's commit),
-- with the same id rule (dense, in commit order) and the same hash; audit_log stays
-- append-only. audit_pending never holds a committed row: its rows are inserted and removed by
-- the same transaction. It is UNLOGGED (no WAL: after a crash it is empty, as it must be).
--
-- An appender that needs its rows' ids and hashes before committing (a single operator's
-- append, which returns the stored event) calls opsdeck_audit_seal() itself as its last
-- statement; the commit then finds nothing left to seal.

CREATE UNLOGGED TABLE audit_pending (
    seq         bigint GENERATED ALWAYS AS IDENTITY,     -- order within the transaction
    xact        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    tenant_id   uuid,
    category    text NOT NULL,
    action      text NOT NULL,
    envelope_id bigint,
    actor       text NOT NULL,
    payload     text NOT NULL,
    created_at  bigint NOT NULL
);
-- The sealer reads its own transaction's rows only: an index probe, never a scan over the rows
-- other transactions inserted and removed (dead until vacuumed).
CREATE INDEX audit_pending_by_transaction ON audit_pending (xact, seq);

-- Row-level security as on every tenant-owned table, so an application transaction may stage
-- rows only of its own tenant (or any, in the operator-wide scope). ENABLE without FORCE: the
-- sealer runs as the owner and must see every row its transaction staged.
ALTER TABLE audit_pending ENABLE ROW LEVEL SECURITY;
CREATE POLICY opsdeck_tenant_scope ON audit_pending FOR ALL TO PUBLIC
    USING (tenant_id = (SELECT opsdeck_current_tenant()) OR (SELECT opsdeck_all_tenants()))
    WITH CHECK (tenant_id = (SELECT opsdeck_current_tenant()) OR (SELECT opsdeck_all_tenants()));

-- A row's hash: lowercase hex SHA-256 of its canonical bytes (docs/audit.md): the tag
-- `opsdeck-audit-v1;`, then each column in the documented order as `<UTF-8 byte length>:<bytes>;`,
-- or `-;` for NULL. The same function as the application's AuditHasher (a test compares them).
-- One PL/pgSQL expression: a SQL function that is not inlined is planned again at every call
-- (150 us a row, measured); a loop over the columns costs a statement per column.
CREATE FUNCTION opsdeck_audit_hash(
    id bigint, created_at bigint, tenant_id uuid, category text, action text, envelope_id bigint, actor text,
    payload text, prev_hash text
) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public AS $$
BEGIN
    RETURN encode(sha256(convert_to(
        'opsdeck-audit-v1;'
        || length(id::text)::text || ':' || id::text || ';'
        || length(created_at::text)::text || ':' || created_at::text || ';'
        || CASE WHEN tenant_id IS NULL THEN '-;' ELSE '36:' || tenant_id::text || ';' END
        || octet_length(convert_to(category, 'UTF8'))::text || ':' || category || ';'
        || octet_length(convert_to(action, 'UTF8'))::text || ':' || action || ';'
        || CASE WHEN envelope_id IS NULL THEN '-;' ELSE length(envelope_id::text)::text || ':' || envelope_id::text || ';' END
        || octet_length(convert_to(actor, 'UTF8'))::text || ':' || actor || ';'
        || octet_length(convert_to(payload, 'UTF8'))::text || ':' || payload || ';'
        || octet_length(convert_to(prev_hash, 'UTF8'))::text || ':' || prev_hash || ';',
        'UTF8')), 'hex');
END;
$$;

-- Seals the current transaction's staged rows into the chain and returns them as sealed (in
-- order). Nothing staged: returns nothing, locks nothing. The head row stays locked until the
-- transaction ends, so the next sealer (any host) numbers its rows after these.
CREATE FUNCTION opsdeck_audit_seal() RETURNS TABLE (sealed_id bigint, sealed_prev_hash text, sealed_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    me        xid8 := pg_current_xact_id_if_assigned();
    head_id   bigint;
    head_hash text;
    row_hash  text;
    staged    record;
    ids       bigint[] := '{}';
    tenants   uuid[] := '{}';
    categories text[] := '{}';
    actions   text[] := '{}';
    envelopes bigint[] := '{}';
    actors    text[] := '{}';
    payloads  text[] := '{}';
    times     bigint[] := '{}';
    prevs     text[] := '{}';
    hashes    text[] := '{}';
BEGIN
    IF me IS NULL OR NOT EXISTS (SELECT 1 FROM audit_pending AS p WHERE p.xact = me) THEN
        RETURN;
    END IF;
    SELECT h.last_id, h.last_hash INTO head_id, head_hash FROM audit_chain_head AS h WHERE h.singleton FOR UPDATE;
    FOR staged IN
        SELECT p.tenant_id, p.category, p.action, p.envelope_id, p.actor, p.payload, p.created_at
        FROM audit_pending AS p WHERE p.xact = me ORDER BY p.seq
    LOOP
        head_id := head_id + 1;
        row_hash := opsdeck_audit_hash(head_id, staged.created_at, staged.tenant_id, staged.category, staged.action,
                                       staged.envelope_id, staged.actor, staged.payload, head_hash);
        ids := ids || head_id;
        tenants := tenants || staged.tenant_id;
        categories := categories || staged.category;
        actions := actions || staged.action;
        envelopes := envelopes || staged.envelope_id;
        actors := actors || staged.actor;
        payloads := payloads || staged.payload;
        times := times || staged.created_at;
        prevs := prevs || head_hash;
        hashes := hashes || row_hash;
        head_hash := row_hash;
    END LOOP;
    INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
    SELECT * FROM unnest(ids, tenants, categories, actions, envelopes, actors, payloads, times, prevs, hashes);
    DELETE FROM audit_pending AS p WHERE p.xact = me;
    RETURN QUERY SELECT * FROM unnest(ids, prevs, hashes);
END;
$$;

-- True for the first staged row of a transaction only (a transaction-local flag), so the
-- commit-time trigger below is queued once per transaction, not once per row.
CREATE FUNCTION opsdeck_audit_first_staged() RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
BEGIN
    IF current_setting('opsdeck.audit_seal_queued', true) = 'on' THEN
        RETURN false;
    END IF;
    PERFORM set_config('opsdeck.audit_seal_queued', 'on', true);
    RETURN true;
END;
$$;

CREATE FUNCTION opsdeck_audit_seal_at_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM opsdeck_audit_seal();
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER audit_pending_seal_at_commit AFTER INSERT ON audit_pending
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (opsdeck_audit_first_staged()) EXECUTE FUNCTION opsdeck_audit_seal_at_commit();

-- Nothing but the sealer removes staged rows, and nobody edits them.
CREATE FUNCTION opsdeck_audit_pending_no_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    RAISE EXCEPTION 'audit_pending rows are sealed, not edited' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION opsdeck_audit_pending_no_update();
