#!/usr/bin/env python3
"""Tests of scripts/check-docs.py's reader: which declarations count as public and documented."""

import importlib.util
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location("check_docs", Path(__file__).with_name("check-docs.py"))
check_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_docs)


def findings(source):
    """The names check-docs.py reports for one file holding `source`."""
    files = {"F.swift": source}
    hidden = check_docs.non_public_types(files)
    return [line.split(": public ")[1].removesuffix(" has no doc comment")
            for line in check_docs.undocumented("F.swift", source, hidden)]


class CheckDocsTests(unittest.TestCase):
    def test_documented_and_undocumented_members(self):
        source = '''
/// A type.
public struct Box {
    /// Documented.
    public var size: Int
    public var colour: String
    @inlinable
    public func open() {}
    /// Documented above its attribute.
    @discardableResult
    public func close() -> Bool { true }
    /** A block doc comment. */
    public init() {}
    var hidden: Int
}
'''
        self.assertEqual(findings(source), ["var colour", "func open"])

    def test_enum_cases_and_protocol_requirements_are_public_without_the_keyword(self):
        source = '''
/// Kinds.
public enum Kind {
    case a, b
    /// Documented.
    case c
    /// A function whose switch has cases that are not declarations.
    public func name() -> String {
        switch self {
        case .a: return "a"
        default: return ""
        }
    }
}
/// A protocol.
public protocol Shape {
    var area: Double { get }
}
'''
        self.assertEqual(findings(source), ["case a", "var area"])

    def test_members_of_types_that_are_not_public_are_not_api(self):
        source = '''
struct Internal {
    public var x: Int
}
extension Internal {
    public func y() {}
}
package struct Shared {
    package var z: Int
}
/// Public.
public struct Outer {
    struct Nested {
        public var inner: Int
    }
}
'''
        self.assertEqual(findings(source), [])

    def test_extensions_of_public_and_standard_types(self):
        source = '''
extension String {
    public var shout: String { uppercased() }
}
public extension Array {
    var second: Element? { dropFirst().first }
    private var hidden: Int { 0 }
}
'''
        self.assertEqual(findings(source), ["var shout", "var second"])

    def test_braces_in_strings_and_comments_do_not_change_scopes(self):
        source = '''
/// Public.
public enum Samples {
    /// A raw string with braces and a quote.
    public static let pattern = #"{"body": {"a": ["}"]}}"#
    /// A multi-line string.
    public static let text = """
        { not a scope
        """
    // a comment with a brace {
    /* and a block comment } */
    public static let last = "\\(1 + 2) }"
}
public func free() {}
'''
        self.assertEqual(findings(source), ["let last", "func free"])


if __name__ == "__main__":
    unittest.main()
