#!/usr/bin/env bash
# End-to-end test of `chant-lsp mcp` with the official MCP Python SDK (`mcp` from PyPI) as the
# client: lists the tools and calls every one on a copy of tests/fixtures/mcp (its _chant folder
# renamed .chant, so that checking tests/fixtures does not find it), comparing each
# answer with editors/mcp/test/expected.json.
#
#   bash editors/mcp/test/run.sh [SERVER_BINARY] [--record]   (default: target/release/chant-lsp)
#
# Builds nothing: build the server first (cargo build --release). The SDK is installed into a
# venv at $CHANT_MCP_VENV (default target/mcp-venv in this checkout) on the first run and reused.
# --record rewrites expected.json from what the server answers (review the diff before committing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"
server="$(server_binary "${1:-}")"
shift || true

# The SDK version the expectations were recorded with; a newer one is tried by changing this.
sdk_version="2.3.0"
venv="${CHANT_MCP_VENV:-$repo/target/mcp-venv}"
if ! "$venv/bin/python" -c "import mcp, importlib.metadata as m; assert m.version('mcp') == '$sdk_version'" 2>/dev/null; then
  echo "== installing the MCP Python SDK $sdk_version into $venv"
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    # Debian/Ubuntu ship venv separately; install it when we may.
    debian_packages python3-venv
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir "mcp==$sdk_version"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R "$repo/tests/fixtures/mcp" "$tmp/workspace"
mv "$tmp/workspace/_chant" "$tmp/workspace/.chant"
timeout 120 "$venv/bin/python" "$here/test_mcp.py" "$server" "$tmp/workspace" "$here/expected.json" "$@"
