import Foundation
import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// Whether `pattern` matches `record`, checked by both the compiled matcher and the reference;
/// a disagreement between the two is reported as `nil`.
func verdict(_ pattern: String, _ record: String, dialect: Dialect = .eventbridge) throws -> Bool? {
    let parsed = try Pattern(parsing: pattern, dialect: dialect)
    let compiled = try !Matcher(patterns: [parsed]).matchingPatterns(in: Array(record.utf8)).isEmpty
    let reference = !ReferenceMatcher(patterns: [parsed]).matchingPatterns(in: try JSONParser().parseValue(record)).isEmpty
    return compiled == reference ? compiled : nil
}

/// The error `pattern` is rejected with, or nil when it is accepted.
func patternError(_ pattern: String, dialect: Dialect = .eventbridge) -> PatternError? {
    do {
        _ = try Pattern(parsing: pattern, dialect: dialect)
        return nil
    } catch {
        return error
    }
}

/// A matching case: pattern, record, expected verdict.
struct MatchCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var record: String
    var matches: Bool
    var testDescription: String { "\(pattern) ~ \(record) → \(matches)" }

    init(_ pattern: String, _ record: String, _ matches: Bool) {
        self.pattern = pattern
        self.record = record
        self.matches = matches
    }
}

/// A rejection case: pattern, the expected code, message and JSON path.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var code: PatternError.Code
    var message: String
    var path: String
    var dialect: Dialect = .eventbridge
    var testDescription: String { "\(pattern) → \(code.rawValue)" }

    init(_ pattern: String, _ code: PatternError.Code, _ message: String, at path: String, dialect: Dialect = .eventbridge) {
        self.pattern = pattern
        self.code = code
        self.message = message
        self.path = path
        self.dialect = dialect
    }
}

/// Shared assertion for a table of rejection cases.
func expectRejected(_ testCase: ErrorCase, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error = patternError(testCase.pattern, dialect: testCase.dialect) else {
        Issue.record("accepted, expected \(testCase.code.rawValue)", sourceLocation: sourceLocation)
        return
    }
    #expect(error.code == testCase.code, sourceLocation: sourceLocation)
    #expect(error.message == testCase.message, sourceLocation: sourceLocation)
    #expect(error.pathDescription == testCase.path, sourceLocation: sourceLocation)
}

/// Where the shared conformance corpus lives: `../shared/conformance/cases.jsonl` beside the checkout.
func conformanceCasesURL() -> String {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    components.removeLast(3)  // Tests/LambdaFilterTests/TestHelpers.swift
    return components.joined(separator: "/") + "/../shared/conformance/cases.jsonl"
}

/// One `raw` case of the conformance corpus (an EventBridge verdict recorded against AWS).
struct RawCorpusCase {
    var id: String
    /// `match`, `nomatch` or `invalid`.
    var expect: String
    var patternTexts: [String]
    var recordText: String
}

/// The corpus's `raw` cases; records an issue and returns none when the corpus is missing.
func rawCorpusCases() throws -> [RawCorpusCase] {
    let path = conformanceCasesURL()
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        Issue.record("conformance corpus not found at \(path)")
        return []
    }
    var cases: [RawCorpusCase] = []
    for line in text.split(separator: "\n") where !line.isEmpty {
        let testCase = try JSONParser().parseValue(String(line))
        guard testCase["source"] == "raw", let expect = testCase["expect"]?.stringValue,
            let patternTexts = testCase["patterns"]?.arrayElements?.compactMap(\.stringValue)
        else { continue }
        let recordText = testCase["event_text"]?.stringValue ?? JSONWriter.write(testCase["event"] ?? .null)
        cases.append(
            RawCorpusCase(id: testCase["id"]?.stringValue ?? "?", expect: expect, patternTexts: patternTexts, recordText: recordText))
    }
    return cases
}

/// Whether `pattern` matches `record` by the compiled matcher, the explainer and the reference
/// matcher alike; a disagreement among them is reported as `nil`.
func verdictOfEveryEngine(_ pattern: String, _ record: String, dialect: Dialect = .eventbridge) throws -> Bool? {
    guard let both = try verdict(pattern, record, dialect: dialect) else { return nil }
    let explained = PatternExplainer.explain(
        pattern: try Pattern(parsing: pattern, dialect: dialect), record: try JSONParser().parseValue(record))
    // The explainer's fields must tell the same story as its verdict: no ✓ on every field of a
    // conjunction that did not hold unless it names an array conflict.
    let consistent = explained.conjunctions.allSatisfy { $0.held == $0.fields.allSatisfy(\.held) || $0.arrayConflict != nil }
    return explained.matched == both && consistent ? both : nil
}
