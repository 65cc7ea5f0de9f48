import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// `explain` reads a huge raw record partly (`parseValue(utf8:keeping:)`) and shows it from its
/// bytes (`JSONWriter.writePretty(validated:)`); both must be invisible in what it prints.
@Suite("Partial reading and writing from text")
struct PartialReadingTests {
    static func parse(_ text: String, keeping: JSONKeeping) throws -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try JSONParser().parseValue(utf8: buffer, keeping: keeping)
        }
    }

    static func pretty(_ text: String, depth: Int = 0) -> String {
        var output = ""
        Array(text.utf8).withUnsafeBufferPointer { JSONWriter.writePretty(validated: $0, depth: depth, to: &output) }
        return output
    }

    struct Kept: CustomTestStringConvertible, Sendable {
        var record: String
        var names: [String]
        var keys: Set<String> = []
        var built: String
        var testDescription: String { "\(record) at \(names)" }
    }

    static let kept: [Kept] = [
        // Only the reached member is built; the others are validated and dropped.
        Kept(record: #"{"a": 1, "b": {"c": [1, 2, {"d": "x"}]}, "e": "long"}"#, names: ["a"], built: #"{"a":1}"#),
        // A name's prefixes are built, and every element of its arrays, in place.
        Kept(
            record: #"{"a": [{"b": 1, "z": 2}, 7, {"z": 3}], "q": 0}"#, names: ["a.b"],
            built: #"{"a":[{"b":1},7,{}]}"#),
        // One level below a name: scalars are built, containers are not.
        Kept(record: #"{"a": {"S": "x", "M": {"k": 1}, "n": 2}}"#, names: ["a"], built: #"{"a":{"S":"x","n":2}}"#),
        // A key with a dot is reached by its dotted name, as AWS matches it.
        Kept(record: #"{"a.b": 1, "a": {"b": 2, "c": 3}}"#, names: ["a.b"], built: #"{"a.b":1,"a":{"b":2}}"#),
        // Kept keys stand, with their ancestors, as placeholders of their type, wherever they are.
        Kept(
            record: #"{"x": {"Status": "paid", "y": [{"STATUS": 3}, {"other": true}], "w.status": null}, "z": 1}"#,
            names: ["status"], keys: ["status"],
            built: #"{"x":{"Status":"","y":[{"STATUS":0}],"w.status":null}}"#),
        Kept(
            record: #"{"message": {"deep": [1, "two"]}, "m": [true, false]}"#, names: ["nothing"], keys: ["message"],
            built: #"{"message":{}}"#),
        // A document that is not an object is kept as it is at the top.
        Kept(record: #"[1, {"a": 2, "b": 3}]"#, names: ["a"], built: #"[1,{"a":2}]"#),
        Kept(record: #""text""#, names: ["a"], built: #""text""#),
        // The empty key at the top is not the top itself.
        Kept(record: #"{"": {"x": 1, "y": 2}}"#, names: [".x"], built: #"{"":{"x":1}}"#),
    ]

    @Test(arguments: kept)
    func buildsOnlyWhatIsKept(_ testCase: Kept) throws {
        let keeping = JSONKeeping(names: Set(testCase.names.map { Array($0.utf8) }), keptKeys: testCase.keys)
        #expect(JSONWriter.write(try Self.parse(testCase.record, keeping: keeping)) == testCase.built)
    }

    /// A huge record costs the reached parts: 10,000 objects the pattern does not name leave
    /// nothing in the tree.
    @Test func dropsWhatNoNameReaches() throws {
        let items = (0..<10_000).map { #"{"id": \#($0), "name": "item \#($0)", "tags": ["a", "b"]}"# }
        let record = #"{"items": [\#(items.joined(separator: ","))], "status": "paid"}"#
        let keeping = JSONKeeping(names: [Array("status".utf8)], keptKeys: ["status"])
        #expect(try Self.parse(record, keeping: keeping) == .object([JSONMember("status", "paid")]))
    }

    /// Reading partly checks the whole text: every error is the one the full reading gives.
    @Test(arguments: [
        "", "{", "[1,]", #"{"a":1,}"#, #"{"b": [01]}"#, #"{"b": "a\#u{01}"}"#, #"{"b": "\x"}"#, #"{"b": tru}"#, "[1] 2",
        #"{"a" 1}"#, #"{"b": {"c": [1 2]}}"#, #"{"b": "\ud800"}"#, "[[[[[[[[[[[[1]]]]]]]]]]]]",
    ])
    func reportsTheSameErrors(_ text: String) {
        let keeping = JSONKeeping(names: [Array("a".utf8)], keptKeys: [])
        let full = Result { () throws(JSONSyntaxError) in try JSONParser(maxDepth: 8).parseValue(text) }
        let partial = Result { () throws(JSONSyntaxError) in
            try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                try JSONParser(maxDepth: 8).parseValue(utf8: buffer, keeping: keeping)
            }
        }
        switch (full, partial) {
        case (.failure(let expected), .failure(let actual)): #expect(actual == expected)
        case (.success, .success): break
        default: Issue.record("\(text): full reading \(full), partial \(partial)")
        }
    }

    /// The text written from bytes is the writer's text of the parsed value, byte for byte.
    @Test(arguments: [
        #"{"a": 1, "b": [], "c": {}, "d": [[], {}, [1, [2]]], "e": {"f": {"g": null}}}"#,
        " \n [ true , false,null, -0.50e+3, 1E2 ] \r\n",
        #"{"esc": "a\"b\\c\/d\n\t\u0041\u00e9\ud83d\ude00\u001f", "lone": "\ud800x\udfff", "plain": "é 😀 \u007f", "k": "\u00e9"}"#,
        #"{"dup": 1, "dup": 2, "": "", "k\"ey": "v"}"#,
        #""only a string""#, "42", "{}", "[]",
    ])
    func writesTextAsTheWriterDoes(_ text: String) throws {
        let value = try JSONParser().parseValue(text)
        let expected = JSONWriter.write(value, options: .pretty)
        #expect(Self.pretty(text) == expected)
        // Nested `depth` levels, every line break is followed by that much more indentation.
        let indent = String(repeating: " ", count: 6)
        #expect(
            Self.pretty(text, depth: 3)
                == expected.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent))
    }

    @Test func writesRandomRecordsAsTheWriterDoes() throws {
        var generator = RandomCases(seed: 21)
        for _ in 0..<300 {
            let record = generator.record()
            #expect(Self.pretty(JSONWriter.write(record)) == JSONWriter.write(record, options: .pretty))
            #expect(Self.pretty(JSONWriter.write(record, options: .pretty)) == JSONWriter.write(record, options: .pretty))
        }
    }

    /// A string longer than a written piece is cut only between characters.
    @Test func writesLongStringsWhole() {
        let long = String(repeating: "é😀a", count: 40_000)
        let text = JSONWriter.quote(long)
        #expect(Self.pretty(text) == text)
    }
}
