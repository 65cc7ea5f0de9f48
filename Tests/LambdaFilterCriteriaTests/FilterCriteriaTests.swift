import LambdaFilter
import LambdaFilterCriteria
import Testing

@Suite("FilterCriteria value and limits")
struct FilterCriteriaTests {
    @Test func minifiesByDefaultAndEscapesThePatternString() throws {
        let criteria = try FilterCriteria(patternTexts: ["{ \"body\" : { \"RequestCode\" : [ \"BBBB\" ] } }"])
        #expect(criteria.apiJSON == #"{"Filters":[{"Pattern":"{\"body\":{\"RequestCode\":[\"BBBB\"]}}"}]}"#)
    }

    @Test func asWrittenKeepsTheAuthorsText() throws {
        let text = "{\n  \"body\": {\"a\": [1.50]}\n}"
        let criteria = try FilterCriteria(patternTexts: [text], options: CriteriaOptions(formatting: .asWritten))
        #expect(criteria.filters[0].patternText == text)
        #expect(criteria.apiJSON == #"{"Filters":[{"Pattern":"{\n  \"body\": {\"a\": [1.50]}\n}"}]}"#)
    }

    @Test func minifyingKeepsNumberTextAndDuplicateKeys() throws {
        let criteria = try FilterCriteria(patternTexts: [#"{ "a": [1.50, 3.0e2], "a": ["x"] }"#])
        #expect(criteria.filters[0].patternText == #"{"a":[1.50,3.0e2],"a":["x"]}"#)
    }

    /// A lone surrogate escape decodes to `?` (as AWS reads it), so writing the decoded value
    /// back would send `?`; the minified text keeps the escape as written (it once became U+FFFD).
    @Test(arguments: [
        (#"{ "a": [ "\ud800" ] }"#, #"{"a":["\ud800"]}"#),
        (#"{ "a": [ "x\udfff", "\u00e9" ] }"#, #"{"a":["x\udfff","\u00e9"]}"#),
        (#"{ "a": [ "\u00e9" ] }"#, #"{"a":["é"]}"#),
    ])
    func minifyingKeepsLoneSurrogateEscapesAsWritten(_ text: String, _ minified: String) throws {
        let criteria = try FilterCriteria(patternTexts: [text])
        #expect(criteria.filters[0].patternText == minified)
    }

    @Test func canonicalFormIgnoresKeyOrderFilterOrderAndWhitespace() throws {
        let first = try FilterCriteria(patternTexts: [#"{"b":["2"],"a":["1"]}"#, #"{"c":["3"]}"#])
        let second = try FilterCriteria(
            patternTexts: [#"{"c":["3"]}"#, "{ \"a\": [\"1\"],\n \"b\": [\"2\"] }"], options: CriteriaOptions(formatting: .asWritten))
        #expect(first.isEquivalent(to: second))
        #expect(first.canonicalJSON == #"{"Filters":[{"Pattern":"{\"a\":[\"1\"],\"b\":[\"2\"]}"},{"Pattern":"{\"c\":[\"3\"]}"}]}"#)
        let different = try FilterCriteria(patternTexts: [#"{"c":["3"]}"#, #"{"a":["1"],"b":[2]}"#])
        #expect(!first.isEquivalent(to: different))
    }

    @Test func emptyCriteriaIsTheRemovalForm() {
        #expect(FilterCriteria.removingAllFilters.apiJSON == "{}")
        #expect(FilterCriteria.removingAllFilters.canonicalJSON == "{}")
        #expect(FilterCriteria.removingAllFilters.isEmpty)
    }

    struct LimitCase: Sendable, CustomStringConvertible {
        var name: String
        var patterns: [String]
        var options: CriteriaOptions
        var code: CriteriaError.Code?
        var message: String?
        var description: String { name }
    }

    /// A string of `count` UTF-16 units inside a pattern: `{"a":["xxx…"]}` is 10 units plus the string.
    static func pattern(utf16Length: Int, unit: String = "x") -> String {
        let unitLength = unit.utf16.count
        return #"{"a":[""# + String(repeating: unit, count: (utf16Length - 10) / unitLength) + #""]}"#
    }

    static let limitCases: [LimitCase] = [
        LimitCase(
            name: "4096 units is accepted", patterns: [pattern(utf16Length: 4096)], options: CriteriaOptions(), code: nil, message: nil),
        LimitCase(
            name: "4097 units is rejected", patterns: [pattern(utf16Length: 4098)], options: CriteriaOptions(), code: .patternTooLong,
            message: "Filters[0]: pattern is 4098 characters (UTF-16 code units) as sent; AWS accepts at most 4096"
        ),
        LimitCase(
            name: "astral characters count twice", patterns: [pattern(utf16Length: 4100, unit: "😀")], options: CriteriaOptions(),
            code: .patternTooLong,
            message: "Filters[0]: pattern is 4100 characters (UTF-16 code units) as sent; AWS accepts at most 4096"
        ),
        LimitCase(
            name: "whitespace counts when kept", patterns: ["{\"a\":[\"x\"]" + String(repeating: " ", count: 4090) + "}"],
            options: CriteriaOptions(formatting: .asWritten), code: .patternTooLong,
            message: "Filters[0]: pattern is 4101 characters (UTF-16 code units) as sent; AWS accepts at most 4096"
        ),
        LimitCase(
            name: "whitespace is dropped when minified", patterns: ["{\"a\":[\"x\"]" + String(repeating: " ", count: 4090) + "}"],
            options: CriteriaOptions(), code: nil, message: nil
        ),
        LimitCase(
            name: "five filters by default", patterns: Array(repeating: #"{"a":["x"]}"#, count: 5), options: CriteriaOptions(), code: nil,
            message: nil),
        LimitCase(
            name: "six filters exceed the default quota", patterns: Array(repeating: #"{"a":["x"]}"#, count: 6), options: CriteriaOptions(),
            code: .tooManyFilters,
            message: "6 filters; the mapping's quota allows 5 (5 by default, AWS raises it to at most 10 on request)"
        ),
        LimitCase(
            name: "ten filters with a raised quota", patterns: Array(repeating: #"{"a":["x"]}"#, count: 10),
            options: CriteriaOptions(limits: .raisedQuota), code: nil, message: nil),
        LimitCase(
            name: "eleven filters exceed the raised quota", patterns: Array(repeating: #"{"a":["x"]}"#, count: 11),
            options: CriteriaOptions(limits: .raisedQuota), code: .tooManyFilters,
            message: "11 filters; the mapping's quota allows 10 (5 by default, AWS raises it to at most 10 on request)"
        ),
        LimitCase(
            name: "DocumentDB refuses filters", patterns: [#"{"fullDocument":{"a":["x"]}}"#], options: CriteriaOptions(source: .documentdb),
            code: .filteringUnsupported,
            message:
                "Amazon DocumentDB mappings do not apply FilterCriteria: AWS documents that Lambda doesn't support event filtering for this source, so every record would reach the function"
        ),
        LimitCase(
            name: "DocumentDB may remove filters", patterns: [], options: CriteriaOptions(source: .documentdb), code: nil, message: nil),
        LimitCase(
            name: "Kinesis data must be matched as JSON", patterns: [#"{"data":[{"prefix":"x"}]}"#],
            options: CriteriaOptions(source: .kinesis), code: .dataPatternNotJSON,
            message:
                "Filters[0]: Amazon Kinesis needs the `data` pattern to be a JSON object (it matches `data` as a plain value here); AWS rejects this at CreateEventSourceMapping/UpdateEventSourceMapping"
        ),
        LimitCase(
            name: "SQS body may be a plain string", patterns: [#"{"body":[{"prefix":"x"}]}"#], options: CriteriaOptions(source: .sqs),
            code: nil, message: nil),
        LimitCase(
            name: "invalid pattern names the filter", patterns: [#"{"a":["x"]}"#, #"{"a":[]}"#], options: CriteriaOptions(),
            code: .invalidPattern,
            message: "Filters[1]: invalid pattern: Empty arrays are not allowed at $.a (line 1, column 6)"
        ),
        LimitCase(
            name: "wildcard is not a Lambda operator", patterns: [#"{"a":[{"wildcard":"x*"}]}"#], options: CriteriaOptions(),
            code: .invalidPattern, message: nil
        ),
    ]

    @Test(arguments: limitCases)
    func limits(_ testCase: LimitCase) throws {
        do {
            let criteria = try FilterCriteria(patternTexts: testCase.patterns, options: testCase.options)
            #expect(testCase.code == nil, "expected \(String(describing: testCase.code)), got criteria")
            #expect(criteria.filters.count == testCase.patterns.count)
        } catch {
            #expect(error.code == testCase.code)
            if let message = testCase.message { #expect(error.description == message) }
        }
    }

    @Test func documentDBCanBeAllowedWithAWarning() throws {
        let criteria = try FilterCriteria(
            patternTexts: [#"{"fullDocument":{"a":["x"]}}"#], options: CriteriaOptions(source: .documentdb, allowsUnsupportedSource: true))
        #expect(criteria.warnings.map(\.code) == [.filteringIgnored])
    }

    @Test func checkListsEveryProblem() throws {
        let patterns = try Array(repeating: Pattern(parsing: #"{"data":["x"]}"#), count: 6)
        let outcome = FilterCriteria.check(patterns: patterns, options: CriteriaOptions(source: .kinesis))
        #expect(outcome.errors.map(\.code) == [.tooManyFilters] + Array(repeating: .dataPatternNotJSON, count: 6))
        #expect(outcome.errors.compactMap(\.filterIndex) == Array(0..<6))
    }

    /// Advice about a valid pattern (fields the source does not document, numbers on DynamoDB
    /// values) is lint's now (LambdaFilterAnalysis, `LintTests.formerCriteriaWarnings`), so each rule
    /// is written once; FilterCriteria keeps only what AWS refuses. These patterns build cleanly.
    @Test(arguments: [
        (#"{"attributes":{"x":["1"]},"messageId":["m"]}"#, MappingSource.sqs),
        (#"{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",100]}]}}}}"#, MappingSource.dynamodb),
        (#"{"value":{"a":["x"]}}"#, MappingSource.kafka),
    ])
    func sourceAdviceIsNotACriteriaWarning(_ pattern: String, _ source: MappingSource) throws {
        let criteria = try FilterCriteria(patternTexts: [pattern], options: CriteriaOptions(source: source))
        #expect(criteria.warnings.isEmpty, "\(criteria.warnings)")
        #expect(criteria.filters.count == 1)
    }

    @Test func eventBridgePatternsAreHeldToLambdasRules() throws {
        let pattern = try Pattern(parsing: #"{"a":[{"wildcard":"x*"}]}"#, dialect: .eventbridge)
        #expect(throws: CriteriaError.self) { try FilterCriteria(patterns: [pattern]) }
    }
}
