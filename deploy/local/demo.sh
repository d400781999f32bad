#!/usr/bin/env bash
# The Strata story on one machine (`make demo` runs `make up` first, then this):
#   a "production" PostgreSQL with a generated clinic database (patients, visits), linked as a source with log
#   sync, synced after a change, masked into a masked dataset (names, e-mails, dates of birth; users reset) that a
#   virtual database is provisioned from (after profiling found its personal data), the source marked sensitive so
#   that user qa gets masked data only, qa's data pod of the masked clinic (edge-case rows, bookmark, every visit
#   deleted, reset, undo, restore), the bookmark shared with developer dev, whose pod of it is a private copy, three
#   virtual databases provisioned in parallel, a change in one invisible to the
#   others, one refreshed, one bookmarked and rewound to the bookmark after a destructive test, a branch from the
#   bookmark, the Data Pipeline with the strata command (examples/pipeline.sh: six data pods of a masked 10% subset
#   in parallel, bookmarked and shared), the space report, and the strata and psql commands to connect.
# Every step prints one line with its time. Everything goes through the router (the one base URL), as a user would,
# signed in as admin first.
# Re-running is fine: the previous run's demo virtual databases and source are deleted first.
set -euo pipefail

STRATA_HOME="${STRATA_HOME:-/var/lib/strata}"
API="http://127.0.0.1:${STRATA_ROUTER_PORT:-8080}/api/v1"
DEMO_PORT="${STRATA_DEMO_PG_PORT:-5499}"
PATIENTS="${STRATA_DEMO_PATIENTS:-1000000}"
DEMO_DIR="${STRATA_DEMO_DIR:-$STRATA_HOME/demo}"
# The passwords of the demo's users qa and dev: one pair for the runtime, whichever production server a run uses.
USERS_DIR="$STRATA_HOME/demo"
PROD_DATA="$DEMO_DIR/production"
# shellcheck disable=SC2012 # version-sorted directory names, no odd characters
PG_BIN="${STRATA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
JOB_TIMEOUT="${STRATA_DEMO_TIMEOUT:-600}"

now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  printf '%s' "${t:0:${#t}-3}"
}

T0="$(now_ms)"
STEP_T0=0
STEP_CLI=""
step() { STEP_T0="$(now_ms)"; STEP_NAME="$*"; STEP_CLI=""; }
# done_step [SUMMARY]: the step's time, name and summary, then the strata commands it ran with their output.
done_step() {
  local ms=$(($(now_ms) - STEP_T0))
  printf '[%4d.%02d s] %s%s\n' "$((ms / 1000))" "$((ms % 1000 / 10))" "$STEP_NAME" "${1:+ — $1}"
  [[ -z $STEP_CLI ]] || printf '%s' "$STEP_CLI"
}
fail() {
  printf '\ndemo FAILED at "%s": %s\n' "$STEP_NAME" "$*" >&2
  exit 1
}

# api METHOD PATH [JSON]: prints the body; fails on a status other than 2xx unless ALLOW is set.
api() {
  local method="$1" path="$2" data="${3:-}" out code args=()
  args=(-s -X "$method" -w $'\n%{http_code}' --max-time 60)
  # The token goes in a header file, not on the command line, where `ps` would show it.
  [[ -z ${AUTH_HEADER_FILE:-} ]] || args+=(-H "@$AUTH_HEADER_FILE")
  # The body goes through stdin, not the command line, where `ps` would show a password in it.
  [[ -z $data ]] || args+=(-H 'Content-Type: application/json' --data @-)
  out="$(curl "${args[@]}" "$API$path" <<<"$data")" || fail "$method $path: no answer from the router at $API (is \`make up\` done?)"
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  if [[ ! $code =~ ^2 && -z ${ALLOW:-} ]]; then
    fail "$method $path → $code: $(jq -r '.detail // .' <<<"$out" 2>/dev/null || echo "$out")"
  fi
  printf '%s' "$out"
}

# wait_job JOB_ID: polls the joined job view until the job ends; fails unless it SUCCEEDED.
wait_job() {
  local id="$1" deadline=$(($(date +%s) + JOB_TIMEOUT)) job state
  while (($(date +%s) < deadline)); do
    job="$(ALLOW=1 api GET "/jobs/$id")"
    state="$(jq -r '.state // empty' <<<"$job" 2>/dev/null || true)"
    case "$state" in
      SUCCEEDED) return 0 ;;
      FAILED | CANCELED) fail "job $id $state: $(jq -r .error <<<"$job")" ;;
    esac
    sleep 0.05
  done
  fail "job $id did not end within $JOB_TIMEOUT s"
}

