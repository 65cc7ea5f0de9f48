/// The explainer's view of its leaves as the compiled matcher sees them.
///
/// The explainer holds a record as a `JSONValue` tree; here each scalar becomes the bytes the
/// scanner would report for it (a string's UTF-8 content, a number's text) and is checked by the
/// compiled form of the conditions (`FieldMatcher`), the matcher's own code. So the explainer and
/// the matcher cannot disagree on an operator; the reference matcher (`ReferenceMatcher`, in the
/// test support) stays the independent check of both.
enum ValueCheck {
    /// Per condition, the indices of the `values` it holds for (arrays and objects hold none).
    /// - Complexity: one compile of `conditions`, then one evaluation per value.
    static func holding(_ conditions: [Condition], for values: [JSONValue]) -> [[Int]] {
        let compiled = FieldMatcher(conditions: conditions)
        var holding = [[Int]](repeating: [], count: conditions.count)
        for (index, value) in values.enumerated() {
            withLeafValue(value) { leaf in compiled.evaluate(leaf) { holding[Int($0)].append(index) } }
        }
        return holding
    }

    /// Whether `condition` holds for the scalar `value` (`false` for arrays and objects).
    static func holds(_ condition: Condition, for value: JSONValue) -> Bool {
        !holding([condition], for: [value])[0].isEmpty
    }

    /// Whether `value` is a number event-ruler compares by value (`ComparableNumber`).
    static func isComparableNumber(_ value: JSONValue) -> Bool {
        guard case .number(let text) = value else { return false }
        return ComparableNumber.value(of: text) != nil
    }

    /// Calls `body` with `value` as the scanner would report it; not at all for arrays and objects.
    static func withLeafValue(_ value: JSONValue, _ body: (LeafValue) -> Void) {
        func bytes(_ kind: LeafKind, _ text: String) {
            var text = text
            text.withUTF8 { body(LeafValue(kind: kind, utf8: $0)) }
        }
        switch value {
        case .string(let text): bytes(.string, text)
        case .number(let text): bytes(.number, text)
        case .bool(true): bytes(.trueValue, "true")
        case .bool(false): bytes(.falseValue, "false")
        case .null: bytes(.null, "null")
        case .array, .object: return
        }
    }
}
