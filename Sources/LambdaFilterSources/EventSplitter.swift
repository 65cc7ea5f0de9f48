import LambdaFilter

/// One record of a document, with its position and the view Lambda's filter sees.
public struct SourceRecord: Sendable, Hashable {
    /// Where the record stands in the document (`Records[3]`, or `$` for a bare record).
    public var position: RecordPosition
    /// The record as Lambda hands it to the function.
    public var record: JSONValue
    /// What the filter sees.
    public var view: FilterView

    package init(position: RecordPosition, record: JSONValue, view: FilterView) {
        self.position = position
        self.record = record
        self.view = view
    }
}

/// Splits a whole Lambda event into records, detecting its source, and adapts each record.
///
/// Envelopes (spec §2.1): `Records[]` for SQS, Kinesis and DynamoDB; Kafka's `records` map of
/// `"<topic>-<partition>"` to records; ActiveMQ's `messages[]`; RabbitMQ's
/// `rmqMessagesByQueue` map of `"<queue>::<vhost>"` to messages; DocumentDB's `events[]`. A document
/// that is a single record of any source is accepted too.
public enum EventSplitter {
    /// What auto-detection found.
    package struct Detection: Sendable, Hashable {
        /// The source the document's `eventSource` or shape names.
        package var source: EventSource
        /// True for a whole event (an envelope), false for a single bare record.
        package var isWholeEvent: Bool
    }

    /// Every record of `document`, each adapted or with the error that stopped it, in document
    /// order. A document whose source cannot be told gives a single failure at position `$`.
    /// An event with no records gives an empty list.
    /// `limits` bounds each record's decoded payload (`PayloadLimits.aws` by default).
    public static func records(
        in document: JSONValue, selection: SourceSelection, limits: PayloadLimits = .aws
    ) -> [Result<SourceRecord, RecordError>] {
        let source: EventSource
        switch selection {
        case .raw:
            return [.success(SourceRecord(position: .root, record: document, view: .raw(document)))]
        case .auto:
            if isEmptyEnvelope(document) { return [] }
            do {
                source = try detectSource(of: document).source
            } catch {
                return [.failure(error)]
            }
        default:
            // Every explicit case other than raw names a source.
            source = selection.eventSource ?? .sqs
        }
        let located: [(RecordPosition, JSONValue)]
        do {
            located = try split(document, as: source)
        } catch {
            return [.failure(error)]
        }
        return located.map { position, record in
            Result { () throws(RecordError) -> SourceRecord in
                let view = try SourceAdapter.view(of: record, source: source, at: position, limits: limits)
                return SourceRecord(position: position, record: record, view: view)
            }
        }
    }

    /// The records of `document` for a known `source` with their positions: the envelope's
    /// items for a whole event, or the document itself at `$` when it is a single record.
    private static func split(_ document: JSONValue, as source: EventSource) throws(RecordError) -> [(RecordPosition, JSONValue)] {
        switch source {
        case .sqs, .kinesis, .dynamodb:
            if let records = document["Records"] {
                return try arrayItems(records, key: "Records")
            }
        case .documentdb:
            if let events = document["events"] {
                return try arrayItems(events, key: "events")
            }
        case .mq:
            if let messages = document["messages"] {
                return try arrayItems(messages, key: "messages")
            }
            if let queues = document["rmqMessagesByQueue"] {
                return try mapItems(queues, key: "rmqMessagesByQueue")
            }
        case .kafka:
            // A bare Kafka record has no `records`; an event's `records` is a map of arrays.
            if let records = document["records"], records.objectMembers != nil {
                return try mapItems(records, key: "records")
            }
        }
        return [(.root, document)]
    }

    /// Detects the source of `document`, a whole event or a single record.
    /// - Throws: `RecordError` at `$` when no source or several sources fit.
    package static func detectSource(of document: JSONValue) throws(RecordError) -> Detection {
        guard document.objectMembers != nil else {
            throw RecordError(
                position: .root, field: "",
                reason: .unrecognizedDocument(expected: "a JSON object (a Lambda event or one record), found \(document.typeName)"))
        }
        var envelopes = envelopeCandidates(document)
        if let records = document["Records"]?.arrayElements {
            let source = try sourceOfRecords(records)
            guard envelopes.isEmpty else {
                envelopes.append(source)
                throw RecordError(position: .root, field: "", reason: .ambiguousDocument(candidates: envelopes))
            }
            return Detection(source: source, isWholeEvent: true)
        }
        if envelopes.count > 1 {
            throw RecordError(position: .root, field: "", reason: .ambiguousDocument(candidates: envelopes))
        }
        if let source = envelopes.first {
            return Detection(source: source, isWholeEvent: true)
        }
        let candidates = recordCandidates(document)
        if candidates.count > 1 {
            throw RecordError(position: .root, field: "", reason: .ambiguousDocument(candidates: candidates))
        }
        guard let source = candidates.first else {
            var expected = expectedDocuments
            if let name = document["eventSource"]?.stringValue ?? document["EventSource"]?.stringValue {
                expected = "an event source Lambda filters (found eventSource \"\(name)\"); " + expected
            }
            throw RecordError(position: .root, field: "", reason: .unrecognizedDocument(expected: expected))
        }
        return Detection(source: source, isWholeEvent: false)
    }

