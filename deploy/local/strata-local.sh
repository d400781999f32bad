#!/usr/bin/env bash
# Strata one-machine runtime: packages, a private PostgreSQL cluster for service state,
# a single-node KRaft Kafka broker, and the Strata services, all under $STRATA_HOME.
#
#   strata-local.sh install | infra | up | down | status | logs [name [lines]] | help
#
# Everything is idempotent: a second `up` only checks what is running and returns.
# The machine's default PostgreSQL cluster (Debian's 15/main on 5432) is never touched.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Configuration (all overridable from the environment)
# ---------------------------------------------------------------------------------------------
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STRATA_REPO="${STRATA_REPO:-$(cd "$SCRIPT_DIR/../.." && pwd)}"
STRATA_HOME="${STRATA_HOME:-/var/lib/strata}"
STRATA_PG_PORT="${STRATA_PG_PORT:-5433}"
STRATA_KAFKA_PORT="${STRATA_KAFKA_PORT:-9092}"
STRATA_KAFKA_CONTROLLER_PORT="${STRATA_KAFKA_CONTROLLER_PORT:-9093}"
STRATA_KAFKA_HEAP_OPTS="${STRATA_KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"
# Measured here: C1-only + SerialGC bring the broker up in ~2.3 s instead of ~3-5 s, ~300 MB RSS
# instead of ~330-385 MB; plenty of throughput for one machine.
STRATA_KAFKA_JVM_OPTS="${STRATA_KAFKA_JVM_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
STRATA_JAVA_OPTS="${STRATA_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=160m -Xss512k}"
STRATA_READY_TIMEOUT="${STRATA_READY_TIMEOUT:-60}"
STRATA_JAVA="${STRATA_JAVA:-java}"
STRATA_MVN="${STRATA_MVN:-mvn}"

KAFKA_VERSION="4.1.2"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"

PACKAGES=(postgresql btrfs-progs openssh-server rsync nfs-ganesha nfs-ganesha-vfs libnfs-utils
  mariadb-server mariadb-backup jq curl zfs-fuse)

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

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------
missing_packages() {
  local line pkg state
  declare -A have=()
  if command -v dpkg-query >/dev/null 2>&1; then
    while read -r pkg state; do
      [[ $state == ii* ]] && have[$pkg]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${PACKAGES[@]}" 2>/dev/null || true)
  fi
  for line in "${PACKAGES[@]}"; do
    [[ -n ${have[$line]:-} ]] || printf '%s\n' "$line"
  done
}

