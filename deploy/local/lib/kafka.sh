# shellcheck shell=bash
# Strata one-machine runtime — the single-node KRaft Kafka broker (broker and controller in one
# JVM) on 127.0.0.1:$STRATA_KAFKA_PORT (controller on $STRATA_KAFKA_CONTROLLER_PORT): write its
# configuration, format its storage once, start it, probe it with a Kafka-protocol round trip,
# report its health, stop it.
#
# Sourced by deploy/local/strata-local.sh after lib/common.sh.

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

# Stop the broker if it runs; forget its pid file.
kafka_stop() {
  local pid
  if pid="$(running_pid kafka "$KAFKA_NEEDLE")"; then
    stop_pids "kafka=$pid"
  fi
  rm -f "$(pid_file kafka)"
}

# The broker's status line; returns 3 unless it runs and answers ApiVersions.
kafka_status() {
  local pid health rc=0
  if pid="$(running_pid kafka "$KAFKA_NEEDLE")"; then
    if kafka_probe "$STRATA_KAFKA_PORT"; then health=healthy; else
      health="NOT healthy (no ApiVersions answer)"
      rc=3
    fi
    status_line kafka running "$pid" "$STRATA_KAFKA_PORT" "$health"
  else
    status_line kafka stopped - "$STRATA_KAFKA_PORT" "-"
    rc=3
  fi
  return "$rc"
}
