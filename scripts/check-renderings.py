#!/usr/bin/env python3
"""Checks every `lambda-filter criteria` rendering with the tool that consumes it.

    scripts/check-renderings.py .build/release/lambda-filter

For each pattern (the bundled Patterns/ for SQS, Kinesis and DynamoDB, and the rendering fixtures
in Tests/LambdaFilterCriteriaTests/Golden/Patterns) and each combination of --function-name /
--event-source-arn / --update, the CLI renders every format, and the consumer judges it:

  request, boto3     botocore's parameter validation against the Lambda service model
  aws-cli            the AWS CLI itself, sent to a closed loopback port (it parses and validates
                     the parameters, then fails to connect: that failure means "accepted")
  js-sdk             `node --check`, then the module run with the SDK stubbed out, its input
                     validated by botocore
  cloudformation     cfn-lint
  sam                samtranslator (aws-sam-translator), then cfn-lint on the same template
  terraform          `terraform fmt -check`, and `terraform console` evaluating each `pattern`
  cdk                node, with `FilterCriteria.filter` stubbed as CDK defines it

Every consumer that reads the pattern back must find the exact pattern text `--format json` gives
(Lambda compares number text). The CLI's missing-member warnings must be exactly the members the
consumer requires: a rendering without a warning must be accepted, and one warned about
FunctionName (or, for SAM, the event source) must be refused.

A consumer that is not installed is reported as skipped, with the reason. The last line is
`renderings: N passed, N failed, N skipped`; the exit status is 1 when any check failed.
"""

import base64
import concurrent.futures
import functools
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "123456789012"
ARNS = {
    "sqs": f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders",
    "kinesis": f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/orders",
    "dynamodb": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders/stream/2024-01-01T00:00:00.000",
}
UUID = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
# Patterns with characters the renderings must escape, beyond the golden fixtures.
EXTRA_PATTERNS = {
    "nonprintable": {"body": {"text": ["del\u007f", "c1\u0085\u009f", "nonchar\ufffe\uffff", "bom\ufeff"]}},
    "hcl-keys": {"body": {"a = b": ["x"], "${k}": ["%{y}"], "q\"uote": [{"prefix": "$${"}]}},
}
API_FORMATS = ["request", "aws-cli", "boto3", "js-sdk"]
STREAM_SOURCES = ("kinesis", "dynamodb")
REQUIRED_BY_FORMAT = {
    # Members the consumer requires for a create, as the CLI must warn about them.
    "request": ["EventSourceArn", "FunctionName"],
    "aws-cli": ["EventSourceArn", "FunctionName"],
    "boto3": ["EventSourceArn", "FunctionName"],
    "js-sdk": ["EventSourceArn", "FunctionName"],
    "cloudformation": ["EventSourceArn", "FunctionName"],
    "sam": ["EventSourceArn"],
    "terraform": ["FunctionName"],
    "cdk": [],
}


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []
        self.skipped = {}

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed.append(f"{name}: {detail}".rstrip(": "))

    def skip(self, consumer, reason, count=1):
        entry = self.skipped.setdefault(consumer, [reason, 0])
        entry[1] += count


class Rendering:
    def __init__(self, pattern_name, pattern_file, source, fmt, syntax, options):
        self.pattern_name = pattern_name
        self.pattern_file = pattern_file
        self.source = source
        self.format = fmt
        self.syntax = syntax
        self.options = options  # dict: function, arn, update
        self.text = ""
        self.warnings = []

    @property
    def name(self):
        opts = ",".join(k for k in ("function", "arn", "position", "update") if self.options.get(k)) or "bare"
        syntax = f" {self.syntax}" if self.syntax else ""
        return f"{self.pattern_name} {self.format}{syntax} [{opts}]"

    @property
    def is_create(self):
        return not self.options.get("update")

    def expected_missing(self):
        if self.format in API_FORMATS and not self.is_create:
            return []
        given = {"FunctionName": self.options.get("function"), "EventSourceArn": self.options.get("arn"),
                 "StartingPosition": self.options.get("position")}
        required = REQUIRED_BY_FORMAT[self.format]
        if self.source in STREAM_SOURCES and self.format != "cdk":
            required = required + ["StartingPosition"]
        return [m for m in required if not given[m]]


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def exact_numbers(text):
    """A JSON text parsed with numbers kept as their text (Lambda compares number text)."""
    return json.loads(text, parse_int=lambda t: ("number", t), parse_float=lambda t: ("number", t),
                      object_pairs_hook=lambda pairs: ("object", sorted(pairs, key=lambda p: p[0])))


