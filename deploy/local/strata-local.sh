#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Strata one-machine runtime: packages, a private PostgreSQL cluster for service state,
# a single-node KRaft Kafka broker, and the Strata services, all under $STRATA_HOME.
#
#   strata-local.sh install | infra | up | down | status | logs [name [lines]] | kube | help
#
# Everything is idempotent: a second `up` only checks what is running and returns.
# The machine's default PostgreSQL cluster (Debian's 15/main on 5432) is never touched.
#
# This file is the entry point only: each job lives in a script under lib/, sourced here.
#   lib/common.sh    configuration, logging, pids, ports, spawning and stopping, lock, `logs`
#   lib/packages.sh  `install`: Debian packages and the Kafka jars
#   lib/postgres.sh  Strata's PostgreSQL cluster for service state
#   lib/kafka.sh     the single-node Kafka broker
#   lib/services.sh  build, deploy, start, stop and status of the services and the router
#   lib/kubernetes.sh  `kube`: build kube-apiserver once per machine, for tests against a real API server
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"
# shellcheck source=lib/packages.sh
source "$SCRIPT_DIR/lib/packages.sh"
# shellcheck source=lib/postgres.sh
source "$SCRIPT_DIR/lib/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$SCRIPT_DIR/lib/kafka.sh"
# shellcheck source=lib/services.sh
source "$SCRIPT_DIR/lib/services.sh"
# shellcheck source=lib/kubernetes.sh
source "$SCRIPT_DIR/lib/kubernetes.sh"

cmd_infra() {
  cmd_install
  require_root infra
  pg_start
  pg_provision
  kafka_start
}

cmd_up() {
  cmd_infra
  services_up
}

# Stop, by pid, what up/infra started: services first, then NFS-Ganesha, the broker, PostgreSQL; then say which
# database engines keep running (ENGINES=1: stop them too).
cmd_down() {
  services_stop
  ganesha_stop
  kafka_stop
  pg_stop
  engines_down
  return 0
}

cmd_status() {
  local all=0
  [[ $EUID -eq 0 ]] || die "\`status\` must run as root (PostgreSQL's data directory is readable by postgres only); run \`sudo make status\`"
  pg_status || all=3
  kafka_status || all=3
  ganesha_status
  services_status || all=3
  return "$all"
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
  kube           build kube-apiserver $KUBE_VERSION for tests, once per machine (~20 min); a no-op once built

STRATA_HOME=$STRATA_HOME  STRATA_REPO=$STRATA_REPO
EOF
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
  kube) cmd_kube ;;
  help | -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
  esac
}

main "$@"
