import Testing

/// Every subcommand, every format, exit codes, stdin and bad input, against golden transcripts
/// (stdout, stderr and exit status) under Golden/. Re-record on purpose with
/// `LAMBDA_FILTER_RECORD_GOLDEN=1 swift test --filter LambdaFilterCLITests`: every file whose
/// text changed is rewritten and its test still fails, so review the diff before committing.
@Suite("CLI golden transcripts")
struct GoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var input: String?
        var status: Int32
        var testDescription: String { name }

        init(_ name: String, _ arguments: [String], input: String? = nil, status: Int32 = 0) {
            self.name = name
            self.arguments = arguments
            self.input = input
            self.status = status
        }
    }

    static let fixtures = "Tests/LambdaFilterCLITests/Fixtures/"
    static let sqsBatch = "Samples/sqs/orders-batch.json"
    static let overHundred = "Patterns/sqs/orders-over-100.json"

    static let cases: [Case] = [
        // Help and version.
        Case("help-root", ["--help"]),
        Case("help-check", ["check", "--help"]),
        Case("help-test", ["test", "--help"]),
        Case("help-explain", ["explain", "--help"]),
        Case("help-criteria", ["criteria", "--help"]),
        Case("version", ["--version"]),
        // check
        Case("check-patterns-folder", ["check", "Patterns/"]),
        Case("check-invalid-text", ["check", fixtures + "invalid-pattern.json", overHundred], status: 1),
        Case("check-invalid-json", ["check", "--format", "json", fixtures + "invalid-pattern.json"], status: 1),
        Case("check-invalid-junit", ["check", "--format", "junit", fixtures + "invalid-pattern.json", overHundred], status: 1),
        Case("check-lambda-dialect", ["check", fixtures + "wildcard-pattern.json"], status: 1),
        Case("check-eventbridge-dialect", ["check", "--dialect", "eventbridge", fixtures + "wildcard-pattern.json"]),
        Case("check-template", ["check", fixtures + "template.yaml"], status: 1),
        Case("check-template-json", ["check", fixtures + "template.json"], status: 1),
        Case("check-template-json-format", ["check", "--format", "json", fixtures + "template.json"], status: 1),
        Case("check-template-blocks", ["check", fixtures + "sam-block-patterns.yaml"], status: 1),
        Case(
            "check-template-stdin", ["check", "-"],
            input: "FilterCriteria:\n  Filters:\n    - Pattern: '{\"a\": [{\"exists\": \"yes\"}]}'\n", status: 1),
        Case("check-stdin", ["check", "-"], input: "{\"a\": [{\"exists\": \"yes\"}]}", status: 1),
        Case("check-warnings-strict", ["check", "--strict", "-"], input: "{\"ip\": [{\"cidr\": \"10.0.0.0/8\"}]}", status: 1),
        Case("check-source-rules-dynamodb", ["check", "--source", "dynamodb", "Patterns/dynamodb/"]),
        Case(
            "check-source-rules-kinesis", ["check", "--source", "kinesis", "-"], input: "{\"data\": [{\"prefix\": \"ERROR\"}]}", status: 1),
        Case("check-missing-file", ["check", "no-such-pattern.json"], status: 65),
        Case("check-no-arguments", ["check"], status: 64),
        // test
        Case("test-sqs-text", ["test", "-p", overHundred, sqsBatch]),
        Case("test-sqs-json", ["test", "--format", "json", "-p", overHundred, sqsBatch]),
        Case("test-sqs-junit", ["test", "--format", "junit", "-p", overHundred, sqsBatch]),
        Case("test-two-filters", ["test", "-p", overHundred, "-p", "Patterns/sqs/gold-customers-placed.json", sqsBatch]),
        Case("test-dropped", ["test", "-p", overHundred, "Samples/sqs/plain-text-body.json"]),
        Case(
            "test-kafka-format-mismatch",
            ["test", "-p", "Patterns/kafka/authorized-on-partition-0.json", "Samples/kafka/self-managed-logs.json"]),
        Case(
            "test-raw-jsonl-bad-line", ["test", "--source", "raw", "-p", fixtures + "paid-over-100.json", fixtures + "orders.jsonl"],
            status: 65),
        Case("test-stdin-raw", ["test", "--source", "raw", "-p", "{\"status\": [\"paid\"]}", "-"], input: "{\"status\": \"paid\"}"),
        Case(
            "test-stdin-jsonl",
            ["test", "--source", "raw", "--jsonl", "--format", "json", "-p", "{\"n\": [{\"numeric\": [\">\", 1]}]}", "-"],
            input: "{\"n\": 1}\n{\"n\": 2}\n"),
        Case("test-bad-record", ["test", "-p", overHundred, fixtures + "not-an-event.json"], status: 65),
        Case("test-unrecognised-source", ["test", "-p", fixtures + "paid-over-100.json", fixtures + "paid-over-100.json"], status: 65),
        Case("test-expectations-hold", ["test", "-q", "-p", overHundred, "--expect", fixtures + "expectations.json", sqsBatch]),
        Case(
            "test-expectations-differ", ["test", "-p", overHundred, "--expect", fixtures + "wrong-expectations.json", sqsBatch], status: 1),
        Case(
            "test-expectations-differ-junit",
            ["test", "--format", "junit", "-p", overHundred, "--expect", fixtures + "wrong-expectations.json", sqsBatch], status: 1),
        Case("test-manifest-quiet", ["test", "--manifest", "Patterns/manifest.json", "-q"]),
        Case("test-invalid-pattern", ["test", "-p", fixtures + "invalid-pattern.json", sqsBatch], status: 1),
        Case("test-no-pattern", ["test", sqsBatch], status: 64),
        Case("test-manifest-with-pattern", ["test", "--manifest", "Patterns/manifest.json", "-p", overHundred], status: 64),
        Case("test-unknown-source", ["test", "--source", "sns", "-p", overHundred, sqsBatch], status: 64),
        Case("test-missing-record-file", ["test", "-p", overHundred, "Samples/none.json"], status: 65),
        // Deployed filters (issue 13): templates, mapping output, serverless.yml and Terraform as inputs.
        Case("check-templates-folder", ["check", "Patterns/templates/"]),
        Case("check-update-request-parameters", ["check", fixtures + "update-request.json"], status: 1),
        Case("check-sqs-create-request-parameters", ["check", fixtures + "sqs-create-request.json"], status: 1),
        Case("check-yaml-syntax-error", ["check", fixtures + "broken-template.yaml"], status: 1),
        Case("check-nothing-checked", ["check", fixtures + "not-filters/"], status: 1),
        Case("test-sam-mapping", ["test", "-p", "Patterns/templates/sam-orders.yaml", "--mapping", "OrdersFunction.BigOrders", sqsBatch]),
        Case(
            "test-terraform-mapping",
            ["test", "-p", "Patterns/templates/terraform-orders.tf", "--mapping", "aws_lambda_event_source_mapping.gold_placed", sqsBatch]),
        Case("test-serverless-every-mapping", ["test", "-p", "Patterns/templates/serverless.yml", sqsBatch]),
        Case(
            "test-pipes-mapping-json",
            ["test", "--format", "json", "-p", "Patterns/templates/pipes-orders.yaml", "--mapping", "OrdersPipe", sqsBatch]),
        Case(
            "test-mapping-output", ["test", "-p", "Patterns/templates/get-event-source-mapping.json", "Samples/sqs/plain-text-body.json"]),
        Case(
            "test-plan-mapping",
            ["test", "-p", "Patterns/templates/terraform-plan.json", "--mapping", "customers", "Samples/dynamodb/customers.json"]),
        Case(
            "test-cfn-mapping-junit",
            [
                "test", "--format", "junit", "-p", "Patterns/templates/cfn-kinesis.json", "--mapping", "BuyOrdersMapping",
                "Samples/kinesis/trades.json",
            ]),
        Case(
            "test-expectations-by-mapping",
            ["test", "-p", "Patterns/templates/terraform-orders.tf", "--expect", fixtures + "mapping-expectations.json", sqsBatch],
            status: 1),
        Case(
            "check-mapping-without-criteria", ["check", "-"],
            input:
                "{\"UUID\": \"14e0db71-5d35-4eb5-b481-8945cf9d10c2\", \"BatchSize\": 10, \"EventSourceArn\": \"arn:aws:sqs:us-east-1:123456789012:orders\", \"FunctionArn\": \"arn:aws:lambda:us-east-1:123456789012:function:orders\", \"State\": \"Enabled\"}",
            status: 1),
        Case("check-inline-pattern-text", ["check", "{\"a\": [{\"prefix\": 1}]}"], status: 1),
        Case("test-no-such-mapping", ["test", "-p", "Patterns/templates/sam-orders.yaml", "--mapping", "Nope", sqsBatch], status: 64),
        Case("test-no-records", ["test", "-p", overHundred, "-"], input: "{\"Records\": []}", status: 1),
        Case(
            "explain-template-mapping",
            ["explain", "-p", "Patterns/templates/cdk.out-OrdersStack.template.json", "--record", "Records[0]", sqsBatch]),
        Case(
            "explain-needs-a-mapping", ["explain", "-p", "Patterns/templates/serverless.yml", "--record", "Records[0]", sqsBatch],
            status: 64),
        Case(
            "criteria-from-template", ["criteria", "Patterns/templates/terraform-orders.tf", "--mapping", "big_orders", "--format", "json"]),
        // explain
        Case("explain-sqs-record", ["explain", "-p", overHundred, "--record", "Records[1]", sqsBatch]),
        Case("explain-plain-body", ["explain", "-p", overHundred, "--record", "Records[0]", "Samples/sqs/plain-text-body.json"]),
        Case(
            "explain-dynamodb-numeric",
            [
                "explain", "-p", "Patterns/dynamodb/pitfall-numeric-on-number-attribute.json", "--record", "Records[0]",
                "Samples/dynamodb/customers.json",
            ]),
        Case(
            "explain-raw-hints",
            ["explain", "--source", "raw", "-p", fixtures + "paid-over-100.json", "--line", "4", fixtures + "orders.jsonl"]),
        Case(
            "explain-json", ["explain", "--format", "json", "--source", "raw", "-p", fixtures + "paid-over-100.json", "-"],
            input: "{\"status\": \"PAID\", \"amount\": 150}"),
        Case("explain-no-such-record", ["explain", "-p", overHundred, "--record", "Records[7]", sqsBatch], status: 65),
        Case("explain-junit-refused", ["explain", "--format", "junit", "-p", overHundred, sqsBatch], status: 64),
        // criteria
        Case("criteria-json", ["criteria", "-p", overHundred, "-p", "Patterns/sqs/gold-customers-placed.json"]),
        Case(
            "criteria-aws-cli",
            [
                "criteria", "-p", overHundred, "--format", "aws-cli", "--function-name", "orders", "--event-source-arn",
                "arn:aws:sqs:us-east-1:123456789012:orders",
            ]),
        Case(
            "criteria-request-update",
            ["criteria", "-p", overHundred, "--format", "request", "--update", "14e0db71-1234-5678-9abc-def012345678"]),
        Case("criteria-boto3", ["criteria", "-p", overHundred, "--format", "boto3"]),
        Case("criteria-cloudformation", ["criteria", "-p", overHundred, "--format", "cloudformation", "--logical-id", "OrdersMapping"]),
        Case("criteria-sam-json", ["criteria", "-p", overHundred, "--format", "sam", "--syntax", "json"]),
        Case("criteria-terraform", ["criteria", "-p", overHundred, "--format", "terraform"]),
        Case("criteria-cdk", ["criteria", "-p", overHundred, "--format", "cdk"]),
        Case(
            "criteria-dynamodb-warning",
            ["emit", "-p", "Patterns/dynamodb/pitfall-numeric-on-number-attribute.json", "--source", "dynamodb"]),
        Case("criteria-kinesis-plain-data", ["criteria", "--source", "kinesis", "-p", "{\"data\": [{\"prefix\": \"ERROR\"}]}"], status: 1),
        Case("criteria-update-wrong-format", ["criteria", "-p", overHundred, "--format", "sam", "--update", "x"], status: 64),
    ]

    @Test(arguments: cases)
    func transcript(_ testCase: Case) throws {
        let result = try CLIRunner.run(testCase.arguments, input: testCase.input)
        #expect(result.status == testCase.status, "stderr: \(result.standardError)")
        // Output to a pipe is never coloured.
        #expect(!result.standardOutput.contains("\u{1B}["))
        try CLIRunner.expectGolden(result.transcript(arguments: testCase.arguments), named: testCase.name)
    }
}
