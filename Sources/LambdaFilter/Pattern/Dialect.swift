/// Which operator set a pattern may use.
///
/// Lambda event source mappings accept a subset of EventBridge's pattern syntax. Where a pattern
/// uses an operator its dialect lacks, parsing fails with `PatternError.Code.unsupportedInDialect`.
public enum Dialect: String, Sendable, Hashable, CaseIterable {
    /// What Lambda event source mappings document: exact values, null, empty, prefix, suffix,
    /// equals-ignore-case, numeric, exists, anything-but (values), `$or`.
    case lambda
    /// EventBridge's full set: adds `wildcard`, and `anything-but` with `prefix`, `suffix`,
    /// `equals-ignore-case` or `wildcard`.
    case eventbridge

    /// The message AWS returns when it rejects a pattern in this dialect.
    package var awsRejectionPrefix: String {
        switch self {
        case .lambda: return "Invalid filter pattern definition."
        case .eventbridge: return "Event pattern is not valid. Reason: "
        }
    }
}
