#!/usr/bin/env bash
# The pre-commit hook as a user runs it: pre-commit (from PyPI, in a venv under target/) runs
# this repository's `chant-lsp-check-system` hook in a throw-away git repository holding a chant
# workspace, with the given chant-lsp binary on PATH. Only the staged specs are reported and an
# error-level finding fails the hook.
#
#   bash .ci/pre-commit-hook.sh target/release/chant-lsp
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
binary=$(realpath "${1:-target/release/chant-lsp}")
venv=$repo/target/ci-pre-commit/venv
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pre-commit==4.7.0
fi
export PRE_COMMIT_HOME=$repo/target/ci-pre-commit/home

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin" "$work/ws/.chant/specs"
ln -s "$binary" "$bin/chant-lsp"
cd "$work/ws"
git init -q .
printf -- '---\ntype: code\nstatus: pending\n---\n# Good\n\n## Acceptance Criteria\n\n- [ ] done\n' > .chant/specs/001-good.md
printf -- '---\ntype: docs\nstatus: pending\n---\n# Bad\n' > .chant/specs/002-bad.md
printf -- '---\ntype: bogus\n---\n# Not staged\n' > .chant/specs/003-unstaged.md
printf '# notes\n' > notes.md
git add .chant/specs/001-good.md .chant/specs/002-bad.md notes.md

status=0
out=$(PATH="$bin:$PATH" "$venv/bin/pre-commit" try-repo "$repo" chant-lsp-check-system 2>&1) || status=$?
echo "$out"
expected=".chant/specs/002-bad.md:2:7: error[invalid-value]: \`docs\` is not a valid \`type\`"
if [ "$status" -ne 1 ] || ! grep -qF "$expected" <<<"$out" || ! grep -qF "1 error, 0 warnings in 2 specs" <<<"$out" \
  || grep -qF 003-unstaged <<<"$out"; then
  echo "pre-commit hook: expected exit 1 with only the two staged specs reported (got exit $status)" >&2
  exit 1
fi
echo "pre-commit hook: ok"
