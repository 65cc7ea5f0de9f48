/// The kind of event source behind an event source mapping.
///
/// Parameter ranges, the key Lambda filters on and the shape of SAM events all depend on it.
/// Raw values are the CLI's `--source` spellings.
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

    /// The service name used in messages: `Amazon SQS`.
    public var displayName: String {
        switch self {
        case .sqs: return "Amazon SQS"
        case .kinesis: return "Amazon Kinesis"
        case .dynamodb: return "DynamoDB Streams"
        case .msk: return "Amazon MSK"
        case .kafka: return "self-managed Apache Kafka"
        case .mq: return "Amazon MQ"
        case .documentdb: return "Amazon DocumentDB"
        }
    }

    /// The one record key AWS documents as filterable (`body` for SQS), or `nil` when the source
    /// does not support filtering at all (DocumentDB).
    public var documentedDataKey: String? {
        switch self {
        case .sqs: return "body"
        case .kinesis: return "data"
        case .dynamodb: return "dynamodb"
        case .msk, .kafka: return "value"
        case .mq: return "data"
        case .documentdb: return nil
        }
    }

    /// Whether AWS applies FilterCriteria for this source ("Lambda doesn't support event
    /// filtering for Amazon DocumentDB").
    public var supportsFiltering: Bool { self != .documentdb }

    /// Whether the pattern for the data key must be a JSON object (Kinesis and DynamoDB throw
    /// at create/update time otherwise).
    public var requiresJSONDataPattern: Bool { self == .kinesis || self == .dynamodb }

    /// The SAM event `Type` for this source.
    public var samEventType: String {
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
    public var samSourceProperty: String? {
        switch self {
        case .sqs: return "Queue"
        case .kinesis, .dynamodb, .msk: return "Stream"
        case .mq: return "Broker"
        case .documentdb: return "Cluster"
        case .kafka: return nil
        }
    }

    /// The source behind a SAM event `Type`, if it is one that carries FilterCriteria.
    public init?(samEventType: String) {
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
    public init?(cloudFormationResourceType type: String) {
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
