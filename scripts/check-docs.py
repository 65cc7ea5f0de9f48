#!/usr/bin/env python3
"""Lists the public declarations of the library modules that have no doc comment; exits 1 if any.

    python3 scripts/check-docs.py                      # the modules in MODULES below, but EXCLUDED
    python3 scripts/check-docs.py Sources/LambdaFilter  # just these folders, every file

A declaration is public when it says `public` or `open`, or when it is an enum case of a public
enum, a requirement of a public protocol or a member of a `public extension` (those say nothing
themselves, yet are part of the API). A `public` member of a type that is not public is not API
and is not listed. A doc comment is a `///` line or a `/** ... */` block right above the
declaration (attribute lines such as `@inlinable` may sit between).

The reader is a small lexer, not a Swift parser: it blanks out comments and string literals
(raw `#"..."#` and multi-line ones included) so their braces do not count, then follows the
braces to know which type a line belongs to.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every library target; the CLI (`Sources/lambda-filter`) has no public API.
MODULES = [
    "Sources/LambdaFilter",
    "Sources/LambdaFilterVocabulary",
    "Sources/LambdaFilterSources",
    "Sources/LambdaFilterCriteria",
    "Sources/LambdaFilterAnalysis",
    "Sources/LambdaFilterTestSupport",
]
# Files left out of the default run, each with its reason. Remove an entry once its file passes.
EXCLUDED: dict[str, str] = {}

TYPE_KEYWORDS = {"struct", "enum", "class", "protocol", "extension", "actor"}
# Modifiers that may come before the declaration keyword.
MODIFIER = (
    r"(?:public|open|package|internal|fileprivate|private|static|final|override|mutating|"
    r"nonmutating|nonisolated|indirect|convenience|required|lazy|dynamic|weak|unowned|"
    r"(?:private|fileprivate|internal|package)\(set\))"
)
ATTRIBUTE = r"@\w+(?:\([^()]*\))?"
DECLARATION = re.compile(
    rf"^\s*(?:{ATTRIBUTE}\s+)*(?P<modifiers>(?:{MODIFIER}\s+)*)"
    r"(?P<keyword>func|var|let|init\??|init!|subscript|struct|enum|class|protocol|typealias|"
    r"associatedtype|case|actor|extension|deinit)\b(?P<rest>.*)$"
)
ATTRIBUTE_LINE = re.compile(rf"^\s*(?:{ATTRIBUTE}\s*)+$")
NON_PUBLIC = {"private", "fileprivate", "internal", "package"}


def blank_comments_and_strings(text):
    """The text with comments and string contents replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
            hashes = len(re.match(r"#*", text[i:]).group(0))
            start = i + hashes
            multiline = text.startswith('"""', start)
            quote = '"""' if multiline else '"'
            closing = quote + "#" * hashes
            j = start + len(quote)
            while j < n:
                if text.startswith(closing, j):
                    j += len(closing)
                    break
                if text[j] == "\\" and text.startswith("#" * hashes, j + 1):
                    j += 1 + hashes
                    if j < n and text[j] == "(":
                        # An interpolation: skip to its matching parenthesis.
                        depth = 0
                        while j < n:
                            if text[j] == "(":
                                depth += 1
                            elif text[j] == ")":
                                depth -= 1
                                if depth == 0:
                                    break
                            j += 1
                    j += 1
                    continue
                if text[j] == "\n" and not multiline:
                    break
                j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def has_doc_comment(raw_lines, index):
    """Whether the declaration starting on line `index` has a doc comment above it."""
    j = index - 1
    while j >= 0 and ATTRIBUTE_LINE.match(raw_lines[j]):
        j -= 1
    if j < 0:
        return False
    line = raw_lines[j].strip()
    if line.startswith("///"):
        return True
    if line.endswith("*/"):
        while j >= 0 and "/*" not in raw_lines[j]:
            j -= 1
        return j >= 0 and "/**" in raw_lines[j]
    return False


def type_name(rest):
    match = re.match(r"\s*([A-Za-z_][\w.]*)", rest)
    return match.group(1) if match else ""


def non_public_types(files):
    """Names of the types the modules declare without `public`/`open` (their extensions are not API)."""
    names = set()
    for text in files.values():
        for line in blank_comments_and_strings(text).splitlines():
            match = DECLARATION.match(line)
            if match and match.group("keyword") in TYPE_KEYWORDS - {"extension"}:
                modifiers = set(match.group("modifiers").split())
                if not modifiers & {"public", "open"}:
                    names.add(type_name(match.group("rest")))
    return names


def undocumented(path, text, hidden_types):
    raw_lines = text.splitlines()
    code_lines = blank_comments_and_strings(text).splitlines()
    # Each open brace's scope: (kind, public?), where kind is a type keyword or "block".
    scopes = []
    pending = None  # the scope the next `{` opens, set by a type declaration
    findings = []
    for index, line in enumerate(code_lines):
        match = DECLARATION.match(line)
        if match:
            keyword = match.group("keyword")
            modifiers = set(match.group("modifiers").split())
            inside = scopes[-1] if scopes else ("file", True)
            explicit = bool(modifiers & {"public", "open"})
            implicit = not modifiers & NON_PUBLIC and (
                (inside[0] == "enum" and keyword == "case")
                or (inside[0] == "protocol" and keyword != "case")
                or inside[0] == "public extension"
            )
            enclosing_public = inside[1]
            is_public = enclosing_public and (explicit or implicit)
            if is_public and keyword != "extension":
                if not has_doc_comment(raw_lines, index):
                    name = keyword if keyword.startswith(("init", "subscript", "deinit")) else type_name(match.group("rest"))
                    findings.append(f"{path}:{index + 1}: public {keyword} {name} has no doc comment".replace(f"{keyword} {keyword}", keyword))
            if keyword in TYPE_KEYWORDS:
                if keyword == "extension":
                    extended = type_name(match.group("rest")).split(".")[0]
                    public = enclosing_public and extended not in hidden_types
                    kind = "public extension" if explicit else "extension"
                else:
                    public, kind = is_public or (inside[0] == "file" and explicit), keyword
                pending = (kind, public)
        for c in line:
            if c == "{":
                scopes.append(pending or ("block", False))
                pending = None
            elif c == "}":
                if scopes:
                    scopes.pop()
    return findings


def main(arguments):
    folders = arguments or MODULES
    excluded = {} if arguments else EXCLUDED
    files = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.swift")):
            if str(path.relative_to(ROOT)) not in excluded:
                files[path] = path.read_text(encoding="utf-8")
    if not files:
        print(f"error: no Swift files under {', '.join(folders)}", file=sys.stderr)
        return 2
    hidden = non_public_types(files)
    findings = []
    for path, text in files.items():
        findings += undocumented(path.relative_to(ROOT), text, hidden)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} public declarations without a doc comment", file=sys.stderr)
        return 1
    print(f"ok: every public declaration in {', '.join(folders)} has a doc comment")
    for path, reason in excluded.items():
        print(f"not checked: {path} ({reason})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
