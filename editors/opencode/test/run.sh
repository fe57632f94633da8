#!/usr/bin/env bash
# End-to-end test of editors/opencode/opencode.json in the real opencode: with the shipped file
# as the project's opencode.json, `opencode debug lsp diagnostics` starts chant-lsp, opens a spec
# and prints every diagnostic the server published. No model or login is needed.
#
#   bash editors/opencode/test/run.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
#
# test/expected.txt holds the findings as `chant-lsp check examples/oss-maintainer-workflow`
# prints them (paths relative to the example); CHANT_RECORD_EXPECTED=1 re-records it from
# opencode's answer. opencode comes from npm (opencode-ai, pinned below), installed into
# $CHANT_OPENCODE_DIR (default target/agent-e2e/opencode in this checkout) on the first run and
# reused. Everything opencode writes goes to a throwaway HOME.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
opencode_package="opencode-ai@1.18.33"

# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"
server="$(server_binary "${1:-}")"
opencode="$(npm_tool "${CHANT_OPENCODE_DIR:-$repo/target/agent-e2e/opencode}" "$opencode_package" opencode)"

tmp="$(mktemp -d)"
trap 'kill_noted_processes "$tmp/starts"; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
  XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state"
# Nothing from outside: no update check, model list, server downloads, default plugins, or
# Claude Code files of the user.
export OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_MODELS_FETCH=1 OPENCODE_DISABLE_LSP_DOWNLOAD=1 \
  OPENCODE_DISABLE_DEFAULT_PLUGINS=1 OPENCODE_DISABLE_CLAUDE_CODE=1 NO_COLOR=1
unset OPENCODE_CONFIG OPENCODE_CONFIG_CONTENT OPENCODE_CONFIG_DIR
mkdir -p "$HOME" "$tmp/bin"
# The shipped file starts `chant-lsp` from PATH: put the binary under test there, behind a
# wrapper that notes each start.
noting_wrapper "$tmp/bin/chant-lsp" "$server" "$tmp/starts"
export PATH="$tmp/bin:$PATH"

# opencode treats a git repository as a project; the workspace is a scratch copy of the example.
workspace="$tmp/workspace"
cp -R "$repo/examples/oss-maintainer-workflow" "$workspace"
cp "$repo/editors/opencode/opencode.json" "$workspace/opencode.json"
git -C "$workspace" init -q
cd "$workspace"
echo "opencode $(timeout 60 "$opencode" --version)"

# The shipped file is a valid opencode configuration: opencode reads both entries back unchanged.
timeout 60 "$opencode" --pure debug config >"$tmp/config.json"
python3 - "$tmp/config.json" "$repo/editors/opencode/opencode.json" <<'EOF'
import json, sys
resolved, shipped = (json.load(open(path)) for path in sys.argv[1:3])
for key in ("lsp", "mcp"):
    if resolved.get(key) != shipped[key]:
        sys.exit(f"FAIL: opencode resolved {key} = {resolved.get(key)}, shipped {shipped[key]}")
print("opencode reads the shipped lsp and mcp entries")
EOF

spec=.chant/specs/006-upstream-pr.md
status=0
timeout 120 "$opencode" --pure debug lsp diagnostics "$spec" >"$tmp/out" 2>"$tmp/err" || status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: opencode debug lsp diagnostics exited $status" >&2
  cat "$tmp/out" "$tmp/err" >&2
  exit 1
fi
# opencode stops the server it started when it exits: nothing of this run may be left running.
noted_processes_ended "$tmp/starts"
# It started the language server once, and not the MCP server (debug lsp needs no MCP).
starts="$(cut -d' ' -f2- "$tmp/starts" 2>/dev/null | sed 's/ *$//' || true)"
if [ "$starts" != "chant-lsp" ]; then
  echo "FAIL: expected one start of 'chant-lsp', got:" >&2
  echo "$starts" >&2
  exit 1
fi
# One line per diagnostic, as `chant-lsp check` prints it, with paths relative to the workspace.
python3 - "$tmp/out" "$workspace" >"$tmp/findings" <<'EOF'
import json, sys
out, root = sys.argv[1], sys.argv[2]
severity = {1: "error", 2: "warning", 3: "information", 4: "hint"}
for path, diagnostics in sorted(json.load(open(out)).items()):
    rel = path[len(root) + 1:] if path.startswith(root + "/") else path
    for d in diagnostics:
        start = d["range"]["start"]
        sev = severity.get(d.get("severity"), "?")
        print(f"{rel}:{start['line'] + 1}:{start['character'] + 1}: {sev}[{d.get('code')}]: {d['message']}")
EOF
if [ -n "${CHANT_RECORD_EXPECTED:-}" ]; then
  cp "$tmp/findings" "$here/expected.txt"
  echo "recorded $here/expected.txt"
fi
if ! diff -u "$here/expected.txt" "$tmp/findings"; then
  echo "FAIL: opencode's findings differ from $here/expected.txt (- expected, + got)" >&2
  exit 1
fi
echo "opencode: $(wc -l <"$tmp/findings") findings as expected, through the shipped opencode.json"
