#!/bin/sh
# Runs GuideQA's libFuzzer targets (issue 7), each for a fixed time budget.
#
#   fuzz/run.sh                 # every target, 60 s each
#   FUZZ_SECONDS=10 fuzz/run.sh query jsonl
#
# Builds Sources/GuideQAFuzz with --sanitize=fuzzer (libFuzzer + AddressSanitizer) and
# -DFUZZING into its own scratch path (.build-fuzz), so the normal build is untouched.
# Seeds: fuzz/seeds/<target>/ (read-only); inputs libFuzzer finds interesting go to
# .build-fuzz/corpus/<target>/; crashes to fuzz/crashes/<target>/ (turn each into a
# regression test in Tests/GuideQATests/FuzzRegressionTests.swift).
# Replay one input without the fuzzer: GUIDEQA_FUZZ_TARGET=query swift run GuideQAFuzz FILE
set -eu
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
SCRATCH=.build-fuzz
TARGETS=${*:-corpus-document jsonl analyzer query check-script index-file}

build() { swift build --scratch-path "$SCRATCH" --product GuideQAFuzz --sanitize=fuzzer -Xswiftc -DFUZZING; }
# SwiftPM 6.3 sometimes refuses a second build in a scratch path ("unknown build
# description"); dropping its build description (not the objects) fixes it.
build || { rm -f "$SCRATCH"/*/debug/description.json "$SCRATCH/build.db"; build; }
BIN="$SCRATCH/debug/GuideQAFuzz"

# The index-file seed (fuzz/seeds/index-file/small.index) is a real index file of
# fuzz/seeds/corpus-document/guideline.md: 'guideqa index --corpus … --output …'.

status=0
for target in $TARGETS; do
    mkdir -p "$SCRATCH/corpus/$target" "fuzz/crashes/$target"
    echo "== $target: ${SECONDS_PER_TARGET}s"
    if ! GUIDEQA_FUZZ_TARGET=$target "$BIN" "$SCRATCH/corpus/$target" "fuzz/seeds/$target" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -artifact_prefix="fuzz/crashes/$target/" -print_final_stats=1 2>"$SCRATCH/$target.log"; then
        status=1
        echo "   FINDING: see $SCRATCH/$target.log and fuzz/crashes/$target/"
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^Done|ERROR:" "$SCRATCH/$target.log" | sed 's/^/   /' || true
done
exit $status
