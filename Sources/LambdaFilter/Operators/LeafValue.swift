/// The JSON type of a leaf value in a record.
public enum LeafKind: UInt8, Sendable, Hashable {
    case string
    case number
    case trueValue
    case falseValue
    case null
}

/// A leaf value seen in a record, as bytes: a string's decoded UTF-8 content, or a number's text.
///
/// Matching works on these byte ranges directly, so the scanner never builds a `String` for a
/// value it only needs to compare.
public struct LeafValue {
    public var kind: LeafKind
    public var utf8: UnsafeBufferPointer<UInt8>

    public init(kind: LeafKind, utf8: UnsafeBufferPointer<UInt8>) {
        self.kind = kind
        self.utf8 = utf8
    }

    /// The number's value, when this is a number a finite `Double` can hold.
    public var numberValue: Double? {
        guard kind == .number else { return nil }
        return NumberParsing.double(utf8)
    }
}

extension Condition {
    /// Whether this condition holds for one leaf value of its field.
    ///
    /// `exists` is decided per field, not per value (`exists: false` holds only when the field
    /// has no leaf at all), so here `exists: true` holds for any leaf and `exists: false` for none.
    /// - Complexity: O(n) in the value's length for every operator but `wildcard`, which is
    ///   O(n·m) in the worst case.
    public func holds(for leaf: LeafValue) -> Bool {
        switch self {
        case .equals(let literal): return ExactMatch.holds(literal, for: leaf)
        case .prefix(let prefix, let ignoringCase): return AffixMatch.hasPrefix(leaf, prefix, ignoringCase: ignoringCase)
        case .suffix(let suffix, let ignoringCase): return AffixMatch.hasSuffix(leaf, suffix, ignoringCase: ignoringCase)
        case .equalsIgnoreCase(let text): return CaseInsensitiveMatch.equals(leaf, text)
        case .wildcard(let pattern): return leaf.kind == .string && pattern.matches(leaf.utf8)
        case .numeric(let range): return leaf.numberValue.map(range.contains) ?? false
        case .exists(let present): return present
        case .anythingBut(let exclusion): return exclusion.holds(for: leaf)
        case .cidr(let block): return leaf.kind == .string && block.contains(address: leaf.utf8)
        }
    }
}

/// Number text to `Double`, without building a `String` for short plain numbers.
enum NumberParsing {
    static func double(_ utf8: UnsafeBufferPointer<UInt8>) -> Double? {
        // Fast path for integers of up to 15 digits, which a Double holds exactly.
        if utf8.count > 0 && utf8.count <= 16 {
            var index = 0
            var negative = false
            if utf8[0] == UInt8(ascii: "-") {
                negative = true
                index = 1
            }
            var value: Int64 = 0
            var plain = index < utf8.count && utf8.count - index <= 15
            while plain && index < utf8.count {
                let byte = utf8[index]
                if byte < 0x30 || byte > 0x39 {
                    plain = false
                    break
                }
                value = value * 10 + Int64(byte - 0x30)
                index += 1
            }
            if plain { return Double(negative ? -value : value) }
        }
        guard let parsed = Double(String(decoding: utf8, as: UTF8.self)), parsed.isFinite else { return nil }
        return parsed
    }
}
