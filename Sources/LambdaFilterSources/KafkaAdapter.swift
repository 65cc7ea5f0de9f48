import LambdaFilter

/// Apache Kafka records (Amazon MSK and self-managed) as Lambda's filter sees them.
///
/// Follows "Filtering events from Amazon MSK and self-managed Apache Kafka event sources"
/// (https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html) and spec §2.2–2.3:
/// - the filter sees one record of `records["<topic>-<partition>"][]` (`topic`, `partition`,
///   `offset`, `timestamp`, `timestampType`, `key`, `value`, `headers`);
/// - `value` is base64-decoded, then parsed as JSON when it is a JSON object or array, otherwise
///   kept as the text; bytes that are not UTF-8 stay base64 in the view; a `null` or missing
///   `value` (a tombstone) is an absent payload;
/// - `key` is decoded the same way when it is a string (the current docs filter `value` only;
///   older docs listed `key` too); `headers` stay as Lambda delivers them (arrays of byte values);
/// - a format mismatch means that filter does not match, its metadata conditions included
///   (the docs: "Lambda processes metadata filters only"; `FilterSet` cites the recording).
public enum KafkaAdapter {
    /// The view of one Kafka record.
    public static func view(
        of record: JSONValue, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        var members = try RecordFields.object(record, field: "", position: position)
        let payload: PayloadFormat
        switch record["value"] {
        case nil, .null?:
            payload = .absent
        case .string(let encoded)?:
            let decoded = try PayloadDecoding.decodeBase64(encoded, source: .kafka, limits: limits, field: "value", position: position)
            members = RecordFields.replacing("value", with: decoded.value, in: members)
            payload = decoded.format
        case let other?:
            throw RecordError(
                position: position, field: "value",
                reason: .wrongType(expected: "a base64 string or null", found: other.typeName))
        }
        switch record["key"] {
        case nil, .null?:
            break
        case .string(let encoded)?:
            let decoded = try PayloadDecoding.decodeBase64(encoded, source: .kafka, limits: limits, field: "key", position: position)
            members = RecordFields.replacing("key", with: decoded.value, in: members)
        case let other?:
            throw RecordError(
                position: position, field: "key",
                reason: .wrongType(expected: "a base64 string or null", found: other.typeName))
        }
        return FilterView(source: .kafka, document: .object(members), dataKey: "value", payload: payload)
    }
}
