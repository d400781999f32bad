# shellcheck shell=bash
# Strata one-machine runtime — the Quarkus services and the router: build them with Maven when
# the sources changed, deploy each changed target/quarkus-app to $STRATA_HOME/app (with a
# training run that writes its class-data archive), start them with their database credentials
# in their own environment, wait until every /q/health/ready answers, report their health, stop
# them (and the NFS-Ganesha server the snapshot service starts).
#
# Sourced by deploy/local/strata-local.sh after lib/common.sh.

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
  if [[ $m == masking-service ]]; then
    # Later options win: these replace the heap limit and the JIT level of the shared ones.
    local masking_opts=()
    read -ra masking_opts <<<"$STRATA_MASKING_JAVA_OPTS"
    opts+=("${masking_opts[@]}")
  fi
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
    if [[ $svc == snapshot ]]; then
      export STRATA_SNAPSHOT_NFS_PORT="$STRATA_NFS_PORT"
    fi
    spawn "$LOG_DIR/$m.log" "$(pid_file "$m")" "$STRATA_JAVA" "${opts[@]}" -jar "$APP_DIR/$m/quarkus-run.jar"
  )
}

# Training run for freshly deployed services: start them once (writing the class-data archive at
# exit), wait until ready, touch the API so its classes load too, and stop them again.
train_modules() {
  local m pid port t0 deadline token stops=()
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
    stops+=("$m=$pid")
  done
  # Signed in, the calls below load the API's classes too, not just the refusal's.
  token="$(training_token)" || token=''
  for m in "$@"; do
    port="$(svc_port "$(svc_of "$m")")"
    # The header comes from a pipe, so the token never shows in the process list.
    curl -s -o /dev/null --max-time 5 -H @<(printf 'Authorization: Bearer %s\n' "$token") \
      "http://127.0.0.1:$port/api/v1/jobs" || true
    curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/q/metrics" || true
  done
  # Writing an archive takes ~5 s of CPU per service; give them time rather than SIGKILL.
  STOP_TIMEOUT_S=90 stop_pids "${stops[@]}"
  for m in "$@"; do
    rm -f "$(pid_file "$m")"
  done
  info "class-data archives written for $* in $(fmt_ms $(($(now_ms) - t0)))"
}

# An admin token from the catalog service, if it runs and the admin password is at hand; fails otherwise.
training_token() {
  local password="${STRATA_ADMIN_PASSWORD:-}"
  [[ -n $password || ! -s $STRATA_HOME/admin-password ]] || password="$(<"$STRATA_HOME/admin-password")"
  [[ -n $password ]] || return 1
  jq -n --arg p "$password" '{username: "admin", password: $p}' \
    | curl -sf --max-time 5 -H 'Content-Type: application/json' --data @- \
      "http://127.0.0.1:$(svc_port catalog)/api/v1/auth/token" | jq -er .token
}

# HTTP status of GET /q/health/ready (000 when nothing answers).
ready_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null || true
}

# The key pair tokens are signed with (by the catalog service) and verified with (by every service and the
# router): $SECRETS_DIR/jwt/private.pem (0600) and public.pem, made once. A new pair signs out every user.
signing_keys() {
  local dir="$SECRETS_DIR/jwt"
  [[ -s $dir/private.pem && -s $dir/public.pem ]] && return 0
  install -d -m 0700 "$dir"
  (
    umask 077
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem.tmp" 2>/dev/null
    openssl pkey -in "$dir/private.pem.tmp" -pubout -out "$dir/public.pem.tmp"
  ) || die "openssl could not make the token signing keys in $dir"
  chmod 0644 "$dir/public.pem.tmp"
  mv "$dir/public.pem.tmp" "$dir/public.pem"
  mv "$dir/private.pem.tmp" "$dir/private.pem"
  info "made the token signing keys in $dir"
}

# Build (when stale), deploy (when changed) and start every present module that is not running,
# wait until all answer readiness, and print each one's time to ready.
services_up() {
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
  signing_keys
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
  install_cli
}

# The CLI: build it when its jar is missing or older than its sources, deploy the jar, its lib/ and the launcher
# to $APP_DIR/cli when they changed (so that a rebuild in the repository never breaks a running command), write its
# class-data archive with one training run (`strata vdb list` through the router, signed in when the admin password
# is at hand), and link $STRATA_BIN/strata (default /usr/local/bin/strata) to the launcher.
install_cli() {
  local src="$STRATA_REPO/cli/target" dest="$APP_DIR/cli" tmp fp old token
  [[ -d $STRATA_REPO/cli ]] || return 0
  if [[ ! -f $src/strata-cli.jar || -n "$(find "$STRATA_REPO/cli/src" "$STRATA_REPO/cli/pom.xml" -type f \
    -newer "$src/strata-cli.jar" -print -quit)" ]]; then
    info "building the CLI (mvn -B -q -DskipTests package -pl cli)"
    (cd "$STRATA_REPO" && "$STRATA_MVN" -B -q -DskipTests package -pl cli) || die "the CLI's build failed"
  fi
  tmp="$APP_DIR/.cli.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  cp -a "$src/strata-cli.jar" "$src/lib" "$tmp/"
  cp -a "$STRATA_REPO/cli/src/main/sh/strata" "$tmp/strata"
  fp="$(app_fingerprint "$tmp")"
  old=""
  [[ -f $dest/.strata-fingerprint ]] && read -r old <"$dest/.strata-fingerprint"
  if [[ $fp == "$old" && -s $dest/strata.jsa ]]; then
    rm -rf "$tmp"
  else
    printf '%s\n' "$fp" >"$tmp/.strata-fingerprint"
    rm -rf "$dest"
    mv "$tmp" "$dest"
    token="$(training_token)" || token=training
    STRATA_CDS_TRAIN=1 STRATA_CONFIG=/dev/null STRATA_URL="http://127.0.0.1:$(svc_port router)" \
      STRATA_TOKEN="$token" "$dest/strata" vdb list >/dev/null 2>&1 || true
    info "deployed the CLI to $dest (class-data archive: $([[ -s $dest/strata.jsa ]] && echo written || echo none))"
  fi
  if ln -sfn "$dest/strata" "$STRATA_BIN/strata" 2>/dev/null; then
    info "strata: $STRATA_BIN/strata -> $dest/strata (see docs/cli.md)"
  else
    info "cannot link $STRATA_BIN/strata (run as root, or set STRATA_BIN); run $dest/strata instead"
  fi
}

# Stop the router first (it fronts the others), then the five services together; forget their
# pid files.
services_stop() {
  local m pid services=()
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
}

# NFS-Ganesha is started by the snapshot service and outlives it (exports stay mounted on clients).
ganesha_stop() {
  local pid
  if pid="$(running_pid ganesha "$GANESHA_NEEDLE")"; then
    stop_pids "nfs-ganesha=$pid"
  fi
}

# A status line for NFS-Ganesha, only when it runs (it is started on demand, so never unhealthy).
ganesha_status() {
  local pid
  if pid="$(running_pid ganesha "$GANESHA_NEEDLE")"; then
    status_line nfs-ganesha running "$pid" "$STRATA_NFS_PORT" "(started by snapshot-service for exports)"
  fi
  return 0
}

# One status line per module; returns 3 unless every deployed module runs and is ready.
services_status() {
  local all=0 pid m svc port body code health
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
