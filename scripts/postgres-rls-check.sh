#!/usr/bin/env bash
# Proves OpsDeck's PostgreSQL row-level security, grants and audit walls with psql.
#
#   scripts/postgres-rls-check.sh [ADMIN_URL]     # default: $OPSDECK_TEST_POSTGRES_URL
#
# ADMIN_URL names an administrator (a superuser, or a role with CREATEDB and CREATEROLE) on any
# database of the server. The script creates a scratch database (`opsdeck_rls_check`, dropped
# at the end; set OPSDECK_RLS_CHECK_KEEP=1 to keep it), applies db/postgres/NNNN_*.sql as the
# migrator does (each file in its own transaction, recorded in schema_migrations) and then
# roles.sql twice (idempotent), seeds two tenants as opsdeck_app in the all-tenants scope, and
# checks, as opsdeck_app (SET ROLE from the administrator's connection):
#   * opsdeck_app: no SUPERUSER/BYPASSRLS, owns nothing, only SELECT+INSERT on audit_log;
#   * no tenant set (unset, '', malformed): count(*) is 0 on every tenant-owned table;
#   * tenant A set: exactly A's rows; rows of B invisible to SELECT/UPDATE/DELETE; inserting
#     or moving a row to B refused, on every tenant-owned table;
#   * opsdeck.scope = 'all': every row;
#   * audit_log: UPDATE/DELETE/TRUNCATE refused to opsdeck_app (privilege) and to the
#     administrator (trigger); appends that break the chain refused; concurrent appenders keep
#     it linear; counters move as in SQLite;
#   * Supabase (unless OPSDECK_RLS_CHECK_SUPABASE=0): a second scratch database with a simulated
#     auth.jwt() and roles anon/authenticated (created if missing, dropped again if created
#     here): the JWT policies admit the claim's tenant only, read-only.
# Exits 0 when every expectation holds, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

url=${1:-${OPSDECK_TEST_POSTGRES_URL:-}}
[ -n "$url" ] || { echo "usage: $0 ADMIN_URL (or set OPSDECK_TEST_POSTGRES_URL)" >&2; exit 2; }

psql_bin=psql
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$candidate/psql" ] && { psql_bin=$candidate/psql; break; }
done
command -v "$psql_bin" >/dev/null 2>&1 || { echo "psql not found" >&2; exit 2; }

# The same server, another database: postgres://user:pass@host:port/DB?query
url_for() {
    local scheme=${url%%://*} rest=${url#*://} query=""
    case "$rest" in *\?*) query="?${rest#*\?}"; rest=${rest%%\?*} ;; esac
    printf '%s://%s/%s%s\n' "$scheme" "${rest%%/*}" "$1" "$query"
}

scratch=opsdeck_rls_check
db_url=$(url_for "$scratch")
A=aaaaaaaa-0000-4000-8000-00000000000a
B=bbbbbbbb-0000-4000-8000-00000000000b
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
owned_tables=(tenants objectives guardrails connected_accounts tool_catalog tasks signals schedules drift_alerts outbox audit_log)

passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ -z "${2:-}" ] || printf '     %s\n' "$2"; }

