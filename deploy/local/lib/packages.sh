# shellcheck shell=bash
# Strata one-machine runtime — `install`: the Debian packages the runtime needs (only the missing
# ones, with apt-get, as root) and the Kafka broker jars, fetched once from Maven Central into
# $STRATA_HOME/kafka/lib through deploy/local/kafka/pom.xml.
#
# Sourced by deploy/local/strata-local.sh after lib/common.sh.

# chromium and chromium-driver: the headless browser the web console's end-to-end test (WebConsoleIT) drives.
PACKAGES=(postgresql btrfs-progs openssh-server rsync nfs-ganesha nfs-ganesha-vfs libnfs-utils
  mariadb-server mariadb-backup jq curl openssl zfs-fuse chromium chromium-driver)

# The packages among $@ that are not installed, one per line.
missing_packages() {
  local line pkg state wanted=("$@")
  declare -A have=()
  if command -v dpkg-query >/dev/null 2>&1; then
    while read -r pkg state; do
      [[ $state == ii* ]] && have[$pkg]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null || true)
  fi
  for line in "${wanted[@]}"; do
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
  [[ -n ${STRATA_SKIP_PACKAGES:-} ]] || mapfile -t missing < <(missing_packages "${PACKAGES[@]}")
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