    /// What auto-detection understands, for error messages.
    package static let expectedDocuments =
        "a Lambda event (SQS, Kinesis or DynamoDB \"Records\", Kafka \"records\", Amazon MQ \"messages\" or "
        + "\"rmqMessagesByQueue\", DocumentDB \"events\") or one record of such an event; "
        + "name the source with --source, or use --source raw to match the document as it is"

    // MARK: - Detection details

    /// `eventSource` values Lambda writes, per source.
    static let eventSourceNames = EventSource.byLambdaEventSourceName

    /// Sources whose own envelope (not `Records`) the document has.
    private static func envelopeCandidates(_ document: JSONValue) -> [EventSource] {
        var found: [EventSource] = []
        if let groups = document["records"]?.objectMembers, groups.allSatisfy({ $0.value.arrayElements != nil }) {
            found.append(.kafka)
        }
        if document["messages"]?.arrayElements != nil || document["rmqMessagesByQueue"]?.objectMembers != nil {
            found.append(.mq)
        }
        if let events = document["events"]?.arrayElements,
            document["eventSource"]?.stringValue == "aws:docdb" || events.first?["event"] != nil
        {
            found.append(.documentdb)
        }
        return found
    }

    /// The single source shared by the `Records` items.
    private static func sourceOfRecords(_ records: [JSONValue]) throws(RecordError) -> EventSource {
        var sources: [EventSource] = []
        for record in records {
            for source in recordCandidates(record) where [.sqs, .kinesis, .dynamodb].contains(source) && !sources.contains(source) {
                sources.append(source)
            }
        }
        if sources.count == 1, let source = sources.first { return source }
        if sources.count > 1 {
            throw RecordError(position: .root, field: "Records", reason: .ambiguousDocument(candidates: sources))
        }
        var expected = "Records of SQS, Kinesis or DynamoDB (\"eventSource\": \"aws:sqs\", \"aws:kinesis\" or \"aws:dynamodb\")"
        if let name = records.first?["eventSource"]?.stringValue ?? records.first?["EventSource"]?.stringValue {
            expected += "; found \"\(name)\", which Lambda does not filter"
        }
        throw RecordError(position: .root, field: "Records", reason: .unrecognizedDocument(expected: expected))
    }

    /// Sources a single record fits, from its `eventSource` or else its shape.
    private static func recordCandidates(_ record: JSONValue) -> [EventSource] {
        if let name = record["eventSource"]?.stringValue, let source = eventSourceNames[name] {
            return [source]
        }
        var found: [EventSource] = []
        if record["body"]?.stringValue != nil, record["messageId"] != nil { found.append(.sqs) }
        if record["kinesis"]?.objectMembers != nil { found.append(.kinesis) }
        if record["dynamodb"]?.objectMembers != nil, record["eventName"] != nil { found.append(.dynamodb) }
        if record["topic"] != nil, record["partition"] != nil, record["offset"] != nil { found.append(.kafka) }
        if record["data"] != nil, record["messageID"] != nil || record["basicProperties"] != nil { found.append(.mq) }
        if record["event"]?["operationType"] != nil || (record["operationType"] != nil && record["ns"] != nil) {
            found.append(.documentdb)
        }
        return found
    }

    /// True for an envelope with no records, which needs no source to give no verdicts.
    private static func isEmptyEnvelope(_ document: JSONValue) -> Bool {
        for key in ["Records", "messages", "events"] where document[key]?.arrayElements?.isEmpty == true {
            return true
        }
        for key in ["records", "rmqMessagesByQueue"] where document[key]?.objectMembers?.isEmpty == true {
            return true
        }
        return false
    }

    // MARK: - Splitting details

    private static func arrayItems(_ value: JSONValue, key: String) throws(RecordError) -> [(RecordPosition, JSONValue)] {
        guard let elements = value.arrayElements else {
            throw RecordError(position: .root, field: key, reason: .wrongType(expected: "an array of records", found: value.typeName))
        }
        let base = RecordPosition([.key(key)])
        return elements.enumerated().map { (base.appending(.index($0.offset)), $0.element) }
    }

    private static func mapItems(_ value: JSONValue, key: String) throws(RecordError) -> [(RecordPosition, JSONValue)] {
        guard let groups = value.objectMembers else {
            throw RecordError(
                position: .root, field: key, reason: .wrongType(expected: "an object of record arrays", found: value.typeName))
        }
        var located: [(RecordPosition, JSONValue)] = []
        for group in groups {
            let base = RecordPosition([.key(key), .key(group.key)])
            guard let elements = group.value.arrayElements else {
                throw RecordError(
                    position: base, field: "", reason: .wrongType(expected: "an array of records", found: group.value.typeName))
            }
            located += elements.enumerated().map { (base.appending(.index($0.offset)), $0.element) }
        }
        return located
    }
}
