import LambdaFilter

/// A record as Lambda's filter sees it: the document patterns are matched against, plus what
/// Lambda learned about the payload while decoding it.
public struct FilterView: Sendable, Hashable {
    /// The source the record came from; `nil` for a raw document (matched as it is).
    public var source: EventSource?
    /// The document the filter is applied to (payload decoded, see each adapter).
    public var document: JSONValue
    /// The key under which the payload sits in `document` (`body`, `data`, `value`, `dynamodb`),
    /// `nil` when the source has no payload key (DocumentDB, raw).
    public var dataKey: String?
    /// The payload's format, which decides format mismatches (spec §2.2).
    public var payload: PayloadFormat

    public init(source: EventSource?, document: JSONValue, dataKey: String?, payload: PayloadFormat) {
        self.source = source
        self.document = document
        self.dataKey = dataKey
        self.payload = payload
    }

    /// A raw document: no source, no payload key, matched exactly as it is.
    public static func raw(_ document: JSONValue) -> FilterView {
        FilterView(source: nil, document: document, dataKey: nil, payload: .json)
    }
}

/// The format of a record's payload, as Lambda classifies it before filtering.
public enum PayloadFormat: Sendable, Hashable, CustomStringConvertible {
    /// A JSON object or array; the filter sees the parsed value.
    case json
    /// UTF-8 text that is not a JSON object or array; the filter sees the string.
    case plainString
    /// Decoded bytes that are not UTF-8; `firstInvalidByte` is the offset in the decoded payload.
    case notUTF8(firstInvalidByte: Int)
    /// No payload (a Kafka tombstone: `value` is null or missing).
    case absent

    /// Whether the payload counts as "valid JSON" in AWS's format tables.
    public var isJSON: Bool { self == .json }

    public var description: String {
        switch self {
        case .json: return "JSON"
        case .plainString: return "plain string"
        case .notUTF8(let offset): return "not UTF-8 (first invalid byte at offset \(offset) of the decoded payload)"
        case .absent: return "absent"
        }
    }
}

/// The form of a filter's condition on the payload key (spec §2.2): an object means the filter
/// expects JSON, an array of rules means it expects a plain string, and absent means it does not
/// look at the payload.
public enum DataPatternForm: Sendable, Hashable, CustomStringConvertible {
    case json
    case plainString
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
