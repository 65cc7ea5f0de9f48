#!/usr/bin/env python3
"""Lambda-shaped inputs for timing `lambda-filter test` end to end, from gen.py's data.

gen.py writes records already in the shape the filter sees (an SQS body is a decoded object).
Lambda delivers them otherwise: an SQS body is a JSON *string*, Kinesis data is base64, records
come ten to an event. This script rewrites the shared scenarios' records into those shapes, and
writes the 10,000-pattern scenario from gen.py's own templates.

Usage: python3 Bench/cli/make_inputs.py --data Bench/.build/bench-data [--out DIR] [--copies 5]

Writes into --out (default: DATA/cli):
  b_lambda_5/patterns.jsonl        the five b_lambda_5 patterns (on `body`)
  b_lambda_5/kinesis-patterns.jsonl the same with `data` for `body` (Kinesis' payload key)
  b_lambda_5/raw.jsonl             the 20k orders, `copies` times, as gen.py wrote them
  b_lambda_5/sqs.jsonl             the same records as SQS delivers them (body a JSON string)
  b_lambda_5/sqs-events.jsonl      the SQS records as whole events, ten records an event
  b_lambda_5/kinesis.jsonl         the orders as Kinesis records (base64 `data`)
  a_exact_1/patterns.jsonl, a_exact_1/dynamodb.jsonl   the typed DynamoDB stream records
and DATA/g_patterns_10000/ (patterns.jsonl, events.jsonl -> the orders) for Bench itself.
"""
import argparse
import base64
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "..", "shared", "bench", "gen.py")


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def write_lines(path, lines):
    with open(path, "w") as f:
        for line in lines:
            f.write(line)
            f.write("\n")


def kinesis_record(order, index):
    """An order as a Kinesis record: the decoded body, base64-encoded, as `data`."""
    region = order["awsRegion"]
    return {
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": order["body"]["customer"]["id"],
            "sequenceNumber": str(49590338271490256608559692538361571095921575989136588898 + index),
            "data": base64.b64encode(compact(order["body"]).encode()).decode(),
            "approximateArrivalTimestamp": 1735689600.0 + index / 1000,
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": f"shardId-000000000006:{49590338271490256608559692538361571095921575989136588898 + index}",
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
        "awsRegion": region,
        "eventSourceARN": f"arn:aws:kinesis:{region}:123456789012:stream/orders",
    }


def rename_top_key(pattern, old, new):
    return {(new if key == old else key): value for key, value in pattern.items()}


def gen_templates():
    """gen.py's functions (order_pattern), without running its main()."""
    with open(GEN) as f:
        source = f.read()
    body, _, _ = source.rpartition("\nmain()")
    saved = sys.argv
    sys.argv = [GEN]
    try:
        namespace = {"__name__": "gen"}
        exec(compile(body, GEN, "exec"), namespace)
    finally:
        sys.argv = saved
    return namespace


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="gen.py's output directory")
    parser.add_argument("--out", help="where to write (default DATA/cli)")
    parser.add_argument("--copies", type=int, default=5, help="times the 20k orders are repeated")
    args = parser.parse_args()
    out = args.out or os.path.join(args.data, "cli")

    orders_path = os.path.join(args.data, "b_lambda_5", "events.jsonl")
    orders = read_jsonl(orders_path)
    b_patterns = read_jsonl(os.path.join(args.data, "b_lambda_5", "patterns.jsonl"))

    b_dir = os.path.join(out, "b_lambda_5")
    os.makedirs(b_dir, exist_ok=True)
    write_lines(os.path.join(b_dir, "patterns.jsonl"), (compact(p) for p in b_patterns))
    write_lines(os.path.join(b_dir, "kinesis-patterns.jsonl"),
                (compact(rename_top_key(p, "body", "data")) for p in b_patterns))

    repeated = [order for _ in range(args.copies) for order in orders]
    write_lines(os.path.join(b_dir, "raw.jsonl"), (compact(o) for o in repeated))
    sqs = [dict(o, body=compact(o["body"])) for o in repeated]
    write_lines(os.path.join(b_dir, "sqs.jsonl"), (compact(r) for r in sqs))
    write_lines(os.path.join(b_dir, "sqs-events.jsonl"),
                (compact({"Records": sqs[i:i + 10]}) for i in range(0, len(sqs), 10)))
    write_lines(os.path.join(b_dir, "kinesis.jsonl"),
                (compact(kinesis_record(o, i)) for i, o in enumerate(repeated)))

    a_dir = os.path.join(out, "a_exact_1")
    os.makedirs(a_dir, exist_ok=True)
    a_patterns = read_jsonl(os.path.join(args.data, "a_exact_1", "patterns.jsonl"))
    write_lines(os.path.join(a_dir, "patterns.jsonl"), (compact(p) for p in a_patterns))
    ddb_source = os.path.realpath(os.path.join(args.data, "a_exact_1", "events.jsonl"))
    link = os.path.join(a_dir, "dynamodb.jsonl")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.relpath(ddb_source, a_dir), link)

    # 10,000 patterns from d_patterns_1000's templates (gen.py seeds d with seed + 2; this takes + 3).
    templates = gen_templates()
    rng = random.Random(42 + 3)
    g_patterns = [templates["order_pattern"](rng, i % 10) for i in range(10_000)]
    g_dir = os.path.join(args.data, "g_patterns_10000")
    os.makedirs(g_dir, exist_ok=True)
    write_lines(os.path.join(g_dir, "patterns.jsonl"), (compact(p) for p in g_patterns))
    events_link = os.path.join(g_dir, "events.jsonl")
    if os.path.lexists(events_link):
        os.remove(events_link)
    os.symlink(os.path.relpath(os.path.realpath(orders_path), g_dir), events_link)
    with open(os.path.join(g_dir, "meta.json"), "w") as f:
        json.dump({"description": "10,000 routing patterns from d_patterns_1000's templates over the 20k orders",
                   "engines_unsupported": [], "patterns": len(g_patterns)}, f, indent=1)


if __name__ == "__main__":
    main()
