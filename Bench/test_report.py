#!/usr/bin/env python3
"""Tests for report.py: python3 Bench/test_report.py"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402

REPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.py")


def row(scenario="b_lambda_5", rate=100, matches=6360, patterns=5, events=20000, cpu=1.0, **extra):
    return dict(engine="lambda-filter", scenario=scenario, patterns=patterns, events=events, matches=matches,
                events_per_sec=rate, mb_per_sec=1.0, allocs_per_event=0.0, cpu_share=cpu, **extra)


class VerdictTests(unittest.TestCase):
    CASES = [
        # (baseline (median, min, max), current, expected verdict)
        ((100, 95, 105), (120, 118, 122), "faster"),
        ((100, 95, 105), (80, 78, 82), "slower"),
        ((100, 95, 105), (104, 103, 105), "within noise"),   # under 5%
        ((100, 90, 115), (112, 111, 113), "within noise"),   # ranges overlap
        ((100, 100, 100), (106, 106, 106), "faster"),        # no spread, just over 5%
    ]

    def test_cases(self):
        for base, cur, expected in self.CASES:
            with self.subTest(base=base, cur=cur):
                self.assertEqual(report.verdict(base, cur, 0.05)[1], expected)


class ExpectationTests(unittest.TestCase):
    REFS = {"b_lambda_5": {"patterns": 5, "events": 20000, "matches": 6360}}

    def test_cases(self):
        cases = [
            (row(), 6360),
            (row(events=2000), None),                      # another scale: not checked
            (row(expected_matches=7), 7),                  # the run's own expectation wins
            (row(scenario="mine"), None),
        ]
        for r, expected in cases:
            with self.subTest(r=r):
                self.assertEqual(report.expected_matches(r, self.REFS), expected)

    def test_busy_note(self):
        self.assertEqual(report.busy_note([row(cpu=0.99), row(cpu=0.62)]), " (busy: 62% CPU)")
        self.assertEqual(report.busy_note([row(cpu=0.95)]), "")
        self.assertEqual(report.busy_note([{"scenario": "x"}]), "")  # lines without cpu_share


class CommandTests(unittest.TestCase):
    def run_report(self, *args):
        return subprocess.run([sys.executable, REPORT, *args], capture_output=True, text=True)

    def write(self, directory, name, rows):
        path = os.path.join(directory, name)
        with open(path, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)
        return path

    def test_table_fails_on_a_wrong_count(self):
        with tempfile.TemporaryDirectory() as d:
            good = self.write(d, "good.jsonl", [row()])
            bad = self.write(d, "bad.jsonl", [row(matches=6359)])
            self.assertEqual(self.run_report("table", good).returncode, 0)
            result = self.run_report("table", bad)
            self.assertEqual(result.returncode, 1)
            self.assertIn("MISMATCH", result.stdout)

    def test_compare_fails_when_matches_change_and_marks_busy_runs(self):
        with tempfile.TemporaryDirectory() as d:
            base = self.write(d, "base.jsonl", [row(rate=r) for r in (100, 101, 102)])
            same = self.write(d, "same.jsonl", [row(rate=r) for r in (130, 131, 132)])
            changed = self.write(d, "changed.jsonl", [row(rate=100, matches=1)])
            busy = self.write(d, "busy.jsonl", [row(rate=50, cpu=0.5)])
            result = self.run_report("compare", base, same)
            self.assertEqual(result.returncode, 0)
            self.assertIn("faster", result.stdout)
            self.assertEqual(self.run_report("compare", base, changed).returncode, 1)
            self.assertIn("inconclusive", self.run_report("compare", base, busy).stdout)
            self.assertEqual(self.run_report("check-quiet", busy).returncode, 1)
            self.assertEqual(self.run_report("check-quiet", same).returncode, 0)


if __name__ == "__main__":
    unittest.main()
