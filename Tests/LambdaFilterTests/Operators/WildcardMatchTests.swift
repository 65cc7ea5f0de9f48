import Foundation
import LambdaFilter
import Testing

@Suite("wildcard")
struct WildcardMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"wildcard": "dir/*.png"}]}"#, #"{"a": "dir/x.png"}"#, true),
        MatchCase(#"{"a": [{"wildcard": "dir/*.png"}]}"#, #"{"a": "dir/.png"}"#, true),
        MatchCase(#"{"a": [{"wildcard": "dir/*.png"}]}"#, #"{"a": "dir/x.jpg"}"#, false),
        MatchCase(#"{"a": [{"wildcard": "*"}]}"#, #"{"a": ""}"#, true),
        MatchCase(#"{"a": [{"wildcard": ""}]}"#, #"{"a": ""}"#, true),
        MatchCase(#"{"a": [{"wildcard": ""}]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": [{"wildcard": "a\\*c"}]}"#, #"{"a": "a*c"}"#, true),
        MatchCase(#"{"a": [{"wildcard": "a\\*c"}]}"#, #"{"a": "abc"}"#, false),
        MatchCase(#"{"a": [{"wildcard": "a\\\\b"}]}"#, #"{"a": "a\\b"}"#, true),
        MatchCase(#"{"a": [{"wildcard": "*aa*aa"}]}"#, #"{"a": "aaa"}"#, false),
        MatchCase(#"{"a": [{"wildcard": "*aa*aa"}]}"#, #"{"a": "aaaa"}"#, true),
        MatchCase(#"{"a": [{"wildcard": "/Users/*/doc.txt"}]}"#, #"{"a": "/Users/u/dir/dir/doc.txt"}"#, true),
        MatchCase(#"{"a": [{"wildcard": "x*"}]}"#, #"{"a": 5}"#, false),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(#"{"a": [{"wildcard": 1}]}"#, .invalidOperand, "wildcard match pattern must be a string", at: "$.a[0].wildcard"),
        ErrorCase(#"{"a": [{"wildcard": "a**b"}]}"#, .invalidWildcard, "Consecutive wildcard characters at pos 2", at: "$.a[0].wildcard"),
        ErrorCase(#"{"a": [{"wildcard": "a\\b"}]}"#, .invalidWildcard, "Invalid escape character at pos 1", at: "$.a[0].wildcard"),
        ErrorCase(
            #"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#, .wildcardTooComplex,
            "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
            at: "$.a"),
        ErrorCase(
            #"{"a": [{"wildcard": "x*"}]}"#, .unsupportedInDialect,
            "wildcard is not supported by Lambda event filtering (EventBridge only)", at: "$.a[0].wildcard", dialect: .lambda),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }

    @Test(arguments: ["arn:aws:events:us-east-1:*:event-bus/*", "/Users/*/dir/dir/dir/dir/dir/doc.txt", "*.png"])
    func acceptsPatternsAWSAccepts(_ text: String) {
        #expect(patternError(#"{"a": [{"wildcard": "\#(text)"}]}"#) == nil)
    }
}

/// The wildcard complexity limit is a setting: AWS's by default, raised on request.
@Suite("Wildcard complexity limit")
struct WildcardComplexityLimitTests {
    static let pattern = #"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#

    @Test func theDefaultIsAWSsAndARaisedLimitAcceptsMore() throws {
        #expect(PatternLimits.aws.maxWildcardComplexity == WildcardComplexity.limit)
        #expect(throws: PatternError.self) { try Pattern(parsing: Self.pattern, dialect: .eventbridge) }
        let raised = PatternLimits(maxWildcardComplexity: 1_000_000)
        #expect(throws: Never.self) { try Pattern(parsing: Self.pattern, dialect: .eventbridge, limits: raised) }
    }

    @Test func aPatternTooDeepNamesTheSetting() {
        let text = String(repeating: #"{"a":"#, count: 10) + "[1]" + String(repeating: "}", count: 10)
        let error = patternError(text, limits: PatternLimits(maxDepth: 5))
        #expect(error?.message == "pattern is nested deeper than 5 levels (PatternLimits.maxDepth)")
    }
}

/// Wildcard patterns the fuzzer found (as the harness decodes its bytes): the complexity
/// measure then in use took over 10 s on each under AddressSanitizer. Checking them must stay
/// well under a second; the bound is a hundred times that.
@Suite("Wildcard complexity cost")
struct WildcardComplexityCostTests {
    static let foundByFuzzing = [
        "eyJGaWxlTmFtZSI6IFt7IndpbGRjYXJkIjogIi9Vc2Vy77+977+9Ki9kW3IvZGlTZXRyL2Bpci9kaXIqL2Tvv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv71bci9kae+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/vUDvv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv73vv708PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8fjw8PDw8PDw8PDw8PDw8PDw8PDw877+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+9U2V0ci9kaXIvZGljLnR4dCJ9XX0=",
        "eyJkZXRhaWwiOnsic3RhdGUiOlt7ImFueXRoaW5nLWJ1dCI6eyJ3aWxkY2FyZCI6WyIqL2luaXR7e3t7e3t7e3t7e3t7e3t7e3t777+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+9e3t7e++/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/ve+/vXt7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t2e3t7e3t7e3t7e3t7ey8qIiwiKi9kaXIvKiJdfX1dfX0=",
    ]

    @Test(arguments: foundByFuzzing)
    func checksAFuzzedWildcardPatternQuickly(_ base64: String) throws {
        let text = try #require(Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) })
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = Pattern.diagnose(text, dialect: .eventbridge) }
        #expect(elapsed < .seconds(60), "took \(elapsed)")
    }
}

private func patternError(_ text: String, limits: PatternLimits) -> PatternError? {
    do {
        _ = try Pattern(parsing: text, dialect: .eventbridge, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// `WildcardPattern.matches` (quick checks of length and first and last byte, then the runs)
/// against a plain recursive glob, on every pattern and every value over a small alphabet.
@Suite("wildcard against a plain glob")
struct WildcardGlobTests {
    /// Patterns of up to four characters over `a`, `b`, `*` (no two stars in a row, as parsing
    /// requires), with the escaped star and backslash too.
    static let patterns: [String] = {
        var texts: Set<String> = [""]
        var frontier: [String] = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { text in
                ["a", "b", "*"].compactMap { piece in text.hasSuffix("*") && piece == "*" ? nil : text + piece }
            }
            texts.formUnion(frontier)
        }
        return texts.sorted() + [#"a\*"#, #"\*b"#, #"*\*"#, #"a\\*"#, #"\\"#]
    }()

    /// Every value of up to four bytes over `a`, `b`, `*`, `\`.
    static let values: [[UInt8]] = {
        var all: [[UInt8]] = [[]]
        var frontier: [[UInt8]] = [[]]
        for _ in 0..<4 {
            frontier = frontier.flatMap { value in Array("ab*\\".utf8).map { value + [$0] } }
            all += frontier
        }
        return all
    }()

    /// The pattern's literal bytes, with `nil` for an unescaped star.
    static func tokens(_ pattern: String) -> [UInt8?] {
        var tokens: [UInt8?] = []
        var bytes = Array(pattern.utf8).makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "\\"), let escaped = bytes.next() {
                tokens.append(escaped)
            } else {
                tokens.append(byte == UInt8(ascii: "*") ? nil : byte)
            }
        }
        return tokens
    }

    static func glob(_ tokens: ArraySlice<UInt8?>, _ value: ArraySlice<UInt8>) -> Bool {
        guard let first = tokens.first else { return value.isEmpty }
        guard let literal = first else {
            return (0...value.count).contains { glob(tokens.dropFirst(), value.dropFirst($0)) }
        }
        return value.first == literal && glob(tokens.dropFirst(), value.dropFirst())
    }

    @Test(arguments: patterns)
    func matchesWhereThePlainGlobDoes(_ text: String) throws {
        let pattern = try #require(WildcardPattern(text))
        let tokens = Self.tokens(text)[...]
        let disagreements = Self.values.filter { value in
            value.withUnsafeBufferPointer { pattern.matches($0) } != Self.glob(tokens, value[...])
        }
        #expect(disagreements.isEmpty, "\(text): \(disagreements.prefix(5).map { String(decoding: $0, as: UTF8.self) })")
    }
}