# Runs SQL from stdin on $db_url as the administrator, quietly, tuples only.
admin() { "$psql_bin" "$db_url" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
admin_on() { local target=$1; shift; "$psql_bin" "$(url_for "$target")" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }

# The SQL that opens a transaction as opsdeck_app with TENANT (or '-': none) and SCOPE (or '-').
prologue() {
    printf 'BEGIN;\nSET LOCAL ROLE opsdeck_app;\n'
    [ "$1" = - ] || printf "SELECT set_config('opsdeck.tenant_id', '%s', true) \\\\g /dev/null\n" "$1"
    [ "$2" = - ] || printf "SELECT set_config('opsdeck.scope', '%s', true) \\\\g /dev/null\n" "$2"
}

# expect DESCRIPTION EXPECTED TENANT SCOPE SQL: SQL's output, as opsdeck_app, must be EXPECTED.
expect() {
    local description=$1 expected=$2 out
    if out=$( { prologue "$3" "$4"; printf '%s\nROLLBACK;\n' "$5"; } | admin 2>&1 ); then
        if [ "$out" = "$expected" ]; then ok "$description"; else fail "$description" "expected [$expected], got [$out]"; fi
    else
        fail "$description" "error: $out"
    fi
}

# refuse DESCRIPTION PATTERN TENANT SCOPE SQL: SQL, as opsdeck_app, must fail with PATTERN.
refuse() {
    local description=$1 pattern=$2 out
    if out=$( { prologue "$3" "$4"; printf '%s\nROLLBACK;\n' "$5"; } | admin 2>&1 ); then
        fail "$description" "was accepted: [$out]"
    elif grep -Eq "$pattern" <<<"$out"; then
        ok "$description"
    else
        fail "$description" "failed otherwise: $out"
    fi
}

# refuse_admin DESCRIPTION PATTERN SQL: SQL, as the administrator, must fail with PATTERN.
refuse_admin() {
    local description=$1 pattern=$2 out
    # The scope: an administrator that is neither superuser nor BYPASSRLS owns the tables, and
    # FORCE ROW LEVEL SECURITY binds it too.
    if out=$(printf "BEGIN;\nSET LOCAL opsdeck.scope = 'all';\n%s\nROLLBACK;\n" "$3" | admin 2>&1); then
        fail "$description" "was accepted: [$out]"
    elif grep -Eq "$pattern" <<<"$out"; then
        ok "$description"
    else
        fail "$description" "failed otherwise: $out"
    fi
}

# Applies the migrations as `opsdeck migrate` does, then roles.sql twice.
migrate() {
    local target=$1 file base version name
    for file in db/postgres/[0-9][0-9][0-9][0-9]_*.sql; do
        base=$(basename "$file" .sql)
        version=$((10#${base%%_*}))
        name=${base#*_}
        admin_on "$target" -1 -c "SELECT pg_advisory_xact_lock(1330664260, 0)" -f "$file" \
            -c "INSERT INTO schema_migrations (version, name) VALUES ($version, '$name')" >/dev/null \
            2> >(grep -v 'NOTICE' >&2) || return 1
    done
    admin_on "$target" -1 -f db/postgres/roles.sql >/dev/null && admin_on "$target" -1 -f db/postgres/roles.sql >/dev/null
}

# Two tenants, rows in every tenant-owned table (A: 2 of each, B: 3; one guardrails row each),
# written by opsdeck_app in the all-tenants scope; audit rows appended as the protocol says.
seed() {
    local target=$1
    admin_on "$target" <<SQL
BEGIN;
SET LOCAL ROLE opsdeck_app;
SET LOCAL opsdeck.scope = 'all';
INSERT INTO tenants (id, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at)
VALUES ('$A', 'tenant-a', 'free', 'UTC', 1, 'a', 1, 1), ('$B', 'tenant-b', 'free', 'UTC', 1, 'b', 1, 1);
INSERT INTO guardrails (tenant_id, config, updated_at, updated_by)
VALUES ('$A', '{"autonomy":"medium"}', 1, 'check'), ('$B', '{"autonomy":"medium"}', 1, 'check');
CREATE TEMP TABLE seed_rows ON COMMIT DROP AS
    SELECT t.tenant::uuid AS tenant, t.tag, n FROM (VALUES ('$A', 'a', 2), ('$B', 'b', 3)) AS t(tenant, tag, count),
    LATERAL generate_series(1, t.count) AS n;
INSERT INTO objectives (tenant_id, metric, target, horizon, created_at, updated_at)
    SELECT tenant, 'leads', 10, '30d', 1, 1 FROM seed_rows;
INSERT INTO connected_accounts (id, tenant_id, provider, status, scopes, created_at, updated_at)
    SELECT 'ca_' || tag || n, tenant, 'gmail', 'ACTIVE', '[]', 1, 1 FROM seed_rows;
INSERT INTO tool_catalog (tenant_id, tool_slug, toolkit, json_schema, version, risk, tags, scopes, fetched_at)
    SELECT tenant, 'GMAIL_TOOL_' || n, 'gmail', '{}', '20250101_00', 'low', '[]', '[]', 1 FROM seed_rows;
INSERT INTO tasks (tenant_id, title, state, created_at, updated_at)
    SELECT tenant, 'task ' || n, 'planned', 1, 1 FROM seed_rows;
INSERT INTO signals (tenant_id, toolkit, tool_slug, source, payload, observed_at)
    SELECT tenant, 'gmail', 'GMAIL_LIST', 'warm_scan', '{"n":1}', 1 FROM seed_rows;
INSERT INTO schedules (tenant_id, job, category, next_run_at, updated_at)
    SELECT tenant, 'trickle_refresh', 'category' || n, 1, 1 FROM seed_rows;
INSERT INTO drift_alerts (tenant_id, tool_slug, toolkit, kind, breaking, diff, fingerprint, status, opened_at)
    SELECT tenant, 'GMAIL_TOOL_' || n, 'gmail', 'schema_changed', false, '{}', 'fp' || n, 'open', 1 FROM seed_rows;
INSERT INTO outbox (tenant_id, envelope, status, tool_slug, toolkit, risk, run_at, idempotency_key, created_at, updated_at)
    SELECT tenant, '{"to": "x@example.com"}', 'pending', 'GMAIL_SEND_EMAIL', 'gmail', 'low', 1, 'key' || n, 1, 1 FROM seed_rows;
SELECT pg_advisory_xact_lock(1330664260, 1) \g /dev/null
INSERT INTO audit_log (id, tenant_id, category, action, envelope_id, actor, payload, created_at, prev_hash, hash)
    SELECT h.last_id + r.k, r.tenant, 'system', 'seeded', NULL, 'check', '{}', 1,
           CASE WHEN h.last_id + r.k = 1 THEN repeat('0', 64)
                ELSE encode(sha256(convert_to((h.last_id + r.k - 1)::text, 'UTF8')), 'hex') END,
           encode(sha256(convert_to((h.last_id + r.k)::text, 'UTF8')), 'hex')
    FROM audit_chain_head AS h,
         (SELECT row_number() OVER (ORDER BY tenant NULLS LAST, n) AS k, tenant
          FROM (SELECT tenant, n FROM seed_rows UNION ALL SELECT NULL::uuid, 0) AS all_rows) AS r;
COMMIT;
SQL
}

echo "# database $scratch on $(url_for "" | sed -E 's#//[^@]*@#//#')"
admin_on postgres -c "DROP DATABASE IF EXISTS $scratch" -c "CREATE DATABASE $scratch" >/dev/null || exit 1
if migrate "$scratch"; then ok "migrations and roles.sql (twice) applied"; else fail "migrations and roles.sql applied"; exit 1; fi
if seed "$scratch"; then ok "seeded two tenants as opsdeck_app in the all-tenants scope"; else fail "seed"; exit 1; fi

echo "# the role"
expect "opsdeck_app: not superuser, no BYPASSRLS, NOLOGIN" "f|f|f" - - \
    "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'opsdeck_app';"
expect "opsdeck_app owns nothing in the database" "0" - - \
    "SELECT (SELECT count(*) FROM pg_class WHERE relowner = 'opsdeck_app'::regrole)
          + (SELECT count(*) FROM pg_proc WHERE proowner = 'opsdeck_app'::regrole)
          + (SELECT count(*) FROM pg_namespace WHERE nspowner = 'opsdeck_app'::regrole);"
expect "opsdeck_app on audit_log: SELECT, INSERT; no UPDATE, DELETE, TRUNCATE" "t|t|f|f|f" - - \
    "SELECT has_table_privilege('audit_log', 'SELECT'), has_table_privilege('audit_log', 'INSERT'),
            has_table_privilege('audit_log', 'UPDATE'), has_table_privilege('audit_log', 'DELETE'),
            has_table_privilege('audit_log', 'TRUNCATE');"
expect "row-level security enabled and forced on the ${#owned_tables[@]} tenant-owned tables" "${#owned_tables[@]}" - - \
    "SELECT count(*) FROM pg_class WHERE relrowsecurity AND relforcerowsecurity AND relname = ANY ('{$(IFS=,; echo "${owned_tables[*]}")}');"
expect "no row-level security on the global tables" "0" - - \
    "SELECT count(*) FROM pg_class WHERE relrowsecurity AND relname IN ('schema_migrations', 'counters', 'worker_heartbeats', 'audit_chain_head');"
expect "schema_migrations records every file" "$(ls db/postgres/[0-9][0-9][0-9][0-9]_*.sql | wc -l)" - - \
    "SELECT count(*) FROM schema_migrations;"

count_of() { # expected count for TABLE in a scope: all / A / B
    local table=$1 who=$2
    case "$table:$who" in
        tenants:all) echo 2 ;; tenants:*) echo 1 ;;
        guardrails:all) echo 2 ;; guardrails:*) echo 1 ;;
        audit_log:all) echo 6 ;;
        *:all) echo 5 ;; *:A) echo 2 ;; *:B) echo 3 ;;
    esac
}
tenant_column() { [ "$1" = tenants ] && echo id || echo tenant_id; }

