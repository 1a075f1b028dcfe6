-- Change notifications: every statement that appends to the audit log (every submission,
-- transition and settings change appends a row, in the same transaction) sends one NOTIFY on
-- the channel `opsdeck_changes` when its transaction commits. Idle workers and consoles
-- LISTEN on it (PostgresChangeFeed) and read the change token only when woken, instead of
-- polling it; they poll slowly as a fallback while listening, and fast while the listening
-- connection is down.
--
-- The payload is empty: PostgreSQL delivers identical notifications of one transaction once,
-- so a claim of 32 envelopes sends one, and it says nothing about any tenant's rows (NOTIFY
-- is not subject to row-level security).
CREATE FUNCTION opsdeck_notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM pg_notify('opsdeck_changes', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_log_notify_change AFTER INSERT ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION opsdeck_notify_change();
