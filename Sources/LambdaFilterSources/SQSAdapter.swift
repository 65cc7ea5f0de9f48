import LambdaFilter

/// Amazon SQS records as Lambda's filter sees them.
///
/// Follows "Filtering events from an Amazon SQS event source"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html) and spec §2.2–2.3:
/// - the filter sees the whole `Records[]` item (`messageId`, `attributes`,
///   `messageAttributes`, `eventSource`...), so metadata conditions evaluate as on AWS today;
/// - `body` is parsed as JSON when it is a JSON object or array, otherwise kept as the string;
/// - a body whose format differs from the filter's `body` pattern is dropped (`FilterSet`).
///
/// AWS's own 2023 samples found conditions on `messageAttributes` never matched; the adapter
/// keeps them in the view as Lambda delivers them and leaves the warning to lint.
public enum SQSAdapter {
    /// The view of one SQS record.
    public static func view(
        of record: JSONValue, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        let members = try RecordFields.object(record, field: "", position: position)
        let body = try RecordFields.string(record, "body", field: "body", position: position)
        let decoded = try PayloadDecoding.classify(text: body, source: .sqs, limits: limits, field: "body", position: position)
        let document = JSONValue.object(RecordFields.replacing("body", with: decoded.value, in: members))
        return FilterView(source: .sqs, document: document, dataKey: "body", payload: decoded.format)
    }
}
