import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("Kinesis adapter")
struct KinesisAdapterTests {
    static func record(data: String) -> String {
        """
        {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "1",
          "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
          "data": \(JSONWriter.quote(data)), "approximateArrivalTimestamp": 1545084650.987},
         "eventSource": "aws:kinesis", "eventVersion": "1.0",
         "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
         "eventName": "aws:kinesis:record", "awsRegion": "us-east-2",
         "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"}
        """
    }

    struct DataCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var format: PayloadFormat
        /// The data as the filter sees it, as JSON text; nil: the base64 text itself.
        var seen: String?
        var testDescription: String { name }
    }

    // KINF: data is base64-decoded, then JSON when valid, otherwise a string.
    @Test(arguments: [
        DataCase(
            name: "JSON object", bytes: Array(#"{"record":12345,"order":{"type":"buy"}}"#.utf8), format: .json,
            seen: #"{"record":12345,"order":{"type":"buy"}}"#),
        DataCase(name: "plain text", bytes: Array("Hello, this is a test.".utf8), format: .plainString, seen: #""Hello, this is a test.""#),
        DataCase(name: "non-ASCII UTF-8", bytes: Array("café ☕".utf8), format: .plainString, seen: #""café ☕""#),
        DataCase(name: "gzip (not UTF-8)", bytes: [0x1F, 0x8B, 0x08, 0x00], format: .notUTF8(firstInvalidByte: 1), seen: nil),
        DataCase(name: "truncated UTF-8 sequence", bytes: [0x61, 0x62, 0xE2, 0x82], format: .notUTF8(firstInvalidByte: 2), seen: nil),
        DataCase(name: "empty", bytes: [], format: .plainString, seen: #""""#),
    ])
    func dataIsDecodedAndClassified(_ example: DataCase) throws {
        let encoded = Fixtures.base64(example.bytes)
        let view = try KinesisAdapter.view(of: Fixtures.json(Self.record(data: encoded)))
        #expect(view.payload == example.format)
        let expected = try example.seen.map { try Fixtures.json($0) } ?? .string(encoded)
        #expect(view.document["data"] == expected)
    }

    @Test func filterSeesTheInnerKinesisObject() throws {
        let view = try KinesisAdapter.view(of: Fixtures.json(Self.record(data: Fixtures.base64("{}"))))
        #expect(view.document["partitionKey"] == "1")
        #expect(view.document["approximateArrivalTimestamp"] == .number("1545084650.987"))
        #expect(view.document["kinesis"] == nil)
        #expect(view.document["eventSource"] == nil)
        #expect(view.dataKey == "data")
    }

    @Test func acceptsTheBareInnerObject() throws {
        let inner = #"{"partitionKey": "pk", "sequenceNumber": "1", "data": "\#(Fixtures.base64(#"{"a":1}"#))"}"#
        let view = try KinesisAdapter.view(of: Fixtures.json(inner))
        #expect(view.document["data"]?["a"] == .number("1"))
        #expect(view.payload == .json)
    }

    struct BadRecord: Sendable, CustomTestStringConvertible {
        var name: String
        var record: String
        var field: String
        var reason: RecordError.Reason
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadRecord(
            name: "broken base64", record: KinesisAdapterTests.record(data: "eyJ!ZW"), field: "kinesis.data",
            reason: .invalidBase64(Base64Error(offset: 3, reason: "'!' is not a base64 character"))),
        BadRecord(
            name: "missing data", record: #"{"kinesis": {"partitionKey": "1"}, "eventSource": "aws:kinesis"}"#,
            field: "kinesis.data", reason: .missingField),
        BadRecord(
            name: "data is a number", record: #"{"kinesis": {"data": 12}}"#, field: "kinesis.data",
            reason: .wrongType(expected: "a string", found: "number")),
        BadRecord(name: "no kinesis object", record: #"{"eventSource": "aws:kinesis"}"#, field: "kinesis", reason: .missingField),
        BadRecord(
            name: "kinesis is a string", record: #"{"kinesis": "x"}"#, field: "kinesis",
            reason: .wrongType(expected: "an object", found: "string")),
    ])
    func malformedRecordsGetLocatedErrors(_ example: BadRecord) throws {
        let error = try Fixtures.adaptationError(.kinesis, example.record)
        #expect(error?.position.description == "Records[3]")
        #expect(error?.field == example.field)
        #expect(error?.reason == example.reason)
    }

    @Test func base64ErrorMessageNamesRecordFieldAndOffset() throws {
        let error = try Fixtures.adaptationError(.kinesis, Self.record(data: "eyJ!ZW"))
        #expect(error?.description == "Records[3]: kinesis.data: invalid base64: '!' is not a base64 character at offset 3")
    }
}
