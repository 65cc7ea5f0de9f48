import LambdaFilter
import LambdaFilterCriteria
import Testing

/// Where the reader finds each filter's `Pattern` string, and how places inside the pattern map
/// back into the document for each way of writing it.
@Suite("Pattern places in documents")
struct PatternSourceTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var document: String
        var style: PatternSource.Style
        /// 1-based line and column where the `Pattern` string starts, when known.
        var start: (line: Int, column: Int)?
        /// A character of the pattern that must map onto the same character in the document
        /// (`nil` when the writing does not map).
        var mappedCharacter: String?
        var description: String { name }
    }

    static func template(_ pattern: String) -> String {
        "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FilterCriteria:\n        Filters:\n          - Pattern: \(pattern)\n"
    }

    static let cases: [Case] = [
        Case(
            name: "single-quoted YAML", document: template(#"'{"body": {"status": [{"prefix": 5}]}}'"#), style: .singleQuoted,
            start: (7, 22), mappedCharacter: "5"),
        Case(
            name: "single-quoted with a doubled quote", document: template(#"'{"body": {"name": ["O''Brien"], "n": [{"prefix": 5}]}}'"#),
            style: .singleQuoted, start: (7, 22), mappedCharacter: "5"),
        Case(
            name: "double-quoted YAML with escapes",
            document: template(#""{\"body\": {\"name\": [\"caf\u00e9\"], \"n\": [{\"prefix\": 5}]}}""#), style: .doubleQuoted,
            start: (7, 22), mappedCharacter: "5"),
        Case(name: "plain YAML", document: template(#"x{"body":[5]}"#), style: .plain, start: (7, 22), mappedCharacter: "5"),
        Case(
            name: "literal block", document: template("|\n              {\"body\": {\n                \"status\": [{\"prefix\": 5}]}}"),
            style: .literal, start: (7, 22), mappedCharacter: "5"),
        Case(
            name: "folded block", document: template(">-\n              {\"body\": {\"status\": [{\"prefix\": 5}]}}"), style: .folded,
            start: (7, 22), mappedCharacter: nil),
        Case(
            name: "multi-line single-quoted", document: template("'{\"body\":\n              {\"status\": [{\"prefix\": 5}]}}'"),
            style: .singleQuoted, start: (7, 22), mappedCharacter: nil),
        Case(
            name: "Sub without variables", document: template(#"!Sub '{"body": [5]}'"#), style: .substitution, start: nil,
            mappedCharacter: nil),
        Case(
            name: "JSON template",
            document: """
                {"Resources": {"M": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
                  "FilterCriteria": {"Filters": [
                    {"Pattern": "{\\"body\\": {\\"name\\": [\\"caf\\u00e9 \\ud83d\\ude00\\"], \\"n\\": [{\\"prefix\\": 5}]}}"}]}}}}}
                """,
            style: .json, start: (3, 17), mappedCharacter: "5"
        ),
        Case(
            name: "FilterCriteria JSON", document: #"{"Filters": [{"Pattern": "{\"a\": [\"x\"]}"}, {"Pattern": "{\"b\": [5]}"}]}"#,
            style: .json, start: (1, 59), mappedCharacter: "5"),
        Case(
            name: "list-event-source-mappings output",
            document:
                #"{"EventSourceMappings": [{"UUID": "u", "FilterCriteria": {"Filters": [{"Pattern": "{\"a\": [\"x\"]}"}, {"Pattern": "{\"b\": [5]}"}]}}]}"#,
            style: .json, start: (1, 116), mappedCharacter: "5"
        ),
    ]

    @Test(arguments: cases)
    func mapsThePatternIntoTheDocument(_ testCase: Case) throws {
        let entries = try FilterCriteriaReader.entries(text: testCase.document)
        let entry = try #require(entries.first)
        let source = try #require(entry.patterns.last)
        #expect(source.filterIndex == entry.patterns.count - 1)
        #expect(source.style == testCase.style)
        #expect(source.start.map { [$0.line, $0.column] } == testCase.start.map { [$0.line, $0.column] })
        let bytes = Array(testCase.document.utf8)
        if let start = source.start {
            #expect(start == TextLocation(offset: start.offset, in: bytes))
        }
        guard let character = testCase.mappedCharacter else {
            #expect(!source.mapsIntoDocument)
            return
        }
        // Pattern offsets count UTF-8 bytes.
        let patternOffset = try #require(Array(source.text.utf8).firstIndex(of: character.utf8.first!))
        let mapped = try #require(source.documentLocation(ofPatternOffset: patternOffset))
        #expect(mapped == TextLocation(offset: mapped.offset, in: bytes))
        #expect(bytes[mapped.offset] == character.utf8.first)
    }

    @Test func escapesMapToTheirFirstCharacter() throws {
        let document = #"{"Filters": [{"Pattern": "{\"a\": [\"caf\u00e9\"]}"}]}"#
        let source = try #require(try FilterCriteriaReader.entries(text: document).first?.pattern(at: 0))
        #expect(source.text == #"{"a": ["café"]}"#)
        let accent = Array(source.text.utf8).firstIndex(of: 0xC3)!
        let mapped = try #require(source.documentLocation(ofPatternOffset: accent))
        #expect(Array(document.utf8)[mapped.offset...].starts(with: Array(#"\u00e9"#.utf8)))
        // An offset past the text points at the closing quote.
        let end = try #require(source.documentLocation(ofPatternOffset: source.text.utf8.count))
        #expect(Array(document.utf8)[end.offset] == UInt8(ascii: "\""))
    }

    @Test func invalidPatternsKeepTheirText() throws {
        let entries = try FilterCriteriaReader.entries(text: Self.template(#"'{"body": {"status": [{"prefix": 5}]}}'"#))
        guard case .failure(let error) = entries.first?.result else {
            Issue.record("the invalid pattern was accepted")
            return
        }
        let source = try #require(entries.first?.pattern(at: 0))
        #expect(source.text == #"{"body": {"status": [{"prefix": 5}]}}"#)
        let patternError = try #require(error.patternError)
        let mapped = try #require(source.documentLocation(ofPatternOffset: patternError.location.offset))
        #expect([mapped.line, mapped.column] == [7, 22 + patternError.location.column])
    }
}
