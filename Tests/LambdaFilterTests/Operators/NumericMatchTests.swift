import LambdaFilter
import Testing

@Suite("numeric")
struct NumericMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"numeric": ["=", 100]}]}"#, #"{"a": 100}"#, true),
        MatchCase(#"{"a": [{"numeric": ["=", 100]}]}"#, #"{"a": 1e2}"#, true),
        MatchCase(#"{"a": [{"numeric": ["=", 100]}]}"#, #"{"a": "100"}"#, false),
        MatchCase(#"{"a": [{"numeric": [">", 100]}]}"#, #"{"a": 100}"#, false),
        MatchCase(#"{"a": [{"numeric": [">", 100]}]}"#, #"{"a": 100.000001}"#, true),
        MatchCase(#"{"a": [{"numeric": [">=", 100]}]}"#, #"{"a": 100}"#, true),
        MatchCase(#"{"a": [{"numeric": ["<", 0]}]}"#, #"{"a": -0.5}"#, true),
        MatchCase(#"{"a": [{"numeric": ["<=", 0]}]}"#, #"{"a": 0}"#, true),
        MatchCase(#"{"a": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"a": 5}"#, true),
        MatchCase(#"{"a": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"a": 0}"#, false),
        MatchCase(#"{"a": [{"numeric": [">", 0, "<", 5]}]}"#, #"{"a": [7, 3]}"#, true),
        MatchCase(#"{"a": [{"numeric": [">", 100]}]}"#, #"{"a": null}"#, false),
        // DynamoDB's N values are strings: numeric never matches them, exactly as on AWS.
        MatchCase(#"{"N": [{"numeric": [">", 100]}]}"#, #"{"N": "101"}"#, false),
        MatchCase(#"{"a": [{"numeric": ["=", 301.8]}]}"#, #"{"a": 301.8}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(#"{"a": [{"numeric": 10}]}"#, .invalidNumericExpression, "Value of numeric must be an array.", at: "$.a[0].numeric"),
        ErrorCase(#"{"a": [{"numeric": []}]}"#, .invalidNumericExpression, "Empty arrays are not allowed", at: "$.a[0].numeric"),
        ErrorCase(
            #"{"a": [{"numeric": ["==", 1]}]}"#, .invalidNumericExpression, "Unrecognized numeric range operator: ==",
            at: "$.a[0].numeric[0]"),
        ErrorCase(#"{"a": [{"numeric": [">", "1"]}]}"#, .invalidNumericExpression, "Value of > must be numeric", at: "$.a[0].numeric[1]"),
        ErrorCase(#"{"a": [{"numeric": [">"]}]}"#, .invalidNumericExpression, "Value of > must be numeric", at: "$.a[0].numeric[0]"),
        ErrorCase(
            #"{"a": [{"numeric": ["=", 1, "<", 2]}]}"#, .invalidNumericExpression, "Too many terms in numeric range expression",
            at: "$.a[0].numeric[2]"),
        ErrorCase(
            #"{"a": [{"numeric": [">", 1, "<", 5, "<", 6]}]}"#, .invalidNumericExpression, "Too many terms in numeric range expression",
            at: "$.a[0].numeric[4]"),
        ErrorCase(
            #"{"a": [{"numeric": ["<", 5, ">", 1]}]}"#, .invalidNumericExpression,
            "the lower bound (> or >=) must come before the upper bound (< or <=)", at: "$.a[0].numeric[2]"),
        ErrorCase(
            #"{"a": [{"numeric": [">", 5, "<", 1]}]}"#, .invalidNumericExpression, "Bottom must be less than top", at: "$.a[0].numeric"),
        ErrorCase(
            #"{"a": [{"numeric": [">", 1e400]}]}"#, .invalidNumericExpression, "Cannot compare number : 1e400", at: "$.a[0].numeric[1]"),
        ErrorCase(
            #"{"a": [{"NUMERIC": ["=", 5]}]}"#, .unknownOperator, #"Unrecognized match type NUMERIC (operators are lower case: "numeric")"#,
            at: "$.a[0].NUMERIC"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}
