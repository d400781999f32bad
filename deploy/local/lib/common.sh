# shellcheck shell=bash
# shellcheck disable=SC2034 # the configuration below is read by the other lib/ scripts
# Strata one-machine runtime — common pieces, sourced first by deploy/local/strata-local.sh:
# the configuration (every value overridable from the environment), logging (info/warn/die),
# timing, service names and ports, pid files and process checks, starting and stopping
# detached processes, log tails, the directory layout under $STRATA_HOME, the per-home lock,
# and the `logs` command.
#
# Expects SCRIPT_DIR (deploy/local) to be set by the caller.

# ---------------------------------------------------------------------------------------------
# Configuration (all overridable from the environment)
# ---------------------------------------------------------------------------------------------
STRATA_REPO="${STRATA_REPO:-$(cd "$SCRIPT_DIR/../.." && pwd)}"
STRATA_HOME="${STRATA_HOME:-/var/lib/strata}"
STRATA_PG_PORT="${STRATA_PG_PORT:-5433}"
STRATA_KAFKA_PORT="${STRATA_KAFKA_PORT:-9092}"
STRATA_KAFKA_CONTROLLER_PORT="${STRATA_KAFKA_CONTROLLER_PORT:-9093}"
# NFS-Ganesha, started by the snapshot service for exports (its strata.snapshot.nfs.port).
STRATA_NFS_PORT="${STRATA_NFS_PORT:-${STRATA_SNAPSHOT_NFS_PORT:-12049}}"
STRATA_KAFKA_HEAP_OPTS="${STRATA_KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"
# Measured here: C1-only + SerialGC bring the broker up in ~2.3 s instead of ~3-5 s, ~300 MB RSS
# instead of ~330-385 MB; plenty of throughput for one machine.
STRATA_KAFKA_JVM_OPTS="${STRATA_KAFKA_JVM_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
STRATA_JAVA_OPTS="${STRATA_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=160m -Xss512k}"
# The masking service masks and verifies whole databases: the leak check keeps a fingerprint of every masked value
# (8 bytes each), and masking is hot Java code that the full JIT compiles several times faster than C1 alone.
STRATA_MASKING_JAVA_OPTS="${STRATA_MASKING_JAVA_OPTS:--Xmx2g -XX:TieredStopAtLevel=4}"
STRATA_READY_TIMEOUT="${STRATA_READY_TIMEOUT:-60}"
STRATA_JAVA="${STRATA_JAVA:-java}"
STRATA_MVN="${STRATA_MVN:-mvn}"
# Where `up` links the strata command.
STRATA_BIN="${STRATA_BIN:-/usr/local/bin}"

KAFKA_VERSION="4.1.2"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"

# Services in start order; `down` stops them in reverse. svc name = module without "-service".
MODULES=(ingest-service snapshot-service masking-service provisioning-service catalog-service router)
DB_SERVICES=(ingest snapshot masking provisioning catalog)
declare -A DEFAULT_PORT=([router]=8080 [ingest]=8081 [snapshot]=8082 [masking]=8083
  [provisioning]=8084 [catalog]=8085)

RUN_DIR="$STRATA_HOME/run"
LOG_DIR="$STRATA_HOME/logs"
SECRETS_DIR="$STRATA_HOME/secrets"
APP_DIR="$STRATA_HOME/app"
PG_HOME="$STRATA_HOME/postgres"
PG_DATA="$PG_HOME/data"
PG_SOCKET_DIR="$RUN_DIR/postgres"
PG_LOG="$LOG_DIR/postgres.log"
KAFKA_HOME="$STRATA_HOME/kafka"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_CONFIG="$KAFKA_HOME/config/server.properties"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOG="$LOG_DIR/kafka.log"
KAFKA_MARKER="$KAFKA_LIB/.strata-kafka-version"
GANESHA_NEEDLE="$STRATA_HOME/nfs/ganesha.conf"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
info() { printf '==> %s\n' "$*"; }
warn() { printf 'strata-local: warning: %s\n' "$*" >&2; }
die() {
  printf 'strata-local: %s\n' "$*" >&2
  exit 1
}

# Milliseconds since the epoch, without forking (bash 5 EPOCHREALTIME; '.' or ',' per locale).
now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  printf '%s' "${t:0:${#t}-3}"
}

# "1234" ms -> "1.2 s"
fmt_ms() { printf '%d.%d s' "$(($1 / 1000))" "$((($1 % 1000) / 100))"; }

svc_of() { printf '%s' "${1%-service}"; }

svc_port() {
  local svc="$1" var
  var="STRATA_${svc^^}_PORT"
  printf '%s' "${!var:-${DEFAULT_PORT[$svc]}}"
}

