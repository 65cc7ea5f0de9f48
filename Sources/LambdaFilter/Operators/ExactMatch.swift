/// Exact values: `"Alice"`, `""`, `300`, `true`, `null`.
///
/// Strings compare byte for byte with no normalisation. Numbers compare by exact value when
/// event-ruler compares both by value (`ComparableNumber`: `[300]` matches `300.0`, as AWS
/// answered in the conformance corpus), otherwise by text, as event-ruler does: `[2]` does not
/// match `2.00000000000000002`, `[9007199254740993]` only matches that exact text. A string never
/// equals a number: `["300"]` does not match `300`.
package enum ExactMatch {
    /// Reads one exact value of a leaf array.
    static func parse(_ node: JSONNode) -> Literal? {
        switch node.kind {
        case .string(let text): return .string(text)
        case .number(let text): return .number(NumberLiteral(text: text))
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array, .object: return nil
        }
    }

    /// Whether `leaf` is `literal` (`Condition.equals(literal).holds(for: leaf)`).
    package static func holds(_ literal: Literal, for leaf: LeafValue) -> Bool {
        Condition.equals(literal).holds(for: leaf)
    }
}

/// Byte comparisons between record bytes and pattern strings.
enum ByteComparison {
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { expected in
            expected.count == bytes.count && (expected.isEmpty || memoryEqual(expected.baseAddress!, bytes.baseAddress!, expected.count))
        }
    }

    @inline(__always)
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        expected.count == bytes.count && (expected.isEmpty || memoryEqual(expected.baseAddress!, bytes.baseAddress!, expected.count))
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        prefix.count <= bytes.count && (prefix.isEmpty || memoryEqual(prefix.baseAddress!, bytes.baseAddress!, prefix.count))
    }

    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        suffix.count <= bytes.count
            && (suffix.isEmpty || memoryEqual(suffix.baseAddress!, bytes.baseAddress! + (bytes.count - suffix.count), suffix.count))
    }

    static func memoryEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for index in 0..<count where lhs[index] != rhs[index] { return false }
        return true
    }
}