# $@: the missing packages (already checked: root and apt-get are there).
install_packages() {
  local missing=("$@")
  ((${#missing[@]} > 0)) || return 0
  info "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || die "apt-get update failed"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >"$LOG_DIR/apt-install.log" 2>&1 ||
    die "apt-get install ${missing[*]} failed; see $LOG_DIR/apt-install.log"
}

kafka_marker_value() { printf '%s %s' "$KAFKA_VERSION" "$(md5sum <"$KAFKA_POM" | cut -d' ' -f1)"; }

install_kafka_jars() {
  local want have="" tmp
  want="$(kafka_marker_value)"
  if [[ -f $KAFKA_MARKER ]]; then read -r have <"$KAFKA_MARKER" || true; fi
  [[ $have == "$want" ]] && return 0
  require_cmd "$STRATA_MVN" "install Maven (apt-get install maven) to fetch the Kafka jars"
  info "fetching Kafka $KAFKA_VERSION jars into $KAFKA_LIB"
  tmp="$KAFKA_HOME/lib.tmp.$$"
  rm -rf "$tmp"
  "$STRATA_MVN" -B -q -f "$KAFKA_POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" >"$LOG_DIR/kafka-fetch.log" 2>&1 ||
    {
      rm -rf "$tmp"
      die "fetching the Kafka jars failed; see $LOG_DIR/kafka-fetch.log"
    }
  # The helper pom is not part of the reactor; do not leave a target/ next to it.
  rm -rf "$SCRIPT_DIR/kafka/target"
  compgen -G "$tmp/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null ||
    die "$STRATA_MVN did not put kafka_2.13-$KAFKA_VERSION.jar into $tmp; see $LOG_DIR/kafka-fetch.log"
  printf '%s\n' "$want" >"$tmp/.strata-kafka-version"
  rm -rf "$KAFKA_LIB.old"
  [[ -d $KAFKA_LIB ]] && mv "$KAFKA_LIB" "$KAFKA_LIB.old"
  mv "$tmp" "$KAFKA_LIB"
  rm -rf "$KAFKA_LIB.old"
}

cmd_install() {
  local missing=() why=()
  [[ -n ${STRATA_SKIP_PACKAGES:-} ]] || mapfile -t missing < <(missing_packages)
  [[ $EUID -eq 0 ]] || why+=("root")
  command -v apt-get >/dev/null 2>&1 || ((${#missing[@]} == 0)) || why+=("apt-get")
  if ((${#why[@]} > 0)); then
    if ((${#missing[@]} > 0)); then
      die "Strata's local runtime installs packages with apt-get as root (not available here: ${why[*]}); run \`sudo make install\` on Debian/Ubuntu, or install ${missing[*]} yourself and re-run"
    fi
    die "Strata's local runtime must run as root (it runs PostgreSQL as the postgres user and writes $STRATA_HOME); run \`sudo make install\`"
  fi
  ensure_dirs
  install_packages "${missing[@]+"${missing[@]}"}"
  require_cmd "$STRATA_JAVA" "install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
  install_kafka_jars
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: Strata's own cluster (never the machine's default one)
# ---------------------------------------------------------------------------------------------
pg_bin() {
  if [[ -n ${STRATA_PG_BIN:-} ]]; then
    printf '%s' "$STRATA_PG_BIN"
    return
  fi
  local ver="" d
  [[ -f $PG_DATA/PG_VERSION ]] && read -r ver <"$PG_DATA/PG_VERSION"
  if [[ -n $ver ]]; then
    [[ -x /usr/lib/postgresql/$ver/bin/postgres ]] ||
      die "$PG_DATA was created by PostgreSQL $ver, whose binaries are not in /usr/lib/postgresql/$ver/bin"
    printf '%s' "/usr/lib/postgresql/$ver/bin"
    return
  fi
  d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n1)"
  [[ -n $d && -x $d/initdb ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql; run \`make install\`"
  printf '%s' "$d"
}

# The postmaster's pid if our cluster runs (from postmaster.pid, checked against /proc).
pg_running_pid() {
  local pid=""
  [[ -f $PG_DATA/postmaster.pid ]] || return 1
  read -r pid <"$PG_DATA/postmaster.pid" || true
  pid_matches "$pid" "$PG_DATA" || return 1
  printf '%s' "$pid"
}

pg_healthy() {
  "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$STRATA_PG_PORT" -U strata_admin -d postgres -t 2
}

# Every directory down to $1 must be enterable by postgres; name the first one that is not.
check_traversable() {
  local path="" part parts=()
  IFS=/ read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    [[ -n $part ]] || continue
    path+="/$part"
    as_postgres test -x "$path" ||
      die "$path is not traversable by the postgres user; \`chmod o+x $path\` or choose another STRATA_HOME"
  done
}

pg_write_config() {
  # Written on every start so that port/paths follow the environment. Included from postgresql.conf.
  local conf="$PG_DATA/strata.conf"
  cat >"$conf.tmp" <<EOF
# Managed by deploy/local/strata-local.sh; rewritten at every start.
cluster_name = 'strata'
port = $STRATA_PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_SOCKET_DIR'
password_encryption = 'scram-sha-256'
max_connections = 200
shared_buffers = 128MB
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
EOF
  chown postgres:postgres "$conf.tmp"
  chmod 0600 "$conf.tmp"
  mv "$conf.tmp" "$conf"
}

pg_init() {
  local tmp="$PG_HOME/data.init"
  info "initializing Strata's PostgreSQL cluster in $PG_DATA"
  rm -rf "$tmp"
  as_postgres "$PGBIN/initdb" -D "$tmp" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$LOG_DIR/postgres-initdb.log" 2>&1 ||
    die "initdb failed; see $LOG_DIR/postgres-initdb.log"
  cat >"$tmp/pg_hba.conf" <<'EOF'
# Managed by deploy/local/strata-local.sh.
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 peer
local   all       all                      scram-sha-256
host    all       all       127.0.0.1/32   scram-sha-256
EOF
  chown postgres:postgres "$tmp/pg_hba.conf"
  chmod 0600 "$tmp/pg_hba.conf"
  printf "\ninclude_if_exists = 'strata.conf'\n" >>"$tmp/postgresql.conf"
  mv "$tmp" "$PG_DATA"
}

pg_start() {
  local pid t0
  PGBIN="$(pg_bin)"
  if pid="$(pg_running_pid)"; then
    printf '%s\n' "$pid" >"$(pid_file postgres)"
    pg_healthy && return 0
    # Started but perhaps still recovering: give it a moment.
    local i
    for ((i = 0; i < 100; i++)); do
      pg_healthy && return 0
      sleep 0.1
    done
    die "Strata's PostgreSQL (pid $pid) runs but does not answer on 127.0.0.1:$STRATA_PG_PORT; see $PG_LOG, or run \`make down\` and retry"
  fi
  t0="$(now_ms)"
  port_open "$STRATA_PG_PORT" &&
    die "port $STRATA_PG_PORT is taken by another process; set STRATA_PG_PORT to a free port"
  install -d -m 0700 -o postgres -g postgres "$PG_HOME"
  install -d -m 0755 -o postgres -g postgres "$PG_SOCKET_DIR"
  check_traversable "$PG_HOME"
  [[ -f $PG_DATA/PG_VERSION ]] || pg_init
  chown postgres:postgres "$PG_DATA"
  chmod 0700 "$PG_DATA"
  # A server killed without shutdown leaves postmaster.pid; PostgreSQL refuses to start if its
  # pid has been reused by another live process. pg_running_pid said it is not ours: drop it.
  rm -f "$PG_DATA/postmaster.pid" "$PG_SOCKET_DIR/.s.PGSQL.$STRATA_PG_PORT.lock"
  pg_write_config
  touch "$PG_LOG"
  chown postgres:postgres "$PG_LOG"
  as_postgres setsid "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s start ||
    {
      tail -n 20 "$PG_LOG" >&2 || true
      die "PostgreSQL did not start; see $PG_LOG"
    }
  pid="$(pg_running_pid)" || die "PostgreSQL started but postmaster.pid is missing"
  printf '%s\n' "$pid" >"$(pid_file postgres)"
  info "PostgreSQL on 127.0.0.1:$STRATA_PG_PORT (pid $pid) ready in $(fmt_ms $(($(now_ms) - t0)))"
}

gen_password() {
  local raw
  raw="$(head -c 48 /dev/urandom | base64 -w0)"
  raw="${raw//[^A-Za-z0-9]/}"
  printf '%s' "${raw:0:32}"
}

# Print the password in secrets file $1, creating it (0600, random) when absent or empty.
secret_for() {
  local file="$1" pw
  if [[ ! -s $file ]]; then
    pw="$(gen_password)"
    (
      umask 077
      printf '%s' "$pw" >"$file.tmp"
    )
    mv "$file.tmp" "$file"
  fi
  chmod 0600 "$file"
  pw="$(<"$file")"
  printf '%s' "$pw"
}

pg_psql() {
  as_postgres "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$STRATA_PG_PORT" -d postgres "$@"
}

# Create the admin role and, per service, role strata_S + database strata_S (owned by it).
# Cheap when everything exists: one query. A missing secrets file gets a new password.
pg_provision() {
  local existing sql="" svc role file pw
  existing="$(pg_psql -tA -c "select 'r:' || rolname from pg_roles where rolname like 'strata\_%' union all select 'd:' || datname from pg_database where datname like 'strata\_%'")"
  declare -A have=()
  local l
  while read -r l; do [[ -n $l ]] && have[$l]=1; done <<<"$existing"

  role=strata_admin
  file="$SECRETS_DIR/db-admin.password"
  if [[ -z ${have[r:$role]:-} || ! -s $file ]]; then
    pw="$(secret_for "$file")"
    if [[ -n ${have[r:$role]:-} ]]; then
      sql+="ALTER ROLE $role WITH LOGIN SUPERUSER CREATEDB CREATEROLE PASSWORD '$pw';"$'\n'
    else
      sql+="CREATE ROLE $role WITH LOGIN SUPERUSER CREATEDB CREATEROLE PASSWORD '$pw';"$'\n'
    fi
  fi
  for svc in "${DB_SERVICES[@]}"; do
    role="strata_$svc"
    file="$SECRETS_DIR/db-$svc.password"
    if [[ -z ${have[r:$role]:-} || ! -s $file ]]; then
      pw="$(secret_for "$file")"
      if [[ -n ${have[r:$role]:-} ]]; then
        sql+="ALTER ROLE $role WITH LOGIN PASSWORD '$pw';"$'\n'
      else
        sql+="CREATE ROLE $role WITH LOGIN PASSWORD '$pw';"$'\n'
      fi
    fi
    if [[ -z ${have[d:$role]:-} ]]; then
      sql+="CREATE DATABASE $role OWNER $role;"$'\n'
      sql+="REVOKE ALL ON DATABASE $role FROM PUBLIC;"$'\n'
    fi
  done
  [[ -n $sql ]] || return 0
  info "provisioning PostgreSQL roles and databases"
  # SQL (with the passwords) goes through stdin, never onto a command line.
  pg_psql -f - <<<"$sql" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# Kafka: single-node KRaft broker+controller
# ---------------------------------------------------------------------------------------------
KAFKA_NEEDLE="kafka.Kafka $KAFKA_CONFIG"

# A Kafka-protocol round trip (ApiVersions v0, correlation id "STRA") in pure bash: answers
# within milliseconds, and only once the broker processes requests (a bound port is not enough).
kafka_probe() {
  local reply
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  reply="$(timeout 2 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x16\x00\x12\x00\x00STRA\x00\x0cstrata-probe" >&3
    head -c 10 <&3 | od -An -tx1' _ "$1" 2>/dev/null)" || return 1
  reply="${reply//[[:space:]]/}"
  # bytes 4..7: correlation id; 8..9: error code (0, or 35 UNSUPPORTED_VERSION: still a broker).
  [[ ${reply:8:8} == 53545241 && (${reply:16:4} == 0000 || ${reply:16:4} == 0023) ]]
}

kafka_write_config() {
  cat >"$KAFKA_CONFIG.tmp" <<EOF
# Managed by deploy/local/strata-local.sh; rewritten at every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$STRATA_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$STRATA_KAFKA_PORT,CONTROLLER://127.0.0.1:$STRATA_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$STRATA_KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After an unclean stop (kill -9, end of a session) the restarted broker must wait for its old
# registration to expire (DUPLICATE_BROKER_REGISTRATION): 9 s by default, 3 s here.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
EOF
  mv "$KAFKA_CONFIG.tmp" "$KAFKA_CONFIG"
}

# Kafka cluster ids are 16 random bytes, base64url without padding (as Uuid.randomUuid()).
kafka_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 -w0)"
    id="${id//+/-}"
    id="${id//\//_}"
    id="${id//=/}"
    [[ $id == -* ]] || break
  done
  printf '%s' "$id"
}

kafka_format() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  local id
  id="$(kafka_cluster_id)"
  info "formatting Kafka storage in $KAFKA_DATA (cluster id $id)"
  "$STRATA_JAVA" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG" \
    >>"$KAFKA_LOG" 2>&1 || die "formatting Kafka storage failed; see $KAFKA_LOG"
}

kafka_start() {
  local pid t0 i heap=() jvm=()
  if pid="$(running_pid kafka "$KAFKA_NEEDLE")"; then
    kafka_wait "$pid" "$(now_ms)" quiet
    return 0
  fi
  [[ -f $KAFKA_MARKER ]] || die "Kafka jars missing in $KAFKA_LIB; run \`make install\`"
  for i in "$STRATA_KAFKA_PORT" "$STRATA_KAFKA_CONTROLLER_PORT"; do
    port_open "$i" && die "port $i is taken by another process; set STRATA_KAFKA_PORT / STRATA_KAFKA_CONTROLLER_PORT"
  done
  t0="$(now_ms)"
  install -d -m 0755 "$KAFKA_DATA"
  kafka_write_config
  kafka_format
  read -ra heap <<<"$STRATA_KAFKA_HEAP_OPTS"
  read -ra jvm <<<"$STRATA_KAFKA_JVM_OPTS"
  spawn "$KAFKA_LOG" "$(pid_file kafka)" "$STRATA_JAVA" "${heap[@]}" "${jvm[@]}" \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -Dlog4j2.level=WARN \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONFIG"
  read -r pid <"$(pid_file kafka)"
  kafka_wait "$pid" "$t0" loud
}

kafka_wait() {
  local pid="$1" t0="$2" mode="$3" deadline
  deadline=$(($(now_ms) + 60000))
  until kafka_probe "$STRATA_KAFKA_PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail "$KAFKA_LOG" 30 >&2
      die "the Kafka broker exited during startup; see $KAFKA_LOG"
    fi
    (($(now_ms) < deadline)) || {
      log_tail "$KAFKA_LOG" 30 >&2
      die "the Kafka broker (pid $pid) did not answer on 127.0.0.1:$STRATA_KAFKA_PORT within 60 s; see $KAFKA_LOG"
    }
    sleep 0.1
  done
  [[ $mode == quiet ]] ||
    info "Kafka on 127.0.0.1:$STRATA_KAFKA_PORT (pid $pid) ready in $(fmt_ms $(($(now_ms) - t0)))"
}

cmd_infra() {
  cmd_install
  require_root infra
  pg_start
  pg_provision
  kafka_start
}

# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------
present_modules() {
  local m
  for m in "${MODULES[@]}"; do
    [[ -d $STRATA_REPO/$m ]] && printf '%s\n' "$m"
  done
  return 0
}

service_needle() { printf '%s' "-jar $APP_DIR/$1/quarkus-run.jar"; }

# True when a module's runner jar is missing, or a pom.xml or a file under */src is newer
# than the oldest runner jar.
needs_build() {
  local m jar oldest="" oldest_t="" t
  for m in "$@"; do
    jar="$STRATA_REPO/$m/target/quarkus-app/quarkus-run.jar"
    [[ -f $jar ]] || return 0
    t="$(stat -c %Y "$jar")"
    if [[ -z $oldest_t || $t -lt $oldest_t ]]; then
      oldest_t="$t"
      oldest="$jar"
    fi
  done
  [[ -n $oldest ]] || return 1
  [[ -n "$(find "$STRATA_REPO" \( -name target -o -name .git -o -name node_modules -o -path "$STRATA_REPO/deploy" \) -prune \
    -o \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$oldest" -print -quit)" ]]
}

build_services() {
  require_cmd "$STRATA_MVN" "install Maven (apt-get install maven)"
  info "building the services (mvn -B -q -DskipTests package in $STRATA_REPO)"
  local t0
  t0="$(now_ms)"
  (cd "$STRATA_REPO" && "$STRATA_MVN" -B -q -DskipTests package) || die "the Maven build failed"
  info "build done in $(fmt_ms $(($(now_ms) - t0)))"
}

app_fingerprint() {
  (cd "$1" && find . -type f ! -name .strata-fingerprint -printf '%P\t%s\t%T@\n' | LC_ALL=C sort | md5sum | cut -d' ' -f1)
}

# Deploy: copy each changed target/quarkus-app to a temp dir next to $STRATA_HOME/app/<module>,
# stop the services still running an older copy (all at once), then rename the new copies into
# place. Sets DEPLOYED to the modules that were replaced.
DEPLOYED=()
deploy_modules() {
  local m src fp old tmp pid staged=() running=()
  for m in "$@"; do
    src="$STRATA_REPO/$m/target/quarkus-app"
    [[ -f $src/quarkus-run.jar ]] || die "$src/quarkus-run.jar is missing after the build"
    fp="$(app_fingerprint "$src")"
    old=""
    [[ -f $APP_DIR/$m/.strata-fingerprint ]] && read -r old <"$APP_DIR/$m/.strata-fingerprint"
    [[ $fp == "$old" ]] && continue
    tmp="$APP_DIR/.$m.tmp.$$"
    rm -rf "$tmp"
    cp -a "$src" "$tmp"
    printf '%s\n' "$fp" >"$tmp/.strata-fingerprint"
    staged+=("$m")
    if pid="$(running_pid "$m" "$(service_needle "$m")")"; then
      running+=("$m=$pid")
    fi
  done
  ((${#staged[@]} > 0)) || return 0
  if ((${#running[@]} > 0)); then
    info "restarting rebuilt services: ${running[*]%%=*}"
    stop_pids "${running[@]}"
  fi
  for m in "${staged[@]}"; do
    rm -f "$(pid_file "$m")"
    [[ -d $APP_DIR/$m ]] && mv "$APP_DIR/$m" "$APP_DIR/.$m.old.$$"
    mv "$APP_DIR/.$m.tmp.$$" "$APP_DIR/$m"
    rm -rf "$APP_DIR/.$m.old.$$"
  done
  DEPLOYED=("${staged[@]}")
}

start_service() {
  local m="$1" svc port
  svc="$(svc_of "$m")"
  port="$(svc_port "$svc")"
  port_open "$port" && die "port $port (for $m) is taken by another process; set STRATA_${svc^^}_PORT"
  local opts=() cds="$APP_DIR/$m/app-cds.jsa"
  read -ra opts <<<"$STRATA_JAVA_OPTS"
  # Application class-data sharing: the archive written by the training run (train_modules) cuts
  # start-up by about a third. Without one, this run writes it when the service exits cleanly.
  if [[ -s $cds ]]; then
    opts+=("-XX:SharedArchiveFile=$cds" '-Xlog:cds*=off')
  else
    opts+=("-XX:ArchiveClassesAtExit=$cds" '-Xlog:cds*=off')
  fi
  (
    export STRATA_HOME
    export QUARKUS_HTTP_PORT="$port"
    export STRATA_KAFKA_BOOTSTRAP="127.0.0.1:$STRATA_KAFKA_PORT"
    if [[ $svc == router ]]; then
      local s
      for s in "${DB_SERVICES[@]}"; do
        export "STRATA_ROUTER_${s^^}_URL=http://127.0.0.1:$(svc_port "$s")"
      done
    else
      local file="$SECRETS_DIR/db-$svc.password"
      [[ -s $file ]] || die "$file is missing; run \`make infra\`"
      export STRATA_DB_URL="jdbc:postgresql://127.0.0.1:$STRATA_PG_PORT/strata_$svc"
      export STRATA_DB_USER="strata_$svc"
      STRATA_DB_PASSWORD="$(<"$file")"
      export STRATA_DB_PASSWORD
    fi
    spawn "$LOG_DIR/$m.log" "$(pid_file "$m")" "$STRATA_JAVA" "${opts[@]}" -jar "$APP_DIR/$m/quarkus-run.jar"
  )
}

# Training run for freshly deployed services: start them once (writing the class-data archive at
# exit), wait until ready, touch the API so its classes load too, and stop them again.
train_modules() {
  local m pid port t0 deadline stops=()
  t0="$(now_ms)"
  for m in "$@"; do
    rm -f "$APP_DIR/$m/app-cds.jsa"
    start_service "$m"
  done
  deadline=$((t0 + STRATA_READY_TIMEOUT * 1000))
  for m in "$@"; do
    port="$(svc_port "$(svc_of "$m")")"
    read -r pid <"$(pid_file "$m")"
    until [[ "$(ready_code "$port")" == 200 ]]; do
      kill -0 "$pid" 2>/dev/null || break
      (($(now_ms) < deadline)) || break
      sleep 0.2
    done
    curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/api/v1/jobs" || true
    curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/q/metrics" || true
    stops+=("$m=$pid")
  done
  # Writing an archive takes ~5 s of CPU per service; give them time rather than SIGKILL.
  STOP_TIMEOUT_S=90 stop_pids "${stops[@]}"
  for m in "$@"; do
    rm -f "$(pid_file "$m")"
  done
  info "class-data archives written for $* in $(fmt_ms $(($(now_ms) - t0)))"
}

# HTTP status of GET /q/health/ready (000 when nothing answers).
ready_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null || true
}

cmd_up() {
  cmd_infra
  local t_phase t_started mods=() m pid
  t_phase="$(now_ms)"
  mapfile -t mods < <(present_modules)
  for m in "${MODULES[@]}"; do
    [[ -d $STRATA_REPO/$m ]] || info "skipping $m: no such module in $STRATA_REPO yet"
  done
  if ((${#mods[@]} == 0)); then
    info "no service modules to start; infrastructure is up"
    return 0
  fi
  needs_build "${mods[@]}" && build_services
  deploy_modules "${mods[@]}"
  if ((${#DEPLOYED[@]} > 0)); then
    info "deployed ${DEPLOYED[*]} to $APP_DIR"
    train_modules "${DEPLOYED[@]}"
  fi

  # Start what is not running; remember start times for time-to-ready.
  declare -A t_start=() pids=() ready_ms=()
  t_started="$(now_ms)"
  for m in "${mods[@]}"; do
    if pid="$(running_pid "$m" "$(service_needle "$m")")"; then
      pids[$m]="$pid"
      t_start[$m]=""
    else
      t_start[$m]="$(now_ms)"
      start_service "$m"
      read -r pid <"$(pid_file "$m")"
      pids[$m]="$pid"
    fi
  done

  local deadline pending=("${mods[@]}") still=() code
  deadline=$((t_started + STRATA_READY_TIMEOUT * 1000))
  while ((${#pending[@]} > 0)); do
    still=()
    for m in "${pending[@]}"; do
      code="$(ready_code "$(svc_port "$(svc_of "$m")")")"
      if [[ $code == 200 ]]; then
        if [[ -n ${t_start[$m]} ]]; then
          ready_ms[$m]=$(($(now_ms) - t_start[$m]))
        else
          ready_ms[$m]=-1
        fi
      elif ! kill -0 "${pids[$m]}" 2>/dev/null; then
        printf '\n%s exited during startup; last lines of %s:\n' "$m" "$LOG_DIR/$m.log" >&2
        log_tail "$LOG_DIR/$m.log" 30 >&2
        rm -f "$(pid_file "$m")"
        die "$m did not start"
      else
        still+=("$m")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]} > 0)) || break
    if (($(now_ms) >= deadline)); then
      for m in "${pending[@]}"; do
        printf '\n%s (port %s, pid %s) is not ready after %s s; last lines of %s:\n' \
          "$m" "$(svc_port "$(svc_of "$m")")" "${pids[$m]}" "$STRATA_READY_TIMEOUT" "$LOG_DIR/$m.log" >&2
        log_tail "$LOG_DIR/$m.log" 20 >&2
      done
      die "not ready within ${STRATA_READY_TIMEOUT} s: ${pending[*]}"
    fi
    sleep 0.2
  done

  for m in "${mods[@]}"; do
    if ((ready_ms[$m] < 0)); then
      printf '  %-22s port %-5s pid %-7s already running\n' "$m" "$(svc_port "$(svc_of "$m")")" "${pids[$m]}"
    else
      printf '  %-22s port %-5s pid %-7s ready in %s\n' "$m" "$(svc_port "$(svc_of "$m")")" "${pids[$m]}" "$(fmt_ms "${ready_ms[$m]}")"
    fi
  done
  local t_end
  t_end="$(now_ms)"
  info "all ${#mods[@]} services ready: $(fmt_ms $((t_end - t_started))) from start, $(fmt_ms $((t_end - t_phase))) for the whole service phase (build check, build, deploy, start)"
}

# ---------------------------------------------------------------------------------------------
# down
# ---------------------------------------------------------------------------------------------
cmd_down() {
  local m pid services=()
  # The router first (it fronts the others), then the five services together.
  if pid="$(running_pid router "$(service_needle router)")"; then
    stop_pids "router=$pid"
  fi
  rm -f "$(pid_file router)"
  for m in "${MODULES[@]}"; do
    [[ $m == router ]] && continue
    if pid="$(running_pid "$m" "$(service_needle "$m")")"; then
      services+=("$m=$pid")
    fi
  done
  ((${#services[@]} == 0)) || stop_pids "${services[@]}"
  for m in "${MODULES[@]}"; do rm -f "$(pid_file "$m")"; done
  # NFS-Ganesha is started by the snapshot service and outlives it (exports stay mounted on clients).
  if pid="$(running_pid ganesha "$GANESHA_NEEDLE")"; then
    stop_pids "nfs-ganesha=$pid"
  fi
  if pid="$(running_pid kafka "$KAFKA_NEEDLE")"; then
    stop_pids "kafka=$pid"
  fi
  rm -f "$(pid_file kafka)"
  if pid="$(pg_running_pid)"; then
    PGBIN="$(pg_bin)"
    as_postgres "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 -s stop ||
      warn "pg_ctl stop failed; see $PG_LOG"
    info "stopped postgres (pid $pid)"
  fi
  rm -f "$(pid_file postgres)"
  return 0
}

# ---------------------------------------------------------------------------------------------
# status
# ---------------------------------------------------------------------------------------------
status_line() { printf '%-22s %-8s pid %-7s port %-5s %s\n' "$@"; }

cmd_status() {
  local all=0 pid m svc port body code health
  [[ $EUID -eq 0 ]] || die "\`status\` must run as root (PostgreSQL's data directory is readable by postgres only); run \`sudo make status\`"
  PGBIN="$(pg_bin 2>/dev/null || true)"
  if pid="$(pg_running_pid)"; then
    if [[ -n $PGBIN ]] && pg_healthy; then health=healthy; else
      health="NOT healthy (pg_isready fails)"
      all=3
    fi
    status_line postgres running "$pid" "$STRATA_PG_PORT" "$health"
  else
    status_line postgres stopped - "$STRATA_PG_PORT" "-"
    all=3
  fi

  if pid="$(running_pid kafka "$KAFKA_NEEDLE")"; then
    if kafka_probe "$STRATA_KAFKA_PORT"; then health=healthy; else
      health="NOT healthy (no ApiVersions answer)"
      all=3
    fi
    status_line kafka running "$pid" "$STRATA_KAFKA_PORT" "$health"
  else
    status_line kafka stopped - "$STRATA_KAFKA_PORT" "-"
    all=3
  fi

  if pid="$(running_pid ganesha "$GANESHA_NEEDLE")"; then
    status_line nfs-ganesha running "$pid" "${STRATA_NFS_PORT:-12049}" "(started by snapshot-service for exports)"
  fi

  for m in "${MODULES[@]}"; do
    svc="$(svc_of "$m")"
    port="$(svc_port "$svc")"
    if pid="$(running_pid "$m" "$(service_needle "$m")")"; then
      body="$(curl -s --max-time 2 -w '\n%{http_code}' "http://127.0.0.1:$port/q/health/ready" 2>/dev/null || true)"
      code="${body##*$'\n'}"
      body="${body%$'\n'*}"
      if [[ $code == 200 ]]; then health=healthy; else
        local down=""
        down="$(jq -r '[.checks[]? | select(.status != "UP") | .name] | join(", ")' <<<"$body" 2>/dev/null || true)"
        health="NOT ready (HTTP ${code:-000}${down:+; DOWN: $down})"
        all=3
      fi
      status_line "$m" running "$pid" "$port" "$health"
    elif [[ -d $APP_DIR/$m ]]; then
      status_line "$m" stopped - "$port" "-"
      all=3
    else
      status_line "$m" absent - "$port" "(not deployed yet)"
    fi
  done
  return "$all"
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

usage() {
  cat <<EOF
usage: $(basename "$0") COMMAND

  install        install missing Debian packages and the Kafka $KAFKA_VERSION jars
  infra          install + start Strata's PostgreSQL (127.0.0.1:$STRATA_PG_PORT) and Kafka (127.0.0.1:$STRATA_KAFKA_PORT)
  up             infra + build (if needed), deploy and start the services, wait until ready
  down           stop what up/infra started (services, Kafka, PostgreSQL)
  status         one line per component; exit 0 if all healthy, 3 otherwise
  logs [NAME [N]] last N (40) lines of the logs (NAME: postgres, kafka, router, ingest, ...)

STRATA_HOME=$STRATA_HOME  STRATA_REPO=$STRATA_REPO
EOF
}

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

main() {
  local cmd="${1:-help}"
  shift || true
  case "$cmd" in
  install | infra | up | down) take_lock ;;
  esac
  case "$cmd" in
  install) cmd_install ;;
  infra) cmd_infra ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) cmd_logs "$@" ;;
  help | -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
  esac
}

main "$@"