def pattern_cases():
    cases = []
    # Two bundled patterns per source keep the run short; the fixtures hold the hard cases.
    for source in ("sqs", "kinesis", "dynamodb"):
        for path in sorted((ROOT / "Patterns" / source).glob("*.json"))[:2]:
            cases.append((f"{source}/{path.stem}", path, source))
    golden = ROOT / "Tests/LambdaFilterCriteriaTests/Golden/Patterns"
    # The golden fixtures' sources (Support.swift); those the CLI can render for with an ARN here.
    fixture_sources = {"sqs-orders": "sqs", "sqs-plain-body": "sqs", "escaping": "sqs", "number-text": "sqs",
                       "duplicate-keys": "dynamodb", "dynamodb-images": "dynamodb", "kinesis-or": "kinesis"}
    for stem, source in sorted(fixture_sources.items()):
        cases.append((f"fixture/{stem}", golden / f"{stem}.json", source))
    return cases


def option_sets(fmt, source):
    """No option, every required one, and every required one but one."""
    complete = {"function": "orders-handler", "arn": ARNS[source]}
    if source in STREAM_SOURCES:
        complete["position"] = "LATEST"
    sets = [{}, complete] + [{k: v for k, v in complete.items() if k != left_out} for left_out in complete]
    if fmt in API_FORMATS:
        sets.append({"update": UUID})
    return sets


def render(binary, rendering):
    command = [binary, "criteria", "-p", str(rendering.pattern_file), "--format", rendering.format,
               "--source", rendering.source]
    if rendering.syntax:
        command += ["--syntax", rendering.syntax]
    if rendering.options.get("function"):
        command += ["--function-name", rendering.options["function"]]
    if rendering.options.get("arn"):
        command += ["--event-source-arn", rendering.options["arn"]]
    if rendering.options.get("position"):
        command += ["--starting-position", rendering.options["position"]]
    if rendering.options.get("update"):
        command += ["--update", rendering.options["update"]]
    result = run(command)
    rendering.text = result.stdout
    rendering.warnings = re.findall(r"has no (\w+), which its consumer requires", result.stderr)
    return result.returncode


@functools.lru_cache(maxsize=None)
def lambda_shape(operation):
    import botocore.session

    model = botocore.session.get_session().get_service_model("lambda")
    return model.operation_model(operation).input_shape


def botocore_errors(params, operation):
    from botocore.validate import ParamValidator

    report = ParamValidator().validate(params, lambda_shape(operation))
    return report.generate_report() if report.has_errors() else ""


def patterns_in_request(params):
    return [f.get("Pattern") for f in params.get("FilterCriteria", {}).get("Filters", [])]


def check_request_params(results, rendering, params, expected_patterns):
    operation = "CreateEventSourceMapping" if rendering.is_create else "UpdateEventSourceMapping"
    errors = botocore_errors(params, operation)
    judge_acceptance(results, rendering, "botocore", not errors, errors)
    results.check(f"{rendering.name} (botocore): patterns", patterns_in_request(params) == expected_patterns,
                  f"got {patterns_in_request(params)!r}")


# What each consumer itself refuses when it is missing (the rest fail only at the service).
ENFORCED = {
    "botocore": {"FunctionName"},
    "aws": {"FunctionName"},
    "cfn-lint": {"FunctionName", "StartingPosition"},
    "samtranslator": {"EventSourceArn", "StartingPosition"},
}