# header_file USER PASSWORD: signs in and prints the path of a 0600 file holding the Authorization header, which
# api sends when AUTH_HEADER_FILE names it (a file, so that the token never shows on a command line).
header_file() {
  local out code file
  out="$(jq -n --arg u "$1" --arg p "$2" '{username: $u, password: $p}' |
    curl -s -w $'\n%{http_code}' --max-time 30 -H 'Content-Type: application/json' --data @- "$API/auth/token")" ||
    fail "no answer from the router at $API (is \`make up\` done?)"
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  [[ $code == 200 ]] || fail "signing in as $1: POST /auth/token → $code: $(jq -r '.detail // .' <<<"$out" 2>/dev/null || echo "$out")"
  file="$(mktemp)"
  printf 'Authorization: Bearer %s\n' "$(jq -r .token <<<"$out")" >"$file"
  printf '%s' "$file"
}
TOKEN_FILES=()
trap 'rm -f "${TOKEN_FILES[@]}"' EXIT

# cli AUTH_HEADER_FILE ARGS...: runs the strata command (make up installs it) as that file's user; its output goes
# in CLI_OUT and, with the command line, under the step's line. Fails with the command's one-line error.
CLI_OUT=""
cli() {
  local auth="$1" code=0
  shift
  CLI_OUT="$(STRATA_URL="${API%/api/v1}" STRATA_TOKEN="$(sed 's/^Authorization: Bearer //' "$auth")" \
    "$STRATA_CLI" "$@" 2>&1)" || code=$?
  STEP_CLI+="$(printf '             $ strata %s\n' "$*"; sed 's/^/               /' <<<"$CLI_OUT")"$'\n'
  ((code == 0)) || fail "strata $* → exit $code: $CLI_OUT"
}

# sign_in: user admin, with the password from STRATA_ADMIN_PASSWORD or $STRATA_HOME/admin-password (where the
# catalog service put it on its first start); every api call after this is admin's.
sign_in() {
  step "sign in as admin"
  local password="${STRATA_ADMIN_PASSWORD:-}"
  if [[ -z $password ]]; then
    [[ -s $STRATA_HOME/admin-password ]] || fail "$STRATA_HOME/admin-password is missing; is the catalog service up (make status)?"
    password="$(<"$STRATA_HOME/admin-password")"
  fi
  AUTH_HEADER_FILE="$(header_file admin "$password")"
  TOKEN_FILES+=("$AUTH_HEADER_FILE")
  done_step "token in a 0600 file for this run"
}

psql_prod() { runuser -u postgres -- "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$DEMO_DIR/socket" -p "$DEMO_PORT" -d clinic "$@"; }

# psql_vdb NAME SQL: runs SQL on a virtual database with its own generated credentials.
psql_vdb() {
  local vdb credentials
  vdb="$(api GET "/vdbs/$1")"
  credentials="$(api GET "/vdbs/$1/credentials")"
  PGPASSWORD="$(jq -r .password <<<"$credentials")" "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$(jq -r .connection.port <<<"$vdb")" -U "$(jq -r .user <<<"$credentials")" \
    -d "$(jq -r .connection.database <<<"$vdb")" -c "$2"
}

