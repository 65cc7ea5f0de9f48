/// The closed vocabulary of leaf conditions a pattern can state.
///
/// One case per operator family; each family's parsing and matching live in its own file under
/// `Operators/`. A leaf array such as `["a", {"prefix": "b"}]` is a list of conditions, any of
/// which may hold (OR).
public enum Condition: Sendable, Hashable {
    /// An exact value: `"Alice"`, `300`, `true`, `null`, `""`.
    case equals(Literal)
    /// `{"prefix": "us-"}`; with `ignoringCase`, `{"prefix": {"equals-ignore-case": "US-"}}`.
    case prefix(String, ignoringCase: Bool)
    /// `{"suffix": ".png"}`; with `ignoringCase`, `{"suffix": {"equals-ignore-case": ".PNG"}}`.
    case suffix(String, ignoringCase: Bool)
    /// `{"equals-ignore-case": "alice"}`.
    case equalsIgnoreCase(String)
    /// `{"wildcard": "*/lib/*"}` (EventBridge only).
    case wildcard(WildcardPattern)
    /// `{"numeric": [">", 0, "<=", 5]}`.
    case numeric(NumericRange)
    /// `{"exists": true}` / `{"exists": false}`.
    case exists(Bool)
    /// `{"anything-but": ...}` in all its forms.
    case anythingBut(AnythingBut)
    /// `{"cidr": "10.0.0.0/24"}`.
    case cidr(CIDRBlock)

    /// The operator's wire keyword, for messages (`"prefix"`, `"anything-but"`, or `"exact"`).
    public var operatorName: String {
        switch self {
        case .equals: return "exact"
        case .prefix(_, let ignoringCase): return ignoringCase ? "prefix/equals-ignore-case" : Keyword.prefix
        case .suffix(_, let ignoringCase): return ignoringCase ? "suffix/equals-ignore-case" : Keyword.suffix
        case .equalsIgnoreCase: return Keyword.equalsIgnoreCase
        case .wildcard: return Keyword.wildcard
        case .numeric: return Keyword.numeric
        case .exists: return Keyword.exists
        case .anythingBut: return Keyword.anythingBut
        case .cidr: return Keyword.cidr
        }
    }
}

/// An exact value in a pattern.
public enum Literal: Sendable, Hashable {
    /// A string, escapes decoded.
    case string(String)
    /// A number, its text kept with its comparable value.
    case number(NumberLiteral)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`, which matches a field whose value is null.
    case null
}

/// A number as written in a pattern, with its value when event-ruler compares it by value
/// (`ComparableNumber`: `2`, `1.5`, `3.0e2`, but not `9007199254740993` or `2.00000000000000002`,
/// which only ever equal their own text).
public struct NumberLiteral: Sendable, Hashable {
    /// The number as written: `1.50` stays `1.50`.
    public var text: String
    /// The value event-ruler compares by; `nil` when the number only ever equals its own text.
    public var value: Double?

    package init(text: String) {
        self.text = text
        self.value = ComparableNumber.value(of: text)
    }
}

/// The wire keywords, in one table.
package enum Keyword {
    package static let or = "$or"
    package static let prefix = "prefix"
    package static let suffix = "suffix"
    package static let equalsIgnoreCase = "equals-ignore-case"
    package static let wildcard = "wildcard"
    package static let numeric = "numeric"
    package static let exists = "exists"
    package static let anythingBut = "anything-but"
    package static let cidr = "cidr"

    /// Every operator keyword. An object using one of these is a condition, never a nested field,
    /// and a `$or` branch using one as a key is not a `$or` branch.
    package static let operators: Set<String> = [
        prefix, suffix, equalsIgnoreCase, wildcard, numeric, exists, anythingBut, cidr,
    ]
    /// Names event-ruler reserves inside `$or`: a field of a `$or` branch may not be named so.
    package static let reservedInOr: Set<String> = operators.union(["exactly", "=", "<", "<=", ">", ">="])
}
