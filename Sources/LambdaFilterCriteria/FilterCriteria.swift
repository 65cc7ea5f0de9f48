import LambdaFilter

/// The FilterCriteria of an event source mapping: `{"Filters": [{"Pattern": "..."}]}`.
public struct FilterCriteria: Sendable, Hashable {
    public var patterns: [Pattern]

    public init(patterns: [Pattern]) {
        self.patterns = patterns
    }
}
