/// The path of a field in a record, as the segments of nested object keys.
///
/// AWS's engine identifies a field by its segments joined with `.`, so `{"a": {"b": ...}}` and
/// `{"a.b": ...}` name the same field (see README's caveats). Matching follows that; the segments
/// are kept for messages and for explaining a verdict.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The object keys from the record's root down to the field, each unescaped.
    public var segments: [String]

    /// The path of `segments` (a key may itself contain `.`; it stays one segment).
    public init(_ segments: [String]) {
        self.segments = segments
    }

    /// The name AWS matches on: segments joined with `.`.
    public var dottedName: String { segments.joined(separator: ".") }

    /// A JSONPath-like rendering: `$.body.status`, with brackets for keys that need them.
    public var description: String { JSONPathFormatter.format(segments.map { .key($0) }) }
}

/// One step of a location inside a JSON document.
public enum JSONPathComponent: Sendable, Hashable {
    /// An object member's key.
    case key(String)
    /// An array element's 0-based index.
    case index(Int)
}

/// Renders paths as `$.a.b[0]["odd key"]`.
package enum JSONPathFormatter {
    package static func format(_ components: [JSONPathComponent]) -> String {
        var output = "$"
        for component in components {
            switch component {
            case .index(let index):
                output += "[\(index)]"
            case .key(let key):
                if isPlainIdentifier(key) {
                    output += "." + key
                } else {
                    output += "[" + JSONWriter.quote(key) + "]"
                }
            }
        }
        return output
    }

    private static func isPlainIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return key.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_")
        }
    }
}
