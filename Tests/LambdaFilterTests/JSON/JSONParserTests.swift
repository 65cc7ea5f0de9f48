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
        BadJSON(
            text: "tru", offset: 0, reason: "unexpected 'tru', expected a JSON value (object, array, string, number, true, false or null)"),
        BadJSON(text: "[1] 2", offset: 4, reason: "unexpected content after the JSON value"),
        BadJSON(text: "{\"a\" 1}", offset: 5, reason: "unexpected '1', expected ':' after the object key"),
    ]

    @Test(arguments: bad)
    func rejectsWithPlace(_ testCase: BadJSON) {
        #expect(throws: JSONSyntaxError(offset: testCase.offset, reason: testCase.reason)) {
            try JSONParser().parse(testCase.text)
        }
    }

    struct BadBytes: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var error: JSONSyntaxError
        var testDescription: String { name }
    }

    /// A stray non-ASCII byte where a value or punctuation belongs is named for what it is,
    /// not quoted as `'\u{FFFD}'` or an invisible `'\u{FEFF}'`.
    static let badBytes: [BadBytes] = [
        BadBytes(
            name: "BOM at the start", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8),
            error: JSONSyntaxError(
                offset: 0,
                reason: "byte-order mark (U+FEFF) at the start; JSON text must not begin with one (save the file as UTF-8 without BOM)")),
        BadBytes(
            name: "BOM before a value", bytes: Array(#"{"a": "#.utf8) + [0xEF, 0xBB, 0xBF] + Array("1}".utf8),
            error: JSONSyntaxError(
                offset: 6,
                reason: "unexpected byte-order mark (U+FEFF), expected a JSON value (object, array, string, number, true, false or null)")),
        BadBytes(
            name: "0xFF as a value", bytes: Array(#"{"a": "#.utf8) + [0xFF] + Array("}".utf8),
            error: JSONSyntaxError(
                offset: 6, reason: "invalid UTF-8 byte 0xFF", kind: .invalidUTF8)),
        BadBytes(
            name: "0xC3 cut short after a value", bytes: Array("[1".utf8) + [0xC3],
            error: JSONSyntaxError(
                offset: 2, reason: "invalid UTF-8 byte 0xC3", kind: .invalidUTF8)),
        BadBytes(
            name: "valid UTF-8 is quoted", bytes: Array("[é]".utf8),
            error: JSONSyntaxError(
                offset: 1, reason: "unexpected 'é', expected a JSON value (object, array, string, number, true, false or null)")),
    ]

    @Test(arguments: badBytes)
    func namesStrayNonASCIIBytes(_ testCase: BadBytes) {
        #expect(throws: testCase.error) { try JSONParser().parse(bytes: testCase.bytes) }
    }

    /// The matcher's scanner (for records it reads without the parser) says the same.
    @Test func scannerNamesStrayNonASCIIBytes() throws {
        let matcher = Matcher(patterns: [try Pattern(parsing: #"{"a": [1]}"#)])
        #expect(throws: JSONSyntaxError(offset: 5, reason: "invalid UTF-8 byte 0xFF", kind: .invalidUTF8)) {
            try matcher.matchingPatterns(in: Array(#"{"a":"#.utf8) + [0xFF] + Array("}".utf8))
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
        #expect(value == .array(["é🚀\n/", "?x"]))
    }

    struct LoneSurrogate: CustomTestStringConvertible, Sendable {
        var text: String
        var decoded: String
        var testDescription: String { text }
    }

    /// A lone surrogate decodes to `?`, as AWS's engine (Jackson, then Java's UTF-8 encoder)
    /// sees it, not to U+FFFD; a pair still decodes to its one scalar.
    static let loneSurrogates: [LoneSurrogate] = [
        LoneSurrogate(text: #""\ud800""#, decoded: "?"),
        LoneSurrogate(text: #""\udfff""#, decoded: "?"),
        LoneSurrogate(text: #""a\ud800b""#, decoded: "a?b"),
        LoneSurrogate(text: #""\ud800\u0041""#, decoded: "?A"),
        LoneSurrogate(text: #""\ud800\ud800\udc00""#, decoded: "?\u{10000}"),
        LoneSurrogate(text: #""\udc00\ud800""#, decoded: "??"),
        LoneSurrogate(text: #""\ud800\udfff""#, decoded: "\u{103FF}"),
    ]

    @Test(arguments: loneSurrogates)
    func decodesLoneSurrogatesAsAWSDoes(_ testCase: LoneSurrogate) throws {
        #expect(try JSONParser().parseValue(testCase.text) == .string(testCase.decoded))
    }

    struct SurrogateMatch: CustomTestStringConvertible, Sendable {
        var pattern: String
        var record: String
        var matches: Bool
        var testDescription: String { "\(pattern) ~ \(record)" }
    }

    /// The matcher (whose scanner decodes escapes with this parser) and the reference agree
    /// with event-ruler: `["\ud800"]` matches `"\udfff"` and `"?"`, not a literal U+FFFD.
    static let surrogateMatches: [SurrogateMatch] = [
        SurrogateMatch(pattern: #"{"a": ["\ud800"]}"#, record: #"{"a": "\udfff"}"#, matches: true),
        SurrogateMatch(pattern: #"{"a": ["\ud800"]}"#, record: #"{"a": "?"}"#, matches: true),
        SurrogateMatch(pattern: #"{"a": ["\ud800"]}"#, record: "{\"a\": \"\u{FFFD}\"}", matches: false),
        SurrogateMatch(pattern: "{\"a\": [\"\u{FFFD}\"]}", record: #"{"a": "\ud800"}"#, matches: false),
        SurrogateMatch(pattern: #"{"a": [{"prefix": "x\udc00"}]}"#, record: #"{"a": "x?y"}"#, matches: true),
    ]

    @Test(arguments: surrogateMatches)
    func matchesLoneSurrogatesAsAWSDoes(_ testCase: SurrogateMatch) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    struct EscapeScan: CustomTestStringConvertible, Sendable {
        var text: String
        var lone: Bool
        var testDescription: String { text }
    }

    static let escapeScans: [EscapeScan] = [
        EscapeScan(text: #"{"a": ["\ud800"]}"#, lone: true),
        EscapeScan(text: #"{"a": ["\udc00x"]}"#, lone: true),
        EscapeScan(text: #"{"a": ["\ud83d\ude80"]}"#, lone: false),
        EscapeScan(text: #"{"a": ["\\ud800"]}"#, lone: false),
        EscapeScan(text: #"{"a": ["\ud83d"]}"#, lone: true),
        EscapeScan(text: #"{"a": ["\u00e9"]}"#, lone: false),
    ]

    @Test(arguments: escapeScans)
    func findsLoneSurrogateEscapes(_ testCase: EscapeScan) {
        #expect(JSONText.containsLoneSurrogateEscape(testCase.text) == testCase.lone)
    }

    @Test func removesWhitespaceOutsideStringsOnly() {
        #expect(JSONText.removingWhitespace(" { \"a b\" : [ \"\\\" x\" , 1 ] }\n") == #"{"a b":["\" x",1]}"#)
    }

    @Test func writerRoundTripsAndEscapes() throws {
        let text = #"{"a":["x\"y\\z\n\u0001",1.50,true,null,{}],"b":{"c":[]}}"#
        let value = try JSONParser().parseValue(text)
        #expect(JSONWriter.write(value) == text)
        #expect(JSONWriter.write(.object([JSONMember("b", 1), JSONMember("a", 2)]), options: .init(sortKeys: true)) == #"{"a":2,"b":1}"#)
        #expect(JSONWriter.write(.object([JSONMember("a", [1])]), options: .pretty) == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    /// Each string is written escaped exactly where needed, whether it needs no escape (written
    /// as it is) or one anywhere in it.
    @Test(arguments: [
        ("plain", #""plain""#), ("", #""""#), ("é😀", #""é😀""#), ("a b", #""a b""#),
        ("\"", #""\"""#), ("x\\", #""x\\""#), ("\u{1F}end", #""\u001fend""#), ("tab\there", #""tab\there""#),
    ])
    func writerQuotesOnlyWhatNeedsIt(_ text: String, _ quoted: String) {
        #expect(JSONWriter.quote(text) == quoted)
        #expect(JSONWriter.quote(text + "/", escapeSlashes: true) == String(quoted.dropLast()) + #"\/""#)
        #expect(JSONWriter.quote(text + "/") == String(quoted.dropLast()) + #"/""#)
    }

    /// A closed object or array of up to 64 children is held in an array of its size: grown by
    /// doubling, 5 members kept room for 8, which made a record's tree half as big again
    /// (`explain` on a 100 MB record of small objects peaked at 667 MB, now 505 MB).
    @Test(arguments: [1, 3, 5, 9, 17, 33, 64])
    func smallContainersHoldNoSpareRoom(_ count: Int) throws {
        let members = (0..<count).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ")
        let elements = (0..<count).map { "\($0)" }.joined(separator: ", ")
        let value = try JSONParser().parseValue(#"{"o": {\#(members)}, "a": [\#(elements)]}"#)
        let object = try #require(value["o"]?.objectMembers)
        let array = try #require(value["a"]?.arrayElements)
        #expect(object.count == count && array.count == count)
        // malloc rounds a block up by at most 16 bytes: less than one member or element.
        #expect(object.capacity == count)
        #expect(array.capacity <= count + 16 / MemoryLayout<JSONValue>.stride)
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
