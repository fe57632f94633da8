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

# Installs npm package $2 (name@exact-version) into folder $1 unless it is there already, and
# prints the path of its binary $3. npm's own cache goes under $1 too, never into $HOME.
npm_tool() {
  local dir="$1" package="$2" bin="$3"
  if [ ! -x "$dir/node_modules/.bin/$bin" ] || [ "$(cat "$dir/.installed" 2>/dev/null)" != "$package" ]; then
    echo "== installing $package into $dir" >&2
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
    npm install --prefix "$dir" --cache "$dir/.npm-cache" --no-audit --no-fund --loglevel=error \
      "$package" >&2
    echo "$package" >"$dir/.installed"
  fi
  echo "$dir/node_modules/.bin/$bin"
}

# Checks that file $1 holds the lines read from stdin, whole and in that order (other lines may
# sit between them). On a mismatch prints the first missing line and the file, and returns 1.
expect_lines() {
  local file="$1" expected line at=0 n
  expected="$(cat)"
  while IFS= read -r line; do
    n="$(tail -n "+$((at + 1))" "$file" | grep -nFx -m1 -- "$line" | cut -d: -f1 || true)"
    if [ -z "$n" ]; then
      echo "FAIL: expected line not found (in order) in $1:" >&2
      echo "  $line" >&2
      echo "--- $1:" >&2
      cat "$file" >&2
      return 1
    fi
    at=$((at + n))
  done <<<"$expected"
}

# Writes to $1 a `chant-lsp` wrapper that runs binary $2 and first notes its process id and
# arguments as a line of file $3 (exec keeps the id, so the line names the server's process).
noting_wrapper() {
  cat >"$1" <<WRAPPER
#!/bin/sh
echo "\$\$ chant-lsp \$*" >>"$3"
exec "$2" "\$@"
WRAPPER
  chmod +x "$1"
}

# Waits, 10 s at most, for the processes noted in file $1 (by noting_wrapper) to end. Those still
# running then are killed, named on stderr, and the call returns 1.
noted_processes_ended() {
  local pid left=() tries=0
  [ -f "$1" ] || return 0
  while read -r pid _; do
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do
      sleep 0.1
      tries=$((tries + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      left+=("$pid")
    fi
  done <"$1"
  [ "${#left[@]}" -eq 0 ] && return 0
  echo "FAIL: server processes still running after the client exited (killed): ${left[*]}" >&2
  return 1
}

# Kills the processes noted in file $1 that still run (for an EXIT trap).
kill_noted_processes() {
  local pid
  [ -f "$1" ] || return 0
  while read -r pid _; do kill "$pid" 2>/dev/null || true; done <"$1"
}
