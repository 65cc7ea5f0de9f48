import LambdaFilter
import Testing

@Suite("equals-ignore-case")
struct CaseInsensitiveMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"equals-ignore-case": "alice"}]}"#, #"{"a": "ALICE"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "alice"}]}"#, #"{"a": "Alicia"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": ""}]}"#, #"{"a": ""}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": ""}]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "ÉTÉ"}]}"#, #"{"a": "été"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "1"}]}"#, #"{"a": 1}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "x"}]}"#, #"{"a": ["Y", "X"]}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(#"{"a": [{"equals-ignore-case": ["x"]}]}"#, .invalidOperand, "equals-ignore-case match pattern must be a string", at: "$.a[0][\"equals-ignore-case\"]"),
        ErrorCase(#"{"a": [{"equals-ignore-case": {"prefix": "x"}}]}"#, .invalidOperand, "equals-ignore-case match pattern must be a string", at: "$.a[0][\"equals-ignore-case\"]"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}
