#!/usr/bin/env bash
# Everything CI runs for the VS Code extension: type check and unit tests, the stdio protocol
# test against the release server, the .vsix build, and the end-to-end test in code-server.
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
echo "== vscode: package"
npm run --silent package
echo "== vscode: end-to-end in code-server"
CHANT_E2E_VSIX="$ext/chant-lsp.vsix" bash "$here/e2e/run.sh" "$server"
