#!/usr/bin/env bash
# Strata demo / smoke run against the one-machine runtime (run `make up` first; `make demo`
# does both). Each step is a function that prints one line with its time in ms, e.g.
#   [  12 ms] router → catalog GET /api/v1/jobs: 200
# and the script exits non-zero at the first failing step.
#
# To add a scenario step (link a source, provision VDBs, ...): write a function that calls
# `http` (and `expect_*`), reports through `report` and returns non-zero on failure, then add it
# to STEPS at the bottom. Steps run in order; the first failing one ends the run.
set -euo pipefail

HOST="127.0.0.1"
declare -A PORT=(
  [router]="${STRATA_ROUTER_PORT:-8080}"
  [ingest]="${STRATA_INGEST_PORT:-8081}"
  [snapshot]="${STRATA_SNAPSHOT_PORT:-8082}"
  [masking]="${STRATA_MASKING_PORT:-8083}"
  [provisioning]="${STRATA_PROVISIONING_PORT:-8084}"
  [catalog]="${STRATA_CATALOG_PORT:-8085}"
)
SERVICES=(ingest snapshot masking provisioning catalog router)
TIMEOUT="${STRATA_DEMO_TIMEOUT:-10}"

# Filled by `http`: status code, body, duration.
HTTP_CODE=""
HTTP_BODY=""
HTTP_MS=0
FAILED=0

now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  printf '%s' "${t:0:${#t}-3}"
}

# http METHOD URL [JSON_BODY]
http() {
  local method="$1" url="$2" data="${3:-}" t0 out args=()
  args=(-s -X "$method" --max-time "$TIMEOUT" -H 'Accept: application/json' -w $'\n%{http_code}')
  [[ -z $data ]] || args+=(-H 'Content-Type: application/json' --data "$data")
  t0="$(now_ms)"
  out="$(curl "${args[@]}" "$url" 2>/dev/null)" || true
  HTTP_MS=$(($(now_ms) - t0))
  HTTP_CODE="${out##*$'\n'}"
  HTTP_BODY="${out%$'\n'*}"
  [[ $HTTP_CODE =~ ^[0-9]{3}$ ]] || HTTP_CODE=000
}

# report LABEL OK(0/1) [DETAIL]
report() {
  local label="$1" ok="$2" detail="${3:-}"
  if [[ $ok == 0 ]]; then
    printf '[%4d ms] %s: %s\n' "$HTTP_MS" "$label" "$HTTP_CODE"
  else
    printf '[%4d ms] %s: %s FAILED%s\n' "$HTTP_MS" "$label" "$HTTP_CODE" "${detail:+ ($detail)}"
    if [[ -n $HTTP_BODY ]]; then printf '           %s\n' "${HTTP_BODY:0:400}"; fi
    FAILED=1
    return 1
  fi
}

# expect_code WANT: 0 when HTTP_CODE is WANT.
expect_code() { [[ $HTTP_CODE == "$1" ]]; }

# expect_jq FILTER: 0 when the body is JSON and FILTER yields true.
expect_jq() { jq -e "$1" >/dev/null 2>&1 <<<"$HTTP_BODY"; }

# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------
step_list_jobs() {
  http GET "http://$HOST:${PORT[router]}/api/v1/jobs"
  if expect_code 200 && expect_jq 'type == "array"'; then
    report "router → catalog GET /api/v1/jobs" 0
  else
    report "router → catalog GET /api/v1/jobs" 1 "want 200 and a JSON array"
  fi
}

# Checks every service (no early stop) and fails if any is not ready.
step_services_ready() {
  local svc rc=0
  for svc in "${SERVICES[@]}"; do
    http GET "http://$HOST:${PORT[$svc]}/q/health/ready"
    if expect_code 200; then
      report "$svc GET /q/health/ready" 0
    else
      report "$svc GET /q/health/ready" 1 "$(jq -r '[.checks[]? | select(.status != "UP") | .name] | join(", ") | select(. != "") | "DOWN: " + .' <<<"$HTTP_BODY" 2>/dev/null || true)" || rc=1
    fi
  done
  return "$rc"
}

# Later: step_link_source, step_take_snapshot, step_provision_vdb, ...
STEPS=(step_list_jobs step_services_ready)

main() {
  local step t0
  command -v jq >/dev/null || {
    echo "demo.sh needs jq (make install)" >&2
    exit 1
  }
  t0="$(now_ms)"
  for step in "${STEPS[@]}"; do
    "$step" || break
  done
  if ((FAILED)); then
    printf 'demo FAILED after %d ms\n' "$(($(now_ms) - t0))" >&2
    exit 1
  fi
  printf 'demo OK: %d steps in %d ms\n' "${#STEPS[@]}" "$(($(now_ms) - t0))"
}

main "$@"
