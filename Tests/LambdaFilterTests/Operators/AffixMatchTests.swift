import LambdaFilter
import Testing

@Suite("prefix and suffix")
struct AffixMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"prefix": "us-"}]}"#, #"{"a": "us-east-1"}"#, true),
        MatchCase(#"{"a": [{"prefix": "us-"}]}"#, #"{"a": "eu-west-1"}"#, false),
        MatchCase(#"{"a": [{"prefix": "us-"}]}"#, #"{"a": "US-east-1"}"#, false),
        MatchCase(#"{"a": [{"prefix": ""}]}"#, #"{"a": "anything"}"#, true),
        MatchCase(#"{"a": [{"prefix": "1"}]}"#, #"{"a": 123}"#, false),
        MatchCase(#"{"a": [{"prefix": "x"}]}"#, #"{"a": ["y", "xz"]}"#, true),
        MatchCase(#"{"a": [{"suffix": ".png"}]}"#, #"{"a": "image.png"}"#, true),
        MatchCase(#"{"a": [{"suffix": ".png"}]}"#, #"{"a": "image.PNG"}"#, false),
        MatchCase(#"{"a": [{"suffix": ""}]}"#, #"{"a": "x"}"#, true),
        MatchCase(#"{"a": [{"suffix": "ß"}]}"#, #"{"a": "straße"}"#, false),
        MatchCase(#"{"a": [{"prefix": {"equals-ignore-case": "EU"}}]}"#, #"{"a": "eu-west-1"}"#, true),
        MatchCase(#"{"a": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, #"{"a": "IMAGE.PNG"}"#, true),
        MatchCase(#"{"a": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, #"{"a": "image.jpg"}"#, false),
        MatchCase(#"{"a": [{"prefix": {"equals-ignore-case": "ÉT"}}]}"#, #"{"a": "été"}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(#"{"a": [{"prefix": 123}]}"#, .invalidOperand, "prefix match pattern must be a string", at: "$.a[0].prefix"),
        ErrorCase(#"{"a": [{"suffix": [".png"]}]}"#, .invalidOperand, "suffix match pattern must be a string", at: "$.a[0].suffix"),
        ErrorCase(
            #"{"a": [{"prefix": {"equals-ignore-case": 1}}]}"#, .invalidOperand, "prefix/equals-ignore-case match pattern must be a string",
            at: "$.a[0].prefix[\"equals-ignore-case\"]"),
        ErrorCase(
            #"{"a": [{"prefix": "x", "suffix": "y"}]}"#, .multipleOperatorKeys, "Only one key allowed in match expression", at: "$.a[0]"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }

    @Test func ignoreCaseVariantsWarnInTheLambdaDialect() throws {
        let pattern = try Pattern(parsing: #"{"a": [{"prefix": {"equals-ignore-case": "x"}}]}"#, dialect: .lambda)
        #expect(pattern.warnings.map(\.code) == [.undocumentedForLambda])
        let eventBridge = try Pattern(parsing: #"{"a": [{"prefix": {"equals-ignore-case": "x"}}]}"#, dialect: .eventbridge)
        #expect(eventBridge.warnings.isEmpty)
    }
}
