#!/usr/bin/env bash
# The Data Pipeline on a 1 GB clinic database (make bench-pipeline).
#
# Runs the demo (deploy/local/demo.sh) with a production server of its own ($STRATA_HOME/bench-pipeline, port 5498)
# holding PIPELINE_PATIENTS patients (default 3,500,000: about 1 GB with their 7,000,000 visits), so that its last
# steps run examples/pipeline.sh three times in a row on that database: a sync, the masked master brought to it, six
# data pods in parallel of masked 10% subsets, bookmarked and shared. The first two runs make the subset once per
# sync (SUBSET_FROM=dataset: the first run also makes that masked dataset), the third in every pod (SUBSET_FROM=pod);
# PIPELINE_SUBSETS changes that list. Each step prints its time. The baseline, measured in the same run on the same
# server: one full copy of the production database the classic way, pg_dump piped into pg_restore.
# The demo's objects (demo-*) are replaced by this run's; `make demo` makes its own again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STRATA_HOME="${STRATA_HOME:-/var/lib/strata}"
BENCH_DIR="$STRATA_HOME/bench-pipeline"
PORT="${PIPELINE_PG_PORT:-5498}"
PATIENTS="${PIPELINE_PATIENTS:-3500000}"
# shellcheck disable=SC2012 # version-sorted directory names, no odd characters
PG_BIN="${STRATA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  printf '%s' "${t:0:${#t}-3}"
}
seconds() { printf '%d.%02d' "$(($1 / 1000))" "$(($1 % 1000 / 10))"; }
as_postgres() { runuser -u postgres -- "$@"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
output="$(STRATA_DEMO_DIR="$BENCH_DIR" STRATA_DEMO_PG_PORT="$PORT" STRATA_DEMO_PATIENTS="$PATIENTS" \
  STRATA_DEMO_PIPELINE_SUBSETS="${PIPELINE_SUBSETS:-dataset dataset pod}" "$ROOT/deploy/local/demo.sh" |
  tee -a /dev/stderr)"

size="$(as_postgres "$PG_BIN/psql" -X -At -h "$BENCH_DIR/socket" -p "$PORT" -d clinic -c \
  "select pg_size_pretty(pg_database_size('clinic'))")"
as_postgres "$PG_BIN/psql" -X -q -h "$BENCH_DIR/socket" -p "$PORT" -d postgres -c "drop database if exists clinic_copy" \
  -c "create database clinic_copy"
t0="$(now_ms)"
as_postgres "$PG_BIN/pg_dump" -h "$BENCH_DIR/socket" -p "$PORT" -Fc -d clinic |
  as_postgres "$PG_BIN/pg_restore" -h "$BENCH_DIR/socket" -p "$PORT" -d clinic_copy
copy_ms=$(($(now_ms) - t0))
as_postgres "$PG_BIN/psql" -X -q -h "$BENCH_DIR/socket" -p "$PORT" -d postgres -c "drop database clinic_copy"

echo
echo "production database: $size ($PATIENTS patients, $((PATIENTS * 2)) visits)"
echo "baseline, one full copy (pg_dump | pg_restore): $(seconds "$copy_ms") s"
read -ra subsets <<<"${PIPELINE_SUBSETS:-dataset dataset pod}"
run=0
grep 'the whole pipeline: ' <<<"$output" | while read -r line; do
  took="$(sed -E 's/^\[ *([0-9.]+) s\].*/\1/' <<<"$line")"
  printf 'pipeline (sync, masked master, six pods of 10%% subsets made in the %s, bookmarked, shared): %s s = %s times one full copy; %s\n' \
    "${subsets[$run]:-?}" "$took" "$(awk -v a="$took" -v b="$copy_ms" 'BEGIN { printf "%.2f", a * 1000 / b }')" \
    "${line##*— }"
  run=$((run + 1))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
