# shellcheck shell=bash
# Strata one-machine runtime — `kube`: a real kube-apiserver for the tests of Strata's Kubernetes features
# (test-support's KubeApiServer runs it with etcd; no kubelet, so pods stay Pending). Built once per machine from
# Debian's `kubernetes` source package with Debian's Go, into $STRATA_HOME/kubernetes/bin, and skipped afterwards:
# the first build takes about 20 minutes on 2 cores, so it must never happen in every test run.
#
# Sourced by deploy/local/strata-local.sh after lib/common.sh and lib/packages.sh (it reuses their apt helpers).

# bookworm's source package; the build recipe and the reflect2 fix below are for this version.
KUBE_VERSION="1.20.2"
KUBE_SUITE="bookworm"
KUBE_HOME="$STRATA_HOME/kubernetes"
KUBE_APISERVER="$KUBE_HOME/bin/kube-apiserver"
KUBE_MARKER="$KUBE_HOME/bin/.strata-kube-version"
KUBE_SRC="$KUBE_HOME/src"
KUBE_TREE="$KUBE_SRC/kubernetes-$KUBE_VERSION"
KUBE_BUILD_LOG="$LOG_DIR/kube-apiserver-build.log"
KUBE_DEB_SRC_FILE="/etc/apt/sources.list.d/strata-deb-src.sources"
# etcd runs beside the API server in tests; Go builds it; reflect2 1.0.2 replaces the vendored 1.0.1 (see below).
KUBE_PACKAGES=(etcd-server golang-go golang-github-modern-go-reflect2-dev)
REFLECT2_SRC="/usr/share/gocode/src/github.com/modern-go/reflect2"

kube_built() {
  local have=""
  [[ -x $KUBE_APISERVER && -f $KUBE_MARKER ]] || return 1
  read -r have <"$KUBE_MARKER" || true
  [[ $have == "$KUBE_VERSION" ]]
}

# The apt sources entry ("FILE:N") of the deb line for $KUBE_SUITE main, and its site, as "SITE ENTRY".
# shellcheck disable=SC2016 # $(...) are apt's format fields, not the shell's
kube_deb_entry() {
  apt-get indextargets --format '$(TARGET_OF) $(RELEASE) $(COMPONENT) $(SITE) $(SOURCESENTRY)' |
    awk -v suite="$KUBE_SUITE" '$1 == "deb" && $2 == suite && $3 == "main" { print $4, $5; exit }'
}

# The keyring an apt sources entry FILE:N is signed by, if it names one: stanza N of a deb822 file, line N of a
# one-line-style file.
kube_signed_by() {
  local file="${1%:*}" n="${1##*:}"
  if [[ $file == *.sources ]]; then
    awk -v n="$n" 'BEGIN { RS = "" } NR == n {
      m = split($0, lines, "\n")
      for (i = 1; i <= m; i++) if (lines[i] ~ /^Signed-By:[ \t]*\//) { sub(/^Signed-By:[ \t]*/, "", lines[i]); print lines[i] }
    }' "$file"
  else
    sed -n "${n}s/.*signed-by=\([^] ]*\).*/\1/p" "$file"
  fi
}

# apt-get source needs a deb-src entry; Debian images ship only deb ones. Add one for $KUBE_SUITE main, with the
# same mirror and keyring as the deb entry, unless one exists already.
# shellcheck disable=SC2016 # $(...) are apt's format fields, not the shell's
kube_add_deb_src() {
  local site entry signed_by
  if apt-get indextargets --format '$(TARGET_OF) $(RELEASE) $(COMPONENT)' | grep -qx "deb-src $KUBE_SUITE main"; then
    return 0
  fi
  read -r site entry < <(kube_deb_entry) || true
  [[ -n ${site:-} ]] || die "no apt entry for '$KUBE_SUITE main' to take the mirror from; add a deb-src line for it yourself"
  signed_by="$(kube_signed_by "$entry")"
  info "adding a deb-src entry for $KUBE_SUITE main ($site) in $KUBE_DEB_SRC_FILE"
  {
    printf '# Added by Strata (deploy/local/strata-local.sh kube): the kubernetes source package.\n'
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$site" "$KUBE_SUITE"
    [[ -z $signed_by ]] || printf 'Signed-By: %s\n' "$signed_by"
  } >"$KUBE_DEB_SRC_FILE.tmp"
  mv "$KUBE_DEB_SRC_FILE.tmp" "$KUBE_DEB_SRC_FILE"
  apt-get update -q >"$LOG_DIR/apt-update.log" 2>&1 || die "apt-get update failed; see $LOG_DIR/apt-update.log"
}

