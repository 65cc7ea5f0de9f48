import Foundation
import LambdaFilter
import Testing

/// Properties of the CLI that golden transcripts do not show well: the conformance contract,
/// streaming many records in order, completions.
@Suite("CLI behaviour")
struct BehaviourTests {
    struct ContractCase: CustomTestStringConvertible, Sendable {
        var source: String
        var patterns: [String]
        var record: String
        var matched: Bool
        var testDescription: String { "\(source): \(patterns) ~ \(record)" }
    }

    static let contractCases: [ContractCase] = [
        ContractCase(source: "raw", patterns: [#"{"a": [{"wildcard": "x*"}]}"#], record: #"{"a": "xyz"}"#, matched: true),
        ContractCase(source: "raw", patterns: [#"{"a": ["q"]}"#, #"{"b": [1]}"#], record: #"{"b": 1.0}"#, matched: true),
        ContractCase(
            source: "sqs", patterns: [#"{"body": {"n": [{"numeric": [">", 1]}]}}"#], record: #"{"body": "{\"n\": 2}", "messageId": "m"}"#,
            matched: true),
        ContractCase(source: "sqs", patterns: [#"{"body": {"n": [2]}}"#], record: #"{"body": "n=2", "messageId": "m"}"#, matched: false),
        ContractCase(
            source: "kinesis", patterns: [#"{"data": {"n": [2]}}"#],
            record: #"{"kinesis": {"data": "eyJuIjogMn0=", "partitionKey": "p"}, "eventSource": "aws:kinesis"}"#, matched: true),
        ContractCase(
            source: "dynamodb", patterns: [#"{"dynamodb": {"NewImage": {"n": {"N": ["2"]}}}}"#],
            record: #"{"eventName": "INSERT", "eventSource": "aws:dynamodb", "dynamodb": {"NewImage": {"n": {"N": "2"}}}}"#, matched: true),
    ]

    /// `test --format json --source S --pattern P... RECORD` prints exactly one object with
    /// `matched` and exits 0 (../shared/conformance/README.md).
    @Test(arguments: contractCases)
    func conformanceContract(_ testCase: ContractCase) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = ["test", "--format", "json", "--source", testCase.source]
        for (index, pattern) in testCase.patterns.enumerated() {
            let url = directory.appendingPathComponent("p\(index).json")
            try Data(pattern.utf8).write(to: url)
            arguments += ["--pattern", url.path]
        }
        let recordURL = directory.appendingPathComponent("record.json")
        try Data(testCase.record.utf8).write(to: recordURL)
        let result = try CLIRunner.run(arguments + [recordURL.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        try #require(lines.count == 1)
        let object = try JSONParser().parseValue(String(lines[0]))
        #expect(object["matched"] == .bool(testCase.matched))
    }

    /// An invalid pattern: non-zero exit and a message on stderr, nothing on stdout.
    @Test func invalidPatternFailsTheContract() throws {
        let result = try CLIRunner.run([
            "test", "--format", "json", "--source", "sqs", "--pattern", #"{"body": [{"numeric": [">"]}]}"#, "Samples/sqs/orders-batch.json",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: Value of > must be numeric"))
        #expect(result.standardOutput.isEmpty)
    }

    /// A missing file or a glob that matches nothing is an error row for that argument; the
    /// other inputs still get their verdicts (`test`) or checks (`check`), and the exit is 65.
    @Test func missingInputsDoNotStopTheRun() throws {
        let tested = try CLIRunner.run([
            "test", "-p", "Patterns/sqs/orders-over-100.json", "/nonexistent/a.json", "/nonexistent/*.json",
            "Samples/sqs/orders-batch.json",
        ])
        #expect(tested.status == 65)
        #expect(tested.standardOutput.contains("/nonexistent/a.json"))
        #expect(tested.standardOutput.contains("no file matches this pattern"))
        #expect(tested.standardOutput.contains("Samples/sqs/orders-batch.json#Records[3]"))
        #expect(tested.standardOutput.contains("6 records: 2 passed, 2 filtered, 2 errors"))

        let checked = try CLIRunner.run(["check", "/nonexistent/a.json", "Patterns/sqs/orders-over-100.json"])
        #expect(checked.status == 65)
        #expect(checked.standardOutput.contains("2 files checked: 1 valid, 1 invalid"))
    }

    /// A record file (or the first line of a JSON Lines file) that starts with a UTF-8
    /// byte-order mark is read without it, as editors on Windows write them.
    @Test func recordFilesWithAByteOrderMarkAreRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let event = try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Samples/sqs/orders-batch.json"))
        let file = directory.appendingPathComponent("bom.json")
        try (Data([0xEF, 0xBB, 0xBF]) + event).write(to: file)
        let lines = directory.appendingPathComponent("bom.jsonl")
        try Data("\u{FEFF}{\"a\": 1}\n{\"a\": 2}\n".utf8).write(to: lines)

        let tested = try CLIRunner.run(["test", "-p", "Patterns/sqs/orders-over-100.json", file.path])
        #expect(tested.status == 0, "stderr: \(tested.standardError)")
        #expect(tested.standardOutput.contains("4 records: 2 passed, 2 filtered"))
        let jsonLines = try CLIRunner.run(["test", "--source", "raw", "-p", #"{"a": [1]}"#, lines.path])
        #expect(jsonLines.status == 0, "stderr: \(jsonLines.standardError)")
        #expect(jsonLines.standardOutput.contains("2 records: 1 passed, 1 filtered"))
        let explained = try CLIRunner.run(["explain", "-p", "Patterns/sqs/orders-over-100.json", "--record", "Records[0]", file.path])
        #expect(explained.status == 0, "stderr: \(explained.standardError)")
    }

    /// Many JSON Lines records cross several batches and worker threads; verdicts stay in order.
    @Test func streamsManyRecordsInOrder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 20_000
        var text = ""
        for index in 0..<count { text += "{\"n\": \(index), \"pad\": \"\(String(repeating: "x", count: index % 50))\"}\n" }
        let url = directory.appendingPathComponent("many.jsonl")
        try Data(text.utf8).write(to: url)
        let result = try CLIRunner.run([
            "test", "--source", "raw", "--format", "json", "-p", #"{"n": [{"numeric": ["<", 7000]}]}"#, url.path,
        ])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == count)
        var inOrder = true, matches = 0
        for (index, line) in lines.enumerated() {
            let object = try JSONParser().parseValue(String(line))
            if object["line"] != .number(String(index + 1)) { inOrder = false }
            if object["matched"] == .bool(true) { matches += 1 }
        }
        #expect(inOrder)
        #expect(matches == 7000)
    }

    /// JSON Lines are cut right whatever the 64 KiB chunks they are read in: a byte-order mark,
    /// CRLF, a blank line, lines longer than a chunk (each line is a slice of its chunk, and a
    /// line that outgrows one continues in the next), no newline at the end.
    @Test func linesAreCutRightAcrossChunks() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}\r\n".utf8)
        bytes += Array("{\"a\": 2, \"pad\": \"\(String(repeating: "x", count: 3 << 20))\"}\r\n\n".utf8)
        for index in 0..<3_000 { bytes += Array("{\"a\": \(index % 7), \"pad\": \"\(String(repeating: "y", count: index))\"}\n".utf8) }
        bytes += Array("{\"a\": 9}".utf8)
        let url = directory.appendingPathComponent("lines.jsonl")
        try Data(bytes).write(to: url)
        let result = try CLIRunner.run(["test", "--source", "raw", "--format", "json", "-p", #"{"a": [{"numeric": [">", 1]}]}"#, url.path])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try result.standardOutput.split(separator: "\n").map { try JSONParser().parseValue(String($0)) }
        let expectedLines = [1, 2] + (4..<3_004).map { $0 } + [3_004]
        #expect(rows.map { $0["line"] } == expectedLines.map { .number(String($0)) })
        let expectedMatches = [false, true] + (0..<3_000).map { $0 % 7 > 1 } + [true]
        #expect(rows.map { $0["matched"] } == expectedMatches.map { .bool($0) })
    }

    /// A payload over AWS's limit is refused by `test` as by `explain`, with one message (issue
    /// 11: a 1.49 MB SQS body passed `test`, whose byte path did not check the limit).
    @Test(arguments: [
        ("sqs", "body", "PayloadLimits.sqs = 1048576", "Records[0]"),
        ("kinesis", "kinesis.data", "PayloadLimits.kinesis = 10485760", "Records[0]"),
    ])
    func payloadsOverTheLimitAreRefusedByTestAsByExplain(source: String, field: String, limit: String, record: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A JSON payload of about 1.49 MB (SQS) or 10.5 MB (Kinesis).
        let size = source == "sqs" ? 1_490_000 : 10_500_000
        let payload = #"{"a": ""# + String(repeating: "x", count: size - 9) + #""}"#
        let recordText =
            source == "sqs"
            ? #"{"messageId": "m", "eventSource": "aws:sqs", "body": \#(JSONWriter.quote(payload))}"#
            : #"{"eventSource": "aws:kinesis", "kinesis": {"partitionKey": "p", "data": "\#(Data(payload.utf8).base64EncodedString())"}}"#
        let url = directory.appendingPathComponent("big.json")
        try Data(#"{"Records": [\#(recordText)]}"#.utf8).write(to: url)
        let pattern = source == "sqs" ? #"{"body": {"a": [{"exists": true}]}}"# : #"{"data": {"a": [{"exists": true}]}}"#
        let message = "\(field): payload is \(size) bytes, more than the source allows (\(limit) bytes)"
        let tested = try CLIRunner.run(["test", "-p", pattern, url.path])
        #expect(tested.status == 65)
        #expect(tested.standardOutput.contains("error                  \(url.path)#\(record)  \(message)"), "\(tested.standardOutput)")
        #expect(tested.standardOutput.contains("1 record: 0 passed, 0 filtered, 1 error"))
        let explained = try CLIRunner.run(["explain", "-p", pattern, "--record", record, url.path])
        #expect(explained.status != 0)
        #expect(explained.standardError.contains(message), "\(explained.standardError)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let result = try CLIRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("explain"))
        #expect(result.standardOutput.contains("manifest"))
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// An input that cannot be read gets an error row; every other input still gets its verdicts,
/// and the run ends with exit 65 (a FIFO once stopped the whole run, with no verdict at all).
@Suite("CLI unreadable inputs")
struct UnreadableInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var command: String
        var extraArguments: [String]
        var expectedOutput: [String]
        var testDescription: String { ([command] + extraArguments).joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(
            command: "test", extraArguments: [],
            expectedOutput: [
                "passed                 first.json  filter 0 (<pattern 1>)",
                "error                  fifo.json  a FIFO with no writer; nothing to read",
                "filtered               last.json",
                "3 records: 1 passed, 1 filtered, 1 error",
            ]),
        Case(
            command: "test", extraArguments: ["--jsonl"],
            expectedOutput: [
                "passed                 first.json:1  filter 0 (<pattern 1>)",
                "error                  fifo.json  a FIFO with no writer; nothing to read",
                "filtered               last.json:1",
                "3 records: 1 passed, 1 filtered, 1 error",
            ]),
    ]

    @Test(arguments: cases)
    func aFIFOWithoutWriterIsAnErrorRowAndTheRunGoesOn(_ testCase: Case) throws {
        let directory = try BehaviourTests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"a": 1}"#.utf8).write(to: directory.appendingPathComponent("first.json"))
        try Data(#"{"a": 2}"#.utf8).write(to: directory.appendingPathComponent("last.json"))
        #expect(mkfifo(directory.appendingPathComponent("fifo.json").path, 0o600) == 0)
        let arguments =
            [testCase.command, "--source", "raw", "-p", #"{"a": [1]}"#] + testCase.extraArguments
            + ["first.json", "fifo.json", "last.json"].map { directory.appendingPathComponent($0).path }
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 65)
        let rows = result.standardOutput.replacingOccurrences(of: directory.path + "/", with: "").split(separator: "\n").map(String.init)
        #expect(rows == testCase.expectedOutput)
        #expect(result.standardError.contains("fifo.json: error: a FIFO with no writer; nothing to read"))
    }

    #if os(Linux)
    /// `/proc/self/mem` opens but fails with EIO at offset 0: a read error, not an open error.
    @Test(arguments: [[], ["--jsonl"]])
    func aReadErrorIsAnErrorRowAndTheRunGoesOn(_ extra: [String]) throws {
        let directory = try BehaviourTests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let last = directory.appendingPathComponent("last.json")
        try Data(#"{"a": 1}"#.utf8).write(to: last)
        let result = try CLIRunner.run(["test", "--source", "raw", "-p", #"{"a": [1]}"#] + extra + ["/proc/self/mem", last.path])
        #expect(result.status == 65)
        #expect(result.standardOutput.contains("/proc/self/mem  read failed: Input/output error"))
        #expect(result.standardOutput.contains("passed                 \(last.path)"))
        #expect(result.standardOutput.contains("2 records: 1 passed, 0 filtered, 1 error"))
    }
    #endif

    @Test func checkReportsTheFIFOAndChecksTheOthers() throws {
        let directory = try BehaviourTests().temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let valid = directory.appendingPathComponent("valid.json")
        try Data(#"{"a": [1]}"#.utf8).write(to: valid)
        let fifo = directory.appendingPathComponent("fifo.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let result = try CLIRunner.run(["check", fifo.path, valid.path])
        #expect(result.status == 65)
        #expect(result.standardOutput.contains("a FIFO with no writer; nothing to read [unreadable]"))
        #expect(result.standardOutput.contains("2 files checked: 1 valid, 1 invalid"))
    }
}
