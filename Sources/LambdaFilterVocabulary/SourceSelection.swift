/// The `--source` values, the same for every command: detect the source, take the document as
/// it is, or name the source.
///
/// Commands that read records (`test`, `explain`, `simulate`) use `eventSource`; commands that
/// check filters and mappings (`check`, `criteria`) use `mappingSource`. `kafka` and `msk` read
/// the same records; for a mapping's parameters `kafka` is self-managed Kafka and `msk` is
/// Amazon MSK. For commands that check filters, `auto` and `raw` both mean "no source given".
public enum SourceSelection: String, Sendable, Hashable, CaseIterable {
    /// Detect the source from `eventSource` or the envelope's shape (for filters: the file's own
    /// mappings name their sources).
    case auto
    /// Match the document exactly as it is (EventBridge style), no decoding, no source rules.
    case raw
    /// A named source: its records are decoded and judged by that source's rules.
    case sqs, kinesis, dynamodb, documentdb, mq, kafka
    /// Amazon MSK: Kafka records, MSK's mapping parameters.
    case msk

    /// The named source, for the explicit choices.
    public var eventSource: EventSource? { mappingSource?.eventSource }

    /// The named mapping kind, for the explicit choices (`kafka` is self-managed Kafka).
    package var mappingSource: MappingSource? { MappingSource(rawValue: rawValue) }

    /// What the value means, for `--help`.
    package var summary: String {
        switch self {
        case .auto: return "detect the source from each record (or the file's mappings)"
        case .raw: return "the document as it is, EventBridge style: nothing decoded, no source rules"
        case .kafka: return "Apache Kafka records; for mapping parameters, self-managed Kafka"
        case .msk: return "Amazon MSK: Kafka records, MSK's mapping parameters"
        default: return mappingSource?.displayName ?? rawValue
        }
    }
}
