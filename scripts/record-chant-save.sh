#!/usr/bin/env bash
# Re-records what chant 0.23.2's own save writes for every spec the `fmt` tests use (the corpus,
# chant's example workspaces and tests/fixtures/fmt/specs/), into tests/fixtures/fmt/chant-save.jsonl,
# which `tests/it/cli/fmt.rs` compares `chant-lsp fmt` with, byte for byte.
#
# chant's command line has no command that loads a spec and saves it unchanged (every save follows
# a status change, a derivation or a merge), so the oracle is a load-and-save program around
# chant 0.23.2's own spec loader and `Spec::save`, kept outside this repository. Give its path as
# CHANT_SAVE. Its contract: `CHANT_SAVE ROOT OUT FILE...` loads each FILE as chant does and writes
# chant's save of it to OUT/<FILE relative to ROOT>, or, when chant cannot load it, chant's error
# to that path with `.err` appended to the file name.
#
# Each record holds chant's frontmatter as written (`---` to `---`) and where chant's body lies in
# the input file (a byte range, checked here to be exactly the body chant wrote), or chant's load
# error. Usage: CHANT_SAVE=/path/to/that/program scripts/record-chant-save.sh
set -euo pipefail
: "${CHANT_SAVE:?set CHANT_SAVE to the load-and-save program whose contract the top of this script gives}"
cd "$(dirname "$0")/../tests/fixtures"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t specs < <(
  {
    for ws in corpus-chant-2026-02-11 approval-workflow kpi-okr-workflow tdd-workflow; do
      find "$ws/.chant/specs" "$ws/.chant/archive" -name '*.md' 2>/dev/null || true
    done
    find fmt/specs -name '*.md'
  } | LC_ALL=C sort
)
"$CHANT_SAVE" . "$out" "${specs[@]}"
python3 - "$out" "${specs[@]}" > fmt/chant-save.jsonl <<'PY'
import json, os, sys
out, specs = sys.argv[1], sys.argv[2:]
for spec in specs:
    saved = os.path.join(out, spec)
    if os.path.exists(saved + ".err"):
        error = open(saved + ".err", encoding="utf-8").read().rstrip("\n")
        print(json.dumps({"spec": spec, "error": error}, ensure_ascii=False))
        continue
    written = open(saved, "rb").read()
    source = open(spec, "rb").read()
    cut = written.index(b"\n---\n", 3) + len(b"\n---\n")
    body = written[cut:]
    start = source.rfind(body) if body else len(source)
    assert start >= 0 and source[start + len(body):].strip() == b"", spec
    record = {"spec": spec, "frontmatter": written[:cut].decode("utf-8"), "body": [start, start + len(body)]}
    print(json.dumps(record, ensure_ascii=False))
PY
echo "recorded $(wc -l < fmt/chant-save.jsonl) specs into tests/fixtures/fmt/chant-save.jsonl" >&2