echo "# the operator-wide scope (opsdeck.scope = 'all')"
for table in "${owned_tables[@]}"; do
    expect "scope all: $table shows every row ($(count_of "$table" all))" "$(count_of "$table" all)" - all "SELECT count(*) FROM $table;"
done

echo "# no tenant set"
for table in "${owned_tables[@]}"; do
    expect "no tenant: $table shows 0 rows" 0 - - "SELECT count(*) FROM $table;"
done
for setting in "" "not-a-uuid" "{$A}" "'; DROP TABLE outbox; --"; do
    expect "tenant_id set to [${setting}]: outbox shows 0 rows, no error" 0 "${setting//\'/\'\'}" - "SELECT count(*) FROM outbox;"
done
for scope in "" "ALL" "all " "tenant"; do
    expect "scope set to [$scope]: outbox shows 0 rows" 0 - "$scope" "SELECT count(*) FROM outbox;"
done
expect "no tenant: SELECT * on tenants returns nothing" "" - - "SELECT * FROM tenants;"
refuse "no tenant: inserting an envelope is refused" "row-level security" - - \
    "INSERT INTO outbox (tenant_id, envelope, status, tool_slug, toolkit, risk, run_at, idempotency_key, created_at, updated_at)
     VALUES ('$A', '{}', 'pending', 'T', 'gmail', 'low', 1, 'no-tenant', 1, 1);"

