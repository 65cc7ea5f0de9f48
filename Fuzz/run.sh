#!/usr/bin/env bash
# Builds the libFuzzer harnesses (-sanitize=fuzzer,address) and runs each for a given time.
#
#   Fuzz/run.sh                        every target, 60 s each
#   Fuzz/run.sh --seconds 600 matcher  one target for 10 minutes
#   Fuzz/run.sh --runs 10000000 pattern
#   Fuzz/run.sh --smoke                every target for 20,000 inputs from a fixed seed (CI: about
#                                      30 s in all; the same inputs every run, so CI never goes red
#                                      on a bug found by chance: longer runs are where bugs are found)
#
# Targets: pattern, matcher, sources, criteria. Seeds are generated from Patterns/, Samples/ and
# ../shared/conformance/cases.jsonl into Fuzz/.build/seeds/; what a run learns goes to
# Fuzz/.build/corpus/<target>/ (kept between runs, never committed); a crash, leak, timeout or
# disagreement stops that target, leaves its input in Fuzz/.build/artifacts/<target>/ and makes
# the script exit non-zero. Every input in Fuzz/regressions/<target>/ (committed: each one found a
# bug once) is run first, as a test. Extra libFuzzer flags go after `--`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
runs=""
smoke=0
targets=()
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --smoke) runs=20000; smoke=1; shift ;;
        --) shift; extra=("$@"); break ;;
        pattern|matcher|sources|criteria) targets+=("$1"); shift ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[[ ${#targets[@]} -eq 0 ]] && targets=(pattern matcher sources criteria)

build=Fuzz/.build
# The path dependency's build plan goes stale when the root package gains files (see Bench/README.md).
rm -f "$build"/*/release/description.json
# Fuzz/toolset.json adds -sanitize=fuzzer,address to every Swift module (the library's too, so
# its code is instrumented) and links with lld (gold fails on the instrumented objects).
swift build -c release --package-path Fuzz --toolset "$PWD/Fuzz/toolset.json" 2>&1 | tail -3
bin="$(swift build -c release --package-path Fuzz --toolset "$PWD/Fuzz/toolset.json" --show-bin-path)"
python3 Fuzz/make_seeds.py "$build/seeds" >/dev/null

status=0
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    artifacts="$build/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    limit=(-max_total_time="$seconds")
    [[ -n "$runs" ]] && limit=(-runs="$runs")
    log="$build/fuzz-$target.log"
    regressions="Fuzz/regressions/$target"
    if [[ -d "$regressions" ]] && compgen -G "$regressions/*" >/dev/null; then
        echo "== fuzz-$target: the $(ls "$regressions" | wc -l) inputs of $regressions"
        if ! "$bin/fuzz-$target" "$regressions"/* >"$log" 2>&1; then
            status=1
            echo "fuzz-$target FAILED on a regression input; log: $log"
            grep -E "Running:|Fatal error|SUMMARY" "$log" | tail -3
            continue
        fi
    fi
    [[ $smoke -eq 1 ]] && limit+=(-seed=1)
    if [[ -n "$runs" ]]; then echo "== fuzz-$target ($runs runs)"; else echo "== fuzz-$target ($seconds s)"; fi
    if "$bin/fuzz-$target" "$corpus" "$build/seeds/$target" "${limit[@]}" \
        -max_len=4096 -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" ${extra[@]+"${extra[@]}"} >"$log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^Done" "$log" | tr '\n' ' '
        echo
    else
        status=1
        echo "fuzz-$target FAILED; log: $log, input: $(ls -t "$artifacts" | head -1)"
        grep -E "ERROR|Fatal error|SUMMARY|==[0-9]+==" "$log" | head -5
    fi
done
exit $status
