#!/usr/bin/env python3
"""Runs what action.yml and .pre-commit-hooks.yaml declare, with the CLI given.

    scripts/check-integrations.py .build/release/lambda-filter

action.yml: each `run:` step is executed by bash as GitHub would, with the step's `env:` and
`if:` evaluated for a set of inputs (the repository's Patterns/ and Samples/), the CLI on PATH
instead of the install step (which needs a static build; `make -n install` checks the target it
calls exists), and the JUnit files checked to be JUnit. A failing expectation must fail its step.
The `uses:` step (the third-party JUnit publisher) is only checked for its inputs.

.pre-commit-hooks.yaml: each hook's `entry` runs on the repository files its `files`/`exclude`
select, as pre-commit would pass them, and must pass; on a broken file it selects, it must fail.

The last line is `integrations: N passed, N failed`.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    import yaml
except ImportError:
    print("SKIP integrations: python module yaml not installed (pip install pyyaml)")
    print("integrations: 0 passed, 0 failed, 1 skipped")
    sys.exit(0)


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed.append(f"{name}: {detail}".rstrip(": "))


def expression_value(expression, inputs, context):
    """A GitHub expression of the forms action.yml uses: inputs.X, runner.temp, comparisons, &&, !."""
    text = expression.strip()
    text = re.sub(r"\binputs\.([\w-]+)", lambda m: repr(inputs.get(m.group(1), "")), text)
    text = re.sub(r"\b(runner|github)\.([\w-]+)", lambda m: repr(context[m.group(0)]), text)
    text = text.replace("!cancelled()", "True").replace("always()", "True")
    text = text.replace("&&", " and ").replace("||", " or ")
    text = re.sub(r"!(?!=)", " not ", text)
    return eval(text, {"__builtins__": {}}, {"True": True, "False": False})


def substitute(value, inputs, context):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(expression_value(m.group(1), inputs, context)), str(value))


def action_inputs(action, given):
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    if unknown:
        raise ValueError(f"inputs not declared in action.yml: {sorted(unknown)}")
    inputs.update(given)
    return inputs


def run_action(action, given, workspace, bin_dir):
    """Runs the action's steps; returns [(step name, exit status or None when skipped)]."""
    inputs = action_inputs(action, given)
    temp = Path(tempfile.mkdtemp(prefix="runner-temp-"))
    context = {"runner.temp": str(temp), "github.action_path": str(ROOT), "github.workspace": str(workspace)}
    outcomes = []
    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition is not None:
            condition = condition.strip()
            if condition.startswith("${{") and condition.endswith("}}"):
                condition = condition[3:-2]
            if not expression_value(condition, inputs, context):
                outcomes.append((step["name"], None))
                continue
        if "uses" in step:
            outcomes.append((step["name"], "uses"))
            continue
        env = dict(os.environ, GITHUB_ACTION_PATH=str(ROOT), GITHUB_PATH=str(temp / "github-path"),
                   RUNNER_TEMP=str(temp), PATH=f"{bin_dir}:{os.environ['PATH']}")
        env.update({key: substitute(value, inputs, context) for key, value in step.get("env", {}).items()})
        shell = step.get("shell")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=workspace, env=env, capture_output=True, text=True)
        outcomes.append((step["name"], result.returncode, shell, result.stdout + result.stderr))
    shutil.rmtree(temp, ignore_errors=True)
    return outcomes


def is_junit(path):
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, FileNotFoundError):
        return False
    return root.tag in ("testsuites", "testsuite") and root.iter("testcase") is not None


def check_action(results, binary, bin_dir):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    results.check("action.yml: composite", action.get("runs", {}).get("using") == "composite")
    for step in action["runs"]["steps"]:
        if "run" in step:
            results.check(f"action.yml: {step['name']}: shell", step.get("shell") == "bash", repr(step.get("shell")))
    dry_run = subprocess.run(["make", "-n", "-C", str(ROOT), "install", "PREFIX=/tmp/lambda-filter-dry-run"],
                             capture_output=True, text=True)
    results.check("action.yml: install step's make target exists", dry_run.returncode == 0, dry_run.stderr)
    publish = next(step for step in action["runs"]["steps"] if "uses" in step)
    results.check("action.yml: JUnit publisher reads the reports", "inputs.reports" in publish["with"]["report_paths"])

    reports = Path(tempfile.mkdtemp(prefix="lambda-filter-reports-"))
    passing = {
        "install": "false", "check": "Patterns/", "manifest": "Patterns/manifest.json",
        "patterns": "Patterns/sqs/orders-over-100.json", "records": "Samples/sqs/orders-batch.json",
        "expect": "Tests/LambdaFilterCLITests/Fixtures/expectations.json", "source": "sqs", "reports": str(reports),
    }
    outcomes = run_action(action, passing, ROOT, bin_dir)
    for outcome in outcomes:
        name, status = outcome[0], outcome[1]
        if status is None:
            results.check(f"action.yml (all inputs): {name} runs", name == "Install lambda-filter", "skipped")
        elif status != "uses":
            results.check(f"action.yml (all inputs): {name} passes", status == 0, outcome[3][-600:])
    for report in ("check.xml", "manifest.xml", "expect.xml"):
        results.check(f"action.yml: {report} is JUnit", is_junit(reports / report))

    # Wrong expectations fail their step (and still leave a report); a broken pattern fails check.
    failing_dir = Path(tempfile.mkdtemp(prefix="lambda-filter-failing-"))
    (failing_dir / "broken.json").write_text('{"body": {"status": [{"prefix": ["ERR"]}]}}\n')
    failing = dict(passing, check=str(failing_dir), manifest="",
                   expect="Tests/LambdaFilterCLITests/Fixtures/wrong-expectations.json", reports=str(failing_dir / "reports"))
    outcomes = {outcome[0]: outcome for outcome in run_action(action, failing, ROOT, bin_dir)}
    results.check("action.yml: a broken pattern fails the check step", outcomes["Check patterns and templates"][1] not in (0, None))
    results.check("action.yml: no manifest skips its step", outcomes["Test the manifest's verdicts"][1] is None)
    results.check("action.yml: a differing verdict fails the expect step",
                  outcomes["Test verdicts against the expectations"][1] not in (0, None))
    results.check("action.yml: the failing run still writes its JUnit", is_junit(failing_dir / "reports" / "expect.xml"))
    shutil.rmtree(reports, ignore_errors=True)
    shutil.rmtree(failing_dir, ignore_errors=True)


