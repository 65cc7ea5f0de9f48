import LambdaFilter
import Testing

@Suite("JSON parser and writer")
struct JSONParserTests {
    struct BadJSON: CustomTestStringConvertible, Sendable {
        var text: String
        var offset: Int
        var reason: String
        var testDescription: String { text }
    }

    static let bad: [BadJSON] = [
        BadJSON(text: "", offset: 0, reason: "empty document, expected a JSON value"),
        BadJSON(text: "{", offset: 1, reason: "unexpected end of input, expected '\"' to start an object key"),
        BadJSON(text: "[1,]", offset: 3, reason: "trailing comma in array"),
        BadJSON(text: "{\"a\":1,}", offset: 7, reason: "trailing comma in object"),
        BadJSON(text: "01", offset: 0, reason: "numbers must not have leading zeros"),
        BadJSON(text: "1.", offset: 2, reason: "expected a digit after the decimal point"),
        BadJSON(text: "\"a\u{01}\"", offset: 2, reason: "raw control character \\u{1} in string; write it as an escape such as \\n"),
        BadJSON(text: "\"\\x\"", offset: 1, reason: "invalid escape '\\x' in string"),
        BadJSON(text: "tru", offset: 0, reason: "unexpected 'tru', expected a JSON value (object, array, string, number, true, false or null)"),
        BadJSON(text: "[1] 2", offset: 4, reason: "unexpected content after the JSON value"),
        BadJSON(text: "{\"a\" 1}", offset: 5, reason: "unexpected '1', expected ':' after the object key"),
    ]

    @Test(arguments: bad)
    func rejectsWithPlace(_ testCase: BadJSON) {
        #expect(throws: JSONSyntaxError(offset: testCase.offset, reason: testCase.reason)) {
            try JSONParser().parse(testCase.text)
        }
    }

    @Test func rejectsInvalidUTF8WithItsOffset() {
        let bytes: [UInt8] = Array("{\"a\": \"ok".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect(throws: JSONSyntaxError(offset: 9, reason: "invalid UTF-8 byte 0xC3", kind: .invalidUTF8)) {
            try JSONParser().parse(bytes: bytes)
        }
    }

    @Test func refusesDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError(offset: 512, reason: "nesting deeper than 512 levels", kind: .tooDeep)) {
            try JSONParser().parse(deep)
        }
    }

    @Test func keepsNumbersAsWrittenAndDuplicateKeys() throws {
        let value = try JSONParser().parseValue(#"{"n": 1.50, "n": -0e+3}"#)
        #expect(value == .object([JSONMember("n", .number("1.50")), JSONMember("n", .number("-0e+3"))]))
        #expect(value["n"] == .number("-0e+3"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser().parseValue(#"["\u00e9\ud83d\ude80\n\/", "\ud800x"]"#)
        #expect(value == .array(["é🚀\n/", "\u{FFFD}x"]))
    }

    @Test func writerRoundTripsAndEscapes() throws {
        let text = #"{"a":["x\"y\\z\n\u0001",1.50,true,null,{}],"b":{"c":[]}}"#
        let value = try JSONParser().parseValue(text)
        #expect(JSONWriter.write(value) == text)
        #expect(JSONWriter.write(.object([JSONMember("b", 1), JSONMember("a", 2)]), options: .init(sortKeys: true)) == #"{"a":2,"b":1}"#)
        #expect(JSONWriter.write(.object([JSONMember("a", [1])]), options: .pretty) == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    /// DEL, C1 and U+FFFE/U+FFFF stay raw by default (valid JSON) and become `\u` escapes on request.
    @Test(arguments: ["\u{7F}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}"])
    func writerEscapesNonPrintableOnRequest(_ character: String) throws {
        let value = JSONValue.object([JSONMember("k" + character, .string("v" + character))])
        let raw = JSONWriter.write(value)
        #expect(raw.unicodeScalars.contains(character.unicodeScalars.first!))
        let escaped = JSONWriter.write(value, options: .init(escapeNonPrintable: true))
        #expect(!escaped.unicodeScalars.contains(character.unicodeScalars.first!))
        #expect(escaped.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(try JSONParser().parseValue(escaped) == value)
        #expect(JSONWriter.write(.string("é\u{A0}\u{FEFF}"), options: .init(escapeNonPrintable: true)) == "\"é\u{A0}\u{FEFF}\"")
    }

    @Test func locationsCountLinesAndScalars() {
        let text = Array("ab\né🚀x".utf8)
        let location = TextLocation(offset: text.count - 1, in: text)
        #expect(location.line == 2)
        #expect(location.column == 3)
    }
}
