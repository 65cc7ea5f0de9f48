/// A JSON value together with where it stands in its source text.
///
/// Patterns are parsed into nodes so that every validation error can point at the exact byte,
/// line and column of the mistake. `value` strips the locations.
public struct JSONNode: Sendable, Hashable {
    /// The value's JSON type with its contents; containers hold located nodes.
    public enum Kind: Sendable, Hashable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, as its source text.
        case number(String)
        /// A string, escapes decoded.
        case string(String)
        /// An array of located elements.
        case array([JSONNode])
        /// An object's members in order, duplicate keys kept.
        case object([Member])
    }

    /// An object member with the offset of its key.
    public struct Member: Sendable, Hashable {
        /// The key, escapes decoded.
        public var key: String
        /// Byte offset of the key's opening quote in the source text.
        public var keyOffset: Int
        /// The member's value, located.
        public var value: JSONNode
    }

    /// The value's type and contents.
    public var kind: Kind
    /// Byte offset of the value's first character in the source text.
    public var offset: Int

    /// A node of `kind` at byte `offset`.
    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The plain value, without locations.
    public var value: JSONValue {
        switch kind {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text): return .number(text)
        case .string(let text): return .string(text)
        case .array(let elements): return .array(elements.map(\.value))
        case .object(let members): return .object(members.map { JSONMember($0.key, $0.value.value) })
        }
    }

    /// A short name of the node's JSON type, for messages.
    public var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
