#!/usr/bin/env bash
# Startup and idle-memory benchmark of the one-machine runtime (make bench-startup).
#
# With everything installed and built: stops the services (the state cluster and the broker stay up), then times
#   1. `strata-local.sh up` until all six services answer readiness (all started at once), and
#   2. each service started alone while the others run (restart of one),
# then prints the idle RSS of every service and of the broker. The goals from the foundation issue: the five
# services plus the broker at most 2.5 GB together, each service ready in at most 3 s.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/deploy/local/strata-local.sh"
STRATA_HOME="${STRATA_HOME:-/var/lib/strata}"
MODULES=(ingest-service snapshot-service masking-service provisioning-service catalog-service router)

now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  printf '%s' "${t:0:${#t}-3}"
}

"$LOCAL" up >/dev/null
stop_services() {
  local m pid
  for m in "${MODULES[@]}"; do
    if [[ -f $STRATA_HOME/run/$m.pid ]]; then
      read -r pid <"$STRATA_HOME/run/$m.pid"
      kill -TERM "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
      rm -f "$STRATA_HOME/run/$m.pid"
    fi
  done
}

echo "== all services at once (state PostgreSQL and broker already running)"
stop_services
t0="$(now_ms)"
"$LOCAL" up | grep -E 'ready in|all .* ready'
echo "   make up → all ready: $(($(now_ms) - t0)) ms"

echo "== each service alone, the others running"
for m in "${MODULES[@]}"; do
  read -r pid <"$STRATA_HOME/run/$m.pid"
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$STRATA_HOME/run/$m.pid"
  "$LOCAL" up | grep -E "^  $m " | sed 's/^/  /'
done

sleep 5
echo "== idle RSS"
total=0
for m in "${MODULES[@]}" kafka; do
  read -r pid <"$STRATA_HOME/run/$m.pid"
  rss_kb="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")"
  total=$((total + rss_kb))
  printf '  %-22s %6d MB\n' "$m" "$((rss_kb / 1024))"
done
printf '  %-22s %6d MB (goal: at most 2560 MB for the five services and the broker, router included here)\n' \
  "total" "$((total / 1024))"