require_root() {
  [[ $EUID -eq 0 ]] || die "\`$1\` must run as root (it runs PostgreSQL as the postgres user and writes $STRATA_HOME); run \`sudo make $1\`"
}

require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found: $2"
}

# Run a command as the postgres OS user from a directory it can enter.
# fd 9 (the strata-local lock) is closed so that a daemon never inherits the lock.
as_postgres() { (cd / && runuser -u postgres -- "$@" 9>&-); }

# True if something accepts TCP connections on 127.0.0.1:$1.
# shellcheck disable=SC2016 # $1 is expanded by the inner bash
port_open() { timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# True if pid $1 is alive and its command line contains the string $2.
pid_matches() {
  local pid="$1" needle="$2" args=()
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  mapfile -d '' args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  [[ " ${args[*]} " == *"$needle"* ]]
}

# Print the pid recorded for component $1 if that process is alive and is ours ($2 = cmdline
# needle); remove a stale pid file. Returns 1 when not running.
running_pid() {
  local name="$1" needle="$2" file pid=""
  file="$(pid_file "$name")"
  [[ -f $file ]] || return 1
  read -r pid <"$file" || true
  if pid_matches "$pid" "$needle"; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# stop_pids LABEL=PID...: SIGTERM to all at once, wait up to 15 s for all, then SIGKILL the rest.
stop_pids() {
  local -A left=()
  local arg i label limit="${STOP_TIMEOUT_S:-15}"
  for arg in "$@"; do
    kill -TERM "${arg#*=}" 2>/dev/null && left[${arg%%=*}]="${arg#*=}"
  done
  for ((i = 0; i < limit * 10 && ${#left[@]} > 0; i++)); do
    sleep 0.1
    for label in "${!left[@]}"; do
      if ! kill -0 "${left[$label]}" 2>/dev/null; then
        info "stopped $label (pid ${left[$label]})"
        unset "left[$label]"
      fi
    done
  done
  for label in "${!left[@]}"; do
    warn "$label (pid ${left[$label]}) did not stop within $limit s; sending SIGKILL"
    kill -KILL "${left[$label]}" 2>/dev/null || true
  done
  return 0
}

# Start a detached process (own session, survives the caller), logging to $1, pid to $2.
# The remaining arguments are the command. The environment is inherited from the caller's
# (sub)shell, so secrets exported in a subshell reach only this child.
spawn() {
  local log="$1" pidf="$2"
  shift 2
  printf '\n===== %s starting: %s\n' "$(date -Is)" "$*" >>"$log"
  setsid nohup "$@" </dev/null >>"$log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$pidf"
}

# The last $2 lines of log $1 written since its most recent "===== ... starting:" header.
log_tail() {
  local file="$1" n="$2" start
  [[ -f $file ]] || return 0
  start="$(grep -n '^===== .* starting: ' "$file" | tail -n1 | cut -d: -f1)"
  tail -n +"${start:-1}" "$file" | tail -n "$n"
}

ensure_dirs() {
  install -d -m 0755 "$STRATA_HOME" "$RUN_DIR" "$LOG_DIR" "$APP_DIR" "$KAFKA_HOME" "$KAFKA_HOME/config"
  install -d -m 0700 "$SECRETS_DIR"
}

# One status line: NAME STATE pid PID port PORT HEALTH.
status_line() { printf '%-22s %-8s pid %-7s port %-5s %s\n' "$@"; }

# One mutating strata-local.sh at a time per STRATA_HOME (two `make up` at once, CI + a shell).
take_lock() {
  [[ $EUID -eq 0 ]] || return 0
  install -d -m 0755 "$STRATA_HOME" "$RUN_DIR"
  exec 9>"$RUN_DIR/strata-local.lock"
  if ! flock -n 9; then
    info "waiting for another strata-local.sh working on $STRATA_HOME"
    flock -w 600 9 || die "another strata-local.sh still holds $RUN_DIR/strata-local.lock after 10 min"
  fi
}

# ---------------------------------------------------------------------------------------------
# logs
# ---------------------------------------------------------------------------------------------
cmd_logs() {
  local name="${1:-}" lines="${2:-40}" f files=()
  if [[ -z $name ]]; then
    for f in postgres kafka "${MODULES[@]}"; do
      [[ -f $LOG_DIR/$f.log ]] && files+=("$LOG_DIR/$f.log")
    done
  else
    for f in "$name" "$name-service"; do
      [[ -f $LOG_DIR/$f.log ]] && {
        files+=("$LOG_DIR/$f.log")
        break
      }
    done
    ((${#files[@]} > 0)) || die "no log for '$name' in $LOG_DIR (try postgres, kafka, router, ingest, ...)"
  fi
  ((${#files[@]} > 0)) || die "no logs in $LOG_DIR yet"
  tail -n "$lines" "${files[@]}"
}
