# Shared helpers of the .ci scripts (sourced, not run).
log() { printf '[%s] %s\n' "${CI_STEP:-ci}" "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi

APT_UPDATED=0
# apt_install PACKAGE...: install Debian packages quietly (apt-get update once per script).
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get is not available: install $* by hand"
    return 1
  fi
  local out
  out="$(mktemp)"
  if [ "$APT_UPDATED" -eq 0 ]; then
    $SUDO apt-get update -qq >"$out" 2>&1 || { cat "$out" >&2; return 1; }
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >"$out" 2>&1 \
    || { tail -n 40 "$out" >&2; return 1; }
  rm -f "$out"
}
