#!/usr/bin/env bash
# Re-records chant's own verdict on every spec of the workspaces listed in
# tests/fixtures/chant-verdicts/workspaces.txt: before any fix, after `chant-lsp check --fix`
# and after `chant-lsp check --fix --unsafe-fixes`. tests/it/parity/fix_safety.rs holds chant-lsp's fixes
# (and its model of chant's verdict) to these records.
#
#   CHANT=/path/to/chant scripts/record-chant-verdicts.sh
#
# CHANT must be chant 0.23.2; this script runs it and never builds it. CHANT_LSP is the
# chant-lsp binary to run (default target/debug/chant-lsp, built with `cargo build` if absent).
# Per spec (every `*.md` directly in .chant/specs/, what `chant lint` reads) a record says whether
# chant loads it (`chant export` lists it), its title, and its `chant lint --format json`
# findings counted by severity and rule. The `safe` and `unsafe` sections list only the specs
# whose verdict differs from `before`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
chant=${CHANT:?set CHANT to a chant 0.23.2 binary}
lsp=${CHANT_LSP:-$root/target/debug/chant-lsp}
if [ ! -x "$lsp" ]; then (cd "$root" && cargo build --quiet); fi
out=$root/tests/fixtures/chant-verdicts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A fresh copy of workspace folder $1 with layout $2, at $tmp/ws.
prepare() {
  rm -rf "$tmp/ws"
  cp -r "$root/$1" "$tmp/ws"
  if [ -d "$tmp/ws/_chant" ]; then mv "$tmp/ws/_chant" "$tmp/ws/.chant"; fi
  if [ "$2" = flatten ]; then
    find "$tmp/ws/.chant/archive" -name '*.md' | while read -r f; do
      if [ -e "$tmp/ws/.chant/specs/$(basename "$f")" ]; then echo "two specs named $(basename "$f")" >&2; exit 1; fi
      mv "$f" "$tmp/ws/.chant/specs/"
    done
    rm -rf "$tmp/ws/.chant/archive"
  fi
}

# chant's verdict on the copy, one line per spec: id, loads|fails, title, lint findings.
verdict() {
  (cd "$tmp/ws" && { "$chant" lint --format json >"$tmp/lint.json" 2>/dev/null || true; })
  (cd "$tmp/ws" && { "$chant" export --format json --fields id,title >"$tmp/export.json" 2>/dev/null || true; })
  (cd "$tmp/ws/.chant/specs" && find . -maxdepth 1 -name '*.md' -type f | sed 's|^\./||; s|\.md$||' | sort) >"$tmp/ids"
  python3 - "$tmp" <<'PY'
import collections, json, sys
tmp = sys.argv[1]
def load(name):
    try:
        return json.load(open(f"{tmp}/{name}"))
    except ValueError:
        return None
lint = load("lint.json") or {"diagnostics": []}
exported = load("export.json") or []
titles = {e["id"]: e.get("title") for e in exported}
found = collections.defaultdict(collections.Counter)
for d in lint["diagnostics"]:
    found[d["spec_id"]][f'{d["severity"]}:{d["rule"]}'] += 1
for spec in open(f"{tmp}/ids").read().split():
    loads = spec in titles
    title = titles.get(spec)
    title = "-" if title is None else title.replace("\\", "\\\\").replace("\t", "\\t")
    counts = found.get(spec, {})
    lint_text = " ".join(k if n == 1 else f"{k}x{n}" for k, n in sorted(counts.items())) or "-"
    print(f'{spec}\t{"loads" if loads else "fails"}\t{title}\t{lint_text}')
PY
}

grep -v '^#' "$out/workspaces.txt" | while IFS=$'\t' read -r name folder layout; do
  prepare "$folder" "$layout"
  verdict >"$tmp/before"
  (cd "$tmp/ws" && { "$lsp" check --fix . >/dev/null 2>&1 || true; })
  verdict >"$tmp/safe"
  prepare "$folder" "$layout"
  (cd "$tmp/ws" && { "$lsp" check --fix --unsafe-fixes . >/dev/null 2>&1 || true; })
  verdict >"$tmp/unsafe"
  {
    echo "# chant's verdict on $folder ($layout), recorded by scripts/record-chant-verdicts.sh."
    echo "# state, spec, loads|fails, title, chant lint findings (severity:rule, xN when repeated)"
    sed 's/^/before\t/' "$tmp/before"
    for state in safe unsafe; do
      # Only what differs from `before`.
      diff --unchanged-line-format= --old-line-format= --new-line-format='%L' "$tmp/before" "$tmp/$state" | sed "s/^/$state\t/" || true
    done
  } >"$out/$name.txt"
  echo "$name: $(wc -l <"$tmp/before") specs, $(grep -c '^safe' "$out/$name.txt" || true) changed by safe fixes, $(grep -c '^unsafe' "$out/$name.txt" || true) by unsafe ones"
done
