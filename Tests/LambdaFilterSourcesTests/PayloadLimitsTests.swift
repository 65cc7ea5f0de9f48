import LambdaFilter
import LambdaFilterSources
import Testing

/// A payload larger than its source allows is an error naming the setting, checked before the
/// payload is decoded; a raised limit reads it.
@Suite("Payload limits")
struct PayloadLimitsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: EventSource
        var record: @Sendable (Int) -> JSONValue
        var field: String
        var setting: String
        var defaultLimit: Int
        var testDescription: String { source.rawValue }
    }

    /// `count` bytes of payload (`"aaa…"`), base64-encoded where the source encodes it.
    static func base64(_ count: Int) -> String { String(repeating: "YWFh", count: count / 3) }

    static let cases: [Case] = [
        Case(
            source: .sqs,
            record: { .object([JSONMember("messageId", "m"), JSONMember("body", .string(String(repeating: "a", count: $0)))]) },
            field: "body", setting: "PayloadLimits.sqs", defaultLimit: 1 << 20),
        Case(
            source: .kinesis, record: { .object([JSONMember("kinesis", .object([JSONMember("data", .string(base64($0)))]))]) },
            field: "kinesis.data", setting: "PayloadLimits.kinesis", defaultLimit: 10 << 20),
        Case(
            source: .kafka, record: { .object([JSONMember("topic", "t"), JSONMember("value", .string(base64($0)))]) },
            field: "value", setting: "PayloadLimits.kafka", defaultLimit: 6 << 20),
        Case(
            source: .mq, record: { .object([JSONMember("messageID", "m"), JSONMember("data", .string(base64($0)))]) },
            field: "data", setting: "PayloadLimits.mq", defaultLimit: 6 << 20),
    ]

    @Test(arguments: cases)
    func aPayloadOverTheLimitNamesTheSetting(_ testCase: Case) throws {
        let size = 3 * 1024
        let tight = PayloadLimits(sqs: 3000, kinesis: 3000, kafka: 3000, mq: 3000)
        #expect(PayloadLimits.aws.maxBytes(for: testCase.source)?.bytes == testCase.defaultLimit)
        let error = #expect(throws: RecordError.self) {
            try SourceAdapter.view(of: testCase.record(size), source: testCase.source, limits: tight)
        }
        #expect(error?.field == testCase.field)
        #expect(error?.message == "payload is \(size) bytes, more than the source allows (\(testCase.setting) = 3000 bytes)")
        // Within the limit (the default one here), the same record is read.
        #expect(throws: Never.self) { try SourceAdapter.view(of: testCase.record(size), source: testCase.source) }
    }

    @Test func theSplitterPassesTheLimitsOn() {
        let message: JSONValue = .object([JSONMember("messageId", "m"), JSONMember("eventSource", "aws:sqs"), JSONMember("body", "abcdef")])
        let event: JSONValue = .object([JSONMember("Records", .array([message, message]))])
        let results = EventSplitter.records(in: event, selection: .auto, limits: PayloadLimits(sqs: 5))
        #expect(results.count == 2)
        for result in results {
            guard case .failure(let error) = result else {
                Issue.record("a 6-byte body passed a 5-byte limit")
                continue
            }
            #expect(error.message == "payload is 6 bytes, more than the source allows (PayloadLimits.sqs = 5 bytes)")
        }
        #expect(EventSplitter.records(in: event, selection: .auto).allSatisfy { (try? $0.get()) != nil })
    }
}
