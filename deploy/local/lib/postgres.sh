# shellcheck shell=bash
# Strata one-machine runtime — Strata's own PostgreSQL cluster for service state (never the
# machine's default cluster): initialise it under $STRATA_HOME/postgres, start it as the postgres
# user on 127.0.0.1:$STRATA_PG_PORT, create one role and one database per service (passwords in
# $STRATA_HOME/secrets, mode 0600), report its health, stop it.
#
# Sourced by deploy/local/strata-local.sh after lib/common.sh.

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

# Stop the cluster (fast shutdown) if it runs; forget its pid file.
pg_stop() {
  local pid
  if pid="$(pg_running_pid)"; then
    PGBIN="$(pg_bin)"
    as_postgres "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 -s stop ||
      warn "pg_ctl stop failed; see $PG_LOG"
    info "stopped postgres (pid $pid)"
  fi
  rm -f "$(pid_file postgres)"
}

# The PostgreSQL servers Strata started that outlive its services, as "pid data-directory" lines: the staging
# standbys, the virtual databases and the demo's production, all with data under $STRATA_HOME (Strata's own state
# cluster aside).
pg_engines() {
  local pid args dir
  while read -r pid args; do
    dir="${args#* -D }"
    dir="${dir%% *}"
    [[ $dir == "$STRATA_HOME"/* && $dir != "$PG_DATA" ]] || continue
    printf '%s %s\n' "$pid" "$dir"
  done < <(ps -eo pid=,args= | awk '$2 ~ /bin\/postgres$/ && $3 == "-D"')
}

# After down: say which engines keep running and on which ports, or stop them too with ENGINES=1 (the services
# start them again at their next start: running virtual databases and active sources' staging copies).
engines_down() {
  local pid dir port owner stopped=0 left=()
  while read -r pid dir; do
    [[ -n $pid ]] || continue
    port="$(sed -n 4p "$dir/postmaster.pid" 2>/dev/null || true)"
    if [[ ${ENGINES:-0} == 1 ]]; then
      owner="$(stat -c %U "$dir")"
      runuser -u "$owner" -- "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w -t 60 -s stop ||
        warn "could not stop PostgreSQL on port $port ($dir)"
      stopped=$((stopped + 1))
    else
      left+=("PostgreSQL on port ${port:-?} (pid $pid), data $dir")
    fi
  done < <(pg_engines)
  ((stopped == 0)) || info "stopped $stopped database engines (virtual databases, staging copies, the demo's production)"
  ((${#left[@]} == 0)) && return 0
  info "still running, serving their users without Strata's services:"
  printf '      %s\n' "${left[@]}"
  info "\`make down ENGINES=1\` stops them too; \`make up\` starts running virtual databases and staging copies again"
}

# The cluster's status line; returns 3 unless it runs and answers pg_isready.
pg_status() {
  local pid health rc=0
  PGBIN="$(pg_bin 2>/dev/null || true)"
  if pid="$(pg_running_pid)"; then
    if [[ -n $PGBIN ]] && pg_healthy; then health=healthy; else
      health="NOT healthy (pg_isready fails)"
      rc=3
    fi
    status_line postgres running "$pid" "$STRATA_PG_PORT" "$health"
  else
    status_line postgres stopped - "$STRATA_PG_PORT" "-"
    rc=3
  fi
  return "$rc"
}
