/// The event sources whose records Lambda can filter.
public enum EventSource: String, Sendable, Hashable, CaseIterable {
    case sqs, kinesis, dynamodb, documentdb, mq, kafka
}
