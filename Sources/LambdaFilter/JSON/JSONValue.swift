/// A JSON document as a plain value tree.
///
/// Numbers keep their source text so that nothing is lost between reading a pattern or record and
/// writing it back (`1.50` stays `1.50`); `doubleValue` gives the number when one is needed.
/// Object members keep their order and any duplicate keys, because AWS's rules depend on both.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its source text (`1.50`, `1e3`): never rounded, so it writes back as read.
    case number(String)
    /// A string, escapes decoded.
    case string(String)
    /// An array, elements in order.
    case array([JSONValue])
    /// An object, members in order, duplicate keys kept.
    case object([JSONMember])

    /// The value of the last member named `key`, when this is an object (JSON's "last one wins").
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number as a `Double`, when this is a number that a `Double` can hold.
    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// The members, when this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A short name of the value's JSON type, for messages: `string`, `number`, `object`...
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    /// The member's name, escapes decoded.
    public var key: String
    /// The member's value.
    public var value: JSONValue

    /// The member `"key": value`.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByIntegerLiteral
{
    /// A string literal as a JSON string: `let value: JSONValue = "x"`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `true`/`false` as a JSON boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `nil` as JSON `null`.
    public init(nilLiteral: ()) { self = .null }
    /// An array literal as a JSON array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An integer literal as a JSON number.
    public init(integerLiteral value: Int) { self = .number(String(value)) }
}
