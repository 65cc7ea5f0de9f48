import LambdaFilter

/// The form of a filter's condition on the payload key (spec §2.2): an object means the filter
/// expects JSON, an array of rules means it expects a plain string, and absent means it does not
/// look at the payload.
public enum DataPatternForm: Sendable, Hashable, CustomStringConvertible {
    /// A path below the payload key (`body.status`): the filter expects a JSON payload.
    case json
    /// A condition on the payload key itself (`body: [...]`): the filter expects a plain string.
    case plainString
    /// The filter does not look at the payload.
    case absent

    /// The form of `pattern` at `dataKey`, read from its `$or`-expanded conditions.
    ///
    /// A path that goes below the key (`body.status`) means JSON; a condition on the key itself
    /// (`body: [...]`) means plain string. A pattern whose `$or` branches use both forms is read
    /// as JSON (see README, "Differences from AWS"): AWS documents one form per filter.
    public init(of pattern: Pattern, dataKey: String?) {
        guard let dataKey else {
            self = .absent
            return
        }
        var sawPlain = false
        for path in pattern.fieldPaths {
            switch DataKeyPath.relation(of: path, to: dataKey) {
            case .below:
                self = .json
                return
            case .at:
                sawPlain = true
            case .outside:
                continue
            }
        }
        self = sawPlain ? .plainString : .absent
    }

    /// `JSON`, `plain string` or `absent`, for messages.
    public var description: String {
        switch self {
        case .json: return "JSON"
        case .plainString: return "plain string"
        case .absent: return "absent"
        }
    }
}

/// Where a pattern field stands relative to the payload key.
enum DataKeyPath {
    enum Relation { case at, below, outside }

    /// AWS identifies fields by their segments joined with "." (`{"body.a": ...}` is `body.a`),
    /// so the relation is read from the joined name.
    static func relation(of path: FieldPath, to dataKey: String) -> Relation {
        let name = path.dottedName
        if name == dataKey { return .at }
        if name.hasPrefix(dataKey + ".") { return .below }
        return .outside
    }
}

extension EventSource {
    /// Whether AWS refuses a filter whose data pattern has `form` when a mapping of this source is
    /// created or updated: a plain-string data pattern on Kinesis or DynamoDB ("Lambda throws an
    /// exception at the time of the event source mapping creation or update"). The one rule
    /// `FilterCriteria` (which refuses to build such criteria) and verdicts (where such a filter
    /// never passes a record) both apply.
    public func refuses(_ form: DataPatternForm) -> Bool {
        requiresJSONDataPattern && form == .plainString
    }
}