# Downloads (once; apt-get skips the files it has) and unpacks the upstream tarball into $KUBE_TREE.
kube_fetch_source() {
  local orig tree="$KUBE_TREE"
  install -d -m 0755 "$KUBE_SRC"
  (cd "$KUBE_SRC" && apt-get source -q --download-only "kubernetes/$KUBE_SUITE") >"$LOG_DIR/kube-source.log" 2>&1 ||
    die "apt-get source kubernetes failed; see $LOG_DIR/kube-source.log"
  # Debian calls it 1.20.5+really1.20.2: the upload went back to 1.20.2, and versions must only grow.
  orig="$(compgen -G "$KUBE_SRC/kubernetes_*$KUBE_VERSION.orig.tar.gz" | head -n1)" ||
    die "apt-get source brought no kubernetes_*$KUBE_VERSION.orig.tar.gz into $KUBE_SRC (another version in $KUBE_SUITE?); see $LOG_DIR/kube-source.log"
  # Always from a fresh tree: a failed build may have left generated files behind.
  rm -rf "$tree"
  install -d -m 0755 "$tree"
  tar -xzf "$orig" -C "$tree" --strip-components=1 || die "cannot unpack $orig"
  # The vendored reflect2 1.0.1 reads Go runtime internals that changed in Go 1.18: with Debian's Go the API
  # server dies with "fatal error: fault" in mapiterinit on the first write of a custom resource. 1.0.2 is fixed;
  # its go.mod would make the vendor tree inconsistent with the tree's own go.mod.
  [[ -d $REFLECT2_SRC ]] || die "$REFLECT2_SRC missing; apt-get install golang-github-modern-go-reflect2-dev"
  rm -rf "$tree/vendor/github.com/modern-go/reflect2"
  cp -r "$REFLECT2_SRC" "$tree/vendor/github.com/modern-go/reflect2"
  rm -f "$tree/vendor/github.com/modern-go/reflect2/go.mod"
}

# Builds with the tree's own make (a plain `go build` fails its go.mod checks), niced so that a running runtime and
# tests keep their CPU. The tree's make keeps its Go cache under _output; GOCACHE sends whatever runs outside it
# into the work dir too, so that removing the work dir afterwards leaves root's own Go cache alone.
kube_build() {
  local tree="$KUBE_TREE"
  (
    cd "$tree" || exit 1
    export GOPATH="$tree/.go" GOCACHE="$KUBE_SRC/go-build" CGO_ENABLED=0
    mkdir -p .go/src/k8s.io
    ln -sfn ../../.. .go/src/k8s.io/kubernetes
    exec nice -n 10 make WHAT=cmd/kube-apiserver
  ) >"$KUBE_BUILD_LOG" 2>&1
}

# Minutes and seconds for a duration in ms: "19 min 42 s".
fmt_min() { printf '%d min %d s' "$(($1 / 60000))" "$((($1 / 1000) % 60))"; }

# One kube build per machine at a time. Not the strata-local lock: `up` and `down` wait only 10 minutes for that
# one, and must not wait for a 20-minute build at all.
kube_take_lock() {
  install -d -m 0755 "$RUN_DIR"
  exec 8>"$RUN_DIR/kube-build.lock"
  if ! flock -n 8; then
    info "waiting for another kube-apiserver build on this machine"
    flock -w 3600 8 || die "another kube-apiserver build still holds $RUN_DIR/kube-build.lock after an hour"
  fi
}

cmd_kube() {
  local missing=() start took
  if kube_built; then
    info "kube-apiserver $KUBE_VERSION is built ($KUBE_APISERVER)"
    return 0
  fi
  [[ $EUID -eq 0 ]] || die "building kube-apiserver installs Debian packages and writes $KUBE_HOME, as root; run \`sudo make kube-apiserver\`"
  require_cmd apt-get "building kube-apiserver needs Debian's packages and its kubernetes source package"
  kube_take_lock
  kube_built && return 0 # built by the one we waited for
  install -d -m 0755 "$LOG_DIR" "$KUBE_HOME"
  mapfile -t missing < <(missing_packages "${KUBE_PACKAGES[@]}")
  install_packages "${missing[@]+"${missing[@]}"}"
  kube_add_deb_src
  info "fetching the kubernetes $KUBE_VERSION source package into $KUBE_SRC"
  kube_fetch_source
  info "building kube-apiserver $KUBE_VERSION (about 20 min on 2 cores the first time); log: $KUBE_BUILD_LOG"
  start="$(now_ms)"
  kube_build || die "building kube-apiserver failed; see $KUBE_BUILD_LOG (the download in $KUBE_SRC is kept)"
  took="$(($(now_ms) - start))"
  [[ -x $KUBE_TREE/_output/bin/kube-apiserver ]] || die "the build left no _output/bin/kube-apiserver; see $KUBE_BUILD_LOG"
  install -d -m 0755 "$KUBE_HOME/bin"
  # Through temporary names, so that a test never sees half a binary or a binary without its marker.
  cp "$KUBE_TREE/_output/bin/kube-apiserver" "$KUBE_APISERVER.tmp.$$"
  mv -f "$KUBE_APISERVER.tmp.$$" "$KUBE_APISERVER"
  printf '%s\n' "$KUBE_VERSION" >"$KUBE_MARKER.tmp.$$"
  mv -f "$KUBE_MARKER.tmp.$$" "$KUBE_MARKER"
  # The tree, the download and the Go cache take more than 1.5 GB and are not needed again.
  rm -rf "$KUBE_SRC"
  info "built kube-apiserver $KUBE_VERSION in $(fmt_min "$took"): $KUBE_APISERVER"
}
