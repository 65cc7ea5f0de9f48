import Foundation
import LambdaFilter
import LambdaFilterCriteria
import Testing

/// Criteria → rendering → read back → the same filters, for every fixture pattern (and every
/// file of `Patterns/` once there are any).
@Suite("Round trips")
struct RoundTripTests {
    struct Case: Sendable, CustomStringConvertible {
        var fixture: PatternFixtures.Fixture
        var format: CriteriaFormat
        var syntax: TemplateSyntax
        var description: String { "\(fixture.name) \(format.rawValue) \(syntax.rawValue)" }
    }

    static let readableFormats: [(CriteriaFormat, TemplateSyntax)] = [
        (.json, .json), (.request, .json), (.cloudformation, .yaml), (.cloudformation, .json), (.sam, .yaml), (.sam, .json),
    ]

    static let allFixtures = PatternFixtures.fixtures + PatternFixtures.packageFixtures

    static let cases: [Case] = allFixtures.flatMap { fixture in
        readableFormats.map { Case(fixture: fixture, format: $0.0, syntax: $0.1) }
    }

    static func criteria(_ fixture: PatternFixtures.Fixture) throws -> FilterCriteria {
        // DocumentDB patterns are legal to render, but only with AWS's refusal noted as a warning.
        try FilterCriteria(
            patternTexts: [fixture.text],
            options: CriteriaOptions(source: fixture.source, allowsUnsupportedSource: fixture.source == .documentdb))
    }

    @Test(arguments: cases)
    func readsBackWhatItRendered(_ testCase: Case) throws {
        let original = try Self.criteria(testCase.fixture)
        let context = Samples.context(for: testCase.format, source: testCase.fixture.source, syntax: testCase.syntax)
        let text = original.render(testCase.format, context)
        let found = try FilterCriteriaReader.read(text: text, allowsUnsupportedSource: testCase.fixture.source == .documentdb)
        try #require(found.count == 1)
        #expect(found[0].criteria.filters.map(\.patternText) == original.filters.map(\.patternText))
        #expect(found[0].criteria.isEquivalent(to: original))
        if testCase.format == .sam || testCase.format == .cloudformation {
            #expect(found[0].source == testCase.fixture.source)
        }
    }

    @Test(arguments: [CriteriaOptions(formatting: .minified), CriteriaOptions(formatting: .asWritten)])
    func emptyCriteriaRoundTripAsRemoval(_ options: CriteriaOptions) throws {
        let empty = try FilterCriteria(patterns: [], options: options)
        #expect(empty.apiJSON == "{}")
        for format in [CriteriaFormat.json, .request, .cloudformation, .sam] {
            let found = try FilterCriteriaReader.read(text: empty.render(format, RenderContext(operation: .update(uuid: Samples.uuid))))
            #expect(found.count == 1 && found[0].criteria.isEmpty, "\(format)")
        }
    }

    // MARK: - Through real interpreters

    static let fixtureNames = allFixtures.map(\.name)

    static func fixture(_ name: String) throws -> PatternFixtures.Fixture {
        try #require(allFixtures.first { $0.name == name })
    }

    /// The line runs in `sh` with `aws` replaced by a function printing each argument NUL-terminated.
    @Test(.enabled(if: Command.isAvailable("sh")), arguments: fixtureNames)
    func awsCLILineSurvivesPOSIXShell(_ name: String) throws {
        let fixture = try Self.fixture(name)
        let original = try Self.criteria(fixture)
        let line = original.render(.awsCLI, Samples.context(for: .awsCLI, source: fixture.source))
        let script = "aws() { printf '%s\\0' \"$@\"; }\n" + line
        let result = try Command.run("sh", ["-c", script])
        try #require(result.status == 0, "\(result.errorText)")
        let arguments = result.output.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
        let criteriaIndex = try #require(arguments.firstIndex(of: "--filter-criteria"))
        #expect(arguments[criteriaIndex + 1] == original.apiJSON)
        #expect(arguments.prefix(4) == ["lambda", "update-event-source-mapping", "--uuid", Samples.uuid])
    }

    @Test(.enabled(if: Command.isAvailable("sh")))
    func shellQuotingKeepsSingleQuotesAndNewlines() throws {
        let original = try FilterCriteria(
            patternTexts: ["{\n  \"body\": [\"it's\", \"a\\nb\", \"$HOME `x` \\\\\"]\n}"], options: CriteriaOptions(formatting: .asWritten))
        let line = original.render(.awsCLI, RenderContext(operation: .update(uuid: Samples.uuid)))
        let result = try Command.run("sh", ["-c", "aws() { printf '%s\\0' \"$@\"; }\n" + line])
        let arguments = result.output.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(arguments.last == original.apiJSON)
    }

    @Test(.enabled(if: Command.isAvailable("python3")), arguments: fixtureNames)
    func boto3KwargsEvaluateToTheRequest(_ name: String) throws {
        let fixture = try Self.fixture(name)
        let original = try Self.criteria(fixture)
        let context = Samples.context(for: .boto3, source: fixture.source)
        let code = original.render(.boto3, context) + "import json, sys\nsys.stdout.write(json.dumps(update_event_source_mapping_kwargs))\n"
        let result = try Command.run("python3", ["-c", code])
        try #require(result.status == 0, "\(result.errorText)")
        let value = try JSONParser().parseValue(bytes: Array(result.output))
        let expected = JSONValue.object(context.parameters.requestMembers(for: context.operation, filterCriteria: original))
        #expect(value == expected)
    }

    @Test(.enabled(if: Command.isAvailable("node")), arguments: fixtureNames)
    func javaScriptInputEvaluatesToTheRequest(_ name: String) throws {
        let fixture = try Self.fixture(name)
        let original = try Self.criteria(fixture)
        let context = Samples.context(for: .javaScriptSDK, source: fixture.source)
        let rendered = original.render(.javaScriptSDK, context)
        // Keep the input object; the import and the send need the SDK.
        let start = try #require(rendered.range(of: "const input = "))
        let end = try #require(rendered.range(of: "\n};\n", range: start.upperBound..<rendered.endIndex))
        let code = String(rendered[start.lowerBound..<end.upperBound]) + "process.stdout.write(JSON.stringify(input));\n"
        let result = try Command.run("node", ["-e", code])
        try #require(result.status == 0, "\(result.errorText)")
        let value = try JSONParser().parseValue(bytes: Array(result.output))
        #expect(value == .object(context.parameters.requestMembers(for: context.operation, filterCriteria: original)))
    }

    /// CDK's `FilterCriteria.filter(o)` is `{ pattern: JSON.stringify(o) }`; the stand-in does the same.
    @Test(.enabled(if: Command.isAvailable("node")), arguments: fixtureNames)
    func cdkFiltersStringifyToTheSamePatterns(_ name: String) throws {
        let fixture = try Self.fixture(name)
        let original = try Self.criteria(fixture)
        let rendered = original.render(.cdk)
        let body = rendered.split(separator: "\n").filter { !$0.hasPrefix("import ") }.joined(separator: "\n")
        let code =
            "const FilterCriteria = { filter: (o) => ({ pattern: JSON.stringify(o) }) };\n" + body
            + "\nprocess.stdout.write(JSON.stringify(filters.map((f) => f.pattern)));\n"
        let result = try Command.run("node", ["-e", code])
        try #require(result.status == 0, "\(result.errorText)")
        let patterns = try #require(try JSONParser().parseValue(bytes: Array(result.output)).arrayElements?.compactMap(\.stringValue))
        let readBack = try FilterCriteria(patternTexts: patterns)
        #expect(readBack.isEquivalent(to: original))
    }
}
