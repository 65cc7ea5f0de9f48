import LambdaFilter
import Testing

/// `MatcherLimits`: a matcher compiles at most `maxPatterns` patterns and reads records nested at
/// most `maxDepth` levels, and says which setting refused it.
@Suite("Matcher limits")
struct MatcherLimitsTests {
    struct CountCase: CustomTestStringConvertible, Sendable {
        var patterns: Int
        var maxPatterns: Int
        var accepted: Bool
        var testDescription: String { "\(patterns) patterns, at most \(maxPatterns)" }
    }

    static let countCases: [CountCase] = [
        CountCase(patterns: 1, maxPatterns: 1, accepted: true),
        CountCase(patterns: 2, maxPatterns: 1, accepted: false),
        CountCase(patterns: 10, maxPatterns: 10, accepted: true),
        CountCase(patterns: 11, maxPatterns: 10, accepted: false),
        CountCase(patterns: 0, maxPatterns: 1, accepted: true),
    ]

    static func patterns(_ count: Int) throws -> [Pattern] {
        try (0..<count).map { try Pattern(parsing: #"{"n": [\#($0)]}"#) }
    }

    @Test(arguments: countCases)
    func patternCountIsCapped(_ testCase: CountCase) throws {
        let patterns = try Self.patterns(testCase.patterns)
        let limits = MatcherLimits(maxPatterns: testCase.maxPatterns)
        do {
            let matcher = try Matcher(patterns: patterns, limits: limits)
            #expect(testCase.accepted)
            #expect(matcher.patterns.count == testCase.patterns)
        } catch {
            #expect(!testCase.accepted)
            #expect(error == MatcherLimitError(patternCount: testCase.patterns, maxPatterns: testCase.maxPatterns))
            #expect(
                error.description
                    == "\(testCase.patterns) patterns are more than one matcher compiles: at most \(testCase.maxPatterns) (MatcherLimits.maxPatterns)"
            )
        }
    }

    /// The default leaves room far beyond AWS's filters per mapping (5, 10 with a raised quota,
    /// 20 in CloudFormation's schema) and Bench's 10,000-pattern scenario.
    @Test func defaultIsFarAboveWhatAWSAndBenchUse() throws {
        #expect(MatcherLimits.standard.maxPatterns == 100_000)
        #expect(MatcherLimits.standard.maxDepth == 512)
        let matcher = try Matcher(patterns: try Self.patterns(10_000), limits: .standard)
        #expect(try matcher.matchingPatterns(in: Array(#"{"n": 9999}"#.utf8)) == [9999])
    }

    /// `maxDepth` reaches the scan: a record one level deeper than the limit is refused.
    @Test(arguments: [(2, true), (3, true), (4, false)])
    func recordDepthFollowsTheLimit(_ levels: Int, _ readable: Bool) throws {
        let matcher = try Matcher(patterns: [try Pattern(parsing: #"{"a": [1]}"#)], limits: MatcherLimits(maxDepth: 3))
        // `levels` nested containers, before the matching field (the scan stops once it matched).
        let record = #"{"b": "# + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1) + #", "a": 1}"#
        if readable {
            #expect(try matcher.matchingPatterns(in: Array(record.utf8)) == [0])
        } else {
            #expect(throws: JSONSyntaxError.self) { try matcher.matchingPatterns(in: Array(record.utf8)) }
        }
    }
}
