#!/usr/bin/env bash
# Installs what the real-editor tests and the demo need on a fresh Debian machine:
#   - Debian packages: chromium (browser for playwright-core), neovim (third-party LSP client),
#     ripgrep (seeds code-server's ripgrep download), libkrb5-dev (code-server's kerberos build),
#     unzip (the CI checks the packaged VSIX's file list), fonts-noto-color-emoji (emoji in screenshots);
#   - code-server 4.100.3 and playwright-core in their own folder `.harness/` (gitignored), so the
#     extension's own `npm ci` stays small and fast.
# Idempotent: each step is skipped when its result is already present. Prints timings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
H="${PREFLIGHT_HARNESS_DIR:-$ROOT/.harness}"
CODE_SERVER_VERSION="4.100.3"
PLAYWRIGHT_VERSION="1.65.1"
RIPGREP_PACKAGE_VERSION="1.15.11"
RIPGREP_TARBALL="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
APT_PACKAGES=(chromium neovim ripgrep libkrb5-dev unzip fonts-noto-color-emoji)

t_start=$SECONDS
step_start=$SECONDS
say() { printf '[setup-editor] %s\n' "$*"; }
took() { say "$1 took $((SECONDS - step_start)) s"; step_start=$SECONDS; }

# ------------------------------------------------------------------ Debian packages
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      say "ERROR: missing Debian packages (${missing[*]}) and not root / no sudo"; exit 1
    fi
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  took "apt-get install"
else
  say "Debian packages already installed: ${APT_PACKAGES[*]}"
fi

# ------------------------------------------------------------------ code-server + playwright-core
installed_version() {
  node -p "try { require('$H/node_modules/$1/package.json').version } catch { '' }" 2>/dev/null
}
if [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] &&
   [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] &&
   [ -x "$H/node_modules/.bin/code-server" ]; then
  say "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already in $H"
else
  mkdir -p "$H"
  # @vscode/ripgrep's postinstall downloads from GitHub (unreachable here); it first looks in this
  # cache folder, so seed it with Debian's rg 13.0.0 packed the way the download would be.
  RGC="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  if [ ! -f "$RGC/$RIPGREP_TARBALL" ]; then
    mkdir -p "$RGC"
    t="$(mktemp -d)"
    cp /usr/bin/rg "$t/rg"
    tar czf "$RGC/$RIPGREP_TARBALL" -C "$t" rg
    rm -rf "$t"
  fi
  [ -f "$H/package.json" ] || echo '{"name":"preflight-editor-harness","private":true}' > "$H/package.json"
  say "installing code-server $CODE_SERVER_VERSION + playwright-core $PLAYWRIGHT_VERSION into $H"
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which ~/.npmrc's yes=false would cancel.
  (cd "$H" && npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
    npm install --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
  took "npm install (code-server)"
fi

# ------------------------------------------------------------------ verify
say "code-server $(installed_version code-server), playwright-core $(installed_version playwright-core)"
/usr/bin/chromium --version 2>/dev/null | sed 's/^/[setup-editor] /'
nvim --version | head -1 | sed 's/^/[setup-editor] /'
say "done in $((SECONDS - t_start)) s"
