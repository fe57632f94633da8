#!/usr/bin/env bash
# Installs a chant-lsp release binary for this machine into a folder, checking the archive
# against its published SHA-256: the GitHub Action's install step, usable on its own.
#
#   scripts/install-release.sh VERSION DEST [REPOSITORY]
#
# VERSION is `latest` or a release version (`0.1.0` or `v0.1.0`); DEST is created and gets the
# `chant-lsp` binary; REPOSITORY (owner/name) is where the releases are published.
# CHANT_LSP_RELEASE_BASE replaces https://github.com/REPOSITORY/releases (a mirror, or a folder
# of built archives as file://PATH, where `latest` and each version are subfolders).
set -euo pipefail

version=${1:?usage: install-release.sh VERSION DEST [REPOSITORY]}
dest=${2:?usage: install-release.sh VERSION DEST [REPOSITORY]}
repository=${3:-REPLACE-WITH-OWNER/chant-lsp}
base=${CHANT_LSP_RELEASE_BASE:-https://github.com/$repository/releases}

# The Rust target of each runner; Linux gets the static musl build, which runs on any distro.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) target=x86_64-pc-windows-msvc ;;
  *) echo "chant-lsp: no release binary for $(uname -s) $(uname -m); install from source with cargo install --locked chant-lsp" >&2; exit 1 ;;
esac

case "$target" in
  *windows*) archive=chant-lsp-$target.zip; exe=chant-lsp.exe ;;
  *) archive=chant-lsp-$target.tar.gz; exe=chant-lsp ;;
esac

case "$version" in
  latest) url=$base/latest/download ;;
  v*) url=$base/download/$version ;;
  *) url=$base/download/v$version ;;
esac
# A local folder of archives is laid out as latest/ and vX.Y.Z/, without the download/ step.
if [[ $base == file://* ]]; then
  url=${url/\/download\//\/}
  url=${url/\/latest\/download/\/latest}
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "chant-lsp: downloading $url/$archive"
curl --proto '=https,file' --tlsv1.2 -fsSL --retry 3 -o "$work/$archive" "$url/$archive"
curl --proto '=https,file' --tlsv1.2 -fsSL --retry 3 -o "$work/$archive.sha256" "$url/$archive.sha256"

expected=$(cut -d ' ' -f 1 < "$work/$archive.sha256")
if command -v sha256sum >/dev/null; then
  actual=$(sha256sum "$work/$archive" | cut -d ' ' -f 1)
else
  actual=$(shasum -a 256 "$work/$archive" | cut -d ' ' -f 1)
fi
if [ "$expected" != "$actual" ]; then
  echo "chant-lsp: $archive does not match its published SHA-256 ($actual, expected $expected)" >&2
  exit 1
fi

mkdir -p "$dest"
case "$archive" in
  *.zip) unzip -q -o "$work/$archive" -d "$work/unpacked" ;;
  *) mkdir -p "$work/unpacked" && tar -xzf "$work/$archive" -C "$work/unpacked" ;;
esac
# The Unix archives hold a folder named after the archive; the Windows zip is flat.
found=$(find "$work/unpacked" -type f -name "$exe" | head -n 1)
if [ -z "$found" ]; then
  echo "chant-lsp: $archive holds no $exe" >&2
  exit 1
fi
install -m 755 "$found" "$dest/$exe"
"$dest/$exe" --version