start_production() {
  step "production PostgreSQL on 127.0.0.1:$DEMO_PORT with a clinic database ($PATIENTS patients)"
  mkdir -p "$DEMO_DIR/socket" "$USERS_DIR"
  chown postgres:postgres "$DEMO_DIR" "$DEMO_DIR/socket"
  if [[ ! -f $PROD_DATA/PG_VERSION ]]; then
    local pwfile="$DEMO_DIR/superuser.password"
    (umask 077 && openssl rand -hex 16 >"$pwfile")
    chown postgres:postgres "$pwfile"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PROD_DATA" --auth-host=scram-sha-256 --auth-local=peer \
      --pwfile="$pwfile" >/dev/null
    cat >>"$PROD_DATA/postgresql.auto.conf" <<EOF
port = $DEMO_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DEMO_DIR/socket'
EOF
    echo "host replication all 127.0.0.1/32 scram-sha-256" >>"$PROD_DATA/pg_hba.conf"
  fi
  if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PROD_DATA" status >/dev/null 2>&1; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PROD_DATA" -l "$DEMO_DIR/production.log" -w start >/dev/null
  fi
  if [[ ! -s $DEMO_DIR/production.password ]]; then
    (umask 077 && openssl rand -hex 16 >"$DEMO_DIR/production.password")
  fi
  local password
  password="$(<"$DEMO_DIR/production.password")"
  runuser -u postgres -- "$PG_BIN/psql" -X -q -h "$DEMO_DIR/socket" -p "$DEMO_PORT" -d postgres <<EOF >/dev/null
select 'create database clinic' where not exists (select from pg_database where datname = 'clinic') \gexec
do \$\$ begin
  if not exists (select from pg_roles where rolname = 'strata_demo') then
    create role strata_demo login replication;
  end if;
end \$\$;
alter role strata_demo password '$password';
grant pg_checkpoint to strata_demo;
-- Subsetting a virtual database (a clone, with this role) deletes with foreign-key triggers off.
grant set on parameter session_replication_role to strata_demo;
EOF
  # Patients have names a person (and the profiler) recognizes as names. A clinic of an older demo, with other
  # data, is made again.
  local generation="strata demo clinic: $PATIENTS patients named from lists"
  if [[ "$(psql_prod -c "select obj_description(to_regclass('patients'), 'pg_class')")" != "$generation" ]]; then
    psql_prod -1 <<EOF
drop table if exists visits, patients;
create table patients (id bigint primary key, name text not null, email text not null, date_of_birth date not null);
create table visits (id bigserial primary key, patient_id bigint not null references patients, visited_at timestamptz not null, note text);
insert into patients
  select i, (array['Mary', 'James', 'Patricia', 'John', 'Jennifer', 'Robert', 'Linda', 'Michael', 'Elizabeth',
                   'William', 'Barbara', 'David', 'Susan', 'Richard', 'Jessica', 'Joseph', 'Sarah', 'Thomas', 'Karen',
                   'Charles', 'Lisa', 'Christopher', 'Nancy', 'Daniel', 'Betty', 'Matthew', 'Sandra', 'Anthony',
                   'Margaret', 'Mark', 'Ashley', 'Donald', 'Emily', 'Steven', 'Donna', 'Paul', 'Michelle', 'Andrew',
                   'Carol', 'Joshua'])[1 + i % 40] || ' ' ||
            (array['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
                   'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore',
                   'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez',
                   'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen',
                   'Hill', 'Flores'])[1 + i / 40 % 40],
         'patient' || i || '@example.org', date '1940-01-01' + (i * 7919 % 25000)::int
  from generate_series(1::bigint, $PATIENTS) i;
insert into visits (patient_id, visited_at, note)
  select 1 + (i * 104729 % $PATIENTS), now() - (i % 3650) * interval '1 day', 'check-up ' || i
  from generate_series(1::bigint, $PATIENTS * 2) i;
comment on table patients is '$generation';
grant select, insert, update, delete on all tables in schema public to strata_demo;
grant usage on all sequences in schema public to strata_demo;
grant execute on function pg_switch_wal() to strata_demo;
EOF
  fi
  # A subset of a virtual database (a clone, with this role) rewrites the tables it keeps few rows of.
  psql_prod -c "grant truncate on all tables in schema public to strata_demo"
  done_step "$(psql_prod -c "select pg_size_pretty(pg_database_size('clinic'))")"
}

clean_previous_run() {
  step "removing the previous demo run's bookmarks, virtual databases, templates, masked dataset and source"
  local id job
  # Data pods first (their virtual databases go with them), then bookmarks: a bookmark keeps its snapshots even
  # after its virtual database is gone.
  for id in $(api GET /datapods | jq -r '.[] | select(.name | startswith("demo-")) | .id'); do
    job="$(api DELETE "/datapods/$id" | jq -r .jobId)"
    wait_job "$job"
  done
  for id in $(api GET /bookmarks | jq -r '.[] | select(.name | startswith("demo-")) | .id'); do
    job="$(api DELETE "/bookmarks/$id" | jq -r .jobId)"
    wait_job "$job"
  done
  for id in $(api GET /vdbs | jq -r '.[] | select(.name | startswith("demo-")) | .id'); do
    job="$(api DELETE "/vdbs/$id" | jq -r .jobId)"
    wait_job "$job"
  done
  for id in $(api GET /templates | jq -r '.[] | select(.name | startswith("demo-")) | .id'); do
    api DELETE "/templates/$id" >/dev/null
  done
  for id in $(api GET /masked-datasets | jq -r '.[] | select(.name | startswith("demo-")) | .id'); do
    # A sync of the previous run may still be being masked (409 until it ends).
    for _ in $(seq 1 "$JOB_TIMEOUT"); do
      [[ "$(ALLOW=1 api DELETE "/masked-datasets/$id" | jq -r '.status // 204')" == 409 ]] || break
      sleep 1
    done
  done
  for id in $(api GET /sources | jq -r '.[] | select(.name == "demo-clinic") | .id'); do
    job="$(api DELETE "/sources/$id" | jq -r .jobId)"
    wait_job "$job"
  done
  done_step
}

