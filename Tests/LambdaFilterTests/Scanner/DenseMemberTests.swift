import LambdaFilter
import Testing

/// The member loop's shortcuts for dense JSON (`"key":value` with the value right after the
/// colon, and the next key right after the comma) on records built to sit on their edges: each
/// must give the verdict, or the error at the offset with the reason, that the general path gave
/// before the shortcuts existed (the expectations were recorded from that code, tag `s6-base`).
@Suite("Dense members")
struct DenseMemberTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var record: String
        /// `matches [ids]`, or `error at OFFSET: REASON`.
        var outcome: String
        var testDescription: String { record }

        init(_ record: String, _ outcome: String) {
            self.record = record
            self.outcome = outcome
        }
    }

    /// Pattern 0 names a top-level string, pattern 1 a nested number, pattern 2 a prefix.
    static let patterns = [#"{"a":["x"]}"#, #"{"b":{"c":[1]}}"#, #"{"d":[{"prefix":"p"}]}"#]

    static let cases: [Case] = [
        Case(#"{"a":"x"}"#, "matches [0]"),
        Case(#"{"z":"q","a":"x"}"#, "matches [0]"),
        Case(#"{"z":1,"a":"x"}"#, "matches [0]"),
        Case(#"{"z":-1.5e3,"a":"x","d":"pq"}"#, "matches [0, 2]"),
        Case(#"{"z":{"y":[1,"}"]},"a":"x"}"#, "matches [0]"),
        Case(#"{"z":true,"a":"x"}"#, "matches [0]"),
        Case(#"{"a": "x"}"#, "matches [0]"),
        Case(#"{"a":"x" ,"b":{"c":1}}"#, "matches [0, 1]"),
        Case(#"{"a":"x", "b":{"c":1}}"#, "matches [0, 1]"),
        Case(#"{"b":{"z":"q","c":1}}"#, "matches [1]"),
        Case(#"{"b":{"c":2},"b":{"c":1}}"#, "matches [1]"),
        Case(#"{"z":"q","a":"y","a":"x"}"#, "matches [0]"),
        Case(#"{"a\u0062":"x","d":"p"}"#, "matches [2]"),
        Case(#"{"z":"q\"","a":"x"}"#, "matches [0]"),
        Case(#"{"z":"q",}"#, "error at 9: unexpected '}', expected '\"' to start an object key"),
        Case(#"{"z":"q","a":}"#, "error at 13: unexpected '}', expected a JSON value"),
        Case(#"{"z":"q","a":"x""#, "error at 16: unexpected end of record inside an object"),
        Case(#"{"z":"q",""#, "error at 9: unterminated string"),
        Case(#"{"z":"#, "error at 5: unexpected end of record, expected a value"),
        Case(#"{"a":"#, "error at 5: unexpected end of record, expected a value"),
        Case(#"{"a""#, "error at 4: unexpected end of record, expected ':' after the object key"),
        Case(#"{"z":-}"#, "error at 6: expected a digit in number"),
        Case(#"{"z":01,"a":"x"}"#, "error at 5: numbers must not have leading zeros"),
        Case(#"{"z":tru,"a":"x"}"#, "error at 5: unexpected 't', expected a JSON value"),
        Case("{\"z\":\"q\u{1}\",\"a\":\"x\"}", "error at 7: raw control character in string"),
        Case(#"{"z":"q","a":"x"}x"#, "error at 17: unexpected content after the JSON value"),
        Case(#"{"z":"q" "a":"x"}"#, "error at 9: unexpected '\"', expected ',' or '}' in object"),
        Case(#"{"z":"q",,"a":"x"}"#, "error at 9: unexpected ',', expected '\"' to start an object key"),
        Case(#"{"z":"q","a"x}"#, "error at 12: unexpected 'x', expected ':' after the object key"),
        Case(#"{"z":"q","a":"x",}"#, "error at 17: unexpected '}', expected '\"' to start an object key"),
        Case(#"{"z":{"y":1]}"#, "error at 11: unexpected ']', expected ',' or '}' in object"),
        Case(#"{"z":"q","b":{"c":}}"#, "error at 18: unexpected '}', expected a JSON value"),
        Case(#"{"z":"q","b":{"c":1,}}"#, "error at 20: unexpected '}', expected '\"' to start an object key"),
    ]

    static func outcome(of record: String) throws -> String {
        let matcher = Matcher(patterns: try patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) })
        var scratch = MatchScratch()
        do throws(JSONSyntaxError) {
            try Array(record.utf8).withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.match(buffer, into: &scratch) }
            return "matches \(scratch.matchedPatterns)"
        } catch {
            return "error at \(error.offset): \(error.reason)"
        }
    }

    @Test(arguments: cases)
    func denseMembersGiveTheGeneralPathsOutcome(_ testCase: Case) throws {
        #expect(try Self.outcome(of: testCase.record) == testCase.outcome)
    }
}
