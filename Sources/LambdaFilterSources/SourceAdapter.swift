import LambdaFilter

/// Turns one record, as Lambda hands it to the function, into what Lambda's filter sees.
public enum SourceAdapter {
    /// The view of `record` for `source`.
    /// - Parameter position: where the record stands in its document, for error messages.
    /// - Parameter limits: the largest payload decoded per source (AWS's message limits by default).
    /// - Throws: `RecordError` naming the field and the reason when the record is malformed.
    public static func view(
        of record: JSONValue, source: EventSource, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        switch source {
        case .sqs: return try SQSAdapter.view(of: record, at: position, limits: limits)
        case .kinesis: return try KinesisAdapter.view(of: record, at: position, limits: limits)
        case .dynamodb: return try DynamoDBAdapter.view(of: record, at: position, limits: limits)
        case .documentdb: return try DocumentDBAdapter.view(of: record, at: position, limits: limits)
        case .mq: return try AmazonMQAdapter.view(of: record, at: position, limits: limits)
        case .kafka: return try KafkaAdapter.view(of: record, at: position, limits: limits)
        }
    }
}
