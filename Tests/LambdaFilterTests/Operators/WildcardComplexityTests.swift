import LambdaFilter
import Testing

/// event-ruler's wildcard complexity measure (`MachineComplexityEvaluator`), checked against the
/// scores event-ruler's own tests assert, and the limit AWS enforces.
@Suite("wildcard complexity")
struct WildcardComplexityTests {
    struct Score: CustomTestStringConvertible, Sendable {
        var patterns: [String]
        var complexity: Int
        var testDescription: String { "\(patterns) → \(complexity)" }
        init(_ patterns: [String], _ complexity: Int) {
            self.patterns = patterns
            self.complexity = complexity
        }
    }

    /// Bare values, as event-ruler's `MachineComplexityEvaluatorTest` adds them to a `ByteMachine`.
    static let eventRulerScores: [Score] = [
        Score(["*"], 1), Score(["abc"], 1), Score(["*ab"], 2), Score(["*aa"], 3), Score(["a*b"], 2), Score(["aa*"], 2),
        Score(["a*bc"], 2), Score(["a*bb"], 3), Score(["a*bcb"], 3), Score(["a*bbb"], 4), Score(["*ab*ad"], 4), Score(["*ab*d"], 3),
        Score(["*aba*"], 4), Score(["a*b*bb"], 5), Score(["a*b*cb"], 4), Score(["a*b*cd"], 3), Score(["a*b*b"], 4), Score(["a*bb*"], 4),
        Score(["ab*b*"], 3), Score(["ab*c", "x*xx"], 3), Score(["*abc", "*abcde"], 4), Score(["a*bcd", "ab*cd"], 4),
        Score(["a*bc", "a*bcde"], 4), Score(["a*aaa", "aa*aa"], 7), Score(["a*bc", "abc*d"], 4), Score(["a*aaa", "aaa*a"], 6),
        Score(["a*aax", "aaa*x"], 5), Score(["a*bc", "abc*"], 4), Score(["a*aa", "aaa*"], 5), Score(["abc*", "abcde*"], 3),
        Score(["ab*cd", "ab*wx", "ab*yz"], 6), Score(["*ab*b*b*"], 7), Score(["*a*a*a*a*a*a*a*a*"], 17),
        Score(["F*eatureFeature", "Fe*atureFeature", "Fea*tureFeature"], 10), Score(["ab*c", "ab*c"], 2),
        Score(
            [
                "aahed*", "aal*ii", "aargh*", "aarti*", "a*baca", "*abaci", "a*back", "ab*acs", "abaf*t", "*abaka", "ab*amp",
                "a*band", "*abase", "abash*", "abas*k", "ab*ate", "aba*ya", "abbas*", "abbed*", "ab*bes", "abbey*", "*abbot",
                "ab*cee", "abea*m", "abe*ar", "a*bele", "a*bers", "abet*s", "*abhor", "abi*de", "a*bies", "*abled",
            ], 45),
    ]

    @Test(arguments: eventRulerScores)
    func scoresAsEventRuler(_ score: Score) throws {
        let patterns = try score.patterns.map { try #require(WildcardPattern($0)) }
        #expect(WildcardComplexity.evaluate(patterns, quoted: false, stopAbove: 100) == score.complexity)
    }

    /// Quoted values, as a rule's strings are matched: the scores behind AWS's verdicts.
    static let quotedScores: [Score] = [
        Score(["a*a*a*a*a*a*"], 11),  // event-ruler's testEvaluateNestedMachinesViaNextNameStates
        Score(["*:*:*:*:*:event-bus/*"], 11),  // AWS rejected it (conformance corpus)
        Score(["*:*:*:*:event-bus/*"], 9),
        Score(["arn:aws:events:us-east-1:*:event-bus/*"], 3),
        Score(["*a*a*a*a*"], 9),
        Score(["*/lib/*"], 4),
        Score(["*a*a*a*a*a"], 10),
        Score(["a*b*c*d*e*f"], 6),
    ]

    @Test(arguments: quotedScores)
    func scoresQuotedValues(_ score: Score) throws {
        let patterns = try score.patterns.map { try #require(WildcardPattern($0)) }
        #expect(WildcardComplexity.evaluate(patterns, stopAbove: 100) == score.complexity)
    }

    /// An `anything-but/wildcard` list is one pattern: its values share the states of a common
    /// prefix, which then count once (event-ruler counts distinct patterns per state).
    @Test func anythingButValuesAreOnePattern() throws {
        let values = try ["ab*c", "ab*d"].map { try #require(WildcardPattern($0)) }
        #expect(WildcardComplexity.evaluate([values], stopAbove: 100) == 3)
        #expect(WildcardComplexity.evaluate(values, stopAbove: 100) == 4)
    }

    /// A huge pattern is rejected after a short walk: evaluation stops once the cap is passed.
    @Test func stopsAtTheCap() throws {
        let pattern = try #require(WildcardPattern(String(repeating: "F*e*a*t*u*r*e*", count: 10_000)))
        #expect(WildcardComplexity.evaluate([pattern]) == WildcardComplexity.limit + 1)
    }

    /// Complexity 10 is accepted, 11 rejected; a field's wildcards add up, across `$or` branches too.
    @Test(
        arguments: [
            (#"{"a": [{"wildcard": "*:*:*:*:event-bus/*"}]}"#, true),
            (#"{"a": [{"wildcard": "*a*a*a*a*a"}]}"#, true),  // 10
            (#"{"a": [{"wildcard": "*a*a*a*a*a*"}]}"#, false),  // 11
            (#"{"a": [{"wildcard": "*a*a*a*a*"}]}"#, true),
            (#"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#, false),
            (#"{"a": [{"wildcard": "x*y*z"}, {"wildcard": "x*q*r"}, {"wildcard": "x*s*t"}]}"#, true),
            (#"{"a": [{"anything-but": {"wildcard": ["*a*a*a*a*"]}}]}"#, true),
            (#"{"a": [{"anything-but": {"wildcard": ["*a*a*a*a*", "*b*b*"]}}]}"#, false),
            (#"{"$or": [{"a": [{"wildcard": "*a*a*a*a*"}]}, {"a": [{"wildcard": "*a*a*a*"}]}]}"#, false),
        ] as [(String, Bool)])
    func limit(_ pattern: String, _ accepted: Bool) {
        let error = patternError(pattern)
        #expect((error == nil) == accepted)
        if let error { #expect(error.code == .wildcardTooComplex) }
    }
}
