import LambdaFilter
import Testing

@Suite("Exact values, null and empty")
struct ExactMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": ["x"]}"#, #"{"a": "x"}"#, true),
        MatchCase(#"{"a": ["x"]}"#, #"{"a": "X"}"#, false),
        MatchCase(#"{"a": ["x", "y"]}"#, #"{"a": "y"}"#, true),
        MatchCase(#"{"a": [""]}"#, #"{"a": ""}"#, true),
        MatchCase(#"{"a": [""]}"#, #"{"a": null}"#, false),
        MatchCase(#"{"a": [null]}"#, #"{"a": null}"#, true),
        MatchCase(#"{"a": [null]}"#, #"{"a": "null"}"#, false),
        MatchCase(#"{"a": [null]}"#, #"{"b": 1}"#, false),
        MatchCase(#"{"a": [true]}"#, #"{"a": true}"#, true),
        MatchCase(#"{"a": [true]}"#, #"{"a": "true"}"#, false),
        MatchCase(#"{"a": [false]}"#, #"{"a": true}"#, false),
        // Numbers compare by value, as AWS answered ([300] matches 300.0); strings never equal numbers.
        MatchCase(#"{"a": [300]}"#, #"{"a": 300.0}"#, true),
        MatchCase(#"{"a": [300]}"#, #"{"a": 3e2}"#, true),
        MatchCase(#"{"a": [300]}"#, #"{"a": "300"}"#, false),
        MatchCase(#"{"a": ["300"]}"#, #"{"a": 300}"#, false),
        MatchCase(#"{"a": [123456789012]}"#, #"{"a": 123456789012}"#, true),
        MatchCase(#"{"a": [1e400]}"#, #"{"a": 1e400}"#, true),
        MatchCase(#"{"a": [1.5]}"#, #"{"a": 1.50}"#, true),
        // Byte-exact strings: no Unicode normalisation.
        MatchCase(#"{"a": ["é"]}"#, #"{"a": "e\u0301"}"#, false),
        MatchCase(#"{"a": ["é"]}"#, #"{"a": "\u00e9"}"#, true),
        MatchCase(#"{"a": ["🚀"]}"#, #"{"a": "\ud83d\ude80"}"#, true),
        // Arrays in the record match when any element does.
        MatchCase(#"{"a": ["x"]}"#, #"{"a": ["y", "x"]}"#, true),
        MatchCase(#"{"a": [null]}"#, #"{"a": []}"#, false),
        // Nested fields, and AWS's dotted names.
        MatchCase(#"{"a": {"b": ["x"]}}"#, #"{"a": {"b": "x"}}"#, true),
        MatchCase(#"{"a": {"b": ["x"]}}"#, #"{"a.b": "x"}"#, true),
        MatchCase(#"{"a.b": ["x"]}"#, #"{"a": {"b": "x"}}"#, true),
        MatchCase(#"{"a": {"b": ["x"]}}"#, #"{"a": "{\"b\": \"x\"}"}"#, false),
        // Keys are case-sensitive and every named field must match (AND).
        MatchCase(#"{"A": ["x"]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": ["x"], "b": [1]}"#, #"{"a": "x", "b": 1}"#, true),
        MatchCase(#"{"a": ["x"], "b": [1]}"#, #"{"a": "x", "b": 2}"#, false),
        // Escapes in keys and values are decoded before comparing.
        MatchCase(#"{"k\"q": ["v\n"]}"#, #"{"k\u0022q": "v\u000a"}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(#"{"a": []}"#, .emptyArray, "Empty arrays are not allowed", at: "$.a"),
        ErrorCase(
            #"{"a": "x"}"#, .valueNotArrayOrObject, #""a" must be an object or an array (write ["x"] to match this value)"#, at: "$.a"),
        ErrorCase(#"{"a": [["x"]]}"#, .invalidMatchValue, "Match value must be String, number, true, false, or null", at: "$.a[0]"),
        ErrorCase(#"{"a": [{}]}"#, .emptyObject, "Empty objects are not allowed", at: "$.a[0]"),
        ErrorCase(#"{"a": {}}"#, .emptyObject, "Empty objects are not allowed", at: "$.a"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}