echo "# tenant A set (opsdeck.tenant_id)"
for table in "${owned_tables[@]}"; do
    column=$(tenant_column "$table")
    expect "tenant A: $table shows A's $(count_of "$table" A) rows, none of B" "$(count_of "$table" A)|0" "$A" - \
        "SELECT count(*), count(*) FILTER (WHERE $column IS DISTINCT FROM '$A') FROM $table;"
    expect "tenant A: $table, B's rows asked for by tenant: 0" 0 "$A" - "SELECT count(*) FROM $table WHERE $column = '$B';"
    [ "$table" = audit_log ] && continue  # no UPDATE privilege at all: see below
    expect "tenant A: UPDATE of B's $table rows touches 0" 0 "$A" - \
        "WITH changed AS (UPDATE $table SET $column = $column WHERE $column = '$B' RETURNING 1) SELECT count(*) FROM changed;"
done
for table in objectives guardrails connected_accounts tool_catalog tasks signals schedules drift_alerts outbox tenants; do
    column=$(tenant_column "$table")
    expect "tenant A: DELETE of B's $table rows touches 0" 0 "$A" - \
        "WITH gone AS (DELETE FROM $table WHERE $column = '$B' RETURNING 1) SELECT count(*) FROM gone;"
done
declare -A insert_for_b=(
    [tenants]="INSERT INTO tenants (id, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at) VALUES ('$B'::uuid, 'other', 'free', 'UTC', 1, 'x', 1, 1) ON CONFLICT DO NOTHING"
    [objectives]="INSERT INTO objectives (tenant_id, metric, target, horizon, created_at, updated_at) VALUES ('$B', 'm', 1, 'h', 1, 1)"
    [guardrails]="INSERT INTO guardrails (tenant_id, config, updated_at, updated_by) VALUES ('$B', '{}', 1, 'x') ON CONFLICT (tenant_id) DO UPDATE SET config = excluded.config"
    [connected_accounts]="INSERT INTO connected_accounts (id, tenant_id, provider, status, scopes, created_at, updated_at) VALUES ('ca_new', '$B', 'gmail', 'ACTIVE', '[]', 1, 1)"
    [tool_catalog]="INSERT INTO tool_catalog (tenant_id, tool_slug, toolkit, json_schema, version, risk, tags, scopes, fetched_at) VALUES ('$B', 'NEW_TOOL', 'gmail', '{}', 'v', 'low', '[]', '[]', 1)"
    [tasks]="INSERT INTO tasks (tenant_id, title, state, created_at, updated_at) VALUES ('$B', 't', 'planned', 1, 1)"
    [signals]="INSERT INTO signals (tenant_id, toolkit, tool_slug, source, payload, observed_at) VALUES ('$B', 'gmail', 'T', 'warm_scan', '{}', 1)"
    [schedules]="INSERT INTO schedules (tenant_id, job, category, next_run_at, updated_at) VALUES ('$B', 'drift_check', '', 1, 1)"
    [drift_alerts]="INSERT INTO drift_alerts (tenant_id, tool_slug, toolkit, kind, breaking, diff, fingerprint, status, opened_at) VALUES ('$B', 'T', 'gmail', 'tool_added', false, '{}', 'new', 'open', 1)"
    [outbox]="INSERT INTO outbox (tenant_id, envelope, status, tool_slug, toolkit, risk, run_at, idempotency_key, created_at, updated_at) VALUES ('$B', '{}', 'pending', 'T', 'gmail', 'low', 1, 'new', 1, 1)"
    [audit_log]="SELECT pg_advisory_xact_lock(1330664260, 1) \\g /dev/null
INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash) SELECT last_id + 1, '$B', 'system', 'x', 'check', '{}', 1, last_hash, repeat('e', 64) FROM audit_chain_head"
)
for table in "${owned_tables[@]}"; do
    refuse "tenant A: inserting a row of B into $table is refused" "new row violates row-level security policy" "$A" - "${insert_for_b[$table]};"