def selected(hook, paths):
    files = re.compile(hook.get("files", ""))
    exclude = re.compile(hook["exclude"]) if hook.get("exclude") else None
    chosen = []
    for path in paths:
        if not files.search(path) or (exclude and exclude.search(path)):
            continue
        if "json" in hook.get("types", []) and not path.endswith(".json"):
            continue
        chosen.append(path)
    return chosen


def check_hooks(results, binary, bin_dir):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    ids = {hook["id"] for hook in hooks}
    results.check(".pre-commit-hooks.yaml: both hooks", ids == {"lambda-filter-patterns", "lambda-filter-templates"}, str(ids))
    work = Path(tempfile.mkdtemp(prefix="lambda-filter-hooks-"))
    # A template of the kind the templates hook selects, rendered by the CLI itself.
    rendered = subprocess.run([binary, "criteria", "-p", "Patterns/sqs/orders-over-100.json", "--format", "sam",
                               "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:orders"],
                              cwd=ROOT, capture_output=True, text=True).stdout
    (work / "good").mkdir()
    (work / "good" / "template.yaml").write_text(rendered)
    for hook in hooks:
        results.check(f"{hook['id']}: language swift builds this package", hook.get("language") == "swift")
        command = hook["entry"].split()
        if hook["id"] == "lambda-filter-patterns":
            chosen = selected(hook, tracked)
            results.check(f"{hook['id']}: selects Patterns/", len(chosen) >= 20 and "Patterns/manifest.json" not in chosen,
                          f"{len(chosen)} files")
            cwd, broken = ROOT, ("patterns/broken.json", '{"body": {"status": [{"prefix": ["ERR"]}]}}\n')
        else:
            chosen = selected(hook, ["good/template.yaml", "good/README.md", "src/app.py"])
            results.check(f"{hook['id']}: selects templates only", chosen == ["good/template.yaml"], str(chosen))
            chosen = [str(work / path) for path in chosen]
            cwd, broken = work, ("bad/template.yaml", (ROOT / "Tests/LambdaFilterCLITests/Fixtures/template.yaml").read_text())
        result = subprocess.run(command + chosen, cwd=cwd, env=env, capture_output=True, text=True)
        results.check(f"{hook['id']}: passes on the files it selects", result.returncode == 0, result.stdout[-600:])
        broken_path = work / broken[0]
        broken_path.parent.mkdir(parents=True, exist_ok=True)
        broken_path.write_text(broken[1])
        results.check(f"{hook['id']}: selects {broken[0]}", selected(hook, [broken[0]]) == [broken[0]])
        result = subprocess.run(command + [str(broken_path)], cwd=work, env=env, capture_output=True, text=True)
        results.check(f"{hook['id']}: fails on a broken file", result.returncode == 1, f"exit {result.returncode}")
    shutil.rmtree(work, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        print("usage: check-integrations.py LAMBDA_FILTER_BINARY", file=sys.stderr)
        return 64
    binary = str(Path(sys.argv[1]).resolve())
    # The steps and hooks call `lambda-filter` by name, as an installed binary.
    bin_dir = Path(tempfile.mkdtemp(prefix="lambda-filter-bin-"))
    (bin_dir / "lambda-filter").symlink_to(binary)
    results = Results()
    try:
        check_action(results, binary, bin_dir)
        check_hooks(results, binary, bin_dir)
    finally:
        shutil.rmtree(bin_dir, ignore_errors=True)
    for failure in results.failed:
        print(f"FAIL {failure}")
    print(f"integrations: {results.passed} passed, {len(results.failed)} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
