import LambdaFilterSources

/// What a source's record looks like to the filter: its fields, which one AWS documents as
/// filterable, and what AWS says (or was seen to do) about the others.
///
/// Field lists follow the record examples on each source's filtering page (spec §2.1, §2.3).
package struct RecordShape: Sendable, Hashable {
    package let source: EventSource
    /// Top-level fields of the document the filter sees.
    package let fields: [String]
    /// Known fields one level down, for sources whose record fixes them (DynamoDB's `dynamodb`).
    package let children: [String: [String]]
    /// Values a field can hold, when the source fixes them (`eventName` on DynamoDB).
    package let knownValues: [String: [String]]
    /// Fields whose values are strings in every record (`N` values on DynamoDB, SQS attributes).
    package let stringFields: Set<String>

    /// The payload key, the only field AWS documents as filterable (`nil` on DocumentDB).
    package var dataKey: String? { source.dataKey }

    /// Whether the payload holds the producer's own JSON, of any shape (not DynamoDB's fixed one).
    package var payloadIsFreeForm: Bool { source != .dynamodb && source != .documentdb }

    /// The shape of `source`'s records.
    package static func of(_ source: EventSource) -> RecordShape {
        switch source {
        case .sqs:
            return RecordShape(
                source: source,
                fields: [
                    "messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "md5OfMessageAttributes",
                    "eventSource", "eventSourceARN", "awsRegion",
                ],
                children: [:],
                knownValues: ["eventSource": EventSource.sqs.lambdaEventSourceNames],
                stringFields: [
                    "messageId", "receiptHandle", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion",
                    "attributes.ApproximateReceiveCount", "attributes.SentTimestamp", "attributes.ApproximateFirstReceiveTimestamp",
                    "attributes.SenderId",
                ])
        case .kinesis:
            return RecordShape(
                source: source,
                fields: ["kinesisSchemaVersion", "partitionKey", "sequenceNumber", "data", "approximateArrivalTimestamp"],
                children: [:], knownValues: [:],
                stringFields: ["kinesisSchemaVersion", "partitionKey", "sequenceNumber"])
        case .dynamodb:
            return RecordShape(
                source: source,
                fields: ["eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN", "userIdentity"],
                children: [
                    "dynamodb": [
                        "ApproximateCreationDateTime", "Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes", "StreamViewType",
                    ]
                ],
                knownValues: [
                    "eventName": ["INSERT", "MODIFY", "REMOVE"],
                    "eventSource": EventSource.dynamodb.lambdaEventSourceNames,
                    "dynamodb.StreamViewType": ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"],
                ],
                stringFields: [
                    "eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "eventSourceARN", "dynamodb.SequenceNumber",
                    "dynamodb.StreamViewType",
                ])
        case .kafka:
            return RecordShape(
                source: source,
                fields: ["topic", "partition", "offset", "timestamp", "timestampType", "key", "value", "headers"],
                children: [:],
                knownValues: ["timestampType": ["CREATE_TIME", "LOG_APPEND_TIME", "NO_TIMESTAMP_TYPE"]],
                stringFields: ["topic", "timestampType"])
        case .mq:
            // ActiveMQ and RabbitMQ messages together: a pattern may be written for either broker.
            return RecordShape(
                source: source,
                fields: [
                    "messageID", "messageType", "timestamp", "deliveryMode", "correlationID", "replyTo", "destination", "redelivered",
                    "type", "expiration", "priority", "data", "brokerInTime", "brokerOutTime", "properties", "basicProperties",
                ],
                children: [:], knownValues: [:], stringFields: ["messageID", "messageType"])
        case .documentdb:
            return RecordShape(
                source: source,
                fields: [
                    "_id", "clusterTime", "documentKey", "fullDocument", "ns", "operationType", "updateDescription", "wallTime",
                    "txnNumber", "lsid",
                ],
                children: [:],
                knownValues: ["operationType": ["insert", "update", "replace", "delete", "invalidate", "drop", "dropDatabase", "rename"]],
                stringFields: ["operationType"])
        }
    }

    /// Whether `segments` (a field's dotted name, split) is a field this source's records have,
    /// as far as the shape knows: the top-level field, and the second level where it is fixed.
    func knows(_ segments: [String]) -> Bool {
        guard let first = segments.first, fields.contains(first) else { return false }
        if segments.count >= 2, let known = children[first] {
            return known.contains(segments[1])
        }
        return true
    }

    /// Why a field other than the payload key is a note, citing the docs and what was observed.
    func undocumentedFieldNote(_ field: String) -> String {
        let documented = dataKey.map { "documents filtering on `\($0)` only" } ?? "documents no filtering"
        let page = source.filteringPage
        let observed: String
        switch (source, field) {
        case (.dynamodb, "eventName"), (.dynamodb, "eventSource"):
            observed =
                "AWS-recorded runs (2024–2025) filter DynamoDB on `eventName`/`eventSource` as expected, and CDK's own FilterRule example uses `eventName`"
        case (.sqs, "attributes"):
            observed = "AWS's 2023 sample (serverless-patterns lambda-esm-sqs-filters-sam) filtered SQS `attributes` successfully"
        case (.mq, "basicProperties"):
            observed = "AWS's 2023 sample (lambda-esm-rabbitmq-filters-sam) filtered RabbitMQ `basicProperties.appId` successfully"
        case (.kinesis, "partitionKey"):
            observed = "the 2022 guide listed `partitionKey` as a filterable metadata property; no AWS-recorded run settles it today"
        case (.kafka, "key"):
            observed = "older Kafka docs listed `key` as filterable too; no AWS-recorded run settles it today"
        default:
            observed = "no AWS-recorded run settles whether it is filtered today; the toolkit matches it as the record has it"
        }
        return "\(source.displayName) records have `\(field)`, but \(page) \(documented); \(observed)"
    }

    /// Payload keys of every source (and common envelope names), for "did you mean the payload key".
    static let payloadLikeKeys: Set<String> = [
        "body", "data", "value", "dynamodb", "payload", "message", "Message", "detail", "Body", "Data", "Value",
    ]
    /// Keys of a whole Lambda event around the records: a pattern never sees them.
    static let envelopeKeys: Set<String> = ["Records", "records", "messages", "rmqMessagesByQueue", "events"]
}
