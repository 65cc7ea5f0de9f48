import LambdaFilter
import Testing

@Suite("exists")
struct ExistsMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"exists": true}]}"#, #"{"a": "x"}"#, true),
        MatchCase(#"{"a": [{"exists": true}]}"#, #"{"a": null}"#, true),
        MatchCase(#"{"a": [{"exists": true}]}"#, #"{"b": "x"}"#, false),
        // Only leaves exist: an object or an empty array is not a leaf.
        MatchCase(#"{"a": [{"exists": true}]}"#, #"{"a": {"b": 1}}"#, false),
        MatchCase(#"{"a": [{"exists": true}]}"#, #"{"a": []}"#, false),
        MatchCase(#"{"a": [{"exists": true}]}"#, #"{"a": [1]}"#, true),
        MatchCase(#"{"a": [{"exists": false}]}"#, #"{"b": "x"}"#, true),
        MatchCase(#"{"a": [{"exists": false}]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": [{"exists": false}]}"#, #"{"a": {"S": "x"}}"#, true),
        MatchCase(#"{"a": {"S": [{"exists": false}]}}"#, #"{"a": {"S": "x"}}"#, false),
        MatchCase(#"{"a": [{"exists": false}]}"#, #"{}"#, true),
        // exists:false beside another condition on the same field: either may hold.
        MatchCase(#"{"a": [{"anything-but": ["x"]}, {"exists": false}]}"#, #"{"b": 1}"#, true),
        MatchCase(#"{"a": [{"anything-but": ["x"]}, {"exists": false}]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": [{"anything-but": ["x"]}, {"exists": false}]}"#, #"{"a": "y"}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(
            #"{"a": [{"exists": "true"}]}"#, .invalidOperand, "exists match pattern must be either true or false.", at: "$.a[0].exists"),
        ErrorCase(
            #"{"a": [{"exists": null}]}"#, .invalidOperand, "exists match pattern must be either true or false.", at: "$.a[0].exists"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}
