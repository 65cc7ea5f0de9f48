import Foundation
import LambdaFilter
import LambdaFilterCriteria
import Testing

/// serverless.yml values as the framework turns them into Patterns: js-yaml 4 types each plain
/// scalar, and JavaScript writes the numbers (`JSON.stringify`).
@Suite("Serverless scalars as js-yaml and JSON.stringify give them")
struct ServerlessScalarTests {
    struct ScalarCase: Sendable, CustomTestStringConvertible {
        var written: String
        /// The value in the Pattern, as node (js-yaml 4.1.0, JSON.stringify) printed it.
        var pattern: String
        var testDescription: String { written }
    }

    static let scalars: [ScalarCase] = [
        ScalarCase(written: "1e3", pattern: "1000"), ScalarCase(written: "1E3", pattern: "1000"),
        ScalarCase(written: "1.0e+3", pattern: "1000"),
        ScalarCase(written: "0x1F", pattern: "31"), ScalarCase(written: "0X1F", pattern: #""0X1F""#),
        ScalarCase(written: "-0x1F", pattern: "-31"),
        ScalarCase(written: "+0x1F", pattern: "31"), ScalarCase(written: "0x_1F", pattern: "31"),
        ScalarCase(written: "0o17", pattern: "15"),
        ScalarCase(written: "0o_7", pattern: "7"), ScalarCase(written: "0b101", pattern: "5"), ScalarCase(written: "0b1_1", pattern: "3"),
        ScalarCase(written: "017", pattern: "17"), ScalarCase(written: "010", pattern: "10"), ScalarCase(written: "08", pattern: "8"),
        ScalarCase(written: "-010", pattern: "-10"), ScalarCase(written: "00", pattern: "0"), ScalarCase(written: "1_000", pattern: "1000"),
        ScalarCase(written: "1__0", pattern: "10"), ScalarCase(written: "1_0.5", pattern: "10.5"),
        ScalarCase(written: "12_345.678_9", pattern: "12345.6789"),
        ScalarCase(written: ".5", pattern: "0.5"), ScalarCase(written: "-.5", pattern: #""-.5""#),
        ScalarCase(written: "+.5", pattern: #""+.5""#),
        ScalarCase(written: "+1", pattern: "1"), ScalarCase(written: "1.", pattern: "1"), ScalarCase(written: "1.50", pattern: "1.5"),
        ScalarCase(written: "0.1", pattern: "0.1"), ScalarCase(written: "0.1e1", pattern: "1"),
        ScalarCase(written: "12e03", pattern: "12000"),
        ScalarCase(written: "1e21", pattern: "1e+21"), ScalarCase(written: "1e-7", pattern: "1e-7"),
        ScalarCase(written: "0.0000001", pattern: "1e-7"),
        ScalarCase(written: "0.000001", pattern: "0.000001"),
        ScalarCase(written: "123456789012345678901234567890", pattern: "1.2345678901234568e+29"),
        ScalarCase(written: "9007199254740993", pattern: "9007199254740992"),
        ScalarCase(written: "0xFFFFFFFFFFFFFFFFF", pattern: "295147905179352830000"),
        ScalarCase(written: "0x20000000000003", pattern: "9007199254740996"), ScalarCase(written: "5e-324", pattern: "5e-324"),
        ScalarCase(written: "1.7976931348623157e308", pattern: "1.7976931348623157e+308"), ScalarCase(written: "1e+400", pattern: "null"),
        ScalarCase(written: ".inf", pattern: "null"), ScalarCase(written: "-.inf", pattern: "null"),
        ScalarCase(written: ".NaN", pattern: "null"),
        ScalarCase(written: "-0", pattern: "0"), ScalarCase(written: "-0.0", pattern: "0"), ScalarCase(written: "1e", pattern: #""1e""#),
        ScalarCase(written: "1e3_0", pattern: #""1e3_0""#), ScalarCase(written: "_1", pattern: #""_1""#),
        ScalarCase(written: "1_", pattern: #""1_""#),
        ScalarCase(written: "1:30", pattern: #""1:30""#), ScalarCase(written: "190:20:30.15", pattern: #""190:20:30.15""#),
        ScalarCase(written: "1,000", pattern: #""1,000""#), ScalarCase(written: "0x1.8p1", pattern: #""0x1.8p1""#),
        ScalarCase(written: "yes", pattern: #""yes""#), ScalarCase(written: "off", pattern: #""off""#),
        ScalarCase(written: "y", pattern: #""y""#),
        ScalarCase(written: "True", pattern: "true"), ScalarCase(written: "FALSE", pattern: "false"),
        ScalarCase(written: "tRue", pattern: #""tRue""#),
        ScalarCase(written: "Null", pattern: "null"), ScalarCase(written: "~", pattern: "null"),
        ScalarCase(written: "'1e3'", pattern: #""1e3""#), ScalarCase(written: "\"0x1F\"", pattern: #""0x1F""#),
        ScalarCase(written: "!!str 1e3", pattern: #""1e3""#),
        ScalarCase(written: "2001-12-14", pattern: #""2001-12-14T00:00:00.000Z""#),
        ScalarCase(written: "0050-01-01", pattern: #""1950-01-01T00:00:00.000Z""#),
        ScalarCase(written: "2001-02-30", pattern: #""2001-03-02T00:00:00.000Z""#),
        ScalarCase(written: "2001-1-2 3:04:05.123456 +5", pattern: #""2001-01-01T22:04:05.123Z""#),
        ScalarCase(written: "1999-12-31t23:59:59.9-01:30", pattern: #""2000-01-01T01:29:59.900Z""#),
    ]

    static func serverless(_ entries: [String]) -> String {
        "service: s\nfunctions:\n  f:\n    events:\n      - sqs:\n          arn: arn:aws:sqs:us-east-1:123456789012:q\n          filterPatterns:\n"
            + entries.map { "            - body:\n\($0)\n" }.joined()
    }

    static func valueEntry(_ written: String) -> String { "                v:\n                  - \(written)" }

    static func patterns(_ text: String) throws -> [String] {
        let document = FilterDocument.read(text: text, name: "serverless.yml")
        #expect(document.kind == .serverless, "\(document.notes)")
        let mapping = try #require(document.mappings.first)
        return mapping.entry.patterns.map(\.text)
    }

    @Test(arguments: scalars)
    func aPlainScalarBecomesWhatJavaScriptWrites(_ testCase: ScalarCase) throws {
        #expect(try Self.patterns(Self.serverless([Self.valueEntry(testCase.written)])) == [#"{"body":{"v":["# + testCase.pattern + "]}}"])
    }

    static let keys: [ScalarCase] = [
        ScalarCase(written: "1e3", pattern: "1000"), ScalarCase(written: "0x1F", pattern: "31"),
        ScalarCase(written: "1.50", pattern: "1.5"),
        ScalarCase(written: "null", pattern: "null"), ScalarCase(written: "yes", pattern: "yes"),
        ScalarCase(written: ".inf", pattern: "Infinity"),
        ScalarCase(written: "-0.0", pattern: "0"), ScalarCase(written: "'0x1F'", pattern: "0x1F"),
    ]

    @Test(arguments: keys)
    func aPlainKeyIsTheTextOfItsValue(_ testCase: ScalarCase) throws {
        #expect(
            try Self.patterns(Self.serverless(["                \(testCase.written):\n                  - 1"])) == [
                #"{"body":{""# + testCase.pattern + #"":[1]}}"#
            ])
    }

    @Test func arrayIndexKeysComeFirstAsJSONStringifyOrdersThem() throws {
        let entry =
            "                b: [1]\n                \"10\": [2]\n                \"2\": [3]\n                \"01\": [4]\n                \"4294967295\": [5]"
        #expect(try Self.patterns(Self.serverless([entry])) == [#"{"body":{"2":[3],"10":[2],"b":[1],"01":[4],"4294967295":[5]}}"#])
    }

    // MARK: - Against js-yaml itself

    static let environment = ["NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs:/usr/local/lib/node_modules"]
    static let jsYAMLAvailable =
        Command.isAvailable("node")
        && ((try? Command.run("env", environment + ["node", "-e", "require('js-yaml')"]).status) == 0)

    /// Every table row through node: js-yaml loads the file, the framework's JSON round trip,
    /// then `JSON.stringify` of each entry, must be the Pattern the reader gives.
    @Test(
        .enabled(if: jsYAMLAvailable, "node with js-yaml not found (Debian: node-js-yaml); the comparison with js-yaml itself is skipped"))
    func everyRowAgreesWithJSYAML() throws {
        let text = Self.serverless(
            Self.scalars.map { Self.valueEntry($0.written) } + Self.keys.map { "                \($0.written):\n                  - 1" })
        let script = """
            const yaml = require('js-yaml');
            const config = JSON.parse(JSON.stringify(yaml.load(require('fs').readFileSync(0, 'utf8'))));
            for (const entry of config.functions.f.events[0].sqs.filterPatterns) console.log(JSON.stringify(entry));
            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-jsyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("serverless.yml")
        try text.write(to: input, atomically: true, encoding: .utf8)
        let result = try Command.run("sh", ["-c", "env \(Self.environment[0]) node -e \"$1\" < \"$2\"", "sh", script, input.path])
        try #require(result.status == 0, "\(result.errorText)")
        let expected = String(decoding: result.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(try Self.patterns(text) == expected)
    }
}
