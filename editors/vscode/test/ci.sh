#!/usr/bin/env bash
# Everything CI runs for the VS Code extension: type check and unit tests, the stdio protocol
# test against the release server, the universal and linux-x64 .vsix builds, and the end-to-end
# test of the linux-x64 package in code-server.
#
#   bash editors/vscode/test/ci.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ext="$(cd "$here/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"
server="$(server_binary "${1:-}")"
# shellcheck source=node24.sh
. "$here/node24.sh"
echo "== node $(node --version), npm $(npm --version)"

cd "$ext"
echo "== vscode: npm ci"
npm ci --no-audit --no-fund --silent
echo "== vscode: type check + unit tests"
npm test
echo "== vscode: protocol test over stdio"
CHANT_LSP_SERVER="$server" npm run --silent test:protocol
# The packages hold only what the extension needs (see .vscodeignore).
expect_files() {
  local vsix="$1" want got
  shift
  want="$(printf '%s\n' "$@" | sort)"
  got="$(python3 -c 'import sys, zipfile; print("\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))' "$vsix")"
  if [ "$got" != "$want" ]; then
    echo "unexpected files in $vsix:" >&2
    diff <(echo "$want") <(echo "$got") >&2 || true
    exit 1
  fi
}
common=(extension.vsixmanifest '[Content_Types].xml' extension/LICENSE.txt extension/readme.md
  extension/package.json extension/out/extension.js extension/out/graphView.js)
echo "== vscode: universal package (no server inside)"
npm run --silent package >/dev/null
expect_files dist/chant-lsp.vsix "${common[@]}"
echo "== vscode: linux-x64 package (the server inside)"
if [ "$server" = "$repo/target/release/chant-lsp" ]; then
  bash "$ext/build-vsix.sh" linux-x64
else
  bash "$ext/build-vsix.sh" linux-x64 --server "$server"
fi
expect_files dist/chant-lsp-linux-x64.vsix "${common[@]}" extension/server/chant-lsp
echo "== vscode: the graph view under real mouse and keyboard input (headless Chromium)"
debian_packages chromium
node "$here/e2e/graph-input.mjs" "$(command -v chromium)" "$work/graph-input"
echo "== vscode: end-to-end in code-server (the linux-x64 package, no chant-lsp on PATH, no setting)"
CHANT_E2E_VSIX="$ext/dist/chant-lsp-linux-x64.vsix" bash "$here/e2e/run.sh" "$server"