link_source() {
  step "link: pg_basebackup into a copy-on-write volume, staging standby, first snapshot"
  local body
  body="$(jq -n --argjson port "$DEMO_PORT" --arg password "$(<"$DEMO_DIR/production.password")" \
    '{name: "demo-clinic", engine: "postgresql", environment: "local", logSync: true,
      connection: {host: "127.0.0.1", port: $port, database: "clinic", user: "strata_demo", password: $password}}')"
  local accepted
  accepted="$(api POST /sources "$body")"
  SOURCE_ID="$(jq -r .id <<<"$accepted")"
  wait_job "$(jq -r .jobId <<<"$accepted")"
  done_step "source $SOURCE_ID, $(api GET "/sources/$SOURCE_ID" | jq -r '"\(.size / 1048576 | floor) MB"')"
}

sync_after_change() {
  step "change on production (1000 new visits), then sync"
  psql_prod -c "insert into visits (patient_id, visited_at, note) select i, now(), 'after link' from generate_series(1, 1000) i"
  wait_job "$(api POST "/sources/$SOURCE_ID/sync" | jq -r .jobId)"
  done_step "$(api GET "/datasets/$SOURCE_ID/timeline" | jq -r '"\(.snapshots | length) snapshots on the timeline"')"
}

profile_source() {
  step "profiling: a clone of the newest snapshot sampled; the columns holding personal data, and a rule for each"
  local column
  cli "$AUTH_HEADER_FILE" profile run demo-clinic --wait
  for column in name email date_of_birth; do
    grep -Eq "^patients +$column " <<<"$CLI_OUT" || fail "profiling did not find patients.$column"
  done
  done_step "$(tail -n 1 <<<"$CLI_OUT")"
}

mask_source() {
  step "masked dataset: the newest snapshot cloned, masked (names, e-mails, dates of birth), verified, users reset"
  local rules masked_id job report
  # The rules profiling suggested, kept here as a reviewer would leave them: names from a dictionary, e-mails that
  # stay e-mails, dates of birth shifted within a two-year age band.
  rules="$USERS_DIR/demo-clinic-pii.json"
  cat >"$rules" <<'RULES'
{"rules": [
  {"table": "patients", "column": "name", "algorithm": "secure-lookup", "params": {"dictionary": "full-names"}},
  {"table": "patients", "column": "email", "algorithm": "email", "params": {}},
  {"table": "patients", "column": "date_of_birth", "algorithm": "date-shift",
   "params": {"keep": "ageBand", "band": 2, "entityColumn": "id"}}]}
RULES
  if [[ -z "$(ALLOW=1 api GET /rulesets/demo-clinic-pii | jq -r '.id // empty')" ]]; then
    cli "$AUTH_HEADER_FILE" ruleset create demo-clinic-pii --file "$rules"
  fi
  cli "$AUTH_HEADER_FILE" masked create demo-clinic-masked --source demo-clinic --ruleset demo-clinic-pii --wait
  masked_id="$(api GET /masked-datasets | jq -r '.[] | select(.name == "demo-clinic-masked") | .id')"
  report="$(api GET "/masked-datasets/$masked_id" | jq -r '.latestSnapshot')"
  report="$(api GET "/masked-datasets/$masked_id/snapshots/$report/report")"
  done_step "$(jq -r '"\(.rows) rows, \(.columns | length) columns masked and verified in \(.tookMillis) ms; keys \(.keyIds | join(", ")); new passwords for: \(.users.passwordsReset | join(", "))"' <<<"$report")"

  step "a tester's virtual database (demo-masked) from the masked dataset: no production value in it"
  # The provisioning service hears of the masked snapshot from the snapshot service's event.
  job=""
  for _ in $(seq 1 200); do
    job="$(ALLOW=1 api POST /vdbs "{\"name\": \"demo-masked\", \"from\": {\"dataset\": \"$masked_id\"}}" | jq -r '.jobId // empty')"
    [[ -z $job ]] || break
    sleep 0.05
  done
  [[ -n $job ]] || fail "the provisioning service does not know the masked dataset $masked_id"
  wait_job "$job"
  local prod masked
  prod="$(psql_prod -c "select name || ' <' || email || '> ' || date_of_birth from patients where id = 1")"
  masked="$(psql_vdb demo-masked "select name || ' <' || email || '> ' || date_of_birth from patients where id = 1")"
  [[ $masked != "$prod" && $masked != *"$(psql_prod -c "select email from patients where id = 1")"* ]] \
    || fail "patient 1 is '$masked' in demo-masked and '$prod' in production"
  done_step "patient 1 — production: '$prod'; demo-masked: '$masked'"
}

