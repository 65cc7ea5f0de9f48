#!/usr/bin/env bash
# Runs lambda-filter's benchmark over the shared scenarios and prints a table next to the
# reference engines; exits non-zero if any scenario's `matches` is wrong or a run fails.
#
#   Bench/run.sh [options] [SCENARIO...]          (default: all six)
#     --data DIR              scenario directory (default .build/bench-data, inside Bench/)
#     --scale S               generate with gen.py --scale S (default 1; another scale gets its own
#                             directory and is not checked against the reference table)
#     --seconds N             timed seconds per run (default 5)
#     --warmup N              warm-up seconds per run (default 2)
#     --runs N                runs per scenario (default 1; 3 with --save-baseline/--compare)
#     --save-baseline NAME    also write the result lines to baselines/NAME.jsonl
#     --compare NAME          compare against baselines/NAME.jsonl with a noise-aware verdict
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GEN="$BENCH_DIR/../../shared/bench/gen.py"
ALL_SCENARIOS=(a_exact_1 b_lambda_5 c_patterns_100 d_patterns_1000 e_citylots_cl2 f_numeric_suffix)

data="" scale=1 seconds=5 warmup=2 runs="" save="" compare=""
scenarios=()
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
need() { [[ $# -ge 2 && -n "$2" ]] || { echo "run.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) need "$@"; data="$2"; shift 2 ;;
    --scale) need "$@"; scale="$2"; shift 2 ;;
    --seconds) need "$@"; seconds="$2"; shift 2 ;;
    --warmup) need "$@"; warmup="$2"; shift 2 ;;
    --runs) need "$@"; runs="$2"; shift 2 ;;
    --save-baseline) need "$@"; save="$2"; shift 2 ;;
    --compare) need "$@"; compare="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) scenarios+=("$1"); shift ;;
  esac
done
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=("${ALL_SCENARIOS[@]}")
if [[ -z "$runs" ]]; then
  if [[ -n "$save" || -n "$compare" ]]; then runs=3; else runs=1; fi
fi
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs needs a positive integer" >&2; exit 2; }
for name in "$save" "$compare"; do
  [[ -z "$name" || "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "run.sh: baseline names use [A-Za-z0-9._-]" >&2; exit 2; }
done
if [[ -n "$compare" && ! -f "$BENCH_DIR/baselines/$compare.jsonl" ]]; then
  echo "run.sh: no baseline $BENCH_DIR/baselines/$compare.jsonl (make one with --save-baseline $compare)" >&2
  exit 2
fi

cd "$BENCH_DIR"
if [[ -z "$data" ]]; then
  if [[ "$scale" == 1 || "$scale" == 1.0 ]]; then data=.build/bench-data; else data=".build/bench-data-scale-$scale"; fi
fi

# Generate the scenarios once; the stamp records the scale they were generated at. gen.py writes
# only the six shared scenarios, so any other name must already exist in the data directory.
missing=0
for s in "${scenarios[@]}"; do
  if [[ -f "$data/$s/patterns.jsonl" && -e "$data/$s/events.jsonl" ]]; then continue; fi
  [[ " ${ALL_SCENARIOS[*]} " == *" $s "* ]] || { echo "run.sh: unknown scenario $s (no $data/$s)" >&2; exit 2; }
  missing=1
done
# A directory without a stamp (data made by hand) is used as it is.
stamp="$(cat "$data/.scale" 2>/dev/null || true)"
if [[ $missing == 1 || ( -n "$stamp" && "$stamp" != "$scale" ) ]]; then
  echo "generating scenarios in $data (scale $scale)..." >&2
  python3 "$GEN" --out "$data" --scale "$scale"
  echo "$scale" > "$data/.scale"
fi
for s in "${scenarios[@]}"; do
  [[ -f "$data/$s/patterns.jsonl" ]] || { echo "run.sh: unknown scenario $s (no $data/$s)" >&2; exit 2; }
done

echo "building bench (release)..." >&2
if ! swift build -c release --package-path "$BENCH_DIR" --product bench >&2; then
  # SwiftPM (6.3) can keep a stale build description for the path dependency on the root package,
  # so files added to Sources/LambdaFilter by a merge are not compiled ("cannot find type").
  # Dropping the cached descriptions makes it plan the build afresh; a real error fails again.
  echo "build failed; retrying with a fresh build plan..." >&2
  rm -f .build/*/release/description.json .build/release.yaml
  swift build -c release --package-path "$BENCH_DIR" --product bench >&2
fi
bench="$(swift build -c release --package-path "$BENCH_DIR" --show-bin-path)/bench"

mkdir -p .build/bench-results
results=".build/bench-results/$(date +%Y%m%d-%H%M%S).jsonl"
: > "$results"
failed=0
# Rounds over all scenarios rather than N runs in a row: slow drift of the machine then spreads
# over every scenario instead of biasing one.
for ((round = 1; round <= runs; round++)); do
  for s in "${scenarios[@]}"; do
    echo "run $round/$runs: $s" >&2
    if ! "$bench" --patterns "$data/$s/patterns.jsonl" --events "$data/$s/events.jsonl" \
        --seconds "$seconds" --warmup "$warmup" --json-only >> "$results"; then
      echo "run.sh: $s failed (see the message above)" >&2
      failed=1
    fi
  done
done
cp "$results" .build/bench-results/latest.jsonl

echo
status=0
python3 report.py table "$results" || status=1
if [[ -n "$compare" ]]; then
  echo
  echo "against baseline '$compare':"
  python3 report.py compare "baselines/$compare.jsonl" "$results" || status=1
fi
if [[ -n "$save" ]]; then
  # A baseline taken while other processes held the CPU would make every later comparison wrong.
  if python3 report.py check-quiet "$results"; then
    mkdir -p baselines
    cp "$results" "baselines/$save.jsonl"
    echo "saved baseline baselines/$save.jsonl" >&2
  else
    echo "run.sh: not saving baseline '$save': the machine was busy during some runs; rerun when it is quiet" >&2
    status=1
  fi
fi
echo "result lines: $BENCH_DIR/$results" >&2
[[ $failed == 0 && $status == 0 ]]
