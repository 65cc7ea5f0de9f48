import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("Amazon MQ adapter")
struct AmazonMQAdapterTests {
    static func activeMQ(data: String) -> String {
        """
        {"messageID": "ID:b-9bcfa592-423a-4942-879d-eb284b418fc8-1.mq.us-east-2.amazonaws.com-37557-1234520418293-4:1:1:1:1",
         "messageType": "jms/text-message", "deliveryMode": 1, "replyTo": null, "type": null, "expiration": "60000",
         "priority": 1, "correlationId": "myJMSCoID", "redelivered": false, "destination": {"physicalName": "testQueue"},
         "data": \(JSONWriter.quote(data)), "timestamp": 1598827811958, "brokerInTime": 1598827811958,
         "brokerOutTime": 1598827811959, "properties": {"index": "1", "doAlarm": "false", "myCustomProperty": "value"}}
        """
    }

    static func rabbitMQ(data: String) -> String {
        """
        {"basicProperties": {"contentType": "text/plain", "contentEncoding": null,
           "headers": {"header1": {"bytes": [118, 97, 108, 117, 101, 49]}, "numberInHeader": 10},
           "deliveryMode": 1, "priority": 34, "correlationId": null, "replyTo": null, "expiration": "60000",
           "messageId": null, "timestamp": "Jan 1, 1970, 12:33:41 AM", "type": null, "userId": "AIDACKCEVSQ6C2EXAMPLE",
           "appId": null, "clusterId": null, "bodySize": 80},
         "redelivered": false, "data": \(JSONWriter.quote(data))}
        """
    }

    struct DataCase: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var format: PayloadFormat
        var seen: JSONValue
        var testDescription: String { name }
    }

    // MQF: data is base64-decoded into UTF-8, then JSON when valid, otherwise a string.
    @Test(arguments: [
        DataCase(
            name: "ActiveMQ JSON", message: AmazonMQAdapterTests.activeMQ(data: Fixtures.base64(#"{"timeout": 30}"#)), format: .json,
            seen: .object([JSONMember("timeout", .number("30"))])),
        DataCase(
            name: "ActiveMQ text", message: AmazonMQAdapterTests.activeMQ(data: Fixtures.base64("Result: ok")), format: .plainString,
            seen: "Result: ok"),
        DataCase(
            name: "ActiveMQ bytes message", message: AmazonMQAdapterTests.activeMQ(data: Fixtures.base64([0xAC, 0xED, 0x00, 0x05])),
            format: .notUTF8(firstInvalidByte: 0), seen: .string(Fixtures.base64([0xAC, 0xED, 0x00, 0x05]))),
        DataCase(
            name: "RabbitMQ JSON",
            message: AmazonMQAdapterTests.rabbitMQ(data: Fixtures.base64(#"{"timeout":0,"data":"CZrmf0Gw8Ov4bqLQxD4E"}"#)),
            format: .json, seen: .object([JSONMember("timeout", .number("0")), JSONMember("data", "CZrmf0Gw8Ov4bqLQxD4E")])),
        DataCase(
            name: "RabbitMQ text", message: AmazonMQAdapterTests.rabbitMQ(data: Fixtures.base64("hello")), format: .plainString,
            seen: "hello"),
    ])
    func dataIsDecodedAndClassified(_ example: DataCase) throws {
        let view = try AmazonMQAdapter.view(of: Fixtures.json(example.message))
        #expect(view.payload == example.format)
        #expect(view.document["data"] == example.seen)
        #expect(view.dataKey == "data")
    }

    @Test func messagePropertiesStayInTheView() throws {
        let active = try AmazonMQAdapter.view(of: Fixtures.json(Self.activeMQ(data: Fixtures.base64("x"))))
        #expect(active.document["properties"]?["doAlarm"] == "false")
        #expect(active.document["destination"]?["physicalName"] == "testQueue")
        let rabbit = try AmazonMQAdapter.view(of: Fixtures.json(Self.rabbitMQ(data: Fixtures.base64("x"))))
        #expect(rabbit.document["basicProperties"]?["headers"]?["header1"]?["bytes"] == [118, 97, 108, 117, 101, 49])
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
            name: "broken base64", record: AmazonMQAdapterTests.activeMQ(data: "QUJD=kFBQUE="), field: "data",
            reason: .invalidBase64(Base64Error(offset: 4, reason: "'=' padding before the end of the data"))),
        BadRecord(name: "missing data", record: #"{"messageID": "ID:1", "properties": {}}"#, field: "data", reason: .missingField),
        BadRecord(
            name: "data is an object", record: #"{"basicProperties": {}, "data": {"a": 1}}"#, field: "data",
            reason: .wrongType(expected: "a string", found: "object")),
    ])
    func malformedMessagesGetLocatedErrors(_ example: BadRecord) throws {
        let error = try Fixtures.adaptationError(.mq, example.record)
        #expect(error?.field == example.field)
        #expect(error?.reason == example.reason)
    }
}
