/// The event sources whose records Lambda can filter.
public enum EventSource: String, Sendable, Hashable, CaseIterable {
    /// SQS, Kinesis, DynamoDB Streams, DocumentDB, Amazon MQ (ActiveMQ, RabbitMQ), Kafka (MSK, self-managed); raw values are the `--source` spellings.
    case sqs, kinesis, dynamodb, documentdb, mq, kafka

    /// The record key that holds the payload, the only key AWS documents as filterable
    /// (`body`, `data`, `dynamodb`, `value`); `nil` for DocumentDB, which has no payload key.
    public var dataKey: String? {
        switch self {
        case .sqs: return "body"
        case .kinesis: return "data"
        case .dynamodb: return "dynamodb"
        case .mq: return "data"
        case .kafka: return "value"
        case .documentdb: return nil
        }
    }

    /// Whether AWS applies FilterCriteria to mappings of this source at all
    /// ("Lambda doesn't support event filtering for Amazon DocumentDB").
    public var awsAppliesFilters: Bool { self != .documentdb }

    /// A readable name for messages: `Amazon SQS`, `Apache Kafka (MSK or self-managed)`...
    public var displayName: String {
        switch self {
        case .sqs: return "Amazon SQS"
        case .kinesis: return "Amazon Kinesis Data Streams"
        case .dynamodb: return "Amazon DynamoDB Streams"
        case .documentdb: return "Amazon DocumentDB change streams"
        case .mq: return "Amazon MQ (ActiveMQ or RabbitMQ)"
        case .kafka: return "Apache Kafka (Amazon MSK or self-managed)"
        }
    }
}

/// The `--source` choices: detect the source, take the document as it is, or name the source.
public enum SourceSelection: String, Sendable, Hashable, CaseIterable {
    /// Detect the source from `eventSource` or the envelope's shape.
    case auto
    /// Match the document exactly as it is (EventBridge style), no decoding.
    case raw
    /// A named source: its records are decoded and judged by that source's rules.
    case sqs, kinesis, dynamodb, documentdb, mq, kafka

    /// The named source, for the explicit choices.
    public var eventSource: EventSource? { EventSource(rawValue: rawValue) }
}