def judge_acceptance(results, rendering, consumer, accepted, detail):
    missing = set(rendering.expected_missing())
    enforced = ENFORCED[consumer] | ({"EventSourceArn"} if rendering.format == "sam" else set())
    name = f"{rendering.name} ({consumer})"
    if not missing:
        results.check(name + ": accepted", accepted, detail.strip()[:400])
    elif missing & enforced:
        results.check(name + ": refused without " + "/".join(sorted(missing & enforced)), not accepted,
                      "the consumer accepted it, so the warning is wrong")
    # A member the consumer does not check itself (EventSourceArn in the API model) is optional
    # there and refused by the service: only the warning, checked elsewhere, is asserted.


def have_python_module(name):
    try:
        __import__(name)
        return True
    except ImportError:
        return False


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    binary = str(Path(sys.argv[1]).resolve())
    results = Results()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="lambda-filter-renderings-"))
    try:
        extra = []
        for stem, pattern in EXTRA_PATTERNS.items():
            path = work / f"{stem}.json"
            path.write_text(json.dumps(pattern, ensure_ascii=False), encoding="utf-8")
            extra.append((f"extra/{stem}", path, "sqs"))
        renderings = []
        expected_patterns = {}
        for name, path, source in pattern_cases() + extra:
            api = run([binary, "criteria", "-p", str(path), "--format", "json", "--source", source])
            if api.returncode != 0:
                results.check(f"{name}: renders", False, api.stderr.strip())
                continue
            expected_patterns[name] = [f["Pattern"] for f in json.loads(api.stdout)["Filters"]]
            for fmt, syntaxes in [("request", [None]), ("aws-cli", [None]), ("boto3", [None]), ("js-sdk", [None]),
                                  ("cloudformation", ["yaml", "json"]), ("sam", ["yaml", "json"]),
                                  ("terraform", [None]), ("cdk", [None])]:
                for syntax in syntaxes:
                    for options in option_sets(fmt, source):
                        renderings.append(Rendering(name, path, source, fmt, syntax, options))
        # The CLI starts in milliseconds; run a few at once.
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            statuses = list(pool.map(lambda r: render(binary, r), renderings))
        for rendering, status in zip(renderings, statuses):
            results.check(f"{rendering.name}: exit status", status == 0, f"exit {status}")
            results.check(f"{rendering.name}: missing-member warnings",
                          sorted(rendering.warnings) == sorted(rendering.expected_missing()),
                          f"warned {rendering.warnings}, expected {rendering.expected_missing()}")
        by_format = {fmt: [] for fmt in REQUIRED_BY_FORMAT}
        for rendering, status in zip(renderings, statuses):
            if status != 0:
                continue  # already failed; the consumers would only repeat it
            by_format.setdefault(rendering.format, []).append(rendering)
        timings = [("render", time.monotonic() - started)]
        for name, check in [
            ("botocore", lambda: check_botocore_formats(results, by_format, expected_patterns)),
            ("aws-cli", lambda: check_aws_cli(results, by_format["aws-cli"], expected_patterns)),
            ("node", lambda: check_javascript(results, by_format["js-sdk"], by_format["cdk"], expected_patterns, work)),
            ("templates", lambda: check_templates(results, by_format["cloudformation"], by_format["sam"], expected_patterns, work)),
            ("terraform", lambda: check_terraform(results, by_format["terraform"], expected_patterns, work)),
        ]:
            section_start = time.monotonic()
            check()
            timings.append((name, time.monotonic() - section_start))
        print("time (s): " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for failure in results.failed:
        print(f"FAIL {failure}")
    for consumer, (reason, count) in sorted(results.skipped.items()):
        print(f"SKIP {consumer}: {count} checks not run: {reason}")
    print(f"renderings: {results.passed} passed, {len(results.failed)} failed, "
          f"{sum(c for _, c in results.skipped.values())} skipped")
    return 1 if results.failed else 0


def check_botocore_formats(results, by_format, expected_patterns):
    if not have_python_module("botocore"):
        results.skip("botocore", "python module botocore not installed (pip install boto3)",
                     2 * (len(by_format["request"]) + len(by_format["boto3"])))
        return
    for rendering in by_format["request"]:
        check_request_params(results, rendering, json.loads(rendering.text), expected_patterns[rendering.pattern_name])
    for rendering in by_format["boto3"]:
        namespace = {}
        try:
            exec(compile(rendering.text, rendering.name, "exec"), namespace)
        except Exception as error:  # the rendering is not valid Python
            results.check(f"{rendering.name} (python): runs", False, repr(error))
            continue
        kwargs = next(v for k, v in namespace.items() if k.endswith("_kwargs"))
        method = next(k for k in namespace if k.endswith("_kwargs"))[: -len("_kwargs")]
        expected_method = "create_event_source_mapping" if rendering.is_create else "update_event_source_mapping"
        results.check(f"{rendering.name} (python): method", method == expected_method, method)
        check_request_params(results, rendering, kwargs, expected_patterns[rendering.pattern_name])


def check_aws_cli(results, renderings, expected_patterns):
    aws = shutil.which("aws")
    if not aws:
        results.skip("aws-cli", "the aws command is not installed (pip install awscli)", len(renderings))
        return
    # The CLI parses and validates before it connects; port 9 on loopback refuses at once.
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    # Each run starts Python (about a second), so the CLI sees every option set for the patterns
    # that test quoting, and the complete create and the update for one pattern per source.
    quoting = ("fixture/escaping", "extra/nonprintable", "extra/hcl-keys")
    one_per_source = {}
    for rendering in renderings:
        one_per_source.setdefault(rendering.source, rendering.pattern_name)
    for rendering in renderings:
        complete = rendering.options.get("update") or not rendering.expected_missing()
        if rendering.pattern_name not in quoting and not (complete and rendering.pattern_name in one_per_source.values()):
            continue
        command = rendering.text.rstrip("\n") + " --endpoint-url http://127.0.0.1:9 --cli-connect-timeout 1"
        result = run(["sh", "-c", command], env=env, timeout=60)
        accepted = "Could not connect to the endpoint URL" in result.stderr
        judge_acceptance(results, rendering, "aws", accepted, result.stderr)


def check_javascript(results, sdk_renderings, cdk_renderings, expected_patterns, work):
    node = shutil.which("node")
    if not node:
        results.skip("node", "node is not installed", 2 * len(sdk_renderings) + len(cdk_renderings))
        return
    have_botocore = have_python_module("botocore")
    # `node --check` on each module as written; then every module run in one node process, with
    # the SDK's client and command (and CDK's FilterCriteria.filter) replaced by stubs that keep
    # what the code passes them.
    # The stubbed run parses every module; `node --check` (one process a file) sees the modules
    # exactly as written for the quoting fixtures.
    for index, rendering in enumerate(sdk_renderings):
        if rendering.pattern_name not in ("fixture/escaping", "extra/nonprintable", "extra/hcl-keys"):
            continue
        module = work / f"sdk-{index}.mjs"
        module.write_text(rendering.text, encoding="utf-8")
        syntax = run([node, "--check", str(module)])
        results.check(f"{rendering.name} (node --check)", syntax.returncode == 0, syntax.stderr)
    entries = []
    for index, rendering in enumerate(sdk_renderings):
        stubbed = re.sub(r'^import \{ LambdaClient, (\w+) \} from "@aws-sdk/client-lambda";$',
                         rf'class \1 {{ constructor(input) {{ globalThis.captured[{index}] = input; }} }}\n'
                         r'class LambdaClient { async send(command) {} }',
                         rendering.text, flags=re.M)
        module = work / f"sdk-run-{index}.mjs"
        module.write_text(stubbed, encoding="utf-8")
        entries.append(module)
    for index, rendering in enumerate(cdk_renderings):
        # CDK's FilterCriteria.filter(object) is { pattern: JSON.stringify(object) }.
        stubbed = rendering.text.replace(
            'import { FilterCriteria } from "aws-cdk-lib/aws-lambda";',
            "const FilterCriteria = { filter: (object) => ({ pattern: JSON.stringify(object) }) };")
        module = work / f"cdk-run-{index}.mjs"
        module.write_text(stubbed + f"\nglobalThis.captured[{len(sdk_renderings) + index}] = filters.map((f) => f.pattern);\n",
                          encoding="utf-8")
        entries.append(module)
    runner = work / "run-all.mjs"
    runner.write_text("globalThis.captured = {};\n" + "".join(
        f"try {{ await import({json.dumps(str(m))}); }} catch (e) {{ globalThis.captured[{i}] = {{ error: String(e) }}; }}\n"
        for i, m in enumerate(entries)) + "console.log(JSON.stringify(globalThis.captured));\n", encoding="utf-8")
    executed = run([node, str(runner)])
    if executed.returncode != 0:
        results.check("node runs the renderings", False, executed.stderr.strip()[:600])
        return
    captured = json.loads(executed.stdout)
    for index, rendering in enumerate(sdk_renderings + cdk_renderings):
        value = captured.get(str(index))
        if value is None or (isinstance(value, dict) and "error" in value and len(value) == 1):
            results.check(f"{rendering.name} (node): runs", False, repr(value))
            continue
        expected = expected_patterns[rendering.pattern_name]
        if rendering.format == "js-sdk":
            if have_botocore:
                check_request_params(results, rendering, value, expected)
            else:
                results.skip("botocore", "python module botocore not installed (pip install boto3)", 2)
        else:
            same = len(value) == len(expected) and all(exact_numbers(a) == exact_numbers(b) for a, b in zip(value, expected))
            results.check(f"{rendering.name} (node): patterns", same, f"got {value!r}, expected {expected!r}")


def check_templates(results, cfn_renderings, sam_renderings, expected_patterns, work):
    if have_python_module("samtranslator"):
        # The translator looks up the region for ARNs it builds; no call leaves the machine.
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        # It warns of "unpublished metrics" once per template; nothing is published here.
        logging.getLogger("samtranslator").setLevel(logging.ERROR)
        from samtranslator.translator.transform import transform
        import yaml

        class NoManagedPolicies:
            def load(self):
                return {}

        for rendering in sam_renderings:
            template = json.loads(rendering.text) if rendering.syntax == "json" else yaml.safe_load(rendering.text)
            try:
                translated = transform(template, {}, NoManagedPolicies())
                accepted, detail = True, ""
            except Exception as error:
                accepted, detail = False, str(error)
            judge_acceptance(results, rendering, "samtranslator", accepted, detail)
            if accepted:
                mappings = [r for r in translated["Resources"].values() if r["Type"] == "AWS::Lambda::EventSourceMapping"]
                found = [f["Pattern"] for m in mappings for f in m["Properties"].get("FilterCriteria", {}).get("Filters", [])]
                results.check(f"{rendering.name} (samtranslator): patterns", found == expected_patterns[rendering.pattern_name],
                              f"got {found!r}")
    else:
        results.skip("samtranslator", "python module samtranslator not installed (pip install aws-sam-translator)",
                     len(sam_renderings))
    cfn_lint = shutil.which("cfn-lint")
    if not cfn_lint:
        results.skip("cfn-lint", "cfn-lint is not installed (pip install cfn-lint)", len(cfn_renderings) + len(sam_renderings))
        return
    files = {}
    for index, rendering in enumerate(cfn_renderings + sam_renderings):
        path = work / f"template-{index}.{rendering.syntax}"
        path.write_text(rendering.text, encoding="utf-8")
        files[str(path)] = rendering
    # One run for every template: cfn-lint takes seconds to start.
    lint = run([cfn_lint, "--format", "parseable", "--", *files])
    problems = {}
    for line in lint.stdout.splitlines():
        path = line.split(":", 1)[0]
        problems.setdefault(path, []).append(line)
    if lint.returncode not in (0, 2, 4, 6, 8, 10, 12, 14) and not problems:
        results.check("cfn-lint runs", False, lint.stderr.strip()[:400])
        return
    for path, rendering in files.items():
        found = problems.get(path, [])
        judge_acceptance(results, rendering, "cfn-lint", not found, "\n".join(found))


def hcl_pattern_expressions(text):
    """The `pattern = ...` expressions of a Terraform rendering, each possibly over several lines."""
    expressions = []
    lines = iter(text.splitlines())
    for line in lines:
        match = re.match(r"^(\s*)pattern\s*=\s*(.*)$", line)
        if not match:
            continue
        indent, body = match.group(1), [match.group(2)]
        if body[0].startswith("jsonencode(") and not body[0].endswith(")"):
            # A multi-line call closes on a line of its own at the argument's indentation.
            for continued in lines:
                body.append(continued)
                if continued.startswith(indent + "})"):
                    break
        expressions.append("\n".join(body))
    return expressions


def check_terraform(results, renderings, expected_patterns, work):
    terraform = shutil.which("terraform")
    if not terraform:
        results.skip("terraform", "terraform is not installed", 2 * len(renderings))
        return
    env = dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null", TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
    fmt_dir = work / "terraform-fmt"
    fmt_dir.mkdir()
    for index, rendering in enumerate(renderings):
        (fmt_dir / f"r{index}.tf").write_text(rendering.text, encoding="utf-8")
    listed = run([terraform, "fmt", "-check", "-list=true", "-no-color", str(fmt_dir)], env=env)
    unformatted = {Path(line.strip()).name for line in listed.stdout.splitlines() if line.strip()}
    for index, rendering in enumerate(renderings):
        name = f"r{index}.tf"
        diff = ""
        if name in unformatted:
            diff = run([terraform, "fmt", "-diff", "-no-color", "-"], input=rendering.text, env=env).stdout
        results.check(f"{rendering.name} (terraform fmt -check)", name not in unformatted, diff)
    # terraform console evaluates the pattern expressions; base64 keeps its printed string ASCII.
    console_dir = work / "terraform-console"
    console_dir.mkdir()
    locals_lines, wanted = ["locals {"], []
    for index, rendering in enumerate(renderings):
        expressions = hcl_pattern_expressions(rendering.text)
        expected = expected_patterns[rendering.pattern_name]
        if len(expressions) != len(expected):
            results.check(f"{rendering.name} (terraform console): patterns", False,
                          f"{len(expressions)} pattern expressions for {len(expected)} filters")
            continue
        for filter_index, expression in enumerate(expressions):
            local = f"p_{index}_{filter_index}"
            locals_lines.append(f"  {local} = base64encode({expression})")
            wanted.append((rendering, local, expected[filter_index]))
    locals_lines.append("}")
    (console_dir / "main.tf").write_text("\n".join(locals_lines) + "\n", encoding="utf-8")
    # Piped input is read as one expression: one join of every value, base64 so it stays ASCII.
    script = "join(\",\", [" + ", ".join(f"local.{local}" for _, local, _ in wanted) + "])\n"
    console = run([terraform, f"-chdir={console_dir}", "console"], input=script, env=env, timeout=300)
    printed = console.stdout.strip().strip('"').split(",")
    if console.returncode != 0 or len(printed) != len(wanted):
        results.check("terraform console runs", False, (console.stderr or console.stdout).strip()[:600])
        return
    for (rendering, local, expected), encoded in zip(wanted, printed):
        produced = base64.b64decode(encoded).decode("utf-8")
        results.check(f"{rendering.name} (terraform console): {local}", exact_numbers(produced) == exact_numbers(expected),
                      f"got {produced!r}, expected {expected!r}")


if __name__ == "__main__":
    sys.exit(main())
