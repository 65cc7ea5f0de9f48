import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("Kafka adapter")
struct KafkaAdapterTests {
    static func record(value: String, key: String = #""YWJjREVGZ2hpSktMbW5vUFFSc3R1VldYeXoxMjM0""#) -> String {
        """
        {"topic": "mytopic", "partition": 0, "offset": 15, "timestamp": 1545084650987, "timestampType": "CREATE_TIME",
         "key": \(key), "value": \(value),
         "headers": [{"headerKey": [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101]}]}
        """
    }

    struct ValueCase: Sendable, CustomTestStringConvertible {
        var name: String
        var value: String
        var format: PayloadFormat
        var seen: JSONValue?
        var testDescription: String { name }
    }

    // KAFF: value is base64-decoded into UTF-8, then JSON when valid, otherwise a string.
    @Test(arguments: [
        ValueCase(
            name: "JSON", value: JSONWriter.quote(Fixtures.base64(#"{"device_ID": "AB-1"}"#)), format: .json,
            seen: .object([JSONMember("device_ID", "AB-1")])),
        ValueCase(
            name: "plain string", value: JSONWriter.quote(Fixtures.base64("Hello, this is a test.")), format: .plainString,
            seen: "Hello, this is a test."),
        ValueCase(
            name: "Avro bytes", value: JSONWriter.quote(Fixtures.base64([0x00, 0x00, 0x00, 0x00, 0x2A, 0xFF])),
            format: .notUTF8(firstInvalidByte: 5), seen: .string(Fixtures.base64([0x00, 0x00, 0x00, 0x00, 0x2A, 0xFF]))),
        ValueCase(name: "tombstone (null)", value: "null", format: .absent, seen: .null),
    ])
    func valueIsDecodedAndClassified(_ example: ValueCase) throws {
        let view = try KafkaAdapter.view(of: Fixtures.json(Self.record(value: example.value)))
        #expect(view.payload == example.format)
        #expect(view.document["value"] == example.seen)
        #expect(view.dataKey == "value")
    }

    @Test func keyIsDecodedAndMetadataKept() throws {
        let view = try KafkaAdapter.view(of: Fixtures.json(Self.record(value: #""eyJhIjoxfQ==""#)))
        #expect(view.document["key"] == "abcDEFghiJKLmnoPQRstuVWXyz1234")
        #expect(view.document["topic"] == "mytopic")
        #expect(view.document["partition"] == 0)
        #expect(view.document["timestampType"] == "CREATE_TIME")
        #expect(view.document["headers"]?.arrayElements?.first?["headerKey"]?.arrayElements?.count == 11)
    }

    @Test func missingValueIsAnAbsentPayload() throws {
        let view = try KafkaAdapter.view(of: Fixtures.json(#"{"topic": "t", "partition": 0, "offset": 1}"#))
        #expect(view.payload == .absent)
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
            name: "broken value", record: KafkaAdapterTests.record(value: #""SGVsbG8#""#), field: "value",
            reason: .invalidBase64(Base64Error(offset: 7, reason: "'#' is not a base64 character"))),
        BadRecord(
            name: "broken key", record: KafkaAdapterTests.record(value: #""eyJhIjoxfQ==""#, key: #""a2V5-A==""#), field: "key",
            reason: .invalidBase64(Base64Error(offset: 4, reason: "'-' belongs to the URL-safe alphabet, not standard base64"))),
        BadRecord(
            name: "value is an object", record: KafkaAdapterTests.record(value: #"{"a": 1}"#), field: "value",
            reason: .wrongType(expected: "a base64 string or null", found: "object")),
        BadRecord(
            name: "key is a number", record: KafkaAdapterTests.record(value: "null", key: "12"), field: "key",
            reason: .wrongType(expected: "a base64 string or null", found: "number")),
    ])
    func malformedRecordsGetLocatedErrors(_ example: BadRecord) throws {
        let error = try Fixtures.adaptationError(.kafka, example.record)
        #expect(error?.field == example.field)
        #expect(error?.reason == example.reason)
    }
}
