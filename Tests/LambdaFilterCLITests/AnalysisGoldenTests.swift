import Testing

/// Lint in `check`, `rules`, `simulate` and `dynamodb`, against golden transcripts under Golden/
/// (re-recorded like GoldenTests').
@Suite("CLI golden transcripts: lint, simulate, dynamodb")
struct AnalysisGoldenTests {
    static let fixtures = "Tests/LambdaFilterCLITests/Fixtures/"
    static let sqsBatch = "Samples/sqs/orders-batch.json"
    static let overHundred = "Patterns/sqs/orders-over-100.json"
    static let gold = "Patterns/sqs/gold-customers-placed.json"

    static let cases: [GoldenTests.Case] = [
        GoldenTests.Case("help-simulate", ["simulate", "--help"]),
        GoldenTests.Case("help-dynamodb-typed", ["dynamodb", "typed", "--help"]),
        GoldenTests.Case("rules-text", ["rules"]),
        // The console example from AWS's 2022 guide: never matches on SQS.
        GoldenTests.Case("check-lint-sqs-console-example", ["check", "--source", "sqs", "-"], input: #"{"a": [1, 2]}"#),
        GoldenTests.Case(
            "check-lint-mq-value", ["check", "--source", "mq", "-"], input: #"{"value": {"timeout": [{"numeric": [">", 0]}]}}"#),
        GoldenTests.Case("check-lint-strict-warning", ["check", "--strict", "--source", "sqs", "-"], input: #"{"a": [1, 2]}"#, status: 1),
        // Notes never fail --strict: the most common real DynamoDB filter.
        GoldenTests.Case("check-lint-strict-note", ["check", "--strict", "--source", "dynamodb", "Patterns/dynamodb/inserts-only.json"]),
        GoldenTests.Case(
            "check-lint-ignore", ["check", "--strict", "--source", "sqs", "--ignore", "field-not-in-record", "-"], input: #"{"a": [1, 2]}"#),
        GoldenTests.Case("check-lint-ignore-unknown", ["check", "--ignore", "no-such-rule", "-"], input: #"{"a": [1]}"#, status: 64),
        GoldenTests.Case(
            "check-lint-samples", ["check", "--source", "sqs", "--samples", sqsBatch, "-"],
            input: #"{"body": {"Total": [{"numeric": [">", 100]}], "status": [{"prefix": "PL"}]}}"#),
        GoldenTests.Case("check-lint-template", ["check", "--strict", fixtures + "lint-template.yaml"], status: 1),
        GoldenTests.Case(
            "check-lint-json", ["check", "--format", "json", "--source", "dynamodb", "-"],
            input: #"{"dynamodb": {"NewImage": {"status": ["OPEN"]}}}"#),
        GoldenTests.Case("explain-did-you-mean", ["explain", "-p", #"{"a": [1, 2]}"#, "--record", "Records[0]", sqsBatch]),
        GoldenTests.Case("simulate-one-mapping", ["simulate", "-p", overHundred, sqsBatch]),
        GoldenTests.Case(
            "simulate-two-mappings", ["simulate", "--mapping", overHundred, "--mapping", gold, "--fail-on-dropped", sqsBatch], status: 1),
        GoldenTests.Case(
            "simulate-json",
            [
                "simulate", "--format", "json", "--mapping", "Patterns/kinesis/buy-orders.json", "--mapping",
                "Patterns/kinesis/error-level.json", "Samples/kinesis/mixed-payloads.json",
            ]),
        GoldenTests.Case("simulate-template", ["simulate", "--mapping", fixtures + "lint-template.yaml", "--source", "sqs", sqsBatch]),
        GoldenTests.Case("simulate-no-mapping", ["simulate", sqsBatch], status: 64),
        // Bad input: a sample that is no record, a batch with no readable record, a pattern that is not JSON.
        GoldenTests.Case(
            "check-lint-samples-unreadable", ["check", "--source", "sqs", "--samples", fixtures + "not-an-event.json", "-"],
            input: #"{"body": {"a": [1]}}"#, status: 65),
        GoldenTests.Case(
            "simulate-unreadable-batch", ["simulate", "-p", overHundred, fixtures + "not-an-event.json", sqsBatch], status: 65),
        GoldenTests.Case("dynamodb-typed-not-json", ["dynamodb", "typed", "-p", "{not json"], status: 1),
        GoldenTests.Case("dynamodb-typed", ["dynamodb", "typed", "-p", #"{"NewImage": {"status": ["OPEN"]}}"#]),
        GoldenTests.Case(
            "dynamodb-typed-sample",
            [
                "dynamodb", "typed", "--sample", "Samples/dynamodb/customers.json", "-p",
                #"{"dynamodb": {"NewImage": {"Orders": [{"numeric": [">", 100]}], "Active": [true]}}}"#,
            ]),
        GoldenTests.Case("dynamodb-plain", ["dynamodb", "plain", "--record", "Records[1]", "Samples/dynamodb/customers.json"]),
    ]

    @Test(arguments: cases)
    func transcript(_ testCase: GoldenTests.Case) throws {
        let result = try CLIRunner.run(testCase.arguments, input: testCase.input)
        #expect(result.status == testCase.status, "stderr: \(result.standardError)")
        #expect(!result.standardOutput.contains("\u{1B}["))
        try CLIRunner.expectGolden(result.transcript(arguments: testCase.arguments), named: testCase.name)
    }
}
