# Sourced by the editor end-to-end scripts: the two chores each of them starts with.
# Expects: $repo (the checkout).

# The server binary as an absolute path: $1, or target/release/chant-lsp. Exits 2 when missing.
server_binary() {
  local server="${1:-$repo/target/release/chant-lsp}"
  if [ ! -x "$server" ]; then
    echo "server binary not found: $server (run cargo build --release first)" >&2
    exit 2
  fi
  echo "$(cd "$(dirname "$server")" && pwd)/$(basename "$server")"
}

# Installs the Debian packages named that are missing (as root); otherwise exits 2 naming them.
debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages (install them as root): ${missing[*]}" >&2
    exit 2
  fi
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
