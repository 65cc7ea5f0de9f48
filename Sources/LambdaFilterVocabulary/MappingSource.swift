/// The kind of event source behind an event source mapping.
///
/// An `EventSource` refined where mappings differ: Amazon MSK and self-managed Kafka deliver the
/// same records (`EventSource.kafka`) but take different parameters. Everything about the records
/// (payload key, whether filters apply, the JSON data-pattern rule) is the `eventSource`'s, so
/// it is written once; this type adds the names mappings need (SAM event types, ARNs,
/// CloudFormation resource types).
public enum MappingSource: String, Sendable, Hashable, CaseIterable {
    /// Amazon SQS, standard and FIFO queues.
    case sqs
    /// Amazon Kinesis Data Streams.
    case kinesis
    /// Amazon DynamoDB Streams.
    case dynamodb
    /// Amazon MSK.
    case msk
    /// Self-managed Apache Kafka.
    case kafka
    /// Amazon MQ (ActiveMQ and RabbitMQ).
    case mq
    /// Amazon DocumentDB change streams, for which Lambda does not apply filters.
    case documentdb

    /// The event source whose records this mapping reads (MSK and self-managed Kafka share one).
    public var eventSource: EventSource {
        switch self {
        case .sqs: return .sqs
        case .kinesis: return .kinesis
        case .dynamodb: return .dynamodb
        case .msk, .kafka: return .kafka
        case .mq: return .mq
        case .documentdb: return .documentdb
        }
    }

    /// The mapping kind for records of `source`; Kafka reads as self-managed, whose record and
    /// filter rules are MSK's too.
    public init(_ source: EventSource) {
        switch source {
        case .sqs: self = .sqs
        case .kinesis: self = .kinesis
        case .dynamodb: self = .dynamodb
        case .kafka: self = .kafka
        case .mq: self = .mq
        case .documentdb: self = .documentdb
        }
    }

    /// The service name used in messages: `Amazon SQS`; `Amazon MSK` and `self-managed Apache
    /// Kafka` for the two Kafka kinds.
    public var displayName: String {
        switch self {
        case .msk: return "Amazon MSK"
        case .kafka: return "self-managed Apache Kafka"
        default: return eventSource.displayName
        }
    }

    /// The one record key AWS documents as filterable (`body` for SQS), or `nil` when the source
    /// does not support filtering at all (DocumentDB).
    public var documentedDataKey: String? { eventSource.dataKey }

    /// Whether AWS applies FilterCriteria for this source ("Lambda doesn't support event
    /// filtering for Amazon DocumentDB").
    public var supportsFiltering: Bool { eventSource.awsAppliesFilters }

    /// Whether the pattern for the data key must be a JSON object (Kinesis and DynamoDB throw
    /// at create/update time otherwise).
    public var requiresJSONDataPattern: Bool { eventSource.requiresJSONDataPattern }

    /// The SAM event `Type` for this source.
    package var samEventType: String {
        switch self {
        case .sqs: return "SQS"
        case .kinesis: return "Kinesis"
        case .dynamodb: return "DynamoDB"
        case .msk: return "MSK"
        case .kafka: return "SelfManagedKafka"
        case .mq: return "MQ"
        case .documentdb: return "DocumentDB"
        }
    }

    /// The SAM event property that names the source (`Queue`, `Stream`...), `nil` for
    /// self-managed Kafka (which names bootstrap servers instead).
    package var samSourceProperty: String? {
        switch self {
        case .sqs: return "Queue"
        case .kinesis, .dynamodb, .msk: return "Stream"
        case .mq: return "Broker"
        case .documentdb: return "Cluster"
        case .kafka: return nil
        }
    }

    /// The source behind a SAM event `Type`, if it is one that carries FilterCriteria.
    package init?(samEventType: String) {
        guard let source = MappingSource.allCases.first(where: { $0.samEventType == samEventType }) else { return nil }
        self = source
    }

    /// The source an event source ARN points at (`arn:aws:sqs:...` → `.sqs`).
    ///
    /// DocumentDB clusters live under the `rds` service; a Kafka ARN means MSK.
    public init?(eventSourceArn arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn" else { return nil }
        switch parts[2] {
        case "sqs": self = .sqs
        case "kinesis": self = .kinesis
        case "dynamodb": self = .dynamodb
        case "kafka": self = .msk
        case "mq": self = .mq
        case "rds", "docdb": self = .documentdb
        default: return nil
        }
    }

    /// The source a CloudFormation resource type feeds (`AWS::SQS::Queue` → `.sqs`).
    package init?(cloudFormationResourceType type: String) {
        switch type {
        case "AWS::SQS::Queue": self = .sqs
        case "AWS::Kinesis::Stream", "AWS::Kinesis::StreamConsumer": self = .kinesis
        case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable": self = .dynamodb
        case "AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster": self = .msk
        case "AWS::AmazonMQ::Broker": self = .mq
        case "AWS::DocDB::DBCluster": self = .documentdb
        default: return nil
        }
    }
}
