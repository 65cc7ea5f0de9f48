import LambdaFilter

/// Amazon DocumentDB change-stream records as the toolkit tests them.
///
/// Follows "Using AWS Lambda with Amazon DocumentDB"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-documentdb.html): each `events[]` item is
/// `{"event": {...}}` and the change event inside (`_id`, `clusterTime`, `documentKey`,
/// `fullDocument`, `ns`, `operationType`, `updateDescription`...) is what patterns address,
/// e.g. `{"operationType": ["update"]}`.
///
/// AWS documents that "Lambda doesn't support event filtering for Amazon DocumentDB": the toolkit
/// still evaluates patterns against change events (users filter them in code, and AWS may add
/// support), and `EventSource.awsAppliesFilters` is false so lint and the FilterCriteria emitter
/// can say plainly that AWS will not apply them. There is no payload key, so no format mismatch.
///
/// Accepts an `events[]` item or the bare change event.
public enum DocumentDBAdapter {
    /// The view of one DocumentDB record.
    public static func view(
        of record: JSONValue, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        _ = try RecordFields.object(record, field: "", position: position)
        let changeEvent: JSONValue
        if let event = record["event"] {
            _ = try RecordFields.object(event, field: "event", position: position)
            changeEvent = event
        } else if record["operationType"] != nil {
            changeEvent = record
        } else {
            throw RecordError(position: position, field: "event", reason: .missingField)
        }
        if let operation = changeEvent["operationType"], operation.stringValue == nil {
            throw RecordError(
                position: position, field: "event.operationType",
                reason: .wrongType(expected: "a string", found: operation.typeName))
        }
        return FilterView(source: .documentdb, document: changeEvent, dataKey: nil, payload: .json)
    }
}
