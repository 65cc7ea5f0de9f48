/// The largest payload read per source, so a record no source could deliver is reported
/// instead of being decoded into memory. The defaults are AWS's own message limits.
///
/// The payload is what the adapter decodes: the SQS `body`, the base64-decoded Kinesis `data`,
/// Kafka `value` and `key`, Amazon MQ `data`. Raise a limit (or set it to `Int.max`) to read
/// larger test records.
public struct PayloadLimits: Sendable, Hashable {
    /// Bytes per SQS message body (SQS's message size limit, 1 MiB since 2025; was 256 KiB).
    public var sqs: Int
    /// Bytes per decoded Kinesis record (Kinesis Data Streams' record limit, 10 MiB).
    public var kinesis: Int
    /// Bytes per decoded Kafka value or key, and per Amazon MQ message: 6 MiB, the most one
    /// synchronous Lambda invocation (and so one batch) can carry.
    public var kafka: Int
    /// Bytes per decoded Amazon MQ message `data` (6 MiB by default, for the same reason as `kafka`).
    public var mq: Int

    /// Limits as given; the defaults are AWS's (`PayloadLimits.aws`).
    public init(sqs: Int = 1 << 20, kinesis: Int = 10 << 20, kafka: Int = 6 << 20, mq: Int = 6 << 20) {
        self.sqs = sqs
        self.kinesis = kinesis
        self.kafka = kafka
        self.mq = mq
    }

    /// AWS's limits.
    public static let aws = PayloadLimits()

    /// The limit for `source`, and its setting's name for messages; `nil` for sources without a
    /// decoded payload (DynamoDB, DocumentDB: their records are JSON already).
    package func maxBytes(for source: EventSource) -> (bytes: Int, setting: String)? {
        switch source {
        case .sqs: return (sqs, "PayloadLimits.sqs")
        case .kinesis: return (kinesis, "PayloadLimits.kinesis")
        case .kafka: return (kafka, "PayloadLimits.kafka")
        case .mq: return (mq, "PayloadLimits.mq")
        case .dynamodb, .documentdb: return nil
        }
    }

    /// Throws when `bytes` passes the limit for `source`.
    func check(_ bytes: Int, source: EventSource, field: String, position: RecordPosition) throws(RecordError) {
        guard let (limit, setting) = maxBytes(for: source), bytes > limit else { return }
        throw RecordError(position: position, field: field, reason: .payloadTooLarge(bytes: bytes, limit: limit, setting: setting))
    }
}
