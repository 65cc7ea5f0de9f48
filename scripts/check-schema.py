#!/usr/bin/env python3
"""Validates schema/pattern.schema.json (and the EventBridge variant) against real patterns.

    scripts/check-schema.py .build/release/lambda-filter [../shared/conformance/cases.jsonl]

- Every pattern of the conformance corpus that AWS accepted (expect match/nomatch), every file in
  Patterns/ and a table of valid edge cases must pass the schema of its dialect (`raw` cases are
  EventBridge's, the others Lambda's).
- Every pattern AWS refused, and a table of invalid ones, whose mistake a JSON Schema can
  express (the error code `lambda-filter check` gives is in EXPRESSIBLE) must fail it. The
  others (length, $or combinations, numeric bounds out of order, wildcard complexity, CIDR
  syntax, repeated keys, text that is not JSON) are counted and listed as not expressible.
- The CLI must agree: what it accepts the schema accepts.

Needs the python module jsonschema; without it the run is a listed skip. The last line is
`schema: N passed, N failed, N skipped`.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {"lambda": ROOT / "schema/pattern.schema.json", "eventbridge": ROOT / "schema/eventbridge-pattern.schema.json"}
# Error codes of `lambda-filter check` whose cause is a shape or a type a schema can state.
EXPRESSIBLE = {
    "not-an-object", "empty-object", "empty-array", "value-not-array-or-object", "invalid-match-value",
    "unknown-operator", "multiple-operator-keys", "invalid-operand", "invalid-anything-but",
    "unsupported-in-dialect", "invalid-numeric-expression", "invalid-or",
}
# invalid-numeric-expression messages a schema cannot express (they depend on the numbers' values).
# Nor a field name reserved only inside $or branches (the schema's pattern objects are shared).
VALUE_DEPENDENT = ("Bottom must be less than top", "outside the range numeric comparisons support",
                   "is Ruler reserved fieldName")

VALID_EXAMPLES = [
    ("lambda", {"a": ["x", 1, 2.5, True, False, None]}),
    ("lambda", {"a": {"b": {"c": [{"exists": False}]}}}),
    ("lambda", {"a": [{"prefix": ""}, {"suffix": "x"}, {"equals-ignore-case": "Y"}]}),
    ("lambda", {"a": [{"prefix": {"equals-ignore-case": "us-"}}]}),
    ("lambda", {"a": [{"numeric": ["=", 5]}, {"numeric": [">", 0, "<=", 5]}, {"numeric": ["<", -1e3]}]}),
    ("lambda", {"a": [{"anything-but": "x"}, {"anything-but": 1}, {"anything-but": ["a", "b"]}, {"anything-but": [1, 2]}]}),
    ("lambda", {"a": [{"cidr": "10.0.0.0/24"}]}),
    ("lambda", {"$or": [{"a": ["x"]}, {"b": [{"exists": True}]}]}),
    ("eventbridge", {"a": [{"wildcard": "*.png"}, {"anything-but": {"prefix": "x"}}]}),
    ("eventbridge", {"a": [{"anything-but": {"equals-ignore-case": ["A", "b"]}}, {"anything-but": {"wildcard": "a*"}}]}),
]
INVALID_EXAMPLES = [
    ("lambda", ["x"]),
    ("lambda", {}),
    ("lambda", {"a": []}),
    ("lambda", {"a": "x"}),
    ("lambda", {"a": [["x"]]}),
    ("lambda", {"a": [{"prefx": "x"}]}),
    ("lambda", {"a": [{"prefix": "x", "suffix": "y"}]}),
    ("lambda", {"a": [{"prefix": 5}]}),
    ("lambda", {"a": [{"exists": "true"}]}),
    ("lambda", {"a": [{"numeric": [">", "5"]}]}),
    ("lambda", {"a": [{"numeric": ["<", 5, ">", 1]}]}),
    ("lambda", {"a": [{"numeric": ["=", 5, "<", 6]}]}),
    ("lambda", {"a": [{"numeric": ["!=", 5]}]}),
    ("lambda", {"a": [{"anything-but": ["a", 1]}]}),
    ("lambda", {"a": [{"anything-but": []}]}),
    ("lambda", {"a": [{"anything-but": {"prefix": "x"}}]}),
    ("lambda", {"a": [{"wildcard": "*.png"}]}),
    ("lambda", {"$or": ["x"]}),
    ("lambda", {"$or": [{"a": ["x"]}]}),
    ("lambda", {"$or": {"a": ["x"]}}),
    ("eventbridge", {"a": [{"anything-but": {"prefix": ""}}]}),
    ("eventbridge", {"a": [{"anything-but": {"exists": True}}]}),
]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []
        self.not_expressible = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed.append(f"{name}: {detail}".rstrip(": "))


def validators():
    import jsonschema
    from referencing import Registry, Resource

    documents = {path.name: json.loads(path.read_text()) for path in SCHEMAS.values()}
    registry = Registry()
    for document in documents.values():
        resource = Resource.from_contents(document)
        registry = registry.with_resource(document["$id"], resource)
    result = {}
    for dialect, path in SCHEMAS.items():
        document = documents[path.name]
        jsonschema.Draft7Validator.check_schema(document)
        result[dialect] = jsonschema.Draft7Validator(document, registry=registry)
    return result


def cli_verdicts(binary, items, work):
    """The CLI's reading of each (dialect, text): (valid, first error code, first message)."""
    verdicts = {}
    for dialect in ("lambda", "eventbridge"):
        folder = work / dialect
        folder.mkdir()
        indices = [index for index, (d, _) in enumerate(items) if d == dialect]
        for index in indices:
            (folder / f"p{index:05}.json").write_text(items[index][1], encoding="utf-8")
        if not indices:
            continue
        output = subprocess.run([binary, "check", "--dialect", dialect, "--format", "json", str(folder)],
                                capture_output=True, text=True)
        for entry in json.loads(output.stdout)["files"]:
            index = int(Path(entry["file"]).stem[1:])
            first = entry["errors"][0] if entry["errors"] else {}
            verdicts[index] = (entry["valid"], first.get("code"), first.get("message", ""))
    return verdicts


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: check-schema.py LAMBDA_FILTER_BINARY [cases.jsonl]", file=sys.stderr)
        return 64
    binary = str(Path(sys.argv[1]).resolve())
    corpus = Path(sys.argv[2]) if len(sys.argv) == 3 else ROOT.parent / "shared/conformance/cases.jsonl"
    try:
        schema_for = validators()
    except ImportError:
        print("SKIP schema: python module jsonschema not installed (pip install jsonschema)")
        print("schema: 0 passed, 0 failed, 1 skipped")
        return 0
    results = Results()

    # (dialect, text, origin, what AWS said: True accepted / False refused / None unknown)
    items = []
    for line in corpus.read_text().splitlines():
        case = json.loads(line)
        dialect = "eventbridge" if case["source"] == "raw" else "lambda"
        for index, text in enumerate(case["patterns"]):
            accepted = case["expect"] != "invalid" or None  # an invalid case may hold valid patterns too
            items.append((dialect, text, f"{case['id']}#{index}", accepted))
    for path in sorted((ROOT / "Patterns").rglob("*.json")):
        # templates/ holds deployed documents (templates, mapping output, plans), not patterns.
        if path.name != "manifest.json" and "templates" not in path.relative_to(ROOT / "Patterns").parts:
            items.append(("lambda", path.read_text(), str(path.relative_to(ROOT)), True))
    for dialect, value in VALID_EXAMPLES:
        items.append((dialect, json.dumps(value), f"valid example {json.dumps(value)}", True))
    for dialect, value in INVALID_EXAMPLES:
        items.append((dialect, json.dumps(value), f"invalid example {json.dumps(value)}", False))

    with tempfile.TemporaryDirectory() as work:
        verdicts = cli_verdicts(binary, [(d, t) for d, t, _, _ in items], Path(work))

    for index, (dialect, text, origin, accepted) in enumerate(items):
        cli_valid, code, message = verdicts[index]
        if accepted is True:
            results.check(f"{origin}: the CLI accepts it", cli_valid, f"{code}: {message}")
        # A file holding `{}` is an empty FilterCriteria to the CLI (what `criteria` writes to
        # remove a mapping's filters), so only the schema is asked to refuse it as a pattern.
        if accepted is False and text != "{}":
            results.check(f"{origin}: the CLI refuses it", not cli_valid)
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            results.not_expressible.append(f"{origin}: not JSON")
            continue
        errors = sorted(schema_for[dialect].iter_errors(value), key=lambda e: list(e.absolute_path))
        schema_valid = not errors
        if text == "{}":
            # The CLI reads it as an empty FilterCriteria (see above); as a pattern it is invalid.
            results.check(f"{origin} ({dialect}): an empty pattern, fails the schema", not schema_valid)
            continue
        if cli_valid:
            results.check(f"{origin} ({dialect}): valid, passes the schema", schema_valid,
                          errors[0].message[:200] if errors else "")
        elif code in EXPRESSIBLE and not message.startswith(VALUE_DEPENDENT) and not has_duplicate_keys(text):
            results.check(f"{origin} ({dialect}): {code}, fails the schema", not schema_valid, message)
        elif schema_valid:
            results.not_expressible.append(f"{origin}: {code} ({message})")
        else:
            results.passed += 1  # refused by both, though the schema was not required to refuse it

    for failure in results.failed:
        print(f"FAIL {failure}")
    for note in results.not_expressible:
        print(f"not expressible in a schema (checked by lambda-filter check only): {note}")
    print(f"schema: {results.passed} passed, {len(results.failed)} failed, 0 skipped")
    return 1 if results.failed else 0


def has_duplicate_keys(text):
    """Whether an object in `text` repeats a key (a schema sees only the last value)."""
    found = []

    def hook(pairs):
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            found.append(True)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return bool(found)


if __name__ == "__main__":
    sys.exit(main())
