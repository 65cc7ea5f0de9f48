import LambdaFilterTestSupport
import Testing

@testable import LambdaFilter

/// The compiled matcher's shortcuts: the prefix index a field with many prefixes uses, and the
/// candidate list that keeps `finish` from deciding conjunctions that cannot hold.
@Suite("Matcher indexes and bookkeeping")
struct MatcherBookkeepingTests {
    struct PrefixCase: CustomTestStringConvertible, Sendable {
        var prefixes: [String]
        var value: String
        var testDescription: String { "\(prefixes) ~ \(value)" }
        init(_ prefixes: [String], _ value: String) {
            self.prefixes = prefixes
            self.value = value
        }
    }

    static let manyPrefixes = ["ORD-A", "ORD-AB", "ORD-B", "O", "ORD-", "X", "ORD-AB", "é", "éa", "ORD-ABC", "Z9"]

    /// The index reports exactly the entries whose prefix the value starts with: repeated
    /// prefixes once per entry, the empty prefix for every value, multi-byte prefixes by bytes.
    @Test(arguments: [
        PrefixCase(manyPrefixes, "ORD-ABCD"),
        PrefixCase(manyPrefixes, "ORD-AB"),
        PrefixCase(manyPrefixes, "ORD-"),
        PrefixCase(manyPrefixes, "OR"),
        PrefixCase(manyPrefixes, ""),
        PrefixCase(manyPrefixes, "éab"),
        PrefixCase(manyPrefixes, "e\u{301}a"),
        PrefixCase(manyPrefixes, "Z"),
        PrefixCase(manyPrefixes + [""], "anything"),
        PrefixCase(manyPrefixes + [""], ""),
        PrefixCase(["a"], "abc"),
        PrefixCase([], "abc"),
    ])
    func prefixIndexFindsEveryPrefix(_ testCase: PrefixCase) {
        let prefixes = testCase.prefixes.map { Array($0.utf8) }
        let entries = prefixes.indices.map { Int32($0 * 10) }
        let index = PrefixIndex(prefixes: prefixes, entries: entries)
        let value = Array(testCase.value.utf8)
        var reported: [Int32] = []
        value.withUnsafeBufferPointer { buffer in index.forEachPrefix(of: buffer) { reported.append($0) } }
        let expected = zip(prefixes, entries).filter { value.starts(with: $0.0) }.map(\.1)
        #expect(reported.sorted() == expected.sorted())
    }

    /// A field with enough prefixes to be indexed gives the same verdicts as the reference
    /// matcher, for every pattern, on hits, near misses and other types.
    @Test func indexedPrefixesAgreeWithTheReference() throws {
        let prefixes = Self.manyPrefixes + ["", "ORD-AB"]
        #expect(prefixes.count >= FieldMatcher.indexedPrefixMinimum)
        let patterns = try prefixes.map { prefix in
            try Pattern(parsing: #"{"id": [{"prefix": \#(JSONWriter.quote(prefix))}], "n": [1]}"#, dialect: .eventbridge)
        }
        let matcher = Matcher(patterns: patterns)
        let reference = ReferenceMatcher(patterns: patterns)
        let values = [#""ORD-ABCD""#, #""ORD-B""#, #""OR""#, #""""#, #""éa""#, #""Z9x""#, "5", "null", #"["ORD-A", "Q"]"#]
        var matched = 0
        for value in values {
            let record = #"{"id": \#(value), "n": 1}"#
            let compiled = try matcher.matchingPatterns(in: Array(record.utf8))
            #expect(compiled == reference.matchingPatterns(in: try JSONParser().parseValue(record)), "\(record)")
            matched += compiled.count
        }
        #expect(matched > 20)
    }

    /// A field's conditions compiled together report exactly the entries whose condition holds
    /// alone (`Condition.holds` compiles one condition, so it never uses the field's prefix index):
    /// enough prefixes for `PrefixIndex`, beside the other operators of the same field.
    @Test(arguments: [
        #""ORD-ABCD""#, #""ORD-B""#, #""PAID""#, #""SHIPPED""#, #""""#, #""é""#, #""e\u0301""#, #""x""#,
        "5", "true", "null",
    ])
    func indexedConditionsAgreeWithEachAlone(value: String) throws {
        let texts =
            Self.manyPrefixes.map { #"{"prefix": \#(JSONWriter.quote($0))}"# } + [
                #"{"anything-but": ["PAID", "SHIPPED"]}"#, #"{"anything-but": ["PAID", "PAID"]}"#,
                #"{"anything-but": ["", "x"]}"#, #"{"anything-but": ["é"]}"#, #"{"anything-but": ["SHIPPED"]}"#,
                #"{"anything-but": [5, 6]}"#, #"{"anything-but": {"prefix": "ORD-"}}"#, #""PAID""#,
            ]
        let conditions = try Pattern(parsing: #"{"f": [\#(texts.joined(separator: ", "))]}"#, dialect: .eventbridge)
            .conjunctions[0].fields[0].alternatives
        let compiled = FieldMatcher(conditions: conditions)
        #expect(compiled.usesPrefixIndex)
        var reported: [Int32] = []
        var heldAlone: [Int32] = []
        ValueCheck.withLeafValue(try JSONParser().parseValue(value)) { leaf in
            compiled.evaluate(leaf) { reported.append($0) }
            heldAlone = conditions.indices.filter { conditions[$0].holds(for: leaf) }.map(Int32.init)
        }
        #expect(reported.sorted() == heldAlone)
        #expect(!heldAlone.isEmpty)
    }

    /// A conjunction is decided once all its slots that need a hit have one, whatever the order
    /// of the record's fields and whether an `exists: false` slot was hit first.
    @Test(arguments: [
        MatchCase(#"{"a": ["x"], "b": [{"exists": false}, "y"]}"#, #"{"b": "y", "a": "x"}"#, true),
        MatchCase(#"{"a": ["x"], "b": [{"exists": false}, "y"]}"#, #"{"a": "x", "b": "y"}"#, true),
        MatchCase(#"{"a": ["x"], "b": [{"exists": false}, "y"]}"#, #"{"b": "y"}"#, false),
        MatchCase(#"{"a": ["x"], "b": [{"exists": false}, "y"]}"#, #"{"a": "x"}"#, true),
        MatchCase(#"{"a": ["x"], "b": [{"exists": false}, "y"]}"#, #"{"a": "x", "b": "z"}"#, false),
        MatchCase(#"{"a": ["x"], "b": [{"exists": false}, "y"], "c": [1]}"#, #"{"b": "y", "c": 1, "b": "y", "a": "x"}"#, true),
        MatchCase(#"{"a": ["x"], "c": [1]}"#, #"{"c": 1, "c": 2, "a": "x"}"#, true),
        MatchCase(#"{"a": ["x"], "c": [1]}"#, #"{"c": 2, "a": "x"}"#, false),
        MatchCase(#"{"b": [{"exists": false}, "y"]}"#, #"{"a": 1}"#, true),
        MatchCase(#"{"b": [{"exists": false}, "y"]}"#, #"{"b": "y"}"#, true),
        MatchCase(#"{"l": [{"prefix": "p"}], "m": ["q"]}"#, #"{"l": [{"x": 1}, "pz"], "m": ["r", "q"]}"#, true),
    ])
    func conjunctionsAreDecidedOnceCompletable(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }
}
