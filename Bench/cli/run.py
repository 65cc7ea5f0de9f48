#!/usr/bin/env python3
"""Times `lambda-filter test` end to end on Lambda-shaped inputs, beside the matcher's Bench figure.

    python3 Bench/cli/run.py [--binary PATH] [--data DIR] [--bench PATH] [--runs N]
                             [--record FILE | --check FILE] [SCENARIO...]

Inputs come from make_inputs.py (run first; `Bench/cli/run.sh` does both). Each scenario runs
`lambda-filter test -q` on one file and reports wall time, records/s, CPU share (of one core:
200% is both cores) and peak memory. With --bench, the Bench binary times the same patterns on the
raw records on one thread (`bench --seconds 3 --warmup 1`), and each CLI figure is given as a ratio
of it: the issue-12 targets are >= 1.0x for raw JSON Lines and >= 0.6x for SQS/Kinesis/DynamoDB.
On a busy machine both figures lose CPU time, so the last column compares records per CPU-second
(the CLI's user + system time) with Bench events per CPU-second (events/s over its cpu_share):
the cost per record, whatever else runs; the CLI spreads it over both cores.

--record FILE writes, per scenario, the SHA-256 of `--format json` output (every verdict, in
order) and the verdict counts; --check FILE compares them with a recorded file and exits 1 on a
difference. Record with the binary of the tree before a change, check with the one after.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def patterns(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def scenarios(cli):
    b = os.path.join(cli, "b_lambda_5")
    a = os.path.join(cli, "a_exact_1")
    b_patterns = [arg for p in patterns(os.path.join(b, "patterns.jsonl")) for arg in ("-p", p)]
    k_patterns = [arg for p in patterns(os.path.join(b, "kinesis-patterns.jsonl")) for arg in ("-p", p)]
    a_patterns = [arg for p in patterns(os.path.join(a, "patterns.jsonl")) for arg in ("-p", p)]
    common = ["--dialect", "eventbridge"]
    return {
        # name: (arguments, bench scenario the ratio is taken against)
        "raw": (["--source", "raw"] + common + b_patterns + [os.path.join(b, "raw.jsonl")], "b_lambda_5"),
        "sqs": (["--source", "sqs"] + common + b_patterns + [os.path.join(b, "sqs.jsonl")], "b_lambda_5"),
        "sqs-events": (common + b_patterns + [os.path.join(b, "sqs-events.jsonl")], "b_lambda_5"),
        "kinesis": (["--source", "kinesis"] + common + k_patterns + [os.path.join(b, "kinesis.jsonl")], "b_lambda_5"),
        "dynamodb": (["--source", "dynamodb"] + common + a_patterns + [os.path.join(a, "dynamodb.jsonl")], "a_exact_1"),
    }


def run_timed(command):
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def digest(binary, arguments):
    process = subprocess.run([binary, "test", "--format", "json"] + arguments, capture_output=True)
    counts = {}
    for line in process.stdout.splitlines():
        row = json.loads(line)
        counts[row.get("verdict", "?")] = counts.get(row.get("verdict", "?"), 0) + 1
    return {"sha256": hashlib.sha256(process.stdout).hexdigest(), "verdicts": counts, "exit": process.returncode}


def bench_figure(bench, data, scenario):
    out = subprocess.run([bench, "--patterns", os.path.join(data, scenario, "patterns.jsonl"),
                          "--events", os.path.join(data, scenario, "events.jsonl"),
                          "--seconds", "3", "--warmup", "1", "--json-only"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "lambda-filter"))
    parser.add_argument("--data", default=os.path.join(ROOT, "Bench", ".build", "bench-data"))
    parser.add_argument("--bench", help="the Bench binary, for the single-thread figure and ratios")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--before", help="another lambda-filter binary (the tree before a change), timed alternately")
    parser.add_argument("--record")
    parser.add_argument("--check")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    cli = os.path.join(args.data, "cli")
    table = scenarios(cli)
    names = args.names or list(table)

    if args.record or args.check:
        recorded = {}
        if args.check:
            with open(args.check) as f:
                recorded = json.load(f)
        found, failed = {}, False
        for name in names:
            found[name] = digest(args.binary, table[name][0])
            if args.check:
                same = recorded.get(name) == found[name]
                failed |= not same
                print(f"{name}: {'same verdicts' if same else 'DIFFERENT verdicts'} {found[name]['verdicts']}")
        if args.record:
            with open(args.record, "w") as f:
                json.dump(found, f, indent=1, sort_keys=True)
                f.write("\n")
        sys.exit(1 if failed else 0)

    figures = {}
    binaries = [("before", args.before), ("after", args.binary)] if args.before else [("", args.binary)]
    print("| input | binary | records | wall s | records/s | CPU | records per CPU-s | peak MB | Bench events/s | ratio | per CPU-s ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        arguments, scenario = table[name]
        if args.bench and scenario not in figures:
            line = bench_figure(args.bench, args.data, scenario)
            figures[scenario] = (line["events_per_sec"], line["events_per_sec"] / max(line["cpu_share"], 1e-9))
        records = count_lines(arguments[-1]) * (10 if name == "sqs-events" else 1)
        best = {}
        for _ in range(args.runs):
            for label, binary in binaries:
                wall, cpu, rss, status = run_timed([binary, "test", "-q"] + arguments)
                if status not in (0, 1):
                    sys.exit(f"{name}: {binary} exited {status}")
                if label not in best or wall < best[label][0]:
                    best[label] = (wall, cpu, rss)
        for label, _ in binaries:
            wall, cpu, rss = best[label]
            rate = records / wall
            bench, bench_per_cpu = figures.get(scenario, (None, None))
            ratio = f"{rate / bench:.2f}x" if bench else "-"
            cpu_ratio = f"{records / cpu / bench_per_cpu:.2f}x" if bench else "-"
            print(f"| {name} | {label or '-'} | {records:,} | {wall:.2f} | {rate:,.0f} | {100 * cpu / wall:.0f}% | {records / cpu:,.0f} | "
                  f"{rss:.0f} | {f'{bench:,} ({scenario})' if bench else '-'} | {ratio} | {cpu_ratio} |", flush=True)


if __name__ == "__main__":
    main()
