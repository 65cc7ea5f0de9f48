import LambdaFilter
import LambdaFilterSources

/// One event source mapping in a simulation: a name and its FilterCriteria's filters.
public struct SimulatedMapping: Sendable, Hashable {
    /// The mapping's name in the report (`--mapping name=file`).
    public var name: String
    /// The filters (OR'ed); none means the mapping delivers every record.
    public var filters: [Pattern]

    /// A mapping named `name` with `filters` (OR'ed; empty passes every record).
    public init(name: String, filters: [Pattern]) {
        self.name = name
        self.filters = filters
    }
}

/// What a batch of records does when it meets one or more mappings of one source, as AWS
/// documents it (spec §3.1):
///
/// | source | a record no filter passes | several mappings |
/// |---|---|---|
/// | SQS | deleted from the queue | compete: each message goes to one mapping, which deletes it if its filters do not pass it |
/// | Amazon MQ | acknowledged (removed) when filtered | compete, as SQS |
/// | Kinesis, DynamoDB | skipped: the iterator (checkpoint) moves past it | each reads every record |
/// | Kafka | its offset is committed with the batch | each (its own consumer group) reads every record |
/// | DocumentDB | filters are not applied: every record is delivered | each reads every record |
///
/// A record is **lost** when no mapping passes it; with competing mappings it is **at risk** when
/// some pass it and others would delete it (which one polls it is up to the service).
public struct BatchSimulation: Sendable {
    /// How mappings of one source share its records.
    public enum Consumption: String, Sendable, Hashable {
        /// SQS and Amazon MQ: each message is received by one mapping.
        case competing
        /// Streams and Kafka: every mapping reads every record.
        case independent
    }

    /// What becomes of one record across all mappings.
    public enum Fate: String, Sendable, Hashable {
        /// Delivered to a function whichever mapping reads it (independent: by at least one).
        case delivered
        /// Competing mappings: some pass it, others would delete it unprocessed.
        case atRisk = "at-risk"
        /// No mapping passes it: no function ever sees it.
        case lost
    }

    /// One record's outcome.
    public struct RecordResult: Sendable, Hashable {
        /// The record's place in its event or file.
        public var position: RecordPosition
        /// Where the record came from (file name, line).
        public var origin: String
        /// Each mapping's verdict, in mapping order.
        public var verdicts: [Verdict]
        /// The mappings whose filters pass the record.
        public var passedBy: [Int]
        /// Delivered, at risk or lost, across every mapping.
        public var fate: Fate
    }

    /// The per-mapping counts of the "EventCount" metrics (`MetricsConfig: {Metrics: [EventCount]}`)
    /// for this batch, assuming the mapping polled the whole batch and every invocation succeeded.
    /// Names as AWS announced them (AWS Compute Blog, November 2024, "Introducing new event source
    /// mapping (ESM) metrics for AWS Lambda"): PolledEventCount, InvokedEventCount,
    /// FilteredOutEventCount, FailedInvokeEventCount, DeletedEventCount, DroppedEventCount,
    /// OnFailureDestinationDeliveredEventCount.
    public struct Metrics: Sendable, Hashable {
        /// `PolledEventCount`: events read from the source.
        public var polled: Int
        /// `FilteredOutEventCount`: events the filter criteria did not pass (format mismatches included).
        public var filteredOut: Int
        /// `InvokedEventCount`: events the function was invoked with.
        public var invoked: Int
        /// `FailedInvokeEventCount`: 0, as every invocation is assumed to succeed.
        public var failedInvoke: Int
        /// `DeletedEventCount` (SQS only): events deleted after successful processing.
        public var deleted: Int?
        /// `DroppedEventCount`: 0; it counts expiry and retry exhaustion, which filtering does not cause.
        public var dropped: Int
        /// `OnFailureDestinationDeliveredEventCount` (streams and Kafka, which have on-failure
        /// destinations): 0, as nothing fails.
        public var onFailureDestinationDelivered: Int?

        /// The metrics by their CloudWatch names, in the order AWS lists them.
        public var named: [(name: String, value: Int)] {
            var list = [
                ("PolledEventCount", polled), ("FilteredOutEventCount", filteredOut), ("InvokedEventCount", invoked),
                ("FailedInvokeEventCount", failedInvoke),
            ]
            if let deleted { list.append(("DeletedEventCount", deleted)) }
            list.append(("DroppedEventCount", dropped))
            if let onFailureDestinationDelivered { list.append(("OnFailureDestinationDeliveredEventCount", onFailureDestinationDelivered)) }
            return list.map { (name: $0.0, value: $0.1) }
        }
    }

    /// One mapping's outcome.
    public struct MappingResult: Sendable, Hashable {
        /// The mapping's name, as given in its `SimulatedMapping`.
        public var name: String
        /// Indices (into `records`) of the records its function receives, in batch order.
        public var received: [Int]
        /// Indices of the records it does not pass.
        public var notPassed: [Int]
        /// Its "EventCount" metrics for this batch.
        public var metrics: Metrics
    }

    /// The source whose records and disposition rules the simulation used.
    public let source: EventSource
    /// Every record's outcome, in batch order.
    public let records: [RecordResult]
    /// Every mapping's outcome, in the order the mappings were given.
    public let mappings: [MappingResult]

    /// Runs `records` (all of `source`) through every mapping.
    /// - Complexity: O(records × mappings × the cost of one verdict).
    public init(records batch: [(record: SourceRecord, origin: String)], mappings: [SimulatedMapping], source: EventSource) {
        self.source = source
        let consumption = Self.consumption(of: source)
        let sets = mappings.map { FilterSet(filters: $0.filters, source: source) }
        var results: [RecordResult] = []
        for entry in batch {
            // DocumentDB mappings do not apply filters: every record is delivered.
            let verdicts = sets.map { source.awsAppliesFilters ? $0.verdict(for: entry.record.view) : .unfiltered }
            let passedBy = verdicts.indices.filter { verdicts[$0].isDelivered }
            let fate: Fate
            if passedBy.isEmpty {
                fate = .lost
            } else if consumption == .competing && passedBy.count < mappings.count {
                fate = .atRisk
            } else {
                fate = .delivered
            }
            results.append(
                RecordResult(position: entry.record.position, origin: entry.origin, verdicts: verdicts, passedBy: passedBy, fate: fate))
        }
        self.records = results
        self.mappings = mappings.indices.map { index in
            let received = results.indices.filter { results[$0].passedBy.contains(index) }
            let notPassed = results.indices.filter { !results[$0].passedBy.contains(index) }
            let metrics = Metrics(
                polled: results.count, filteredOut: notPassed.count, invoked: received.count, failedInvoke: 0,
                deleted: source == .sqs ? received.count : nil, dropped: 0,
                onFailureDestinationDelivered: [.kinesis, .dynamodb, .kafka].contains(source) ? 0 : nil)
            return MappingResult(name: mappings[index].name, received: received, notPassed: notPassed, metrics: metrics)
        }
    }

    /// Records no mapping passes.
    public var lost: [Int] { records.indices.filter { records[$0].fate == .lost } }
    /// Records some competing mappings pass and others would delete.
    public var atRisk: [Int] { records.indices.filter { records[$0].fate == .atRisk } }

    /// How mappings of `source` share records.
    public static func consumption(of source: EventSource) -> Consumption {
        switch source {
        case .sqs, .mq: return .competing
        case .kinesis, .dynamodb, .kafka, .documentdb: return .independent
        }
    }

    /// What AWS does with a record a mapping's filters do not pass, in AWS's words.
    package static func disposition(of source: EventSource) -> String {
        source.dispositionOfUnpassedRecord
    }
}