done
refuse "tenant A: moving A's envelope to B is refused" "new row violates row-level security policy" "$A" - \
    "UPDATE outbox SET tenant_id = '$B' WHERE tenant_id = '$A';"
refuse "tenant A: an operator-wide (NULL tenant) audit row is refused" "new row violates row-level security policy" "$A" - \
    "SELECT pg_advisory_xact_lock(1330664260, 1) \\g /dev/null
     INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
     SELECT last_id + 1, NULL, 'system', 'x', 'check', '{}', 1, last_hash, repeat('e', 64) FROM audit_chain_head;"
expect "tenant A: its own envelope can be inserted and read back" "3" "$A" - \
    "INSERT INTO outbox (tenant_id, envelope, status, tool_slug, toolkit, risk, run_at, idempotency_key, created_at, updated_at)
     VALUES ('$A', '{}', 'pending', 'T', 'gmail', 'low', 1, 'own', 1, 1);
     SELECT count(*) FROM outbox;"
expect "tenant A: an id reserved with nextval (identity sequence usage)" "t" "$A" - \
    "SELECT nextval(pg_get_serial_sequence('outbox', 'id')) > 0;"
expect "tenant A: the chain head is readable (appends need it)" "6" "$A" - "SELECT last_id FROM audit_chain_head;"

echo "# the audit log is append-only"
refuse "opsdeck_app: UPDATE audit_log refused (privilege)" "permission denied for table audit_log" - all "UPDATE audit_log SET actor = 'x';"
refuse "opsdeck_app: DELETE FROM audit_log refused (privilege)" "permission denied for table audit_log" - all "DELETE FROM audit_log;"
refuse "opsdeck_app: TRUNCATE audit_log refused (privilege)" "permission denied for table audit_log" - all "TRUNCATE audit_log;"
refuse "opsdeck_app: UPDATE audit_chain_head refused (privilege)" "permission denied for table audit_chain_head" - all "UPDATE audit_chain_head SET last_id = 0;"
refuse_admin "administrator: UPDATE audit_log refused (trigger)" "audit_log is append-only" "UPDATE audit_log SET actor = 'x';"
refuse_admin "administrator: DELETE FROM audit_log refused (trigger)" "audit_log is append-only" "DELETE FROM audit_log WHERE id = 1;"
refuse_admin "administrator: TRUNCATE audit_log refused (trigger)" "audit_log is append-only" "TRUNCATE audit_log;"
refuse_admin "administrator: UPDATE audit_chain_head refused (trigger)" "moves only when rows are appended" "UPDATE audit_chain_head SET last_id = 0;"
refuse_admin "administrator: DELETE FROM audit_chain_head refused (trigger)" "moves only when rows are appended" "DELETE FROM audit_chain_head;"
refuse "append with a gap in the ids refused" "do not follow the chain head" - all \
    "INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
     SELECT last_id + 2, NULL, 'system', 'x', 'check', '{}', 1, last_hash, repeat('e', 64) FROM audit_chain_head;"
