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

    /// A view from its parts, as an adapter builds it; nothing is checked against the source's rules.
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

    /// `JSON`, `plain string`, `not UTF-8 (...)` or `absent`, for messages.
    public var description: String {
        switch self {
        case .json: return "JSON"
        case .plainString: return "plain string"
        case .notUTF8(let offset): return "not UTF-8 (first invalid byte at offset \(offset) of the decoded payload)"
        case .absent: return "absent"
        }
    }
}
