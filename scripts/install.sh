#!/bin/sh
# Wren installer (POSIX sh).
#
#   curl -fsSL <base>/install.sh | sh -s -- [stable|latest|VERSION]
#
# Installs the native Wren binary into ~/.local/share/wren/versions/<version>
# and points ~/.local/bin/wren at it. Every byte is verified before anything
# on disk changes:
#   channel pointer  signed (Ed25519), unexpired, never older than what is installed
#   manifest.json    signed, the one the pointer names (sha256), for the requested version
#   binary           size and sha256 from the signed manifest, then `--version` must answer
# The release public key below is stamped in by the release tool
# (scripts/release/native/installer.ts), the same key compiled into the binary.
#
# Signatures are checked with OpenSSL 3 (`openssl pkeyutl -verify -rawin`), or,
# where only LibreSSL or no openssl exists (stock macOS), with an existing
# `node` (crypto.verify). Both are tools the user already trusts. The installer
# never asks the downloaded binary to verify itself: until the signature holds,
# that binary is just bytes from the same server as the manifest, and a sha256
# fetched from the same origin proves integrity, not origin.
#
# Environment: WREN_INSTALL_BASE_URL overrides the release location (https, or
# http to loopback only). Same layout and lock as `wren update`.

set -eu
umask 022

RELEASE_PUBLIC_KEY='@WREN_RELEASE_PUBLIC_KEY@'
DEFAULT_BASE_URL='@WREN_BASE_URL@'

KEEP_TMP=
TMP_DIR=
LOCK_DIR=
PARTIAL=
CREATED_DIRS=
DONE=

say() { printf 'wren-install: %s\n' "$*"; }
die() {
  printf 'wren-install: error: %s\n' "$*" >&2
  printf 'wren-install: nothing was changed.\n' >&2
  exit 1
}

cleanup() {
  [ -n "$PARTIAL" ] && rm -f "$PARTIAL"
  [ -n "$TMP_DIR" ] && [ -z "$KEEP_TMP" ] && rm -rf "$TMP_DIR"
  [ -n "$LOCK_DIR" ] && rm -rf "$LOCK_DIR"
  if [ -z "$DONE" ]; then
    # Remove the folders this run created (newest first); rmdir leaves any that hold something.
    for d in $CREATED_DIRS; do rmdir "$d" 2>/dev/null || true; done
  fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# mkdir -p that remembers each folder it created, so a failed run can remove them.
make_dirs() {
  _path=$1
  _missing=
  while [ ! -d "$_path" ]; do
    _missing="$_path $_missing"
    _path=$(dirname "$_path")
  done
  for _d in $_missing; do
    mkdir "$_d" 2>/dev/null || [ -d "$_d" ] || die "cannot create $_d"
    CREATED_DIRS="$_d $CREATED_DIRS"
  done
}

# ---------- arguments and environment ----------

is_version() {
  printf '%s\n' "$1" | grep -Eq '^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
}

[ -n "${HOME:-}" ] || die "HOME is not set"
[ $# -le 1 ] || die "usage: sh install.sh [stable|latest|VERSION]"
TARGET=${1:-stable}
case $TARGET in
  stable | latest) CHANNEL=$TARGET; VERSION= ;;
  *)
    is_version "$TARGET" || die "'$TARGET' is neither a channel (stable, latest) nor a version like 1.2.3"
    CHANNEL=; VERSION=$TARGET ;;
esac

case $RELEASE_PUBLIC_KEY in
  @*) die "this install.sh has no release key: use the one published with a release (scripts/release/native/release.ts writes it)" ;;
esac
BASE=${WREN_INSTALL_BASE_URL:-$DEFAULT_BASE_URL}
BASE=${BASE%/}
case $BASE in '' | @*) die "no release location: set WREN_INSTALL_BASE_URL" ;; esac

