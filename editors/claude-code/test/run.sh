#!/usr/bin/env bash
# Checks the Claude Code plugin in editors/claude-code, and the generic editors/mcp/mcp.json,
# with the real Claude Code CLI: validate, add the marketplace, install the plugin, list its
# servers, and read the project .mcp.json. None of these needs a login or a model.
#
#   bash editors/claude-code/test/run.sh [SERVER_BINARY]     (default: target/release/chant-lsp)
#
# Claude Code comes from npm (@anthropic-ai/claude-code, pinned below), installed into
# $CHANT_CLAUDE_CODE_DIR (default target/agent-e2e/claude-code in this checkout) on the first run
# and reused. Everything Claude Code writes goes to a throwaway HOME.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
plugin="$(cd "$here/.." && pwd)"
claude_code_package="@anthropic-ai/claude-code@2.1.332"

# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"
server="$(server_binary "${1:-}")"
claude="$(npm_tool "${CHANT_CLAUDE_CODE_DIR:-$repo/target/agent-e2e/claude-code}" "$claude_code_package" claude)"

tmp="$(mktemp -d)"
trap 'kill_noted_processes "$tmp/starts"; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
  XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state"
unset CLAUDE_CONFIG_DIR
# No telemetry, update checks or other calls out: the network here reaches only registries.
export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 NO_COLOR=1
mkdir -p "$HOME" "$tmp/bin" "$tmp/project"
# `chant-lsp` on PATH is the binary under test behind a wrapper that notes every start: none of
# these commands may need a running server (the MCP command, `chant-lsp mcp`, included).
noting_wrapper "$tmp/bin/chant-lsp" "$server" "$tmp/starts"
export PATH="$tmp/bin:$PATH"
cd "$tmp/project"
echo "Claude Code $(timeout 60 "$claude" --version)"

# Runs claude with the arguments given, its output into $tmp/out; fails on a non-zero exit.
run_claude() {
  echo "\$ claude $*"
  if ! timeout 120 "$claude" "$@" >"$tmp/out" 2>&1; then
    echo "FAIL: claude $* exited non-zero:" >&2
    cat "$tmp/out" >&2
    exit 1
  fi
}

# --strict turns the manifests' warnings (no author or version, unknown fields) into a failure;
# the plugin directory's own checks (an icon, for one) never fail it, hence their line below.
run_claude plugin validate --strict "$plugin"
expect_lines "$tmp/out" <<'EOF'
  ❯ mcpServers: chant-lsp stdio chant-lsp ["mcp"]
  ❯ lspServers: chant-lsp chant-lsp
✔ These checks found nothing to report
✔ Validation passed
EOF

run_claude plugin marketplace add "$plugin"
expect_lines "$tmp/out" <<'EOF'
Adding marketplace…✔ Successfully added marketplace: chant-lsp (declared in user settings)
EOF

run_claude plugin install chant-lsp@chant-lsp
expect_lines "$tmp/out" <<'EOF'
Installing plugin "chant-lsp@chant-lsp"...✔ Successfully installed plugin: chant-lsp@chant-lsp (scope: user)
EOF

run_claude plugin details chant-lsp
expect_lines "$tmp/out" <<'EOF'
Component inventory
  Skills (0)
  Agents (0)
  Hooks (0)
  MCP servers (1)  chant-lsp  (tool schemas resolved at runtime; not counted)
  LSP servers (1)  chant-lsp  (no model context cost)
EOF

# The generic configuration, as a project's .mcp.json: Claude Code reads it as a project server
# (to be approved in the first interactive session, so nothing starts here).
cp "$repo/editors/mcp/mcp.json" "$tmp/project/.mcp.json"
run_claude mcp get chant-lsp
expect_lines "$tmp/out" <<'EOF'
chant-lsp:
  Scope: Project config (shared via .mcp.json)
  Type: stdio
  Command: chant-lsp
  Args: mcp
EOF

if [ -s "$tmp/starts" ]; then
  echo "FAIL: these commands started the server:" >&2
  cat "$tmp/starts" >&2
  exit 1
fi
echo "Claude Code plugin: validated, installed, 1 LSP + 1 MCP server listed; generic .mcp.json read; no server started"
