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

# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"
server="$(server_binary "${1:-}")"

emacs="${EMACS_BIN:-}"
if [ -z "$emacs" ]; then
  debian_packages emacs-nox elpa-eglot elpa-markdown-mode
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
