/// The event sources whose records Lambda can filter, by the shape of their records.
///
/// This is the one table of what each source is: its name in messages, the record key that
/// holds its payload, the `eventSource` values Lambda writes into its records, and the rules AWS
/// applies to its filters. Amazon MSK and self-managed Kafka deliver the same records, so they
/// are one case here; `MappingSource` tells them apart where a mapping's parameters differ.
///
/// | source | payload key | `eventSource` in records | filters applied | data pattern must be JSON |
/// |---|---|---|---|---|
/// | `sqs` | `body` | `aws:sqs` | yes | no |
/// | `kinesis` | `data` | `aws:kinesis` | yes | yes |
/// | `dynamodb` | `dynamodb` | `aws:dynamodb` | yes | yes |
/// | `documentdb` | none | `aws:docdb` | no | – |
/// | `mq` | `data` | `aws:mq`, `aws:rmq` | yes | no |
/// | `kafka` | `value` | `aws:kafka`, `SelfManagedKafka` | yes | no |
public enum EventSource: String, Sendable, Hashable, CaseIterable {
    /// One case per source in the table above; raw values are the `--source` spellings.
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

    /// Whether the pattern for the payload key must be a JSON object: Kinesis and DynamoDB refuse
    /// a plain-string data pattern at CreateEventSourceMapping/UpdateEventSourceMapping.
    public var requiresJSONDataPattern: Bool { self == .kinesis || self == .dynamodb }

    /// The service's name in messages: `Amazon SQS`, `Amazon DynamoDB Streams`...
    public var displayName: String {
        switch self {
        case .sqs: return "Amazon SQS"
        case .kinesis: return "Amazon Kinesis"
        case .dynamodb: return "Amazon DynamoDB Streams"
        case .documentdb: return "Amazon DocumentDB"
        case .mq: return "Amazon MQ"
        case .kafka: return "Apache Kafka (Amazon MSK or self-managed)"
        }
    }

    /// What AWS does with the records a filter that never matches reads, for lint's messages:
    /// `SQS deletes every message it reads`.
    package var fateOfUnpassedRecords: String {
        switch self {
        case .sqs: return "SQS deletes every message it reads"
        case .kinesis, .dynamodb: return "the stream's checkpoint moves past every record"
        case .kafka: return "Lambda commits the offset of every record"
        case .mq: return "Lambda acknowledges every message"
        case .documentdb: return "though DocumentDB mappings apply no filters at all"
        }
    }

    /// What AWS does with a record a mapping's filters do not pass, in AWS's words (the same fact
    /// as `fateOfUnpassedRecords`, for `simulate`).
    package var dispositionOfUnpassedRecord: String {
        switch self {
        case .sqs: return "deleted from the queue (\"Lambda automatically removes the message from the queue\")"
        case .kinesis, .dynamodb: return "skipped (\"the streams iterator advances past this record\": the checkpoint moves past it)"
        case .kafka:
            return "committed (\"Lambda commits offsets for matched and unmatched messages after successfully invoking the function\")"
        case .mq: return "acknowledged (\"acknowledges unmatched messages when filtering them\"): removed from the queue"
        case .documentdb: return "not filtered (\"Lambda doesn't support event filtering for Amazon DocumentDB\"): delivered"
        }
    }

    /// The page of the Lambda developer guide on filtering this source, as messages cite it.
    package var filteringPage: String {
        switch self {
        case .sqs: return "AWS's SQS filtering page (with-sqs-filtering)"
        case .kinesis: return "AWS's Kinesis filtering page (with-kinesis-filtering)"
        case .dynamodb: return "AWS's DynamoDB filtering page (with-ddb-filtering)"
        case .kafka: return "AWS's Kafka filtering page (kafka-filtering)"
        case .mq: return "AWS's Amazon MQ filtering page (with-mq-filtering)"
        case .documentdb: return "AWS's event filtering page"
        }
    }

    /// The `eventSource` values Lambda writes into this source's records (or events).
    package var lambdaEventSourceNames: [String] {
        switch self {
        case .sqs: return ["aws:sqs"]
        case .kinesis: return ["aws:kinesis"]
        case .dynamodb: return ["aws:dynamodb"]
        case .documentdb: return ["aws:docdb"]
        case .mq: return ["aws:mq", "aws:rmq"]
        case .kafka: return ["aws:kafka", "SelfManagedKafka"]
        }
    }

    /// The source whose records carry `eventSource` = `name` (`aws:sqs` → `.sqs`).
    public init?(lambdaEventSourceName name: String) {
        guard let source = Self.byLambdaEventSourceName[name] else { return nil }
        self = source
    }

    /// Every `eventSource` value Lambda writes, to its source.
    package static let byLambdaEventSourceName: [String: EventSource] = Dictionary(
        uniqueKeysWithValues: allCases.flatMap { source in source.lambdaEventSourceNames.map { ($0, source) } })
}
