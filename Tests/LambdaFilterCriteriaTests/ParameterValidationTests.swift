import LambdaFilter
import LambdaFilterCriteria
import Testing

/// One rule, one request, the exact problems expected.
struct ParameterCase: Sendable, CustomStringConvertible {
    var rule: String
    var source: MappingSource
    var operation: MappingOperation
    var parameters: MappingParameters
    var fifo: Bool?
    var problems: [String]
    var description: String { rule }

    init(
        _ rule: String, _ source: MappingSource, on operation: MappingOperation = .update(uuid: Samples.uuid), fifo: Bool? = nil,
        _ parameters: MappingParameters, _ problems: [String]
    ) {
        self.rule = rule
        self.source = source
        self.operation = operation
        self.parameters = parameters
        self.fifo = fifo
        self.problems = problems
    }
}

@Suite("Create/UpdateEventSourceMapping parameters")
struct ParameterValidationTests {
    static let update = MappingOperation.update(uuid: Samples.uuid)

    static let cases: [ParameterCase] = [
        // BatchSize per source
        ParameterCase("BatchSize SQS standard max", .sqs, MappingParameters(batchSize: 10_000, maximumBatchingWindowInSeconds: 1), []),
        ParameterCase(
            "BatchSize SQS standard over", .sqs, MappingParameters(batchSize: 10_001, maximumBatchingWindowInSeconds: 1),
            ["BatchSize = 10001 (Amazon SQS): out of range; allowed: 1 to 10000"]),
        ParameterCase(
            "BatchSize SQS FIFO", .sqs, fifo: true, MappingParameters(batchSize: 11),
            ["BatchSize = 11 (Amazon SQS FIFO queue): out of range; allowed: 1 to 10"]),
        ParameterCase(
            "BatchSize FIFO from ARN", .sqs, on: .create,
            MappingParameters(eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:orders.fifo", functionName: "f", batchSize: 20),
            ["BatchSize = 20 (Amazon SQS FIFO queue): out of range; allowed: 1 to 10"]),
        ParameterCase(
            "BatchSize zero", .kinesis, MappingParameters(batchSize: 0),
            ["BatchSize = 0 (Amazon Kinesis): out of range; allowed: 1 to 10000"]),
        ParameterCase("BatchSize MQ", .mq, MappingParameters(batchSize: 10_000), []),
        // SQS batch size over 10 needs a window
        ParameterCase(
            "SQS window zero with big batch", .sqs, MappingParameters(batchSize: 100, maximumBatchingWindowInSeconds: 0),
            [
                "MaximumBatchingWindowInSeconds = 0 (Amazon SQS): Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10; allowed: 1 to 300 when BatchSize is greater than 10"
            ]),
        ParameterCase(
            "SQS window missing on create", .sqs, on: .create,
            MappingParameters(eventSourceArn: Samples.arns[.sqs], functionName: "f", batchSize: 100),
            [
                "MaximumBatchingWindowInSeconds = (missing, default 0) (Amazon SQS): Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10; allowed: 1 to 300 when BatchSize is greater than 10"
            ]),
        ParameterCase(
            "SQS window missing on update", .sqs, MappingParameters(batchSize: 100),
            [
                "warning: MaximumBatchingWindowInSeconds = (missing) (Amazon SQS): BatchSize 100 needs a batching window of at least 1 second; fine only if the mapping already has one; allowed: 1 to 300 when BatchSize is greater than 10"
            ]),
        // MaximumBatchingWindowInSeconds
        ParameterCase(
            "window over", .dynamodb, MappingParameters(maximumBatchingWindowInSeconds: 301),
            ["MaximumBatchingWindowInSeconds = 301 (Amazon DynamoDB Streams): out of range; allowed: 0 to 300"]),
        ParameterCase(
            "window on FIFO", .sqs, fifo: true, MappingParameters(maximumBatchingWindowInSeconds: 5),
            [
                "warning: MaximumBatchingWindowInSeconds = 5 (Amazon SQS FIFO queue): batching windows apply to standard queues; allowed: standard queues only"
            ]),
        // ParallelizationFactor
        ParameterCase(
            "parallelization range", .kinesis, MappingParameters(parallelizationFactor: 11),
            ["ParallelizationFactor = 11 (Amazon Kinesis): out of range; allowed: 1 to 10"]),
        ParameterCase(
            "parallelization on SQS", .sqs, MappingParameters(parallelizationFactor: 2),
            [
                "ParallelizationFactor = 2 (Amazon SQS): does not apply to this source; allowed: only for Amazon Kinesis, Amazon DynamoDB Streams"
            ]),
        // MaximumRetryAttempts
        ParameterCase("retries infinite", .msk, MappingParameters(maximumRetryAttempts: -1), []),
        ParameterCase(
            "retries under", .kinesis, MappingParameters(maximumRetryAttempts: -2),
            ["MaximumRetryAttempts = -2 (Amazon Kinesis): out of range; allowed: -1 to 10000"]),
        ParameterCase(
            "retries on MQ", .mq, MappingParameters(maximumRetryAttempts: 3),
            [
                "MaximumRetryAttempts = 3 (Amazon MQ): does not apply to this source; allowed: only for Amazon Kinesis, Amazon DynamoDB Streams, Amazon MSK, self-managed Apache Kafka"
            ]),
        // MaximumRecordAgeInSeconds
        ParameterCase("record age -1", .kinesis, MappingParameters(maximumRecordAgeInSeconds: -1), []),
        ParameterCase("record age 60", .kinesis, MappingParameters(maximumRecordAgeInSeconds: 60), []),
        ParameterCase(
            "record age 59", .dynamodb, MappingParameters(maximumRecordAgeInSeconds: 59),
            ["MaximumRecordAgeInSeconds = 59 (Amazon DynamoDB Streams): out of range; allowed: -1 (no limit) or 60 to 604800"]),
        ParameterCase(
            "record age 0", .kinesis, MappingParameters(maximumRecordAgeInSeconds: 0),
            ["MaximumRecordAgeInSeconds = 0 (Amazon Kinesis): out of range; allowed: -1 (no limit) or 60 to 604800"]),
        ParameterCase(
            "record age over", .kafka, MappingParameters(maximumRecordAgeInSeconds: 604_801),
            ["MaximumRecordAgeInSeconds = 604801 (self-managed Apache Kafka): out of range; allowed: -1 (no limit) or 60 to 604800"]),
        // BisectBatchOnFunctionError
        ParameterCase(
            "bisect on SQS", .sqs, MappingParameters(bisectBatchOnFunctionError: true),
            [
                "BisectBatchOnFunctionError = true (Amazon SQS): does not apply to this source; allowed: only for Amazon Kinesis, Amazon DynamoDB Streams, Amazon MSK, self-managed Apache Kafka"
            ]),
        // TumblingWindowInSeconds
        ParameterCase(
            "tumbling over", .kinesis, MappingParameters(tumblingWindowInSeconds: 901),
            ["TumblingWindowInSeconds = 901 (Amazon Kinesis): out of range; allowed: 0 to 900"]),
        ParameterCase(
            "tumbling on MSK", .msk, MappingParameters(tumblingWindowInSeconds: 60),
            [
                "TumblingWindowInSeconds = 60 (Amazon MSK): does not apply to this source; allowed: only for Amazon Kinesis, Amazon DynamoDB Streams"
            ]),
        // FunctionResponseTypes
        ParameterCase("response types ok", .sqs, MappingParameters(functionResponseTypes: ["ReportBatchItemFailures"]), []),
        ParameterCase(
            "response types unknown", .kinesis, MappingParameters(functionResponseTypes: ["ReportFailures"]),
            [
                #"FunctionResponseTypes = ["ReportFailures"] (Amazon Kinesis): not a function response type list; allowed: [] or ["ReportBatchItemFailures"]"#
            ]),
        ParameterCase(
            "response types on MQ", .mq, MappingParameters(functionResponseTypes: ["ReportBatchItemFailures"]),
            [
                #"FunctionResponseTypes = ["ReportBatchItemFailures"] (Amazon MQ): does not apply to this source; allowed: only for Amazon SQS, Amazon Kinesis, Amazon DynamoDB Streams, Amazon MSK, self-managed Apache Kafka"#
            ]),
        // DestinationConfig
        ParameterCase(
            "destination SQS", .kinesis,
            MappingParameters(destinationConfig: .init(onFailureDestination: "arn:aws:sqs:us-east-1:123456789012:dlq")), []),
        ParameterCase("destination remove", .kinesis, MappingParameters(destinationConfig: .init(onFailureDestination: "")), []),
        ParameterCase(
            "destination kafka topic", .msk, MappingParameters(destinationConfig: .init(onFailureDestination: "kafka://failures")), []),
        ParameterCase(
            "destination kafka on Kinesis", .kinesis, MappingParameters(destinationConfig: .init(onFailureDestination: "kafka://failures")),
            [
                #"DestinationConfig.OnFailure.Destination = "kafka://failures" (Amazon Kinesis): not a failure destination for this source; allowed: "" (remove), an SQS queue, SNS topic or S3 bucket ARN; at most 350 characters"#
            ]),
        ParameterCase(
            "destination Lambda", .dynamodb,
            MappingParameters(destinationConfig: .init(onFailureDestination: "arn:aws:lambda:us-east-1:123456789012:function:f")),
            [
                #"DestinationConfig.OnFailure.Destination = "arn:aws:lambda:us-east-1:123456789012:function:f" (Amazon DynamoDB Streams): not a failure destination for this source; allowed: "" (remove), an SQS queue, SNS topic or S3 bucket ARN; at most 350 characters"#
            ]),
        ParameterCase(
            "destination on success", .kinesis,
            MappingParameters(destinationConfig: .init(onSuccessDestination: "arn:aws:sqs:us-east-1:123456789012:ok")),
            [
                #"DestinationConfig.OnSuccess = "arn:aws:sqs:us-east-1:123456789012:ok" (Amazon Kinesis): OnSuccess is not supported in CreateEventSourceMapping or UpdateEventSourceMapping; allowed: OnFailure only"#
            ]),
        ParameterCase(
            "destination on SQS", .sqs,
            MappingParameters(destinationConfig: .init(onFailureDestination: "arn:aws:sqs:us-east-1:123456789012:dlq")),
            [
                #"DestinationConfig = {"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}} (Amazon SQS): does not apply to this source; allowed: only for Amazon Kinesis, Amazon DynamoDB Streams, Amazon MSK, self-managed Apache Kafka"#
            ]),
        // ScalingConfig.MaximumConcurrency
        ParameterCase("concurrency min", .sqs, MappingParameters(scalingConfig: .init(maximumConcurrency: 2)), []),
        ParameterCase(
            "concurrency under", .sqs, MappingParameters(scalingConfig: .init(maximumConcurrency: 1)),
            ["ScalingConfig.MaximumConcurrency = 1 (Amazon SQS): out of range; allowed: 2 to 1000"]),
        ParameterCase(
            "concurrency over", .sqs, MappingParameters(scalingConfig: .init(maximumConcurrency: 1001)),
            ["ScalingConfig.MaximumConcurrency = 1001 (Amazon SQS): out of range; allowed: 2 to 1000"]),
        ParameterCase(
            "concurrency on Kinesis", .kinesis, MappingParameters(scalingConfig: .init(maximumConcurrency: 5)),
            [#"ScalingConfig = {"MaximumConcurrency":5} (Amazon Kinesis): does not apply to this source; allowed: only for Amazon SQS"#]),
        // DocumentDBEventSourceConfig
        ParameterCase(
            "docdb ok", .documentdb,
            MappingParameters(
                documentDBEventSourceConfig: .init(databaseName: "orders", collectionName: "items", fullDocument: "UpdateLookup")), []),
        ParameterCase(
            "docdb bad database", .documentdb, MappingParameters(documentDBEventSourceConfig: .init(databaseName: "my.db")),
            [
                #"DocumentDBEventSourceConfig.DatabaseName = "my.db" (Amazon DocumentDB): not a database name; allowed: 1 to 63 characters, none of space / \ . $ ""#
            ]),
        ParameterCase(
            "docdb system collection", .documentdb, MappingParameters(documentDBEventSourceConfig: .init(collectionName: "system.users")),
            [
                #"DocumentDBEventSourceConfig.CollectionName = "system.users" (Amazon DocumentDB): not a collection name; allowed: 1 to 57 characters, starting with a letter, digit or _, not with system., no $"#
            ]),
        ParameterCase(
            "docdb full document", .documentdb, MappingParameters(documentDBEventSourceConfig: .init(fullDocument: "Full")),
            [
                #"DocumentDBEventSourceConfig.FullDocument = "Full" (Amazon DocumentDB): not a FullDocument setting; allowed: UpdateLookup, Default"#
            ]),
        ParameterCase(
            "docdb config on SQS", .sqs, MappingParameters(documentDBEventSourceConfig: .init(databaseName: "d")),
            [
                #"DocumentDBEventSourceConfig = {"DatabaseName":"d"} (Amazon SQS): does not apply to this source; allowed: only for Amazon DocumentDB"#
            ]),
        // StartingPosition
        ParameterCase(
            "starting position on update", .kinesis, MappingParameters(startingPosition: "LATEST"),
            [
                #"StartingPosition = "LATEST" (Amazon Kinesis): cannot be changed by UpdateEventSourceMapping; allowed: only in CreateEventSourceMapping"#
            ]),
        ParameterCase(
            "AT_TIMESTAMP on DynamoDB", .dynamodb, on: .create,
            MappingParameters(
                eventSourceArn: Samples.arns[.dynamodb], functionName: "f", startingPosition: "AT_TIMESTAMP",
                startingPositionTimestamp: "1700000000"),
            [
                "StartingPositionTimestamp = 1700000000 (Amazon DynamoDB Streams): does not apply to this source; allowed: only for Amazon Kinesis, Amazon MSK, self-managed Apache Kafka, Amazon DocumentDB",
                #"StartingPosition = "AT_TIMESTAMP" (Amazon DynamoDB Streams): not a starting position for this source; allowed: TRIM_HORIZON, LATEST"#,
            ]),
        ParameterCase(
            "AT_TIMESTAMP needs a time", .kinesis, on: .create,
            MappingParameters(eventSourceArn: Samples.arns[.kinesis], functionName: "f", startingPosition: "AT_TIMESTAMP"),
            [
                "StartingPositionTimestamp = (missing) (Amazon Kinesis): required when StartingPosition is AT_TIMESTAMP; allowed: seconds since the epoch, not in the future"
            ]),
        ParameterCase(
            "starting position missing", .kinesis, on: .create,
            MappingParameters(eventSourceArn: Samples.arns[.kinesis], functionName: "f"),
            ["StartingPosition = (missing) (Amazon Kinesis): required for this source; allowed: TRIM_HORIZON, LATEST or AT_TIMESTAMP"]),
        ParameterCase(
            "starting position on SQS", .sqs, on: .create,
            MappingParameters(eventSourceArn: Samples.arns[.sqs], functionName: "f", startingPosition: "LATEST"),
            [
                #"StartingPosition = "LATEST" (Amazon SQS): does not apply to this source; allowed: only for Amazon Kinesis, Amazon DynamoDB Streams, Amazon MSK, self-managed Apache Kafka, Amazon DocumentDB"#
            ]),
        // FunctionName
        ParameterCase(
            "function name forms", .sqs,
            MappingParameters(functionName: "arn:aws:lambda:us-west-2:123456789012:function:my-function:$LATEST"), []),
        ParameterCase("function partial ARN", .sqs, MappingParameters(functionName: "123456789012:function:my-function:prod"), []),
        ParameterCase(
            "function name too long", .sqs, MappingParameters(functionName: String(repeating: "f", count: 65)),
            [
                "FunctionName = \"\(String(repeating: "f", count: 65))\" (Amazon SQS): the name is 65 characters; at most 64; allowed: my-function (up to 64 characters), 123456789012:function:my-function or arn:aws:lambda:us-east-1:123456789012:function:my-function, optionally :version or :alias; at most 256 characters"
            ]),
        ParameterCase(
            "function name characters", .sqs, MappingParameters(functionName: "my function"),
            [
                #"FunctionName = "my function" (Amazon SQS): the name must be letters, digits, - and _; allowed: my-function (up to 64 characters), 123456789012:function:my-function or arn:aws:lambda:us-east-1:123456789012:function:my-function, optionally :version or :alias; at most 256 characters"#
            ]),
        ParameterCase(
            "function ARN of another service", .sqs, MappingParameters(functionName: "arn:aws:sqs:us-east-1:123456789012:function:f"),
            [
                #"FunctionName = "arn:aws:sqs:us-east-1:123456789012:function:f" (Amazon SQS): not a Lambda function ARN; allowed: my-function (up to 64 characters), 123456789012:function:my-function or arn:aws:lambda:us-east-1:123456789012:function:my-function, optionally :version or :alias; at most 256 characters"#
            ]),
        ParameterCase(
            "function name missing on create", .sqs, on: .create, MappingParameters(eventSourceArn: Samples.arns[.sqs]),
            ["FunctionName = (missing) (Amazon SQS): required by CreateEventSourceMapping; allowed: a function name or ARN"]),
        // UUID
        ParameterCase(
            "UUID length", .sqs, on: .update(uuid: "1234"), MappingParameters(),
            [#"UUID = "1234" (Amazon SQS): wrong length 4; allowed: exactly 36 characters (the mapping's UUID)"#]),
        // EventSourceArn and create-only members
        ParameterCase(
            "event source ARN on update", .sqs, MappingParameters(eventSourceArn: Samples.arns[.sqs]),
            [
                #"EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:orders" (Amazon SQS): cannot be changed by UpdateEventSourceMapping; allowed: only in CreateEventSourceMapping"#
            ]),
        ParameterCase(
            "event source ARN of another source", .kinesis, on: .create,
            MappingParameters(eventSourceArn: Samples.arns[.sqs], functionName: "f", startingPosition: "LATEST"),
            [
                #"EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:orders" (Amazon Kinesis): names Amazon SQS, not Amazon Kinesis; allowed: arn:aws:kinesis:REGION:ACCOUNT:stream/STREAM (or its /consumer/CONSUMER)"#
            ]),
        ParameterCase(
            "topics on update", .msk, MappingParameters(topics: ["t1"]),
            [#"Topics = ["t1"] (Amazon MSK): cannot be changed by UpdateEventSourceMapping; allowed: only in CreateEventSourceMapping"#]),
        ParameterCase(
            "two topics", .msk, on: .create,
            MappingParameters(eventSourceArn: Samples.arns[.msk], functionName: "f", startingPosition: "LATEST", topics: ["a1", "b1"]),
            [#"Topics = ["a1","b1"] (Amazon MSK): 2 topics; allowed: exactly one topic of 2 to 249 characters: [^.] then [a-zA-Z0-9-_.]"#]),
        ParameterCase(
            "queues on update", .mq, MappingParameters(queues: ["q"]),
            [#"Queues = ["q"] (Amazon MQ): cannot be changed by UpdateEventSourceMapping; allowed: only in CreateEventSourceMapping"#]),
        ParameterCase(
            "consumer group on update", .msk,
            MappingParameters(otherMembers: [
                JSONMember("AmazonManagedKafkaEventSourceConfig", .object([JSONMember("ConsumerGroupId", "g")]))
            ]),
            [
                #"AmazonManagedKafkaEventSourceConfig.ConsumerGroupId = "g" (Amazon MSK): cannot be changed after creation; allowed: only in CreateEventSourceMapping"#
            ]),
        ParameterCase(
            "unknown member", .sqs, MappingParameters(otherMembers: [JSONMember("BatchSzie", 5)]),
            ["BatchSzie = 5 (Amazon SQS): unknown parameter; allowed: the members of UpdateEventSourceMapping"]),
        ParameterCase(
            "KMS key", .sqs, MappingParameters(kmsKeyArn: "alias/mine"),
            [
                #"KMSKeyArn = "alias/mine" (Amazon SQS): not a key ARN; allowed: "" (use an AWS owned key) or a KMS key ARN (arn:partition:kms:...), at most 10000 characters"#
            ]),
        // A complete valid create per source
        ParameterCase("valid Kinesis create", .kinesis, on: .create, Samples.createParameters(for: .kinesis), []),
        ParameterCase("valid MSK create", .msk, on: .create, Samples.createParameters(for: .msk), []),
        ParameterCase("valid MQ create", .mq, on: .create, Samples.createParameters(for: .mq), []),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: ParameterCase) {
        let problems = testCase.parameters.validate(for: testCase.operation, source: testCase.source, fifoQueue: testCase.fifo)
        #expect(problems.map(\.description) == testCase.problems)
    }

    @Test func problemsCarryTheirParts() throws {
        let problem = try #require(MappingParameters(batchSize: 11).validate(for: Self.update, source: .sqs, fifoQueue: true).first)
        #expect(problem.code == .outOfRange && problem.severity == .error)
        #expect(problem.parameter == "BatchSize" && problem.value == "11" && problem.allowed == "1 to 10")
        #expect(problem.sourceDescription == "Amazon SQS FIFO queue")
    }

    @Test func readsARequestBodyWithTypeProblems() throws {
        let json = try JSONParser().parseValue(
            #"{"UUID":"u","BatchSize":"10","Enabled":true,"ScalingConfig":{"MaximumConcurrency":5},"FilterCriteria":{},"Tags":{"a":"b"}}"#)
        let request = MappingParameters.read(json: json)
        #expect(request.operation == .update(uuid: "u"))
        #expect(request.parameters.enabled == true && request.parameters.batchSize == nil)
        #expect(request.parameters.scalingConfig?.maximumConcurrency == 5)
        #expect(request.problems.map(\.description) == [#"BatchSize = "10" (any source): wrong type string; allowed: an integer"#])
        #expect(request.parameters.otherMembers.map(\.key) == ["Tags"])
    }

    @Test func renderedRequestReadsBackToTheSameParameters() throws {
        let parameters = Samples.createParameters(for: .kinesis)
        let criteria = try FilterCriteria(patternTexts: [#"{"data":{"a":["x"]}}"#])
        let body = criteria.render(.request, RenderContext(operation: .create, parameters: parameters))
        let request = MappingParameters.read(json: try JSONParser().parseValue(body))
        #expect(request.parameters == parameters && request.problems.isEmpty)
    }
}
