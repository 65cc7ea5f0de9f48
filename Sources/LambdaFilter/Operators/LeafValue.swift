/// The JSON type of a leaf value in a record.
package enum LeafKind: UInt8, Sendable, Hashable {
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
package struct LeafValue {
    package var kind: LeafKind
    package var utf8: UnsafeBufferPointer<UInt8>

    package init(kind: LeafKind, utf8: UnsafeBufferPointer<UInt8>) {
        self.kind = kind
        self.utf8 = utf8
    }

    /// The number's value, when this is a number event-ruler compares by value
    /// (see `ComparableNumber`); `nil` for other numbers and other types.
    package var numberValue: Double? {
        guard kind == .number else { return nil }
        return ComparableNumber.value(utf8)
    }
}

extension Condition {
    /// Whether this condition holds for one leaf value of its field.
    ///
    /// `exists` is decided per field, not per value (`exists: false` holds only when the field
    /// has no leaf at all), so here `exists: true` holds for any leaf and `exists: false` for none.
    /// Decided by the code the compiled `Matcher` runs (`FieldMatcher`), so the two always agree.
    /// - Complexity: compiles the condition on every call, then O(n) in the value's length for
    ///   every operator but `wildcard`, which is O(n·m) in the worst case. To check many values,
    ///   compile once: a `Matcher`.
    package func holds(for leaf: LeafValue) -> Bool {
        var held = false
        FieldMatcher(conditions: [self]).evaluate(leaf) { _ in held = true }
        return held
    }
}
