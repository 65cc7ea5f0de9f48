#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the repository's own inputs (nothing is committed).

Usage: Fuzz/make_seeds.py OUT_DIR   (run.sh calls it with Fuzz/.build/seeds)

  pattern   every pattern file under Patterns/ and every conformance-case pattern
  matcher   "pattern\\nrecord" for each conformance case (its own event), and each pattern
            with a sample event, alone and with the next pattern ("p1\\np2\\nrecord")
  sources   every sample event under Samples/ and every conformance event
  criteria  the FilterCriteria, mapping and template fixtures (JSON and YAML) of the tests
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "conformance" / "cases.jsonl"


def minified(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def write(directory, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "Fuzz" / ".build" / "seeds")
    patterns, events, pairs = [], [], []
    for path in sorted((ROOT / "Patterns").rglob("*.json")):
        if path.name != "manifest.json":
            patterns.append(path.read_text())
    for path in sorted((ROOT / "Samples").rglob("*.json")):
        events.append(path.read_text())
    if CASES.exists():
        for line in CASES.read_text().splitlines():
            case = json.loads(line)
            patterns += case["patterns"]
            if case.get("event") is not None:
                events.append(minified(case["event"]))
                for pattern in case["patterns"]:
                    try:
                        pairs.append((minified(json.loads(pattern)), minified(case["event"])))
                    except ValueError:
                        pass
            elif case.get("event_text"):
                events.append(case["event_text"])
    for text in patterns:
        write(out / "pattern", text)
    for text in events:
        write(out / "sources", text)
    # Pair each pattern with a few events (minified, one a line), and with the next pattern.
    one_line = []
    for text in patterns:
        try:
            one_line.append(minified(json.loads(text)))
        except ValueError:
            pass
    records = []
    for text in events:
        try:
            records.append(minified(json.loads(text)))
        except ValueError:
            pass
    for pattern, record in pairs:
        write(out / "matcher", pattern + "\n" + record)
    for index, pattern in enumerate(one_line):
        record = records[index % len(records)] if records else "{}"
        write(out / "matcher", pattern + "\n" + record)
        write(out / "matcher", pattern + "\n" + one_line[(index + 1) % len(one_line)] + "\n" + record)
    fixtures = [ROOT / "Tests" / "LambdaFilterCLITests" / "Fixtures", ROOT / "Tests" / "LambdaFilterCriteriaTests" / "Golden"]
    for directory in fixtures:
        for path in sorted(directory.rglob("*")):
            if path.suffix in (".json", ".yaml", ".yml") and path.stat().st_size < 64 * 1024:
                write(out / "criteria", path.read_bytes())
    for target in ("pattern", "matcher", "sources", "criteria"):
        print(f"{target}: {len(list((out / target).iterdir()))} seeds")


if __name__ == "__main__":
    main()