mask_on_sync() {
  step "a change on production, a sync: the masked dataset's next masked snapshot follows by itself"
  local masked_id before deadline latest=""
  masked_id="$(api GET /masked-datasets | jq -r '.[] | select(.name == "demo-clinic-masked") | .id')"
  before="$(api GET "/masked-datasets/$masked_id" | jq -r .latestSnapshot)"
  psql_prod -c "update patients set email = 'moved' || id || '@example.org' where id <= 10"
  wait_job "$(api POST "/sources/$SOURCE_ID/sync" | jq -r .jobId)"
  deadline=$(($(date +%s) + JOB_TIMEOUT))
  while (($(date +%s) < deadline)); do
    latest="$(api GET "/masked-datasets/$masked_id" | jq -r '.latestSnapshot // empty')"
    [[ -z $latest || $latest == "$before" ]] || break
    if api GET "/masked-datasets/$masked_id" | jq -e '.snapshots[-1].status == "FAILED"' >/dev/null; then
      fail "the masking after the sync failed: $(api GET "/masked-datasets/$masked_id" | jq -r '.snapshots[-1].error')"
    fi
    sleep 0.1
  done
  [[ -n $latest && $latest != "$before" ]] || fail "no new masked snapshot within $JOB_TIMEOUT s of the sync"
  done_step "masked snapshot $latest, from the sync's start to the masked snapshot"
}

access_control() {
  step "access: tester qa (role owner) signs in; the source is marked sensitive, so qa gets masked data only"
  local password qa answer mine all
  if [[ ! -s $USERS_DIR/qa.password ]]; then
    (umask 077 && openssl rand -hex 12 >"$USERS_DIR/qa.password")
  fi
  password="$(<"$USERS_DIR/qa.password")"
  if ! api GET /users | jq -e '.[] | select(.username == "qa")' >/dev/null; then
    cli "$AUTH_HEADER_FILE" user create qa --role owner --stdin <<<"$password"
  fi
  cli "$AUTH_HEADER_FILE" source sensitive demo-clinic true
  qa="$(header_file qa "$password")"
  TOKEN_FILES+=("$qa")
  answer="$(AUTH_HEADER_FILE="$qa" ALLOW=1 api POST /vdbs "{\"name\": \"demo-qa-prod\", \"from\": {\"dataset\": \"$SOURCE_ID\"}}")"
  [[ $(jq -r '.status // empty' <<<"$answer") == 403 ]] || fail "qa could provision from the sensitive source: $answer"
  [[ $(AUTH_HEADER_FILE="$qa" ALLOW=1 api GET /vdbs/demo-masked/credentials | jq -r '.status // empty') == 404 ]] ||
    fail "qa could read the credentials of admin's demo-masked"
  mine="$(AUTH_HEADER_FILE="$qa" api GET /vdbs | jq length)"
  all="$(api GET /vdbs | jq length)"
  done_step "qa from the source → 403 ($(jq -r .detail <<<"$answer" | cut -d';' -f1)); qa sees $mine of $all virtual databases, not admin's credentials"
}

# pod_step QA_HEADERS WHAT: runs a data pod operation as qa and waits for its job; prints nothing.
pod_step() {
  local job
  job="$(AUTH_HEADER_FILE="$1" api POST "/datapods/demo-qa-pod/$2" "${3:-}" | jq -r .jobId)"
  AUTH_HEADER_FILE="$1" wait_job "$job"
}

# timed COMMAND...: runs it and prints how long it took, in seconds with two decimals.
timed() {
  local t0 ms
  t0="$(now_ms)"
  "$@"
  ms=$(($(now_ms) - t0))
  printf '%d.%02d s' "$((ms / 1000))" "$((ms % 1000 / 10))"
}

