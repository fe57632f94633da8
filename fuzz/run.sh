#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) at the lowest CPU priority, seeding its corpus
# with the small specs under tests/fixtures/ the first time, and prints executions, time, corpus
# size and crashes per target. Needs a nightly toolchain and `cargo install --locked cargo-fuzz`.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail

seconds="${1:-60}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spec_parse edits_analysis)

cd "$here"
# Build first, so the time printed below is fuzzing time.
nice -n 19 cargo +nightly fuzz build

for target in "${targets[@]}"; do
    corpus="$here/corpus/$target"
    if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
        mkdir -p "$corpus"
        # Specs up to 8 KiB: big agent transcripts slow every execution and add no new structure.
        find "$here/../tests/fixtures" -path '*/.chant/*' -name '*.md' -size -8k \
            -exec sh -c 'cp "$1" "$2/seed-$(cksum < "$1" | cut -d" " -f1)"' _ {} "$corpus" \;
    fi
    log="$here/artifacts/$target.log"
    mkdir -p "$here/artifacts/$target"
    start=$(date +%s)
    set +e
    nice -n 19 cargo +nightly fuzz run "$target" "$corpus" -- \
        -max_total_time="$seconds" -max_len=8192 -dict="$here/spec.dict" -print_final_stats=1 \
        -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1
    status=$?
    set -e
    elapsed=$(( $(date +%s) - start ))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    crashes=$(find "$here/artifacts/$target" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
    printf '%s: %s executions in %ss (wall, incl. start-up), corpus %s files, %s crash/timeout/oom artifacts, exit %s (log: %s)\n' \
        "$target" "$execs" "$elapsed" "$(ls "$corpus" | wc -l)" "$crashes" "$status" "$log"
done