refuse "append not linked to the head's hash refused" "do not link to the chain head" - all \
    "INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
     SELECT last_id + 1, NULL, 'system', 'x', 'check', '{}', 1, repeat('f', 64), repeat('e', 64) FROM audit_chain_head;"
refuse "append whose payload is not JSON refused" "invalid input syntax for type json" - all \
    "INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
     SELECT last_id + 1, NULL, 'system', 'x', 'check', '{nope', 1, last_hash, repeat('e', 64) FROM audit_chain_head;"
# The hash CHECKs (0007: a length and a negated class, the set of 0001's regex): lowercase hex,
# exactly 64 characters, for hash and prev_hash.
for bad in "repeat('E', 64)" "repeat('e', 63)" "repeat('e', 65)" "repeat('e', 63) || 'g'" "repeat('e', 63) || ' '"; do
    refuse "append whose hash is $bad refused" "audit_log_hash_check" - all \
        "INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
         SELECT last_id + 1, NULL, 'system', 'x', 'check', '{}', 1, last_hash, $bad FROM audit_chain_head;"
done
refuse "append whose prev_hash is uppercase refused" "audit_log_prev_hash_check" - all \
    "INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
     SELECT last_id + 1, NULL, 'system', 'x', 'check', '{}', 1, upper(repeat('a', 64)), repeat('e', 64) FROM audit_chain_head;"
expect "a well-formed multi-row append moves the head" "8|$(printf 'd%.0s' {1..64})" - all \
    "SELECT pg_advisory_xact_lock(1330664260, 1) \\g /dev/null
     INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
     SELECT last_id + 1, NULL::uuid, 'system', 'x', 'check', '{}', 1, last_hash, repeat('c', 64) FROM audit_chain_head
     UNION ALL SELECT last_id + 2, NULL, 'system', 'x', 'check', '{}', 1, repeat('c', 64), repeat('d', 64) FROM audit_chain_head;
     SELECT last_id || '|' || last_hash FROM audit_chain_head;"

# Concurrent appenders (committed): two with the advisory lock, then two without it.
appender() { # NAME ROWS LOCK(0/1): ROWS one-row transactions; prints the number refused
    local name=$1 rows=$2 lock=$3 i
    for ((i = 0; i < rows; i++)); do
        printf "BEGIN;\nSET LOCAL ROLE opsdeck_app;\nSET LOCAL opsdeck.scope = 'all';\n"
        [ "$lock" = 0 ] || printf 'SELECT pg_advisory_xact_lock(1330664260, 1) \\g /dev/null\n'
        printf "INSERT INTO audit_log (id, tenant_id, category, action, actor, payload, created_at, prev_hash, hash)
SELECT last_id + 1, NULL, 'system', 'race', '%s', '{}', 1, last_hash,
       encode(sha256(convert_to(last_hash || '%s', 'UTF8')), 'hex') FROM audit_chain_head;\nCOMMIT;\n" "$name" "$name"
    done | "$psql_bin" "$db_url" -X -q -tA 2>&1 | grep -c 'ERROR' || true
}
chain_intact() {
    admin <<'SQL'
SET opsdeck.scope = 'all';
SELECT (SELECT count(*) FROM audit_log) = (SELECT max(id) FROM audit_log)
   AND (SELECT last_id FROM audit_chain_head) = (SELECT max(id) FROM audit_log)
   AND (SELECT last_hash FROM audit_chain_head) = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
   AND NOT EXISTS (SELECT 1 FROM (SELECT id, prev_hash, lag(hash, 1, repeat('0', 64)) OVER (ORDER BY id) AS expected
                                  FROM audit_log) AS link WHERE prev_hash <> expected);
SQL
}
# The administrator reads in the all-tenants scope (FORCE binds an owner that is not superuser).
before=$(admin -c "SET opsdeck.scope = 'all'" -c "SELECT count(*) FROM audit_log")
appender w1 150 1 >"$work/w1" & appender w2 150 1 >"$work/w2" & wait
after=$(admin -c "SET opsdeck.scope = 'all'" -c "SELECT count(*) FROM audit_log")
if [ "$(cat "$work/w1")$(cat "$work/w2")" = 00 ] && [ $((after - before)) = 300 ] && [ "$(chain_intact)" = t ]; then
    ok "two concurrent appenders with pg_advisory_xact_lock: 300 rows, none refused, chain dense and linked"
