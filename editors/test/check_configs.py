#!/usr/bin/env python3
"""Checks the editor configurations no real client loads in CI: that each file parses and
starts `chant-lsp` for Markdown. Helix: no Helix build comes from the registries CI reaches.
Sublime Text: proprietary, not installable. Usage: python3 editors/test/check_configs.py"""

import json
import re
import sys
import tomllib
from pathlib import Path

EDITORS = Path(__file__).resolve().parent.parent
failures = []


def check(name, ok, detail):
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


helix()
sublime()
print(f"editor configs: {4 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
