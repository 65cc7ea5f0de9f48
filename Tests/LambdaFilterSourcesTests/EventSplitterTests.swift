import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("Event splitting and source detection")
struct EventSplitterTests {
    struct SampleCase: Sendable, CustomTestStringConvertible {
        var sample: String
        var source: EventSource
        var positions: [String]
        var testDescription: String { sample }
    }

    // Every sample: detected source and record positions, in document order.
    @Test(arguments: [
        SampleCase(sample: "sqs/orders-batch.json", source: .sqs, positions: ["Records[0]", "Records[1]", "Records[2]", "Records[3]"]),
        SampleCase(sample: "sqs/plain-text-body.json", source: .sqs, positions: ["Records[0]", "Records[1]", "Records[2]"]),
        SampleCase(sample: "sqs/fifo-queue.json", source: .sqs, positions: ["Records[0]", "Records[1]"]),
        SampleCase(sample: "sqs/sns-envelope.json", source: .sqs, positions: ["Records[0]"]),
        SampleCase(sample: "kinesis/trades.json", source: .kinesis, positions: ["Records[0]", "Records[1]", "Records[2]"]),
        SampleCase(sample: "kinesis/mixed-payloads.json", source: .kinesis, positions: ["Records[0]", "Records[1]", "Records[2]"]),
        SampleCase(
            sample: "dynamodb/customers.json", source: .dynamodb, positions: ["Records[0]", "Records[1]", "Records[2]", "Records[3]"]),
        SampleCase(sample: "dynamodb/product-catalog.json", source: .dynamodb, positions: ["Records[0]", "Records[1]"]),
        SampleCase(sample: "dynamodb/keys-only.json", source: .dynamodb, positions: ["Records[0]", "Records[1]"]),
        SampleCase(sample: "documentdb/inventory-changes.json", source: .documentdb, positions: ["events[0]", "events[1]", "events[2]"]),
        SampleCase(sample: "documentdb/update-lookup.json", source: .documentdb, positions: ["events[0]", "events[1]"]),
        SampleCase(
            sample: "mq/activemq-orders.json", source: .mq, positions: ["messages[0]", "messages[1]", "messages[2]", "messages[3]"]),
        SampleCase(
            sample: "mq/rabbitmq-notifications.json", source: .mq,
            positions: [
                #"rmqMessagesByQueue["notifications::/"][0]"#, #"rmqMessagesByQueue["notifications::/"][1]"#,
                #"rmqMessagesByQueue["audit::/prod"][0]"#,
            ]),
        SampleCase(
            sample: "kafka/msk-payments.json", source: .kafka,
            positions: [#"records["payments-0"][0]"#, #"records["payments-0"][1]"#, #"records["payments-1"][0]"#]),
        SampleCase(
            sample: "kafka/self-managed-logs.json", source: .kafka,
            positions: [
                #"records["app-logs-0"][0]"#, #"records["app-logs-0"][1]"#, #"records["app-logs-0"][2]"#,
                #"records["app-logs-0"][3]"#,
            ]),
    ])
    func splitsEverySampleWithPositions(_ example: SampleCase) throws {
        let document = try Fixtures.json(Fixtures.read("Samples/" + example.sample))
        let detection = try EventSplitter.detectSource(of: document)
        #expect(detection.source == example.source)
        #expect(detection.isWholeEvent)
        for selection in [SourceSelection.auto, SourceSelection(rawValue: example.source.rawValue)!] {
            let results = EventSplitter.records(in: document, selection: selection)
            let records = try results.map { try $0.get() }
            #expect(records.map(\.position.description) == example.positions)
            #expect(records.allSatisfy { $0.view.source == example.source })
        }
    }

    @Test func everySampleFolderIsCovered() {
        let folders = listDirectory(Fixtures.packageRoot + "/Samples")
        #expect(folders == EventSource.allCases.map(\.rawValue).sorted())
    }

    struct BareRecordCase: Sendable, CustomTestStringConvertible {
        var name: String
        var record: String
        var source: EventSource
        var testDescription: String { name }
    }

    // A single record (not a whole event) is accepted for every source.
    @Test(arguments: [
        BareRecordCase(name: "SQS", record: #"{"messageId": "1", "body": "hi", "eventSource": "aws:sqs"}"#, source: .sqs),
        BareRecordCase(name: "SQS without eventSource", record: #"{"messageId": "1", "body": "hi"}"#, source: .sqs),
        BareRecordCase(
            name: "Kinesis", record: #"{"kinesis": {"data": "aGk=", "partitionKey": "1"}, "eventSource": "aws:kinesis"}"#, source: .kinesis),
        BareRecordCase(name: "DynamoDB", record: #"{"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"S": "1"}}}}"#, source: .dynamodb),
        BareRecordCase(
            name: "DocumentDB events item", record: #"{"event": {"operationType": "insert", "ns": {"db": "d", "coll": "c"}}}"#,
            source: .documentdb),
        BareRecordCase(
            name: "DocumentDB change event", record: #"{"operationType": "delete", "ns": {"db": "d", "coll": "c"}}"#, source: .documentdb),
        BareRecordCase(name: "ActiveMQ", record: #"{"messageID": "ID:1", "messageType": "jms/text-message", "data": "aGk="}"#, source: .mq),
        BareRecordCase(
            name: "RabbitMQ", record: #"{"basicProperties": {"appId": "a"}, "redelivered": false, "data": "aGk="}"#, source: .mq),
        BareRecordCase(
            name: "Kafka", record: #"{"topic": "t", "partition": 0, "offset": 1, "value": "aGk=", "headers": []}"#, source: .kafka),
    ])
    func detectsBareRecords(_ example: BareRecordCase) throws {
        let document = try Fixtures.json(example.record)
        let detection = try EventSplitter.detectSource(of: document)
        #expect(detection.source == example.source)
        #expect(!detection.isWholeEvent)
        for selection in [SourceSelection.auto, SourceSelection(rawValue: example.source.rawValue)!] {
            let results = EventSplitter.records(in: document, selection: selection)
            #expect(results.count == 1)
            let record = try #require(try results.first?.get())
            #expect(record.position == .root)
            #expect(record.position.description == "$")
            #expect(record.view.source == example.source)
        }
    }

    struct UnrecognizedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var document: String
        var messageContains: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        UnrecognizedCase(
            name: "EventBridge event", document: #"{"source": "aws.ec2", "detail-type": "x", "detail": {}}"#,
            messageContains: "cannot tell the event source; expected a Lambda event"),
        UnrecognizedCase(
            name: "S3 notification", document: #"{"Records": [{"eventSource": "aws:s3", "s3": {}}]}"#,
            messageContains: #"found "aws:s3", which Lambda does not filter"#),
        UnrecognizedCase(name: "array", document: "[1, 2]", messageContains: "a JSON object (a Lambda event or one record), found array"),
        UnrecognizedCase(
            name: "mixed Records",
            document: #"{"Records": [{"eventSource": "aws:sqs", "body": "a"}, {"eventSource": "aws:kinesis", "kinesis": {}}]}"#,
            messageContains: "fits several event sources (sqs, kinesis)"),
        UnrecognizedCase(
            name: "two envelopes", document: #"{"records": {"t-0": [{}]}, "messages": [{}]}"#,
            messageContains: "fits several event sources (kafka, mq)"),
        UnrecognizedCase(
            name: "record shaped like two sources",
            document: #"{"messageId": "1", "body": "x", "topic": "t", "partition": 0, "offset": 1}"#,
            messageContains: "fits several event sources (sqs, kafka)"),
        UnrecognizedCase(
            name: "SNS event", document: #"{"EventSource": "aws:sns", "Sns": {}}"#,
            messageContains: #"found eventSource "aws:sns""#),
    ])
    func unknownOrAmbiguousDocumentsSayWhatWasExpected(_ example: UnrecognizedCase) throws {
        let results = EventSplitter.records(in: try Fixtures.json(example.document), selection: .auto)
        #expect(results.count == 1)
        guard case .failure(let error)? = results.first else {
            Issue.record("expected a failure, got \(results)")
            return
        }
        #expect(error.description.contains(example.messageContains), "\(error)")
    }

    @Test func explicitSourceOverridesDetection() throws {
        // An SQS-shaped record read as raw: matched as it is, body not parsed.
        let document = try Fixtures.json(#"{"messageId": "1", "body": "{\"a\": 1}", "eventSource": "aws:sqs"}"#)
        let raw = try #require(try EventSplitter.records(in: document, selection: .raw).first?.get())
        #expect(raw.view.source == nil)
        #expect(raw.view.document == document)
        // A document without eventSource that auto-detection cannot place, read as Kafka.
        let bare = try Fixtures.json(#"{"value": "eyJhIjoxfQ=="}"#)
        #expect((try? EventSplitter.records(in: bare, selection: .auto).first?.get()) == nil)
        let kafka = try #require(try EventSplitter.records(in: bare, selection: .kafka).first?.get())
        #expect(kafka.view.document["value"]?["a"] == .number("1"))
    }

    @Test func badRecordsGetErrorsAndTheOthersStillAdapt() throws {
        let event = try Fixtures.json(
            #"""
            {"Records": [
              {"kinesis": {"partitionKey": "a", "data": "eyJhIjoxfQ=="}, "eventSource": "aws:kinesis"},
              {"kinesis": {"partitionKey": "b", "data": "not base64!"}, "eventSource": "aws:kinesis"},
              {"kinesis": {"partitionKey": "c"}, "eventSource": "aws:kinesis"},
              {"kinesis": {"partitionKey": "d", "data": "aGVsbG8="}, "eventSource": "aws:kinesis"}
            ]}
            """#)
        let results = EventSplitter.records(in: event, selection: .auto)
        #expect(results.count == 4)
        #expect((try? results[0].get())?.view.payload == .json)
        #expect((try? results[3].get())?.view.payload == .plainString)
        guard case .failure(let broken) = results[1], case .failure(let missing) = results[2] else {
            Issue.record("expected failures at Records[1] and Records[2]")
            return
        }
        #expect(broken.description == "Records[1]: kinesis.data: invalid base64: whitespace is not allowed in base64 at offset 3")
        #expect(missing.description == "Records[2]: kinesis.data: missing field")
    }

    @Test func malformedEnvelopesAreErrors() throws {
        let kafka = try Fixtures.json(#"{"eventSource": "aws:kafka", "records": {"t-0": {"topic": "t"}}}"#)
        let results = EventSplitter.records(in: kafka, selection: .kafka)
        guard case .failure(let error)? = results.first else {
            Issue.record("expected a failure, got \(results)")
            return
        }
        #expect(error.description == #"records["t-0"]: expected an array of records, found object"#)
        let sqs = try Fixtures.json(#"{"Records": {"body": "x"}}"#)
        guard case .failure(let notArray)? = EventSplitter.records(in: sqs, selection: .sqs).first else {
            Issue.record("expected a failure")
            return
        }
        #expect(notArray.description == "$: Records: expected an array of records, found object")
    }

    @Test(arguments: [#"{"Records": []}"#, #"{"eventSource": "aws:kafka", "records": {}}"#, #"{"eventSource": "aws:mq", "messages": []}"#])
    func emptyEventsHaveNoRecords(_ text: String) throws {
        #expect(EventSplitter.records(in: try Fixtures.json(text), selection: .auto).isEmpty)
    }

    @Test func sourceSelectionNamesMatchTheCLI() {
        #expect(
            SourceSelection.allCases.map(\.rawValue) == ["auto", "raw", "sqs", "kinesis", "dynamodb", "documentdb", "mq", "kafka", "msk"])
    }
}

@Suite("Source selections and dialects")
struct SourceDialectTests {
    /// Raw documents are matched as EventBridge matches an event; records of a source as Lambda does.
    @Test(arguments: [
        (SourceSelection.raw, Dialect.eventbridge), (.auto, .lambda), (.sqs, .lambda), (.dynamodb, .lambda), (.kafka, .lambda),
        (.msk, .lambda),
    ])
    func defaultDialect(_ selection: SourceSelection, _ dialect: Dialect) {
        #expect(selection.defaultDialect == dialect)
    }
}
