#!/usr/bin/env python3
"""Checks the editor configurations no real client loads in CI: that each file parses and
starts `chant-lsp` for Markdown. Helix: no Helix build comes from the registries CI reaches.
Sublime Text: proprietary, not installable. Crush: its npm package downloads the binary from
GitHub at install time, and no registry ships it. Also the generic MCP configuration's shape
(Claude Code reads it for real in editors/claude-code/test/run.sh).
Usage: python3 editors/test/check_configs.py"""

import json
import re
import sys
import tomllib
from pathlib import Path

EDITORS = Path(__file__).resolve().parent.parent
failures = []
checks = 0


def check(name, ok, detail):
    global checks
    checks += 1
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
    if not ok:
        failures.append(name)


def helix():
    config = tomllib.loads((EDITORS / "helix/languages.toml").read_text())
    server = config.get("language-server", {}).get("chant-lsp", {})
    check("helix server", server.get("command") == "chant-lsp", f"language-server.chant-lsp = {server}")
    markdown = [lang for lang in config.get("language", []) if lang.get("name") == "markdown"]
    servers = markdown[0].get("language-servers", []) if markdown else []
    check("helix markdown", "chant-lsp" in servers, f"markdown language-servers = {servers}")


def sublime():
    text = (EDITORS / "sublime/LSP.sublime-settings").read_text()
    # Sublime settings are JSON with // comments (none of ours sit inside strings).
    config = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))
    client = config.get("clients", {}).get("chant-lsp", {})
    check("sublime client", client.get("command") == ["chant-lsp"], f"command = {client.get('command')}")
    check("sublime selector", "markdown" in client.get("selector", ""), f"selector = {client.get('selector')}")


# The keys Crush's configuration schema allows for a language server and an MCP server.
CRUSH_LSP_KEYS = {"disabled", "command", "args", "env", "filetypes", "root_markers", "init_options", "options", "timeout"}
CRUSH_MCP_KEYS = {"command", "env", "args", "type", "url", "disabled", "disabled_tools", "enabled_tools", "timeout", "headers"}


def crush():
    config = json.loads((EDITORS / "crush/crush.json").read_text())
    lsp = config.get("lsp", {}).get("chant-lsp", {})
    check("crush lsp", lsp.get("command") == "chant-lsp" and "md" in lsp.get("filetypes", []), f"lsp.chant-lsp = {lsp}")
    check("crush lsp keys", set(lsp) <= CRUSH_LSP_KEYS, f"unknown keys: {sorted(set(lsp) - CRUSH_LSP_KEYS)}")
    mcp = config.get("mcp", {}).get("chant-lsp", {})
    starts = mcp.get("type") == "stdio" and mcp.get("command") == "chant-lsp" and mcp.get("args") == ["mcp"]
    check("crush mcp", starts, f"mcp.chant-lsp = {mcp}")
    check("crush mcp keys", set(mcp) <= CRUSH_MCP_KEYS, f"unknown keys: {sorted(set(mcp) - CRUSH_MCP_KEYS)}")


def generic_mcp():
    text = (EDITORS / "mcp/mcp.json").read_text()
    server = json.loads(text).get("mcpServers", {}).get("chant-lsp", {})
    check("mcp.json", server == {"command": "chant-lsp", "args": ["mcp"]}, f"mcpServers.chant-lsp = {server}")
    # The Claude Code plugin declares its MCP server with the same file.
    same = (EDITORS / "claude-code/.mcp.json").read_text() == text
    check("mcp.json = claude-code/.mcp.json", same, "identical" if same else "the two files differ")


helix()
sublime()
crush()
generic_mcp()
print(f"editor configs: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
