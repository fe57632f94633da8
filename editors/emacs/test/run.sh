#!/usr/bin/env bash
# End-to-end test of editors/emacs/chant-lsp.el in a real Emacs with eglot, in batch mode.
#
#   bash editors/emacs/test/run.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
#
# Builds nothing: build the server first (cargo build --release). Emacs, eglot and markdown-mode
# come from Debian (emacs-nox, elpa-eglot, elpa-markdown-mode), installed when missing and run
# as root; $EMACS_BIN names another Emacs that has eglot and markdown-mode on its load-path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

server="${1:-$repo/target/release/chant-lsp}"
if [ ! -x "$server" ]; then
  echo "server binary not found: $server (run cargo build --release first)" >&2
  exit 2
fi
server="$(cd "$(dirname "$server")" && pwd)/$(basename "$server")"

emacs="${EMACS_BIN:-}"
if [ -z "$emacs" ]; then
  missing=()
  for pkg in emacs-nox elpa-eglot elpa-markdown-mode; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "missing Debian packages (install them as root, or set EMACS_BIN): ${missing[*]}" >&2
      exit 2
    fi
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  emacs=emacs
fi
"$emacs" --version | head -n 1

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The shipped config starts the program named `chant-lsp`.
mkdir -p "$tmp/bin"
ln -s "$server" "$tmp/bin/chant-lsp"
cp -R "$repo/examples/oss-maintainer-workflow" "$tmp/workspace"
export HOME="$tmp/home"
mkdir -p "$HOME"
cd "$tmp"
timeout 180 "$emacs" --batch -l "$here/e2e.el" "$tmp/workspace" "$tmp/bin"
