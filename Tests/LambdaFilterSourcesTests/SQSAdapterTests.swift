import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("SQS adapter")
struct SQSAdapterTests {
    static func record(body: JSONValue) -> String {
        """
        {"messageId": "059f36b4-87a3-44ab-83d2-661975830a7d", "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
         "body": \(JSONWriter.write(body)),
         "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183"},
         "messageAttributes": {"kind": {"stringValue": "order", "dataType": "String"}},
         "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3", "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue", "awsRegion": "us-east-2"}
        """
    }

    struct BodyCase: Sendable, CustomTestStringConvertible {
        var body: String
        var format: PayloadFormat
        /// The body as the filter sees it, as JSON text.
        var seen: String
        var testDescription: String { JSONWriter.quote(body) }
    }

    // SQSF: the body is parsed as JSON when it is valid JSON, otherwise kept as a string.
    // Top-level scalars stay strings (README "Differences from AWS", spec §7.5).
    @Test(arguments: [
        BodyCase(
            body: #"{"RecordNumber": 1234, "RequestCode": "AAAA"}"#, format: .json, seen: #"{"RecordNumber":1234,"RequestCode":"AAAA"}"#),
        BodyCase(body: "\n  {\"a\": [1, 2]}\n", format: .json, seen: #"{"a":[1,2]}"#),
        BodyCase(body: #"[{"sku": "KB-01"}]"#, format: .json, seen: #"[{"sku":"KB-01"}]"#),
        BodyCase(body: "Test message.", format: .plainString, seen: #""Test message.""#),
        BodyCase(body: "", format: .plainString, seen: #""""#),
        BodyCase(body: "123", format: .plainString, seen: #""123""#),
        BodyCase(body: "\"quoted\"", format: .plainString, seen: #""\"quoted\"""#),
        BodyCase(body: "{\"level\": \"ERROR\"", format: .plainString, seen: #""{\"level\": \"ERROR\"""#),
        BodyCase(body: "\u{FEFF}{\"a\": 1}", format: .plainString, seen: #""\#u{FEFF}{\"a\": 1}""#),
        BodyCase(body: "{'single': 'quotes'}", format: .plainString, seen: #""{'single': 'quotes'}""#),
    ])
    func bodyIsParsedWhenItIsJSON(_ example: BodyCase) throws {
        let view = try SQSAdapter.view(of: Fixtures.json(Self.record(body: .string(example.body))))
        #expect(view.payload == example.format)
        #expect(view.dataKey == "body")
        #expect(view.source == .sqs)
        #expect(view.document["body"] == (try Fixtures.json(example.seen)))
    }

    @Test func metadataStaysInTheView() throws {
        let view = try SQSAdapter.view(of: Fixtures.json(Self.record(body: "{}")))
        #expect(view.document["attributes"]?["ApproximateReceiveCount"] == "1")
        #expect(view.document["messageAttributes"]?["kind"]?["stringValue"] == "order")
        #expect(view.document["eventSource"] == "aws:sqs")
        #expect(view.document["messageId"] == "059f36b4-87a3-44ab-83d2-661975830a7d")
    }

    @Test func deeplyNestedBodyIsAnErrorNotAPlainString() throws {
        let body = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let error = try Fixtures.adaptationError(.sqs, Self.record(body: .string(body)))
        guard case .payloadTooDeep? = error?.reason else {
            Issue.record("expected payloadTooDeep, got \(String(describing: error))")
            return
        }
        #expect(error?.field == "body")
        #expect(error?.description.hasPrefix("Records[3]: body: decoded payload is too deeply nested") == true)
    }

    struct BadRecord: Sendable, CustomTestStringConvertible {
        var name: String
        var record: String
        var field: String
        var reason: RecordError.Reason
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadRecord(name: "missing body", record: #"{"messageId": "1", "eventSource": "aws:sqs"}"#, field: "body", reason: .missingField),
        BadRecord(
            name: "body is an object", record: #"{"messageId": "1", "body": {"a": 1}}"#, field: "body",
            reason: .wrongType(expected: "a string", found: "object")),
        BadRecord(
            name: "body is null", record: #"{"messageId": "1", "body": null}"#, field: "body",
            reason: .wrongType(expected: "a string", found: "null")),
        BadRecord(name: "record is an array", record: #"["body"]"#, field: "", reason: .wrongType(expected: "an object", found: "array")),
    ])
    func malformedRecordsGetLocatedErrors(_ example: BadRecord) throws {
        let error = try Fixtures.adaptationError(.sqs, example.record)
        #expect(error?.position.description == "Records[3]")
        #expect(error?.field == example.field)
        #expect(error?.reason == example.reason)
    }
}
