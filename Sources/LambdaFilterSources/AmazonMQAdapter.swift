import LambdaFilter

/// Amazon MQ messages (ActiveMQ and RabbitMQ) as Lambda's filter sees them.
///
/// Follows "Event filtering with an Amazon MQ event source"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-mq-filtering.html) and spec §2.2–2.3:
/// - the filter sees the whole message: ActiveMQ's `messageID`, `messageType`, `destination`,
///   `properties`...; RabbitMQ's `basicProperties` (headers as Lambda delivers them), `redelivered`;
/// - `data` is base64-decoded, then parsed as JSON when it is a JSON object or array, otherwise
///   kept as the text; bytes that are not UTF-8 stay base64 in the view;
/// - a format mismatch (JSON vs plain string, or not UTF-8) means that filter does not match,
///   its metadata conditions included (`FilterSet`).
public enum AmazonMQAdapter {
    /// The view of one ActiveMQ or RabbitMQ message.
    public static func view(
        of record: JSONValue, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        let members = try RecordFields.object(record, field: "", position: position)
        let encoded = try RecordFields.string(record, "data", field: "data", position: position)
        let decoded = try PayloadDecoding.decodeBase64(encoded, source: .mq, limits: limits, field: "data", position: position)
        let document = JSONValue.object(RecordFields.replacing("data", with: decoded.value, in: members))
        return FilterView(source: .mq, document: document, dataKey: "data", payload: decoded.format)
    }
}