else
    fail "concurrent appenders with the lock" "refused: $(cat "$work/w1")+$(cat "$work/w2"), appended $((after - before)), intact $(chain_intact)"
fi
before=$after
appender r1 150 0 >"$work/r1" & appender r2 150 0 >"$work/r2" & wait
after=$(admin -c "SET opsdeck.scope = 'all'" -c "SELECT count(*) FROM audit_log")
refused=$(($(cat "$work/r1") + $(cat "$work/r2")))
if [ $((after - before + refused)) = 300 ] && [ "$(chain_intact)" = t ]; then
    ok "two concurrent appenders without the lock: $((after - before)) appended, $refused refused (lost races), chain still dense and linked"
else
    fail "concurrent appenders without the lock" "appended $((after - before)), refused $refused, intact $(chain_intact)"
fi

echo "# counters (moved by triggers, read-only to opsdeck_app)"
refuse "opsdeck_app: UPDATE counters refused (privilege)" "permission denied for table counters" - all "UPDATE counters SET value = 0;"
expect "a new catalog tool moves catalog_versions; a same-version refresh does not; a new version does" "1|0|1" "$A" - \
    "CREATE TEMP TABLE c0 AS SELECT value FROM counters WHERE name = 'catalog_versions';
     INSERT INTO tool_catalog (tenant_id, tool_slug, toolkit, json_schema, version, risk, tags, scopes, fetched_at)
         VALUES ('$A', 'NEW_TOOL', 'gmail', '{}', 'v1', 'low', '[]', '[]', 1);
     CREATE TEMP TABLE c1 AS SELECT value FROM counters WHERE name = 'catalog_versions';
     UPDATE tool_catalog SET fetched_at = 2, json_schema = '{\"type\":\"object\"}' WHERE tenant_id = '$A';
     CREATE TEMP TABLE c2 AS SELECT value FROM counters WHERE name = 'catalog_versions';
     UPDATE tool_catalog SET version = 'v2' WHERE tool_slug = 'NEW_TOOL';
     SELECT (SELECT value FROM c1) - (SELECT value FROM c0), (SELECT value FROM c2) - (SELECT value FROM c1),
            (SELECT value FROM counters WHERE name = 'catalog_versions') - (SELECT value FROM c2);"
expect "a guardrails change moves claim_context once per statement; a statement touching no row does not" "1|0" "$A" - \
    "CREATE TEMP TABLE c0 AS SELECT value FROM counters WHERE name = 'claim_context';
     UPDATE guardrails SET config = '{\"autonomy\":\"low\"}', updated_at = 2;
     CREATE TEMP TABLE c1 AS SELECT value FROM counters WHERE name = 'claim_context';
     UPDATE tenants SET plan = 'x' WHERE id = '$B';
     SELECT (SELECT value FROM c1) - (SELECT value FROM c0), (SELECT value FROM counters WHERE name = 'claim_context') - (SELECT value FROM c1);"

