import LambdaFilter

/// Amazon Kinesis Data Streams records as Lambda's filter sees them.
///
/// Follows "Filtering events from a Kinesis event source"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis-filtering.html) and spec §2.1–2.3:
/// - the filter sees the inner `kinesis` object (`partitionKey`, `sequenceNumber`, `data`,
///   `approximateArrivalTimestamp`...): patterns say `{"data": ...}`, not `{"kinesis": ...}`;
/// - `data` is base64-decoded, then parsed as JSON when it is a JSON object or array, otherwise
///   kept as the text; bytes that are not UTF-8 count as "not JSON" and stay base64 in the view;
/// - a record whose data is not JSON is dropped by a filter with a JSON `data` pattern, and a
///   plain-string `data` pattern is refused by AWS when the mapping is created (`FilterSet`).
///
/// Accepts a `Records[]` item (`{"kinesis": {...}, "eventSource": "aws:kinesis", ...}`) or the
/// inner `kinesis` object itself.
public enum KinesisAdapter {
    /// The view of one Kinesis record.
    public static func view(
        of record: JSONValue, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        _ = try RecordFields.object(record, field: "", position: position)
        let inner: JSONValue
        let prefix: String
        if let nested = record["kinesis"] {
            inner = nested
            prefix = "kinesis."
        } else if record["data"] != nil {
            inner = record
            prefix = ""
        } else {
            throw RecordError(position: position, field: "kinesis", reason: .missingField)
        }
        let members = try RecordFields.object(inner, field: "kinesis", position: position)
        let encoded = try RecordFields.string(inner, "data", field: prefix + "data", position: position)
        let decoded = try PayloadDecoding.decodeBase64(
            encoded, source: .kinesis, limits: limits, field: prefix + "data", position: position)
        let document = JSONValue.object(RecordFields.replacing("data", with: decoded.value, in: members))
        return FilterView(source: .kinesis, document: document, dataKey: "data", payload: decoded.format)
    }
}
