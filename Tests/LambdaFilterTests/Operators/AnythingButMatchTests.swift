import LambdaFilter
import Testing

@Suite("anything-but")
struct AnythingButMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": "y"}"#, true),
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"b": "y"}"#, false),
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": null}"#, true),
        MatchCase(#"{"a": [{"anything-but": ["x", "y"]}]}"#, #"{"a": "y"}"#, false),
        MatchCase(#"{"a": [{"anything-but": [100, 200]}]}"#, #"{"a": 100.0}"#, false),
        MatchCase(#"{"a": [{"anything-but": [100, 200]}]}"#, #"{"a": "100"}"#, true),
        MatchCase(#"{"a": [{"anything-but": 200}]}"#, #"{"a": 300}"#, true),
        // Any element that is not excluded satisfies it.
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": ["x", "y"]}"#, true),
        MatchCase(#"{"a": [{"anything-but": "x"}]}"#, #"{"a": ["x"]}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"prefix": "init"}}]}"#, #"{"a": "post-init"}"#, true),
        MatchCase(#"{"a": [{"anything-but": {"prefix": "init"}}]}"#, #"{"a": "initial"}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"prefix": ["x", "y"]}}]}"#, #"{"a": "yes"}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"prefix": "init"}}]}"#, #"{"a": null}"#, true),
        MatchCase(#"{"a": [{"anything-but": {"suffix": ".txt"}}]}"#, #"{"a": "f.txt.bak"}"#, true),
        MatchCase(#"{"a": [{"anything-but": {"suffix": ".txt"}}]}"#, #"{"a": "f.txt"}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"equals-ignore-case": ["on", "off"]}}]}"#, #"{"a": "OFF"}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"equals-ignore-case": "on"}}]}"#, #"{"a": "pending"}"#, true),
        MatchCase(#"{"a": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, #"{"a": "src/lib/x"}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, #"{"a": "src/bin/x"}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(
            #"{"a": [{"anything-but": ["x", 1]}]}"#, .invalidAnythingBut,
            "Inside anything but list, either all values are number or string.", at: "$.a[0][\"anything-but\"][1]"),
        ErrorCase(
            #"{"a": [{"anything-but": [null]}]}"#, .invalidAnythingBut, "Inside anything but list, either all values are number or string.",
            at: "$.a[0][\"anything-but\"][0]"),
        ErrorCase(
            #"{"a": [{"anything-but": true}]}"#, .invalidAnythingBut,
            "Value of anything-but must be an array or single string/number value.", at: "$.a[0][\"anything-but\"]"),
        ErrorCase(#"{"a": [{"anything-but": []}]}"#, .invalidAnythingBut, "Empty arrays are not allowed", at: "$.a[0][\"anything-but\"]"),
        ErrorCase(
            #"{"a": [{"anything-but": {"prefix": ""}}]}"#, .invalidOperand, "Null prefix/suffix not allowed",
            at: "$.a[0][\"anything-but\"].prefix"),
        ErrorCase(
            #"{"a": [{"anything-but": {"suffix": [null, ".txt"]}}]}"#, .invalidOperand, "prefix/suffix match pattern must be a string",
            at: "$.a[0][\"anything-but\"].suffix[0]"),
        ErrorCase(
            #"{"a": [{"anything-but": {"prefix": {"equals-ignore-case": "x"}}}]}"#, .invalidAnythingBut,
            "Value of anything-but must be an array or single string/number value.", at: "$.a[0][\"anything-but\"].prefix"),
        ErrorCase(
            #"{"a": [{"anything-but": {"equals-ignore-case": 123}}]}"#, .invalidOperand,
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
            at: "$.a[0][\"anything-but\"][\"equals-ignore-case\"]"),
        ErrorCase(
            #"{"a": [{"anything-but": {"numeric": [">", 1]}}]}"#, .invalidAnythingBut, "Unsupported anything-but pattern: numeric",
            at: "$.a[0][\"anything-but\"].numeric"),
        // The object forms are EventBridge-only.
        ErrorCase(
            #"{"a": [{"anything-but": {"prefix": "x"}}]}"#, .unsupportedInDialect,
            "anything-but/prefix is not supported by Lambda event filtering (EventBridge only)", at: "$.a[0][\"anything-but\"]",
            dialect: .lambda),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}
