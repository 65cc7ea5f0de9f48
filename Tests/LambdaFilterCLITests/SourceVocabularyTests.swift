import Foundation
import Testing

/// One vocabulary of sources (issue 12): `--source` takes the same values in every command, each
/// listed in `--help`, and a rule about a source is one check whichever command applies it.
@Suite("CLI source vocabulary")
struct SourceVocabularyTests {
    /// The values every command takes: what `test`/`explain` took and what `check`/`criteria` took.
    static let values = ["auto", "raw", "sqs", "kinesis", "dynamodb", "documentdb", "mq", "kafka", "msk"]

    /// A run of each command that reaches its own work once `--source` is read.
    static let commands: [(name: String, arguments: [String])] = [
        ("test", ["test", "-p", "Patterns/sqs/orders-over-100.json", "Samples/sqs/orders-batch.json"]),
        ("explain", ["explain", "-p", "Patterns/sqs/orders-over-100.json", "Samples/sqs/orders-batch.json"]),
        ("check", ["check", "Patterns/sqs/orders-over-100.json"]),
        ("criteria", ["criteria", "-p", "Patterns/sqs/orders-over-100.json"]),
        ("simulate", ["simulate", "-p", "Patterns/sqs/orders-over-100.json", "Samples/sqs/orders-batch.json"]),
    ]

    @Test(arguments: commands.map(\.name))
    func everyCommandTakesEveryValue(_ command: String) throws {
        let base = try #require(Self.commands.first { $0.name == command }).arguments
        for value in Self.values {
            let result = try CLIRunner.run(base + ["--source", value])
            #expect(!result.standardError.contains("is invalid for '--source"), "\(command) --source \(value): \(result.standardError)")
        }
        let unknown = try CLIRunner.run(base + ["--source", "sns"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("The value 'sns' is invalid for '--source <source>'"))
    }

    @Test(arguments: commands.map(\.name))
    func helpListsEveryValueWithItsMeaning(_ command: String) throws {
        let help = try CLIRunner.run([command, "--help"]).standardOutput
        for value in Self.values {
            #expect(help.contains("\n        \(value) "), "\(command) --help does not list \(value)")
        }
        #expect(help.contains("Amazon DynamoDB Streams"))
        #expect(help.contains("Amazon MSK"))
    }

    /// `kafka` and `msk` read the same records: the same verdicts on both Kafka samples.
    @Test(arguments: ["Samples/kafka/msk-payments.json", "Samples/kafka/self-managed-logs.json"])
    func kafkaAndMSKReadTheSameRecords(_ sample: String) throws {
        let arguments = [
            "test", "--format", "json", "-p", "Patterns/kafka/large-payments.json", "-p", "Patterns/kafka/error-lines.json", sample,
        ]
        let kafka = try CLIRunner.run(arguments + ["--source", "kafka"])
        let msk = try CLIRunner.run(arguments + ["--source", "msk"])
        let detected = try CLIRunner.run(arguments)
        #expect(kafka.status == 0 && !kafka.standardOutput.isEmpty)
        #expect(msk.standardOutput == kafka.standardOutput)
        #expect(detected.standardOutput == kafka.standardOutput)
    }

    /// The pattern the two DynamoDB checks used to disagree on. Stream records hold `N` values
    /// as strings (spec §2.3: "these parameters are converted to strings in the JSON record
    /// object"), so the number 101 never equals `{"N": "101"}`: the filter never matches, and
    /// `check`, `criteria` and `explain` say so with the one check's words.
    static let numberOnN = #"{"dynamodb":{"NewImage":{"Price":{"N":[101]}}}}"#
    static let neverMatches = "dynamodb.NewImage.Price.N: the number 101 never matches: DynamoDB Streams records hold N values as strings"

    @Test func aNumberOnAnNValueNeverMatchesAndEveryCommandSaysSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = directory.appendingPathComponent("record.json")
        try Data(#"{"eventName": "INSERT", "eventSource": "aws:dynamodb", "dynamodb": {"NewImage": {"Price": {"N": "101"}}}}"#.utf8).write(
            to: record)

        let tested = try CLIRunner.run(["test", "--format", "json", "--source", "dynamodb", "-p", Self.numberOnN, record.path])
        #expect(tested.status == 0)
        #expect(tested.standardOutput.contains(#""matched":false"#), "\(tested.standardOutput)")
        // The string form is the one that matches.
        let string = try CLIRunner.run([
            "test", "--format", "json", "--source", "dynamodb", "-p", #"{"dynamodb":{"NewImage":{"Price":{"N":["101"]}}}}"#, record.path,
        ])
        #expect(string.standardOutput.contains(#""matched":true"#), "\(string.standardOutput)")

        let checked = try CLIRunner.run(["check", "--source", "dynamodb", Self.numberOnN])
        #expect(checked.standardOutput.contains(Self.neverMatches + #" (e.g. {"N": "101"})"#), "\(checked.standardOutput)")
        #expect(checked.standardOutput.contains("[dynamodb-number-on-string-value]"))
        let criteria = try CLIRunner.run(["criteria", "--source", "dynamodb", "-p", Self.numberOnN])
        #expect(criteria.standardError.contains(Self.neverMatches), "\(criteria.standardError)")
        let explained = try CLIRunner.run(["explain", "--source", "dynamodb", "-p", Self.numberOnN, record.path])
        #expect(explained.standardOutput.contains(Self.neverMatches), "\(explained.standardOutput)")
        #expect(explained.standardOutput.contains("Verdict: filtered"))
    }
}
