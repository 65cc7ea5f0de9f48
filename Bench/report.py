#!/usr/bin/env python3
"""Summarises `bench` JSON lines: a table against the reference engines, or a baseline comparison.

  report.py table RESULTS.jsonl [--references references.json]
  report.py compare BASELINE.jsonl RESULTS.jsonl [--threshold 0.05]
  report.py check-quiet RESULTS.jsonl

Both exit 1 when a `matches` figure is wrong (differs from the reference table at full scale, from
the run's own expectation, or between the baseline and the current tree).
"""
import argparse
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Below this share of wall time on a CPU, other processes took the core during a run.
BUSY_CPU_SHARE = 0.9


def load_runs(path):
    """Result lines grouped by scenario, in first-seen order; other lines are reported and skipped."""
    runs = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{number}: not a JSON result line: {e}")
            if not isinstance(row, dict) or "scenario" not in row or "events_per_sec" not in row:
                sys.exit(f"{path}:{number}: not a bench result line (no scenario/events_per_sec)")
            runs.setdefault(row["scenario"], []).append(row)
    return runs


def summary(rows, key="events_per_sec"):
    """(median, min, max) of one field over a scenario's runs, ignoring nulls."""
    values = [r[key] for r in rows if r.get(key) is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def expected_matches(row, references):
    """The count a result must have: its own expectation, else the table's at full scale."""
    if row.get("expected_matches") is not None:
        return row["expected_matches"]
    ref = references.get(row["scenario"])
    if ref and ref["patterns"] == row["patterns"] and ref["events"] == row["events"]:
        return ref["matches"]
    return None


def busy_note(rows):
    """' (busy: 62% CPU)' when some run's thread was off the CPU, else ''."""
    shares = [r["cpu_share"] for r in rows if r.get("cpu_share") is not None]
    if shares and min(shares) < BUSY_CPU_SHARE:
        return f" (busy: {min(shares):.0%} CPU)"
    return ""


def fmt_rate(value):
    return "-" if value is None else f"{value:,.0f}"


def cmd_table(args):
    with open(args.references) as f:
        references = json.load(f)["scenarios"]
    runs = load_runs(args.results)
    header = ["scenario", "matches", "check", "events/s", "MB/s", "allocs/ev", "best reference",
              "ratio", "target", "meets"]
    table = [header]
    wrong = []
    for scenario, rows in runs.items():
        counts = {r["matches"] for r in rows}
        expected = expected_matches(rows[0], references)
        if len(counts) > 1:
            check = "UNSTABLE"
            wrong.append(f"{scenario}: runs disagree on matches: {sorted(counts)}")
        elif expected is None:
            check = "unchecked"
        elif expected == rows[0]["matches"]:
            check = "ok"
        else:
            check = f"MISMATCH (want {expected:,})"
            wrong.append(f"{scenario}: matches {rows[0]['matches']} but expected {expected}")
        rate = summary(rows)[0]
        mbps = summary(rows, "mb_per_sec")
        allocs = summary(rows, "allocs_per_event")
        ref = references.get(scenario)
        full_scale = ref and ref["patterns"] == rows[0]["patterns"] and ref["events"] == rows[0]["events"]
        best_engine, best_rate, target = None, None, None
        if full_scale:
            rates = {k: v for k, v in ref["events_per_sec"].items() if v is not None}
            best_engine = max(rates, key=rates.get)
            best_rate = rates[best_engine]
            target = ref.get("target_events_per_sec")
        table.append([
            scenario,
            f"{rows[0]['matches']:,}",
            check,
            fmt_rate(rate) + (f" (median of {len(rows)})" if len(rows) > 1 else "") + busy_note(rows),
            "-" if mbps is None else f"{mbps[0]:.1f}",
            "n/a" if allocs is None else f"{allocs[0]:.2f}",
            "-" if best_rate is None else f"{best_rate:,} ({best_engine})",
            "-" if best_rate is None else f"{rate / best_rate:.2f}x",
            "-" if target is None else f"{target:,}",
            "-" if target is None else ("yes" if rate >= target else "no"),
        ])
    print_table(table)
    if any(busy_note(rows) for rows in runs.values()):
        print("note: 'busy' runs had their thread off the CPU part of the time (other processes on the "
              "machine); their events/s understate the matcher.")
    for line in wrong:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if wrong else 0


def verdict(base, current, threshold):
    """Noise-aware verdict between two (median, min, max) summaries.

    A change counts only when it is at least `threshold` of the baseline median AND the two runs'
    min-max ranges do not overlap; otherwise the runs cannot tell the trees apart.
    """
    change = (current[0] - base[0]) / base[0]
    overlap = current[1] <= base[2] and base[1] <= current[2]
    if abs(change) < threshold or overlap:
        return change, "within noise"
    return change, "faster" if change > 0 else "slower"


def spread(s):
    """Range of the runs relative to their median, as a +/- half-width."""
    return (s[2] - s[1]) / 2 / s[0] if s[0] else 0.0


def cmd_compare(args):
    base_runs = load_runs(args.baseline)
    cur_runs = load_runs(args.results)
    table = [["scenario", "baseline events/s", "current events/s", "change", "verdict",
              "allocs/ev base -> now", "matches"]]
    wrong = []
    for scenario, rows in cur_runs.items():
        cur = summary(rows)
        base_rows = base_runs.get(scenario)
        cur_allocs = summary(rows, "allocs_per_event")
        if not base_rows:
            table.append([scenario, "-", f"{fmt_rate(cur[0])} ±{spread(cur):.1%} (n={len(rows)})",
                          "-", "no baseline", "-", f"{rows[0]['matches']:,}"])
            continue
        base = summary(base_rows)
        change, word = verdict(base, cur, args.threshold)
        if busy_note(base_rows + rows):
            # Wall-clock rates of a run that lost the CPU say nothing about the code.
            word = "inconclusive"
        base_counts = {r["matches"] for r in base_rows}
        cur_counts = {r["matches"] for r in rows}
        if base_counts != cur_counts or len(cur_counts) > 1:
            matches = f"CHANGED {sorted(base_counts)} -> {sorted(cur_counts)}"
            wrong.append(f"{scenario}: matches changed from {sorted(base_counts)} to {sorted(cur_counts)}")
        else:
            matches = f"{rows[0]['matches']:,} (same)"
        base_allocs = summary(base_rows, "allocs_per_event")
        allocs = f"{'n/a' if base_allocs is None else f'{base_allocs[0]:.2f}'} -> " \
                 f"{'n/a' if cur_allocs is None else f'{cur_allocs[0]:.2f}'}"
        table.append([
            scenario,
            f"{fmt_rate(base[0])} ±{spread(base):.1%} (n={len(base_rows)})",
            f"{fmt_rate(cur[0])} ±{spread(cur):.1%} (n={len(rows)})",
            f"{change:+.1%}",
            word + busy_note(base_rows + rows),
            allocs,
            matches,
        ])
    print_table(table)
    print(f"verdict: a change counts when it is >= {args.threshold:.0%} of the baseline median and the "
          f"two sets of runs' min-max ranges do not overlap; ± is half the min-max range over the median; "
          f"inconclusive when a run's thread was on a CPU < {BUSY_CPU_SHARE:.0%} of the time.")
    if any(busy_note(rows + base_runs.get(s, [])) for s, rows in cur_runs.items()):
        print("note: 'busy' marks comparisons where some run's thread was off the CPU (other processes on "
              "the machine): rerun when it is quiet, or compare instruction counts with callgrind.")
    for line in wrong:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if wrong else 0


def cmd_check_quiet(args):
    """Exit 1 (with the scenarios named) when some run of RESULTS was busy."""
    busy = [f"{s}{busy_note(rows)}" for s, rows in load_runs(args.results).items() if busy_note(rows)]
    for line in busy:
        print(f"busy run: {line}", file=sys.stderr)
    return 1 if busy else 0


def print_table(rows):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("table", help="results next to the reference engines")
    t.add_argument("results")
    t.add_argument("--references", default=os.path.join(HERE, "references.json"))
    c = sub.add_parser("compare", help="results against a saved baseline")
    c.add_argument("baseline")
    c.add_argument("results")
    c.add_argument("--threshold", type=float, default=0.05, help="smallest relative change that counts")
    q = sub.add_parser("check-quiet", help="fail when some run lost the CPU to other processes")
    q.add_argument("results")
    args = ap.parse_args()
    commands = {"table": cmd_table, "compare": cmd_compare, "check-quiet": cmd_check_quiet}
    sys.exit(commands[args.command](args))


if __name__ == "__main__":
    main()
