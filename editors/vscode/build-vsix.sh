#!/usr/bin/env bash
# Builds the VS Code package for one platform with the chant-lsp server inside:
#
#   editors/vscode/build-vsix.sh TARGET [--server FILE]
#
# TARGET is a VS Code platform: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64 or
# alpine-x64. The script builds the server (release, --locked) for the matching Rust target,
# copies it to server/chant-lsp[.exe] in the extension, and writes
# editors/vscode/dist/chant-lsp-TARGET.vsix with `vsce package --target TARGET`. With
# --server FILE it packages that binary instead of building one (e.g. a binary from a release
# archive built elsewhere for TARGET).
#
# Needs: cargo (and the Rust standard library for the target: `rustup target add ...`), Node 20
# or newer with npm. The host's own target builds into target/release, like `cargo build
# --release`, so a release build already made there is reused.
set -euo pipefail
ext="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$ext/../.." && pwd)"

usage() {
  echo "usage: $0 TARGET [--server FILE]" >&2
  echo "  TARGET: linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 alpine-x64" >&2
  exit 2
}
[ $# -ge 1 ] || usage
target="$1"
shift
prebuilt=""
while [ $# -gt 0 ]; do
  case "$1" in
    --server) [ $# -ge 2 ] || usage; prebuilt="$2"; shift 2 ;;
    *) usage ;;
  esac
done

# The VS Code platform → the Rust target whose binary runs there. linux-* use glibc (the binary
# needs the glibc of the machine that built it, or newer); alpine-x64 uses musl.
case "$target" in
  linux-x64) rust_target=x86_64-unknown-linux-gnu ;;
  linux-arm64) rust_target=aarch64-unknown-linux-gnu ;;
  darwin-x64) rust_target=x86_64-apple-darwin ;;
  darwin-arm64) rust_target=aarch64-apple-darwin ;;
  win32-x64) rust_target=x86_64-pc-windows-msvc ;;
  alpine-x64) rust_target=x86_64-unknown-linux-musl ;;
  *) echo "unknown VS Code target: $target" >&2; usage ;;
esac
exe=chant-lsp
[ "$target" = win32-x64 ] && exe=chant-lsp.exe

say() { echo "== build-vsix $target: $*"; }

if [ -n "$prebuilt" ]; then
  [ -f "$prebuilt" ] || { echo "no such server binary: $prebuilt" >&2; exit 2; }
  binary="$(cd "$(dirname "$prebuilt")" && pwd)/$(basename "$prebuilt")"
  say "packaging the given server $binary (not built here; it must be built for $rust_target)"
else
  host="$(rustc -vV | sed -n 's/^host: //p')"
  if [ "$rust_target" = "$host" ]; then
    say "building the server for $rust_target (the host)"
    (cd "$repo" && cargo build --release --locked)
    binary="$repo/target/release/$exe"
  else
    # Without the target's standard library cargo fails deep in the build; say so up front.
    if [ ! -d "$(rustc --print sysroot)/lib/rustlib/$rust_target/lib" ]; then
      echo "the Rust standard library for $rust_target is not installed, so the server for $target" >&2
      echo "cannot be built here (the host is $host). Install it with: rustup target add $rust_target" >&2
      echo "(a linker for that target is needed too), or pass --server FILE with a binary built elsewhere." >&2
      exit 2
    fi
    say "building the server for $rust_target"
    (cd "$repo" && cargo build --release --locked --target "$rust_target")
    binary="$repo/target/$rust_target/release/$exe"
  fi
fi

# The extension's tools: vsce, esbuild and TypeScript from package-lock.json.
cd "$ext"
if [ ! -x node_modules/.bin/vsce ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --silent
fi

# server/ exists only while packaging, so a universal package built later never carries a
# binary for some other platform.
rm -rf server
mkdir server
trap 'rm -rf "$ext/server"' EXIT
cp "$binary" "server/$exe"
chmod 755 "server/$exe"
# The release profile keeps line tables for panic backtraces; in the package they would make the
# download four times larger. Symbols stay, so a backtrace still names its functions. A strip
# that cannot read a foreign binary (Mach-O, another architecture) leaves it as it is.
if command -v strip >/dev/null && strip --strip-debug "server/$exe" 2>/dev/null; then
  say "stripped debug info from the packaged server"
else
  say "packaging the server with its debug info (strip cannot read it here)"
fi

mkdir -p dist
out="dist/chant-lsp-$target.vsix"
say "type check"
npm run --silent typecheck
say "vsce package --target $target"
node_modules/.bin/vsce package --target "$target" -o "$out" >/dev/null
say "wrote $ext/$out ($(du -h "$out" | cut -f1))"