data_pod() {
  step "data pod: qa's pod of the masked clinic; rows added, bookmarked, every visit deleted, reset, undone, restored"
  local qa vdb t_bookmark t_reset t_undo t_restore t_moment moment visits
  qa="$(header_file qa "$(<"$USERS_DIR/qa.password")")"
  TOKEN_FILES+=("$qa")
  api POST /templates '{"name": "demo-qa", "datasets": ["demo-clinic-masked"]}' >/dev/null
  cli "$qa" pod create demo-qa-pod --template demo-qa --wait
  vdb="$(AUTH_HEADER_FILE="$qa" api GET /datapods/demo-qa-pod | jq -r '.vdbs[0].vdbName')"
  psql_vdb "$vdb" "insert into visits (patient_id, visited_at, note) values (1, now(), '-1'), (1, now(), 'deleted'), (1, now(), '''')"
  t_bookmark="$(timed pod_step "$qa" bookmarks '{"name": "demo-qa-bug", "tags": ["bug"]}')"
  visits="$(psql_vdb "$vdb" "select count(*) from visits")"
  psql_vdb "$vdb" "delete from visits"
  t_reset="$(timed pod_step "$qa" reset)"
  [[ "$(psql_vdb "$vdb" "select count(*) from visits")" == "$visits" ]] || fail "reset did not bring back the $visits visits"
  [[ "$(psql_vdb "$vdb" "select string_agg(note, '|' order by id) from visits where note in ('-1', 'deleted', '''')")" == "-1|deleted|'" ]] ||
    fail "reset did not bring back qa's rows"
  t_undo="$(timed pod_step "$qa" undo)"
  [[ "$(psql_vdb "$vdb" "select count(*) from visits")" == 0 ]] || fail "undo did not bring back the emptied table"
  t_restore="$(timed pod_step "$qa" restore '{"bookmark": "demo-qa-bug"}')"
  # A moment between two writes: the pod comes back with the first and without the second.
  psql_vdb "$vdb" "insert into visits (patient_id, visited_at, note) values (1, now(), 'before the moment')"
  sleep 0.5
  moment="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
  sleep 0.5
  psql_vdb "$vdb" "insert into visits (patient_id, visited_at, note) values (1, now(), 'after the moment')"
  t_moment="$(timed pod_step "$qa" restore "{\"timestamp\": \"$moment\"}")"
  [[ "$(psql_vdb "$vdb" "select string_agg(note, '|' order by id) from visits where note like '% the moment'")" == "before the moment" ]] ||
    fail "the restore to $moment did not keep only the row written before it"
  done_step "$visits visits; bookmark $t_bookmark, reset $t_reset (all back), undo $t_undo (empty again), restore $t_restore; restore to a moment between two writes $t_moment"
}

shared_bookmark_pod() {
  step "qa shares the bookmark demo-qa-bug with developer dev, who makes a private pod of it to reproduce the bug"
  local qa dev password vdb qa_vdb rows
  qa="$(header_file qa "$(<"$USERS_DIR/qa.password")")"
  TOKEN_FILES+=("$qa")
  if [[ ! -s $USERS_DIR/dev.password ]]; then
    (umask 077 && openssl rand -hex 12 >"$USERS_DIR/dev.password")
  fi
  password="$(<"$USERS_DIR/dev.password")"
  if ! api GET /users | jq -e '.[] | select(.username == "dev")' >/dev/null; then
    cli "$AUTH_HEADER_FILE" user create dev --role owner --stdin <<<"$password"
  fi
  cli "$qa" bookmark share demo-qa-bug --user dev
  dev="$(header_file dev "$password")"
  TOKEN_FILES+=("$dev")
  cli "$dev" pod create demo-dev-pod --from-bookmark demo-qa-bug --wait
  vdb="$(AUTH_HEADER_FILE="$dev" api GET /datapods/demo-dev-pod | jq -r '.vdbs[0].vdbName')"
  qa_vdb="$(AUTH_HEADER_FILE="$qa" api GET /datapods/demo-qa-pod | jq -r '.vdbs[0].vdbName')"
  rows="$(psql_vdb "$vdb" "select string_agg(note, '|' order by id) from visits where note in ('-1', 'deleted', '''')")"
  [[ $rows == "-1|deleted|'" ]] || fail "dev's pod does not hold the rows qa bookmarked: '$rows'"
  psql_vdb "$vdb" "delete from visits where note = 'deleted'"
  [[ "$(psql_vdb "$qa_vdb" "select count(*) from visits where note = 'deleted'")" == 1 ]] ||
    fail "dev's delete reached qa's pod"
  done_step "dev's pod demo-dev-pod ($vdb) holds qa's edge-case rows; dev's delete there leaves qa's pod as it was"
}

catalog_lineage() {
  step "the catalog: demo-masked's lineage, and a template of the clinic and its masked dataset"
  local lineage="" point
  # The catalog is built from the services' events, a moment behind them.
  for _ in $(seq 1 200); do
    lineage="$(ALLOW=1 api GET /catalog/datasets/demo-masked | jq -r 'select(.lineage | length == 2) | "\(.dataset.name) ← \(.lineage[0].name) (ruleset \(.lineage[0].ruleset), keys \(.lineage[0].keyIds | join(", "))) ← \(.lineage[1].name) (\(.lineage[1].sizeBytes / 1048576 | floor) MB)"')"
    [[ -z $lineage ]] || break
    sleep 0.05
  done
  [[ -n $lineage ]] || fail "the catalog does not show demo-masked's lineage: $(ALLOW=1 api GET /catalog/datasets/demo-masked)"
  api POST /templates '{"name": "demo-clinic-app", "datasets": ["demo-clinic", "demo-clinic-masked"]}' >/dev/null
  point="$(api GET /templates/demo-clinic-app/point | jq -r '[.snapshots[].snapshot] | join(" + ")')"
  done_step "$lineage; template demo-clinic-app now stands at $point"
}

provision_three() {
  step "three virtual databases in parallel (demo-dev, demo-qa, demo-perf)"
  local jobs=() name
  for name in demo-dev demo-qa demo-perf; do
    jobs+=("$(api POST /vdbs "{\"name\": \"$name\", \"from\": {\"dataset\": \"$SOURCE_ID\"}}" | jq -r .jobId)")
  done
  for job in "${jobs[@]}"; do wait_job "$job"; done
  done_step "$(api GET /vdbs | jq -r '[.[] | select(.name | startswith("demo-")) | "\(.name):\(.connection.port)"] | join(", ")')"
}

isolation() {
  step "a change in demo-dev is invisible to demo-qa and to production"
  psql_vdb demo-dev "update patients set name = 'Changed In Dev' where id = 1"
  local dev qa prod
  dev="$(psql_vdb demo-dev "select name from patients where id = 1")"
  qa="$(psql_vdb demo-qa "select name from patients where id = 1")"
  prod="$(psql_prod -c "select name from patients where id = 1")"
  [[ $dev == "Changed In Dev" && $qa != "$dev" && $prod != "$dev" ]] || fail "dev='$dev' qa='$qa' production='$prod'"
  done_step "demo-dev: '$dev'; demo-qa: '$qa'; production: '$prod'"
}

refresh_qa() {
  step "refresh demo-qa to a new sync of production (same port)"
  # Production outlives demo runs: the note is this run's own.
  local note seen
  note="refresh me $(date +%s%N)"
  psql_prod -c "insert into visits (patient_id, visited_at, note) values (1, now(), '$note')"
  wait_job "$(api POST "/sources/$SOURCE_ID/sync" | jq -r .jobId)"
  wait_job "$(api POST /vdbs/demo-qa/refresh | jq -r .jobId)"
  seen="$(psql_vdb demo-qa "select count(*) from visits where note = '$note'")"
  [[ $seen == 1 ]] || fail "demo-qa does not see the new row after the refresh"
  done_step "the new visit is there"
}

rewind_perf() {
  step "demo-perf: bookmark, destructive test, rewind to the bookmark"
  local snapshot_job before after accepted rewind=""
  before="$(psql_vdb demo-perf "select count(*) from visits")"
  snapshot_job="$(api POST /vdbs/demo-perf/snapshot | jq -r .jobId)"
  wait_job "$snapshot_job"
  accepted="$(api POST /bookmarks "$(jq -n --arg dataset "$(api GET /vdbs/demo-perf | jq -r .id)" \
    '{name: "demo-perf before the test", dataset: $dataset, tags: ["demo"], shared: true}')")"
  BOOKMARK_ID="$(jq -r .id <<<"$accepted")"
  wait_job "$(jq -r .jobId <<<"$accepted")"
  psql_vdb demo-perf "delete from visits"
  # The provisioning service hears of the bookmark from the catalog's event, a moment after the job ends.
  for _ in $(seq 1 200); do
    rewind="$(ALLOW=1 api POST /vdbs/demo-perf/rewind "{\"bookmark\": \"$BOOKMARK_ID\"}" | jq -r '.jobId // empty')"
    [[ -z $rewind ]] || break
    sleep 0.05
  done
  [[ -n $rewind ]] || fail "the provisioning service does not know bookmark $BOOKMARK_ID"
  wait_job "$rewind"
  after="$(psql_vdb demo-perf "select count(*) from visits")"
  [[ $after == "$before" ]] || fail "demo-perf has $after visits after the rewind, $before before"
  done_step "bookmark $BOOKMARK_ID; $before visits before, 0 after the test, $after after the rewind"
}

branch_from_bookmark() {
  step "a developer branches demo-bug from the bookmark (a private copy)"
  wait_job "$(api POST /vdbs "{\"name\": \"demo-bug\", \"from\": {\"bookmark\": \"$BOOKMARK_ID\"}}" | jq -r .jobId)"
  psql_vdb demo-bug "update patients set name = 'Bug Repro' where id = 2"
  local bug perf
  bug="$(psql_vdb demo-bug "select name from patients where id = 2")"
  perf="$(psql_vdb demo-perf "select name from patients where id = 2")"
  [[ $bug == "Bug Repro" && $perf != "$bug" ]] || fail "demo-bug='$bug' demo-perf='$perf'"
  done_step "demo-bug: '$bug'; demo-perf: '$perf'"
}

# data_pipeline: examples/pipeline.sh with the strata command (make up installs it): a sync, the masked master brought
# to it, six data pods of masked 10% subsets in parallel, each bookmarked and shared with qa; its lines as it prints
# them.
data_pipeline() {
  local output run=0 subset_from
  # STRATA_DEMO_PIPELINE_SUBSETS (default "dataset"): the runs in a row, each where it makes the subset (the script's
  # SUBSET_FROM); make bench-pipeline runs "dataset dataset pod".
  for subset_from in ${STRATA_DEMO_PIPELINE_SUBSETS:-dataset}; do
    run=$((run + 1))
    if [[ $subset_from == pod ]]; then
      step "the Data Pipeline (examples/pipeline.sh, the strata command): sync, masked master, six data pods in parallel, each subset on its own, bookmarked and shared with qa"
    else
      step "the Data Pipeline (examples/pipeline.sh, the strata command): sync, masked master and its 10% subset, six data pods of the subset in parallel, bookmarked and shared with qa"
    fi
    output="$(STRATA="$STRATA_CLI" STRATA_URL="${API%/api/v1}" STRATA_TOKEN="$(sed 's/^Authorization: Bearer //' "$AUTH_HEADER_FILE")" \
      SOURCE=demo-clinic MASKED=demo-clinic-masked SUBSET_FROM="$subset_from" PREFIX=demo-pipeline SHARE_WITH=qa \
      RUN="$(date -u +%Y%m%dt%H%M%S)-$run" "$(dirname "${BASH_SOURCE[0]}")/../../examples/pipeline.sh" 2>&1)" ||
      fail "the pipeline failed:"$'\n'"$output"
    done_step "$(tail -n 1 <<<"$output" | sed 's/^\[ *[0-9.]* s\] //')"
    sed '$d; s/^/             /' <<<"$output"
  done
}

space_report() {
  step "space: what is provisioned against what the pool holds"
  cli "$AUTH_HEADER_FILE" storage report
  done_step "$(tail -n 1 <<<"$CLI_OUT")"
}

connect_hint() {
  local vdb
  vdb="$(api GET /vdbs/demo-dev)"
  cat <<HINT

Connect to demo-dev with the strata command (make up installed it):
  strata login --url ${API%/api/v1} -u admin --stdin < $STRATA_HOME/admin-password
  strata vdb credentials demo-dev
  PGPASSWORD=\$(strata vdb credentials demo-dev -o json | jq -r .password) psql -h $(jq -r .connection.host <<<"$vdb") -p $(jq -r .connection.port <<<"$vdb") -U \$(strata vdb credentials demo-dev -o json | jq -r .user) $(jq -r .connection.database <<<"$vdb")
HINT
}

main() {
  command -v jq >/dev/null || fail "demo.sh needs jq (make install)"
  [[ -x $PG_BIN/psql ]] || fail "PostgreSQL is not installed (make install)"
  [[ $EUID -eq 0 ]] || fail "demo.sh runs PostgreSQL as the postgres user and must run as root"
  STRATA_CLI="$(command -v strata || echo "$STRATA_HOME/app/cli/strata")"
  [[ -x $STRATA_CLI ]] || fail "the strata command is not installed (make up installs it)"
  sign_in
  start_production
  clean_previous_run
  link_source
  sync_after_change
  profile_source
  mask_source
  mask_on_sync
  catalog_lineage
  access_control
  data_pod
  shared_bookmark_pod
  provision_three
  isolation
  refresh_qa
  rewind_perf
  branch_from_bookmark
  data_pipeline
  space_report
  connect_hint
  printf '\ndemo OK in %d s\n' "$((($(now_ms) - T0) / 1000))"
}

main "$@"