# https anywhere; plain http only to a loopback address (tests, a local mirror).
check_base_url() {
  case $1 in
    https://*) PROTO='=https'; return 0 ;;
    http://*) ;;
    *) die "refusing '$1': releases are fetched over https" ;;
  esac
  _authority=${1#http://}
  _authority=${_authority%%/*}
  case $_authority in *@*) die "refusing '$1': credentials in the URL" ;; esac
  case $_authority in
    \[::1\] | \[::1\]:*) _host='[::1]' ;;
    *) _host=${_authority%%:*} ;;
  esac
  if [ "$_host" = localhost ] || [ "$_host" = '[::1]' ] || printf '%s\n' "$_host" | grep -Eq '^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$'; then
    PROTO='=http'
    return 0
  fi
  die "refusing plain http to $_host: use https (plain http is allowed only to loopback)"
}
check_base_url "$BASE"

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed"; }
for tool in curl uname mkdir mv ln cp chmod rm rmdir sed grep awk wc tr head dirname mktemp readlink date; do need "$tool"; done

# ---------- platform ----------

detect_platform() {
  _os=$(uname -s)
  _arch=$(uname -m)
  case $_os in
    Linux) _os=linux ;;
    Darwin) _os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) die "Windows shells are not supported by this installer: use the win-x64 binary from the release folder, or npm i -g wren-code" ;;
    *) die "unsupported operating system: $_os (Wren ships linux and darwin binaries; npm i -g wren-code works elsewhere)" ;;
  esac
  case $_arch in
    x86_64 | amd64) _arch=x64 ;;
    aarch64 | arm64) _arch=arm64 ;;
    *) die "unsupported CPU architecture: $_arch (x86_64 and arm64 only)" ;;
  esac
  if [ "$_os" = darwin ] && [ "$_arch" = x64 ]; then
    # An x86_64 shell under Rosetta 2 on Apple silicon: the native arm64 binary is the right one.
    if [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then
      say "Rosetta 2 detected: installing the native arm64 binary"
      _arch=arm64
    fi
  fi
  if [ "$_os" = linux ]; then
    if (ldd --version 2>&1 || true) | grep -qi musl || ls /lib/ld-musl-* >/dev/null 2>&1; then
      die "musl libc detected (Alpine?): the native binary needs glibc; install with npm i -g wren-code instead"
    fi
  fi
  PLATFORM=$_os-$_arch
}
detect_platform

# ---------- tools for hashing and verifying ----------

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" </dev/null | awk '{print $1}'
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" </dev/null | awk '{print $1}'
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 -r "$1" </dev/null | awk '{print $1}'
  else die "no sha256 tool (sha256sum, shasum or openssl) found"
  fi
}

VERIFIER=
if command -v openssl >/dev/null 2>&1 && openssl version 2>/dev/null </dev/null | grep -Eq '^OpenSSL ([3-9]|[1-9][0-9])\.'; then
  VERIFIER=openssl
elif command -v node >/dev/null 2>&1 && node -e 'require("crypto").createPublicKey' </dev/null >/dev/null 2>&1; then
  VERIFIER=node
else
  die "cannot verify signatures: install OpenSSL 3 (apt-get install openssl, brew install openssl@3) or Node.js, then run this again"
fi

TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/wren-install.XXXXXX") || die "cannot create a temporary folder"
KEY_PEM=$TMP_DIR/release-key.pem
printf -- '-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n' "$RELEASE_PUBLIC_KEY" >"$KEY_PEM"

# verify FILE SIGFILE WHAT: the base64 Ed25519 signature in SIGFILE over FILE's exact bytes.
verify() {
  grep -Eq '^[A-Za-z0-9+/]{86}==$' "$2" || die "$3: the signature file is not one Ed25519 signature"
  case $VERIFIER in
    openssl)
      tr -d '\n' <"$2" | openssl base64 -d -A >"$2.bin" 2>/dev/null || die "$3: cannot decode the signature"
      openssl pkeyutl -verify -pubin -inkey "$KEY_PEM" -rawin -in "$1" -sigfile "$2.bin" </dev/null >/dev/null 2>&1 ||
        die "$3: bad signature (tampered, or not signed with the Wren release key)"
      ;;
    node)
      node -e 'const c=require("crypto"),f=require("fs"),[k,d,s]=process.argv.slice(1);
        process.exit(c.verify(null,f.readFileSync(d),c.createPublicKey(f.readFileSync(k)),Buffer.from(f.readFileSync(s,"utf8").trim(),"base64"))?0:1)' \
        "$KEY_PEM" "$1" "$2" </dev/null >/dev/null 2>&1 ||
        die "$3: bad signature (tampered, or not signed with the Wren release key)"
      ;;
  esac
}

# ---------- downloads ----------

# fetch PATH DEST: one GET, no redirects to anything but https.
fetch() {
  if [ "$PROTO" = '=https' ]; then
    curl -fsS --proto '=https' --proto-redir '=https' --tlsv1.2 -L --connect-timeout 20 -o "$2" "$BASE/$1" </dev/null 2>"$TMP_DIR/curl.err"
  else
    curl -fsS --proto '=http' --connect-timeout 20 -o "$2" "$BASE/$1" </dev/null 2>"$TMP_DIR/curl.err"
  fi || die "download of $BASE/$1 failed: $(tr '\n' ' ' <"$TMP_DIR/curl.err")"
}

# Fields of a verified document. The release tool writes them with a fixed
# layout (two-space JSON, one key per line); only signed bytes are parsed.
field() { sed -n "s/^  \"$1\": \"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\},\\{0,1\\}\$/\\1/p" "$2" | head -n 1; }
platform_field() {
  sed -n "/^    \"$PLATFORM\": {\$/,/^    }/p" "$2" | sed -n "s/^      \"$1\": \"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\},\\{0,1\\}\$/\\1/p" | head -n 1
}

# vercmp A B: prints -1, 0 or 1 (semver order, pre-releases before releases).
vercmp() {
  awk -v a="$1" -v b="$2" '
    function cmpid(x, y,  nx, ny) {
      nx = (x ~ /^[0-9]+$/); ny = (y ~ /^[0-9]+$/)
      if (nx && ny) return (x + 0 < y + 0) ? -1 : (x + 0 > y + 0)
      if (nx != ny) return nx ? -1 : 1
      return (x < y) ? -1 : (x > y)
    }
    BEGIN {
      ia = index(a, "-"); ib = index(b, "-")
      ca = ia ? substr(a, 1, ia - 1) : a; pa = ia ? substr(a, ia + 1) : ""
      cb = ib ? substr(b, 1, ib - 1) : b; pb = ib ? substr(b, ib + 1) : ""
      split(ca, x, "."); split(cb, y, ".")
      for (i = 1; i <= 3; i++) { if (x[i] + 0 != y[i] + 0) { print (x[i] + 0 < y[i] + 0) ? -1 : 1; exit } }
      if (pa == "" && pb == "") { print 0; exit }
      if (pa == "") { print 1; exit }
      if (pb == "") { print -1; exit }
      n = split(pa, p, "."); m = split(pb, q, ".")
      for (i = 1; i <= n && i <= m; i++) { c = cmpid(p[i], q[i]); if (c != 0) { print c; exit } }
      print (n < m) ? -1 : (n > m)
    }'
}

# ---------- install layout and lock (shared with `wren update`) ----------

DATA_DIR=$HOME/.local/share/wren
VERSIONS_DIR=$DATA_DIR/versions
MANIFESTS_DIR=$DATA_DIR/manifests
BIN_DIR=$HOME/.local/bin
BIN_LINK=$BIN_DIR/wren

if [ -e "$BIN_LINK" ] && [ ! -L "$BIN_LINK" ]; then
  die "$BIN_LINK exists and is not a link made by this installer: move it away first"
fi

make_dirs "$DATA_DIR"
take_lock() {
  _lock=$DATA_DIR/.lock
  for _attempt in 1 2; do
    if mkdir "$_lock" 2>/dev/null; then
      LOCK_DIR=$_lock
      printf '%s %s\n' "$$" "$(uname -n)" >"$_lock/owner"
      return 0
    fi
    _owner=$(cat "$_lock/owner" 2>/dev/null || true)
    _pid=${_owner%% *}
    _host=${_owner#* }
    if [ "$_attempt" = 1 ] && [ -n "$_pid" ] && [ "$_host" = "$(uname -n)" ] && ! kill -0 "$_pid" 2>/dev/null; then
      # The holder died: break the stale lock by renaming it away (only one breaker can win).
      mv "$_lock" "$_lock.stale.$$" 2>/dev/null && rm -rf "$_lock.stale.$$"
      continue
    fi
    die "another Wren install or update is running${_pid:+ (pid $_pid)}; try again when it has finished"
  done
  die "could not take the install lock $_lock"
}
take_lock

CURRENT=
if [ -L "$BIN_LINK" ]; then
  _target=$(readlink "$BIN_LINK")
  case $_target in "$VERSIONS_DIR"/*) CURRENT=${_target##*/} ;; esac
  is_version "${CURRENT:-x}" || CURRENT=
fi

# ---------- what to install ----------

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
MANIFEST_SHA=
if [ -n "$CHANNEL" ]; then
  fetch "channels/$CHANNEL.json" "$TMP_DIR/pointer.json"
  fetch "channels/$CHANNEL.json.sig" "$TMP_DIR/pointer.sig"
  verify "$TMP_DIR/pointer.json" "$TMP_DIR/pointer.sig" "channels/$CHANNEL.json"
  [ "$(field kind "$TMP_DIR/pointer.json")" = wren-channel-pointer ] || die "channels/$CHANNEL.json is not a channel pointer"
  [ "$(field schema "$TMP_DIR/pointer.json")" = 1 ] || die "channels/$CHANNEL.json has a format this installer does not know: get the current install.sh"
  [ "$(field channel "$TMP_DIR/pointer.json")" = "$CHANNEL" ] || die "channels/$CHANNEL.json is the pointer of another channel"
  VERSION=$(field version "$TMP_DIR/pointer.json")
  MANIFEST_SHA=$(field manifestSha256 "$TMP_DIR/pointer.json")
  EXPIRES=$(field expires "$TMP_DIR/pointer.json")
  is_version "$VERSION" || die "channels/$CHANNEL.json names no valid version"
  printf '%s\n' "$MANIFEST_SHA" | grep -Eq '^[0-9a-f]{64}$' || die "channels/$CHANNEL.json has no manifest hash"
  printf '%s\n' "$EXPIRES" | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' || die "channels/$CHANNEL.json has no valid expiry"
  awk -v now="$NOW" -v until="$EXPIRES" 'BEGIN { exit !(now < until) }' ||
    die "the $CHANNEL channel pointer expired at $EXPIRES: the release server is stale or replaying an old pointer"
  if [ -n "$CURRENT" ] && [ "$(vercmp "$VERSION" "$CURRENT")" = -1 ]; then
    die "the $CHANNEL channel points at $VERSION, older than the installed $CURRENT: refusing to downgrade (run with '$VERSION' to install it on purpose)"
  fi
fi

if [ -n "$CURRENT" ] && [ "$VERSION" = "$CURRENT" ] && [ -x "$VERSIONS_DIR/$VERSION" ]; then
  say "Wren $VERSION is already installed ($BIN_LINK)"
  DONE=1
  exit 0
fi

fetch "$VERSION/manifest.json" "$TMP_DIR/manifest.json"
fetch "$VERSION/manifest.json.sig" "$TMP_DIR/manifest.sig"
if [ -n "$MANIFEST_SHA" ] && [ "$(sha256_of "$TMP_DIR/manifest.json")" != "$MANIFEST_SHA" ]; then
  die "$VERSION/manifest.json is not the manifest the $CHANNEL pointer names (sha256 differs)"
fi
verify "$TMP_DIR/manifest.json" "$TMP_DIR/manifest.sig" "$VERSION/manifest.json"
M=$TMP_DIR/manifest.json
[ "$(field kind "$M")" = wren-release-manifest ] || die "$VERSION/manifest.json is not a release manifest"
[ "$(field schema "$M")" = 1 ] || die "$VERSION/manifest.json has a format this installer does not know: get the current install.sh"
[ "$(field version "$M")" = "$VERSION" ] || die "$VERSION/manifest.json is for $(field version "$M"), not $VERSION: refusing a substituted manifest"
ASSET_FILE=$(platform_field file "$M")
ASSET_SHA=$(platform_field sha256 "$M")
ASSET_SIZE=$(platform_field size "$M")
[ -n "$ASSET_FILE" ] || die "release $VERSION has no $PLATFORM binary"
[ "$ASSET_FILE" = "$PLATFORM/wren" ] || die "$VERSION/manifest.json names an unexpected file for $PLATFORM"
printf '%s\n' "$ASSET_SHA" | grep -Eq '^[0-9a-f]{64}$' || die "$VERSION/manifest.json has no sha256 for $PLATFORM"
printf '%s\n' "$ASSET_SIZE" | grep -Eq '^[1-9][0-9]*$' || die "$VERSION/manifest.json has no size for $PLATFORM"

# ---------- download, check, smoke-test, install ----------

say "installing Wren $VERSION ($PLATFORM) from $BASE"
make_dirs "$VERSIONS_DIR"
make_dirs "$MANIFESTS_DIR"
PARTIAL=$VERSIONS_DIR/.$VERSION.$$.partial
fetch "$VERSION/$ASSET_FILE" "$PARTIAL"
GOT_SIZE=$(wc -c <"$PARTIAL" | tr -d ' ')
[ "$GOT_SIZE" = "$ASSET_SIZE" ] || die "the $PLATFORM binary is $GOT_SIZE bytes, the signed manifest says $ASSET_SIZE (truncated or replaced download)"
[ "$(sha256_of "$PARTIAL")" = "$ASSET_SHA" ] || die "the $PLATFORM binary does not match the sha256 in the signed manifest: it was tampered with"
chmod 755 "$PARTIAL"
SMOKE=$("$PARTIAL" --version </dev/null 2>&1) || die "the downloaded binary does not run on this machine: $SMOKE"
[ "$SMOKE" = "$VERSION (Wren)" ] || die "the downloaded binary says '$SMOKE' for --version, not '$VERSION (Wren)'"

# Keep the signed manifest: `wren rollback` re-verifies a stored version with it.
cp "$M" "$MANIFESTS_DIR/.$VERSION.json.$$" && mv -f "$MANIFESTS_DIR/.$VERSION.json.$$" "$MANIFESTS_DIR/$VERSION.json"
cp "$TMP_DIR/manifest.sig" "$MANIFESTS_DIR/.$VERSION.sig.$$" && mv -f "$MANIFESTS_DIR/.$VERSION.sig.$$" "$MANIFESTS_DIR/$VERSION.json.sig"
mv -f "$PARTIAL" "$VERSIONS_DIR/$VERSION"
PARTIAL=

# Where `wren update` looks: this base URL, and the channel (an explicit version keeps the previous one).
if [ -z "$CHANNEL" ]; then
  CHANNEL=$(sed -n 's/^  "channel": "\([a-z]*\)".*/\1/p' "$DATA_DIR/install.json" 2>/dev/null | head -n 1)
  case $CHANNEL in stable | latest) ;; *) CHANNEL=stable ;; esac
fi
printf '{\n  "baseUrl": "%s",\n  "channel": "%s"\n}\n' "$BASE" "$CHANNEL" >"$DATA_DIR/.install.json.$$"
mv -f "$DATA_DIR/.install.json.$$" "$DATA_DIR/install.json"

# Switch the link last, atomically: a new link under a temp name renamed over the old one.
make_dirs "$BIN_DIR"
ln -s "$VERSIONS_DIR/$VERSION" "$BIN_DIR/.wren.$$.tmp"
mv -f "$BIN_DIR/.wren.$$.tmp" "$BIN_LINK"
DONE=1

if [ -n "$CURRENT" ]; then say "Wren $CURRENT -> $VERSION installed: $BIN_LINK"; else say "Wren $VERSION installed: $BIN_LINK"; fi
case ":${PATH:-}:" in
  *":$BIN_DIR:"*) ;;
  *) say "add $BIN_DIR to your PATH, e.g.: echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.profile" ;;
esac
