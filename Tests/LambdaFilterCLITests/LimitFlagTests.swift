import Foundation
import Testing

/// The limit flags: each one raises or lowers its library setting, and a refusal names the
/// setting and the flag.
@Suite("CLI limit flags")
struct LimitFlagTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var status: Int32
        /// Text that stdout and stderr together must hold.
        var output: [String]
        var testDescription: String { name }
    }

    static let nested = "deep.json"
    /// A raw record nested 600 levels (deeper than the default 512), then the field patterns name.
    static let deepRecord = #"{"d": "# + String(repeating: "[", count: 599) + String(repeating: "]", count: 599) + #", "a": 1}"#
    /// One SQS record with the same nesting in an attribute: read by the byte path.
    static let deepSQSEvent =
        #"{"Records": [{"eventSource": "aws:sqs", "body": "{\"a\": 1}", "attributes": {"d": "#
        + String(repeating: "[", count: 598) + String(repeating: "]", count: 598) + "}}]}"
    static let onA = #"{"a": [1]}"#
    static let onBodyA = #"{"body": {"a": [1]}}"#
    static let kafka = "Samples/kafka/msk-payments.json"
    static let onAmount = #"{"value": {"amount": [{"numeric": [">", 0]}]}}"#

    static let cases: [Case] = [
        Case(
            name: "test: a record deeper than 512 levels is an error row", arguments: ["test", "--source", "raw", "-p", onA, nested],
            status: 65, output: ["nesting deeper than 512 levels"]),
        Case(
            name: "test --max-depth 700 reads it", arguments: ["test", "--source", "raw", "-p", onA, "--max-depth", "700", nested],
            status: 0, output: ["passed", "1 record: 1 passed"]),
        Case(
            name: "test --max-depth 700 reads an SQS event that deep",
            arguments: ["test", "-p", onBodyA, "--max-depth", "700", "sqs-" + nested],
            status: 0, output: ["passed", "1 record: 1 passed"]),
        Case(
            name: "test: an SQS event that deep is an error row", arguments: ["test", "-p", onBodyA, "sqs-" + nested],
            status: 65, output: ["nesting deeper than 512 levels"]),
        Case(
            name: "test --max-depth 2 refuses three levels",
            arguments: ["test", "--source", "raw", "-p", onA, "--max-depth", "2", "three.json"],
            status: 65, output: ["nesting deeper than 2 levels"]),
        Case(
            name: "explain --max-depth 700 reads it", arguments: ["explain", "--source", "raw", "-p", onA, "--max-depth", "700", nested],
            status: 0, output: ["Verdict: passed by filter 0"]),
        Case(
            name: "explain: deeper than 512 levels", arguments: ["explain", "--source", "raw", "-p", onA, nested],
            status: 65, output: ["nesting deeper than 512 levels"]),
        Case(
            name: "test --max-patterns 1 refuses two",
            arguments: ["test", "--source", "raw", "-p", onA, "-p", onA, "--max-patterns", "1", "three.json"],
            status: 1,
            output: [
                "error: 2 patterns are more than one matcher compiles: at most 1 (MatcherLimits.maxPatterns); raise it with --max-patterns"
            ]),
        Case(
            name: "test --max-patterns 2 takes two",
            arguments: ["test", "--source", "raw", "-p", onA, "-p", onA, "--max-patterns", "2", "three.json"],
            status: 0, output: ["1 record: 1 passed"]),
        Case(
            name: "explain --max-patterns 1 refuses two",
            arguments: ["explain", "--source", "raw", "-p", onA, "-p", onA, "--max-patterns", "1", "three.json"],
            status: 1, output: ["at most 1 (MatcherLimits.maxPatterns); raise it with --max-patterns"]),
        Case(
            name: "test: Kafka values within AWS's limit", arguments: ["test", "-p", onAmount, kafka],
            status: 0, output: ["3 records: 3 passed"]),
        // The values decode to 60, 57 and 59 bytes (padding is not counted).
        Case(
            name: "test --max-payload-bytes 59 refuses the 60-byte value",
            arguments: ["test", "-p", onAmount, "--max-payload-bytes", "59", kafka],
            status: 65,
            output: [
                "value: payload is 60 bytes, more than the source allows (PayloadLimits.kafka = 59 bytes)",
                "3 records: 2 passed, 0 filtered, 1 error",
            ]),
        Case(
            name: "test --max-payload-bytes 56 refuses all three", arguments: ["test", "-p", onAmount, "--max-payload-bytes", "56", kafka],
            status: 65, output: ["PayloadLimits.kafka = 56 bytes", "3 records: 0 passed, 0 filtered, 3 errors"]),
        Case(
            name: "test --max-payload-bytes 5 applies to SQS bodies on the byte path",
            arguments: ["test", "-p", onBodyA, "--max-payload-bytes", "5", "Samples/sqs/orders-batch.json"],
            status: 65, output: ["PayloadLimits.sqs = 5 bytes"]),
        Case(
            name: "explain --max-payload-bytes 10", arguments: ["explain", "-p", onAmount, "--max-payload-bytes", "10", kafka],
            status: 65, output: ["value: payload is 57 bytes, more than the source allows (PayloadLimits.kafka = 10 bytes)"]),
        Case(
            name: "check --max-document-bytes 5", arguments: ["check", "--max-document-bytes", "5", "Patterns/sqs/orders-over-100.json"],
            status: 1, output: ["the reader accepts at most 5 (FilterReadOptions.maxDocumentBytes) [unreadable-document]"]),
        Case(
            name: "test --max-document-bytes 5",
            arguments: ["test", "--max-document-bytes", "5", "-p", "Patterns/sqs/orders-over-100.json", "Samples/sqs/orders-batch.json"],
            status: 65, output: ["the reader accepts at most 5 (FilterReadOptions.maxDocumentBytes)"]),
        Case(
            name: "criteria --max-document-bytes 5",
            arguments: ["criteria", "--max-document-bytes", "5", "-p", "Patterns/sqs/orders-over-100.json"],
            status: 65, output: ["the reader accepts at most 5 (FilterReadOptions.maxDocumentBytes)"]),
        Case(
            name: "criteria: the default reads it", arguments: ["criteria", "-p", "Patterns/sqs/orders-over-100.json"],
            status: 0, output: ["Filters"]),
        Case(
            name: "--max-patterns 0 is a usage error", arguments: ["test", "--max-patterns", "0", "-p", onA, "three.json"],
            status: 64, output: ["--max-patterns must be at least 1."]),
        Case(
            name: "--max-depth 0 is a usage error", arguments: ["explain", "--max-depth", "0", "-p", onA, "three.json"],
            status: 64, output: ["--max-depth must be at least 1."]),
        Case(
            name: "--max-payload-bytes -1 is a usage error", arguments: ["test", "--max-payload-bytes=-1", "-p", onA, "three.json"],
            status: 64, output: ["--max-payload-bytes cannot be negative."]),
        Case(
            name: "--max-document-bytes 0 is a usage error", arguments: ["check", "--max-document-bytes", "0", "three.json"],
            status: 64, output: ["--max-document-bytes must be at least 1."]),
    ]

    @Test(arguments: cases)
    func flagSetsItsLimit(_ testCase: Case) throws {
        let directory = try BehaviourTests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.deepRecord.utf8).write(to: directory.appendingPathComponent(Self.nested))
        try Data(Self.deepSQSEvent.utf8).write(to: directory.appendingPathComponent("sqs-" + Self.nested))
        try Data(#"{"b": {"c": [1]}, "a": 1}"#.utf8).write(to: directory.appendingPathComponent("three.json"))
        let local: Set<String> = [Self.nested, "sqs-" + Self.nested, "three.json"]
        let arguments = testCase.arguments.map { local.contains($0) ? directory.appendingPathComponent($0).path : $0 }
        let result = try CLIRunner.run(arguments)
        #expect(result.status == testCase.status, "\(result.standardOutput)\(result.standardError)")
        for text in testCase.output {
            #expect((result.standardOutput + result.standardError).contains(text), "\(result.standardOutput)\(result.standardError)")
        }
    }

    /// Every flag is in the help of the commands that take it, with its default.
    @Test(arguments: [
        (
            "test",
            [
                "--max-patterns <count>", "(default: 100000)", "--max-depth <levels>", "(default: 512)", "--max-payload-bytes <bytes>",
                "--max-document-bytes <bytes>", "(default: 16777216)",
            ]
        ),
        ("explain", ["--max-patterns <count>", "--max-depth <levels>", "--max-payload-bytes <bytes>", "--max-document-bytes <bytes>"]),
        ("check", ["--max-document-bytes <bytes>"]),
        ("criteria", ["--max-document-bytes <bytes>"]),
    ])
    func helpListsTheLimits(_ command: String, _ expected: [String]) throws {
        let help = try CLIRunner.run([command, "--help"]).standardOutput
        for text in expected { #expect(help.contains(text), "\(command): \(text)") }
    }
}
