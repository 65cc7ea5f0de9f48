import LambdaFilter
import Testing

/// Cases where the random differential run against event-ruler (AWS's engine) found lambda-filter
/// answering otherwise (issue 10), with their neighbours. Every row goes through the compiled
/// matcher, the explainer and the reference matcher, which must all give the expected verdict.
@Suite("Agreement with AWS's engine")
struct EngineFidelityTests {
    /// A repeated key: every value counts, in the order given (event-ruler keeps them all).
    static let repeatedKeys: [MatchCase] = [
        MatchCase(#"{"a": ["x"]}"#, #"{"a": "y", "a": "x"}"#, true),
        MatchCase(#"{"a": ["x"]}"#, #"{"a": "x", "a": "y"}"#, true),
        MatchCase(#"{"a": ["z"]}"#, #"{"a": "x", "a": "y"}"#, false),
        MatchCase(#"{"a.b": ["x"]}"#, #"{"a.b": "y", "a": {"b": "x"}}"#, true),
        MatchCase(#"{"a.b": ["x"]}"#, #"{"a": {"b": "y"}, "a.b": "x"}"#, true),
        MatchCase(#"{"a": {"b": ["x"]}}"#, #"{"a": {"b": "y", "b": "x"}}"#, true),
        MatchCase(#"{"a": {"b": ["x"]}}"#, #"{"a": {"b": "y"}, "a": {"b": "x"}}"#, true),
        MatchCase(#"{"a": ["x"]}"#, #"{"a": ["y"], "a": ["x"]}"#, true),
        MatchCase(#"{"a": ["x"], "b": ["y"]}"#, #"{"a": "x", "b": "z", "a": "q", "b": "y"}"#, true),
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": "x", "a": "y"}"#, true),
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": "x", "a": "x"}"#, false),
        MatchCase(#"{"n": [{"numeric": [">", 5]}]}"#, #"{"n": 1, "n": 9}"#, true),
        MatchCase(#"{"a": [{"exists": false}]}"#, #"{"a": 1, "a": 2}"#, false),
        MatchCase(#"{"a": [{"exists": true}], "b": ["y"]}"#, #"{"a": 1, "b": "n", "b": "y"}"#, true),
    ]

    @Test(arguments: repeatedKeys)
    func repeatedKeyCountsEveryValue(_ testCase: MatchCase) throws {
        #expect(try verdictOfEveryEngine(testCase.pattern, testCase.record) == testCase.matches)
    }

    /// `exists: false` beside sibling conditions inside an array of objects is judged in the
    /// element that meets the siblings.
    static let absenceInElements: [MatchCase] = [
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1}, {"c": 0}]}"#, true),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1, "c": 0}]}"#, false),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1, "c": 0}, {"a": 1}]}"#, true),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1, "c": [0]}]}"#, false),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [[{"a": 1}], [{"c": 0}]]}"#, true),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1}], "x.c": 0}"#, false),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 2}, {"c": 0}]}"#, false),
        // The absent field's name sorting first changes nothing here (event-ruler's search
        // checks absence against the fields before it in name order only; see README).
        MatchCase(#"{"x": {"c": [1], "a": [{"exists": false}]}}"#, #"{"x": [{"c": 1}, {"a": 0}]}"#, true),
        // With no sibling to choose an element, any leaf makes the field present.
        MatchCase(#"{"x": {"c": [{"exists": false}]}}"#, #"{"x": [{"a": 1}, {"c": 0}]}"#, false),
        // A sibling outside the array, or in another array, pins no element.
        MatchCase(#"{"a": [1], "x": {"c": [{"exists": false}]}}"#, #"{"a": 1, "x": [{"c": 0}]}"#, false),
        MatchCase(#"{"x": {"a": [1]}, "y": {"c": [{"exists": false}]}}"#, #"{"x": [{"a": 1}], "y": [{"c": 0}]}"#, false),
        // `exists: false` among other alternatives.
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}, 5]}}"#, #"{"x": [{"a": 1}, {"c": 0}]}"#, true),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}, 5]}}"#, #"{"x": [{"a": 1, "c": 5}]}"#, true),
        MatchCase(#"{"x": {"a": [1], "c": [{"exists": false}, 5]}}"#, #"{"x": [{"a": 1, "c": 0}]}"#, false),
        // Two siblings must share the element that lacks the field.
        MatchCase(
            #"{"x": {"a": [1], "b": [2], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1, "b": 2, "c": 0}, {"a": 1}, {"b": 2}]}"#, false),
        MatchCase(#"{"x": {"a": [1], "b": [2], "c": [{"exists": false}]}}"#, #"{"x": [{"a": 1, "b": 2, "c": 0}, {"a": 1, "b": 2}]}"#, true),
    ]

    @Test(arguments: absenceInElements)
    func existsFalseIsJudgedInTheSiblingsElement(_ testCase: MatchCase) throws {
        #expect(try verdictOfEveryEngine(testCase.pattern, testCase.record) == testCase.matches)
    }

    /// A field and its parent both constrained over an array mixing a scalar and an object: the
    /// same-element rule concerns fields inside objects, and a scalar element is in none.
    static let mixedArrays: [MatchCase] = [
        MatchCase(#"{"ip": [1], "ip.n1": ["x"]}"#, #"{"ip": [1, {"n1": "x"}]}"#, true),
        MatchCase(#"{"ip": [1], "ip.n1": ["x"]}"#, #"{"ip": [{"n1": "x"}, 1]}"#, true),
        MatchCase(#"{"ip": [1], "ip": {"n1": ["x"]}}"#, #"{"ip": [1, {"n1": "x"}]}"#, true),
        MatchCase(#"{"ip": [2], "ip.n1": ["x"]}"#, #"{"ip": [1, {"n1": "x"}]}"#, false),
        MatchCase(#"{"ip": {"n1": ["x"], "n2": ["y"]}}"#, #"{"ip": [{"n1": "x"}, {"n2": "y"}]}"#, false),
        // A nested array is an element like an object: its scalars sit in it.
        MatchCase(#"{"a": [1], "a.b": ["x"]}"#, #"{"a": [[1], {"b": "x"}]}"#, false),
        MatchCase(#"{"a": [1], "a.b": ["x"]}"#, #"{"a": [[1, {"b": "x"}]]}"#, true),
        MatchCase(#"{"o": {"k": ["v"], "t": [1]}}"#, #"{"o": [{"k": "v", "t": [1, 2]}]}"#, true),
        MatchCase(#"{"o": {"k": ["v"], "t": [1]}}"#, #"{"o": [{"k": "v"}, {"t": [1, 2]}]}"#, false),
    ]

    @Test(arguments: mixedArrays)
    func scalarArrayElementsAreInNoElement(_ testCase: MatchCase) throws {
        #expect(try verdictOfEveryEngine(testCase.pattern, testCase.record) == testCase.matches)
    }

    /// Where AWS's documentation contradicts its engine, the documented answer stays: exact
    /// matching is "character-by-character ... without case-folding or any other string
    /// normalization", and `cidr` matches an "IP address within the CIDR".
    /// `anything-but` with `equals-ignore-case` holds for every value that is not an excluded
    /// string, whether the excluded texts are ASCII or not (found by fuzz-matcher: the non-ASCII
    /// form refused null and numbers).
    static let ignoreCaseExclusions: [MatchCase] = [
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stopped"]}}]}"#, #"{"s": null}"#, true),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stoppé"]}}]}"#, #"{"s": null}"#, true),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stoppé"]}}]}"#, #"{"s": 5}"#, true),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stoppé"]}}]}"#, #"{"s": true}"#, true),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stoppé"]}}]}"#, #"{"s": "STOPPÉ"}"#, false),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stoppé"]}}]}"#, #"{"s": "started"}"#, true),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["stoppé"]}}]}"#, #"{}"#, false),
    ]

    @Test(arguments: ignoreCaseExclusions)
    func ignoreCaseExclusionHoldsForNonStrings(_ testCase: MatchCase) throws {
        #expect(try verdictOfEveryEngine(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let documentedAnswers: [MatchCase] = [
        MatchCase(#"{"ip": ["127.0.0.1"]}"#, #"{"ip": "127.000.000.001"}"#, false),
        MatchCase(#"{"ip": ["127.0.0.1"]}"#, #"{"ip": "127.0.0.1"}"#, true),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": 10}"#, false),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "::ffff:10.0.0.7"}"#, false),
        MatchCase(#"{"ip": [{"cidr": "::ffff:0:0/96"}]}"#, #"{"ip": "10.0.0.7"}"#, false),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.7"}"#, true),
        MatchCase(#"{"e": [{"equals-ignore-case": "😀"}]}"#, #"{"e": "😀"}"#, true),
        MatchCase(#"{"e": [{"equals-ignore-case": "ǅ"}]}"#, #"{"e": "ǅ"}"#, true),
        MatchCase(#"{"": {"b": [1]}}"#, #"{"": {"b": 1}}"#, true),
        MatchCase(#"{"a": {"": [1]}}"#, #"{"a": {"": 1}}"#, true),
    ]

    @Test(arguments: documentedAnswers)
    func documentedAnswersStand(_ testCase: MatchCase) throws {
        #expect(try verdictOfEveryEngine(testCase.pattern, testCase.record) == testCase.matches)
    }

    /// The scan stops early only once every pattern has matched: a later value of a repeated key
    /// still counts for a pattern that has not.
    @Test func earlyStopWaitsForEveryPattern() throws {
        let matcher = Matcher(patterns: try [#"{"a": ["x"]}"#, #"{"b": ["y"]}"#].map { try Pattern(parsing: $0, dialect: .eventbridge) })
        #expect(try matcher.matchingPatterns(in: Array(#"{"a": "x", "b": "q", "b": "y"}"#.utf8)) == [0, 1])
        #expect(try matcher.matchingPatterns(in: Array(#"{"b": "y", "a": "q", "a": "x"}"#.utf8)) == [0, 1])
        // Both matched at "b": "y", so the broken tail is never read.
        #expect(try matcher.matchingPatterns(in: Array(#"{"a": "x", "b": "y", "z": [1}"#.utf8)) == [0, 1])
        // Not all matched yet: the scan reads on and meets the error.
        #expect(throws: JSONSyntaxError.self) { try matcher.matchingPatterns(in: Array(#"{"a": "x", "b": "q", "z": [1}"#.utf8)) }
    }

    /// The explainer shows why: every value of a repeated key, and the element in which
    /// `exists: false` held.
    @Test func explainerShowsEveryValueAndTheElement() throws {
        let repeated = PatternExplainer.explain(
            pattern: try Pattern(parsing: #"{"a": ["x"]}"#), record: try JSONParser().parseValue(#"{"a": "y", "a": "x"}"#))
        #expect(repeated.matched)
        #expect(repeated.conjunctions[0].fields[0].reason == #"exact "x" held: "x" at $.a"#)
        #expect(repeated.conjunctions[0].fields[0].leaves.map(\.value) == ["y", "x"])

        let pattern = try Pattern(parsing: #"{"x": {"a": [1], "c": [{"exists": false}]}}"#)
        let absent = PatternExplainer.explain(pattern: pattern, record: try JSONParser().parseValue(#"{"x": [{"a": 1}, {"c": 0}]}"#))
        #expect(absent.matched)
        let field = absent.conjunctions[0].fields[1]
        #expect(field.held && field.alternatives[0].held && field.hints.isEmpty)
        #expect(field.reason == "exists: false held in the array element of $.x[0].a; present only in other elements: 0 at $.x[1].c")

        let present = PatternExplainer.explain(pattern: pattern, record: try JSONParser().parseValue(#"{"x": [{"a": 1, "c": 0}]}"#))
        #expect(!present.matched)
        #expect(present.conjunctions[0].fields.map(\.held) == [true, false])
        #expect(present.conjunctions[0].arrayConflict == nil)
    }
}