supabase_check() {
    local sdb=opsdeck_rls_check_supabase created_roles=() role saved_url=$db_url
    echo "# Supabase: auth.jwt() and the roles anon, authenticated (simulated)"
    for role in anon authenticated; do
        if [ "$(admin_on postgres -c "SELECT to_regrole('$role') IS NULL")" = t ]; then
            admin_on postgres -c "CREATE ROLE $role NOLOGIN" && created_roles+=("$role")
        fi
        # SET ROLE needs membership unless the administrator is a superuser.
        admin_on postgres >/dev/null <<SQL
DO \$\$ BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role('$role', 'MEMBER') THEN
        EXECUTE format('GRANT $role TO %I', current_user);
    END IF;
END \$\$;
SQL
    done
    admin_on postgres -c "DROP DATABASE IF EXISTS $sdb" -c "CREATE DATABASE $sdb" >/dev/null || return 1
    # What Supabase ships: auth.jwt() reads the claims PostgREST sets per request; and default
    # privileges giving the API roles everything on new tables in public.
    admin_on "$sdb" >/dev/null <<'SQL'
CREATE SCHEMA auth;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
GRANT USAGE ON SCHEMA auth TO anon, authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated;
SQL
    db_url=$(url_for "$sdb")
    if migrate "$sdb" && seed "$sdb"; then ok "supabase: migrations, roles.sql and seed applied"; else fail "supabase: migrations"; db_url=$saved_url; return 1; fi
    expect "supabase: JWT policies created on the ${#owned_tables[@]} tenant-owned tables" "${#owned_tables[@]}" - - \
        "SELECT count(*) FROM pg_policies WHERE policyname = 'opsdeck_supabase_jwt' AND 'authenticated' = ANY (roles);"
    as_api() { # ROLE CLAIMS SQL
        printf "BEGIN;\nSET LOCAL ROLE %s;\nSELECT set_config('request.jwt.claims', '%s', true) \\\\g /dev/null\n%s\nROLLBACK;\n" "$1" "$2" "$3"
    }
    api_expect() { local out; if out=$(as_api "$2" "$3" "$4" | admin 2>&1) && [ "$out" = "$5" ]; then ok "$1"; else fail "$1" "expected [$5], got [$out]"; fi; }
    api_refuse() { local out; if out=$(as_api "$2" "$3" "$4" | admin 2>&1); then fail "$1" "was accepted: [$out]"; elif grep -Eq "$5" <<<"$out"; then ok "$1"; else fail "$1" "failed otherwise: $out"; fi; }
    for table in "${owned_tables[@]}"; do
        column=$(tenant_column "$table")
        api_expect "supabase: authenticated, JWT tenant_id = A: $table shows A's rows only" authenticated "{\"tenant_id\":\"$A\"}" \
            "SELECT count(*), count(*) FILTER (WHERE $column IS DISTINCT FROM '$A') FROM $table;" "$(count_of "$table" A)|0"
        api_expect "supabase: authenticated, no tenant claim: $table shows 0 rows" authenticated '{"sub":"u1"}' \
            "SELECT count(*) FROM $table;" 0
    done
    api_expect "supabase: tenant in app_metadata admits B's rows" authenticated "{\"app_metadata\":{\"tenant_id\":\"$B\"}}" \
        "SELECT count(*) FROM outbox;" 3
    api_expect "supabase: tenant in user_metadata admits nothing" authenticated "{\"user_metadata\":{\"tenant_id\":\"$B\"}}" \
        "SELECT count(*) FROM outbox;" 0
    api_refuse "supabase: authenticated may not write (own tenant's envelope)" authenticated "{\"tenant_id\":\"$A\"}" \
        "UPDATE outbox SET status = 'cancelled';" "permission denied for table outbox"
    api_refuse "supabase: authenticated may not read counters (global table)" authenticated "{\"tenant_id\":\"$A\"}" \
        "SELECT * FROM counters;" "permission denied for table counters"
    api_refuse "supabase: authenticated may not read worker_heartbeats (global table)" authenticated "{\"tenant_id\":\"$A\"}" \
        "SELECT * FROM worker_heartbeats;" "permission denied for table worker_heartbeats"
    api_refuse "supabase: anon may not read outbox" anon "{\"tenant_id\":\"$A\"}" \
        "SELECT * FROM outbox;" "permission denied for table outbox"
    expect "supabase: opsdeck_app is not admitted by JWT claims" 0 - - \
        "SELECT set_config('request.jwt.claims', '{\"tenant_id\":\"$A\"}', true) \\g /dev/null
         SELECT count(*) FROM outbox;"
    db_url=$saved_url
    if [ -z "${OPSDECK_RLS_CHECK_KEEP:-}" ]; then
        admin_on postgres -c "DROP DATABASE $sdb" >/dev/null
        for role in "${created_roles[@]}"; do
            admin_on postgres -c "DROP ROLE $role" >/dev/null || true
        done
    fi
}
[ "${OPSDECK_RLS_CHECK_SUPABASE:-1}" = 0 ] || supabase_check

if [ -z "${OPSDECK_RLS_CHECK_KEEP:-}" ]; then
    admin_on postgres -c "DROP DATABASE $scratch" >/dev/null
fi
echo "# $passed passed, $failed failed"
[ "$failed" = 0 ]
