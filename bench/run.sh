#!/usr/bin/env bash
# Builds guideqa and guideqa-bench in release mode and measures guideqa beside SQLite
# FTS5 on the evaluation set and on synthetic corpora of 10k and 100k passages
# (1M with --million). Prints Markdown tables; keeps a copy in .bench-data/.
#
#   bench/run.sh                 eval set (all 4,766 questions), synthetic 10k and 100k
#   bench/run.sh --million       … and synthetic 1M (about 10 minutes, ~3 GB of RAM: FTS5 peaks there)
#   bench/run.sh --quick         eval set only, first 500 questions, one cold start
#   bench/run.sh --no-fts5       guideqa alone (much faster: FTS5 takes ~40 ms a question)
#
# Environment: EVAL_DIR (default ../shared/eval from the repository), DATA_DIR
# (default .bench-data, git-ignored), SCRATCH (default .build-bench, git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

million=0 quick=0 extra=()
for arg in "$@"; do
  case "$arg" in
    --million) million=1 ;;
    --quick) quick=1 ;;
    --no-fts5) extra+=(--no-fts5) ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $arg (try --help)" >&2; exit 64 ;;
  esac
done

EVAL_DIR=${EVAL_DIR:-../shared/eval}
DATA_DIR=${DATA_DIR:-.bench-data}
SCRATCH=${SCRATCH:-.build-bench}
for file in "$EVAL_DIR/corpus.jsonl" "$EVAL_DIR/queries-dev.jsonl"; do
  [[ -f $file ]] || { echo "bench/run.sh: $file not found (set EVAL_DIR)" >&2; exit 66; }
done
pkg-config --exists sqlite3 || { echo "bench/run.sh: SQLite headers missing: apt-get install -y libsqlite3-dev" >&2; exit 69; }

# Both products in one scratch folder: run finds guideqa next to guideqa-bench for
# the cold start. A scratch folder of its own keeps these builds out of the way of
# a debug build running in .build at the same time.
for product in guideqa guideqa-bench; do
  swift build -c release --scratch-path "$SCRATCH" --product "$product" --disable-build-manifest-caching >&2
done
bench="$SCRATCH/release/guideqa-bench"

mkdir -p "$DATA_DIR"
results="$DATA_DIR/results-$(date +%Y%m%d-%H%M%S).md"

synth() {   # synth PASSAGES NAME: generate once (the output is the same every time)
  local dir="$DATA_DIR/synth-$2"
  if [[ ! -s $dir/corpus.jsonl || ! -s $dir/queries.jsonl ]]; then
    "$bench" synth --passages "$1" --output "$dir" >&2
  fi
}

{
  echo "# guideqa-bench, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  dirty=$(git status --porcelain -- Sources/GuideQA | wc -l | tr -d ' ')
  echo "- source: $(git rev-parse --short HEAD)$([[ $dirty != 0 ]] && echo " + $dirty uncommitted engine files")"
  echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
  echo

  if (( quick )); then
    "$bench" run --label "eval set (first 500 questions)" --corpus "$EVAL_DIR/corpus.jsonl" \
      --queries "$EVAL_DIR/queries-dev.jsonl" --limit 500 --cold-runs 1 --bar eval "${extra[@]}"
    exit 0
  fi

  conversations=()
  [[ -f $EVAL_DIR/conversations-dev.jsonl ]] && conversations=(--conversations "$EVAL_DIR/conversations-dev.jsonl")
  "$bench" run --label "eval set: MedQuAD + PubMedQA, 16,825 passages" --corpus "$EVAL_DIR/corpus.jsonl" \
    --queries "$EVAL_DIR/queries-dev.jsonl" --bar eval "${conversations[@]}" "${extra[@]}"

  synth 10000 10k
  "$bench" run --label "synthetic, 10k passages" --corpus "$DATA_DIR/synth-10k/corpus.jsonl" \
    --queries "$DATA_DIR/synth-10k/queries.jsonl" "${extra[@]}"

  # FTS5 needs ~0.1 s a question here: 300 questions keep the run to minutes.
  synth 100000 100k
  "$bench" run --label "synthetic, 100k passages (first 300 questions)" \
    --corpus "$DATA_DIR/synth-100k/corpus.jsonl" --queries "$DATA_DIR/synth-100k/queries.jsonl" --bar synth-100k \
    --limit 300 --cold-runs 1 "${extra[@]}"

  if (( million )); then
    synth 1000000 1m
    "$bench" run --label "synthetic, 1M passages (first 100 questions)" \
      --corpus "$DATA_DIR/synth-1m/corpus.jsonl" --queries "$DATA_DIR/synth-1m/queries.jsonl" \
      --limit 100 --warmup 10 --cold-runs 1 --bar million "${extra[@]}"
  fi
} | tee "$results"
echo "bench/run.sh: results kept in $results" >&2
