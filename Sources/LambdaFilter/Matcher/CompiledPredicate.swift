/// A condition compiled for the hot path: plain data, so checking it copies and retains nothing.
///
/// Every operator that the field's index (`FieldMatcher`: exact values, plain prefixes,
/// `exists`) does not answer is one *test* over a list of operands, maybe negated:
///
/// ```
/// holds = negated XOR (the leaf has the test's type AND some operand passes the test)
///
/// {"suffix": ".png"}                              .suffix        [".png"]
/// {"prefix": {"equals-ignore-case": "US-"}}       .prefixFolded  ["us-"]
/// {"anything-but": ["a", "b"]}                    .equal         ["a", "b"]   negated
/// {"anything-but": {"equals-ignore-case": "é"}}   .equalUnicode  ["é"]        negated
/// {"numeric": [">", 0]}                           .numberRange   (0, ∞)
/// ```
/// So the type rule (a string test never passes for a number, a boolean or null) and the
/// negation of `anything-but` are written once, for every form of every operator: an
/// `anything-but` holds for a value of another type whatever its form, ASCII or not.
struct CompiledPredicate {
    /// What is compared. String tests pass only for string leaves; number tests only for numbers
    /// event-ruler compares by value (`ComparableNumber`).
    enum Test: UInt8 {
        /// The value equals an operand byte for byte.
        case equal
        case prefix
        case suffix
        /// Ignore-case forms of ASCII patterns: the value, lower-cased byte by byte, against the
        /// operands' lower-cased bytes.
        case equalFolded
        case prefixFolded
        case suffixFolded
        /// Ignore-case forms of other patterns: `folded[operand]`.
        case equalUnicode
        case prefixUnicode
        case suffixUnicode
        /// `wildcards[operand]`.
        case wildcard
        /// `cidrBlocks[operand]`.
        case cidr
        /// The value equals one of `numbers[operand]`.
        case numberEqual
        /// The value lies in `range`.
        case numberRange
        /// The value is one of the exact values `exactValues[first]` holds, of any type: the
        /// `anything-but` lists a parsed pattern cannot hold (mixed types, booleans, null, numbers
        /// compared by text), which a `Pattern` built in code can.
        case exact
    }

    var test: Test
    /// `anything-but`: holds exactly when the test does not pass.
    var negated = false
    var entry: Int32
    /// The operands: indices into the pool the test names.
    var first: Int32 = 0
    var count: Int32 = 0
    var range = NumericRange(lower: nil, lowerInclusive: false, upper: nil, upperInclusive: false)
}

/// A byte range in a field's byte pool.
struct ByteSpan {
    var start: Int32
    var count: Int32
}

/// The compiled checks of one field, with the pools they point into.
struct PredicateTable {
    var predicates: [CompiledPredicate] = []
    var spans: [ByteSpan] = []
    var bytes: [UInt8] = []
    var numbers: [Double] = []
    var folded: [FoldedPattern] = []
    var wildcards: [WildcardPattern] = []
    var cidrBlocks: [CIDRBlock] = []
    var exactValues: [FieldMatcher] = []

    mutating func add(_ condition: Condition, entry: Int32) {
        var predicate = CompiledPredicate(test: .exact, entry: entry)
        func operands<T>(_ pool: inout [T], _ items: [T]) {
            predicate.first = Int32(pool.count)
            predicate.count = Int32(items.count)
            pool += items
        }
        func spans(_ texts: [[UInt8]]) {
            predicate.first = Int32(self.spans.count)
            predicate.count = Int32(texts.count)
            for text in texts {
                self.spans.append(ByteSpan(start: Int32(bytes.count), count: Int32(text.count)))
                bytes.append(contentsOf: text)
            }
        }
        /// An ignore-case test: the byte form when every text is ASCII, else the folded patterns.
        func foldedTest(_ texts: [String], ascii: CompiledPredicate.Test, unicode: CompiledPredicate.Test) {
            let lowered = texts.compactMap(CaseInsensitiveMatch.asciiFold)
            if lowered.count == texts.count {
                predicate.test = ascii
                spans(lowered)
            } else {
                predicate.test = unicode
                operands(&folded, texts.map(FoldedPattern.init))
            }
        }
        switch condition {
        case .equals, .exists:
            // Served by the field's index; a table asked to hold one anyway tests it as an exact value.
            operands(&exactValues, [FieldMatcher(conditions: [condition])])
        case .prefix(let text, let ignoringCase):
            if ignoringCase {
                foldedTest([text], ascii: .prefixFolded, unicode: .prefixUnicode)
            } else {
                predicate.test = .prefix; spans([Array(text.utf8)])
            }
        case .suffix(let text, let ignoringCase):
            if ignoringCase {
                foldedTest([text], ascii: .suffixFolded, unicode: .suffixUnicode)
            } else {
                predicate.test = .suffix; spans([Array(text.utf8)])
            }
        case .equalsIgnoreCase(let text):
            foldedTest([text], ascii: .equalFolded, unicode: .equalUnicode)
        case .wildcard(let pattern):
            predicate.test = .wildcard
            operands(&wildcards, [pattern])
        case .cidr(let block):
            predicate.test = .cidr
            operands(&cidrBlocks, [block])
        case .numeric(let range):
            predicate.test = .numberRange
            predicate.range = range
        case .anythingBut(let exclusion):
            predicate.negated = true
            switch exclusion {
            case .values(let literals):
                let strings = literals.compactMap { literal -> [UInt8]? in
                    if case .string(let text) = literal { return Array(text.utf8) }
                    return nil
                }
                let values = literals.compactMap { literal -> Double? in
                    if case .number(let number) = literal { return number.value }
                    return nil
                }
                if strings.count == literals.count {
                    predicate.test = .equal
                    spans(strings)
                } else if values.count == literals.count {
                    predicate.test = .numberEqual
                    operands(&numbers, values)
                } else {
                    operands(&exactValues, [FieldMatcher(conditions: literals.map(Condition.equals))])
                }
            case .prefixes(let texts):
                predicate.test = .prefix
                spans(texts.map { Array($0.utf8) })
            case .suffixes(let texts):
                predicate.test = .suffix
                spans(texts.map { Array($0.utf8) })
            case .equalsIgnoreCase(let texts):
                foldedTest(texts, ascii: .equalFolded, unicode: .equalUnicode)
            case .wildcards(let patterns):
                predicate.test = .wildcard
                operands(&wildcards, patterns)
            }
        }
        predicates.append(predicate)
    }
}

extension PredicateTable {
    /// Calls `report` with the entry of every predicate `leaf` satisfies; `number` is the leaf's
    /// value when it is a number event-ruler compares by value.
    @inline(__always)
    func evaluate(_ leaf: LeafValue, number: Double?, report: (Int32) -> Void) {
        predicates.withUnsafeBufferPointer { predicates in
            spans.withUnsafeBufferPointer { spans in
                bytes.withUnsafeBufferPointer { pool in
                    let isString = leaf.kind == .string
                    for predicate in predicates where passes(predicate, leaf, isString, number, spans, pool) != predicate.negated {
                        report(predicate.entry)
                    }
                }
            }
        }
    }

    /// Whether `leaf` has the type `predicate`'s test needs and some operand passes it: the one
    /// evaluation of every operator this table holds.
    @inline(__always)
    private func passes(
        _ predicate: CompiledPredicate, _ leaf: LeafValue, _ isString: Bool, _ number: Double?,
        _ spans: UnsafeBufferPointer<ByteSpan>, _ pool: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let value = leaf.utf8
        // Whether some operand passes `test`; a while loop, so a single operand costs no range checks.
        @inline(__always)
        func anyOperand(_ test: (Int) -> Bool) -> Bool {
            var index = Int(predicate.first)
            let end = index &+ Int(predicate.count)
            while index < end {
                if test(index) { return true }
                index &+= 1
            }
            return false
        }
        @inline(__always)
        func span(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            // Pointer arithmetic, not a checked slice: the spans were built inside the pool.
            let span = spans[index]
            return UnsafeBufferPointer(start: pool.baseAddress.map { $0 + Int(span.start) }, count: Int(span.count))
        }
        switch predicate.test {
        case .equal:
            return isString && anyOperand { ByteComparison.equal(value, span($0)) }
        case .prefix:
            return isString && anyOperand { ByteComparison.hasPrefix(value, span($0)) }
        case .suffix:
            return isString && anyOperand { ByteComparison.hasSuffix(value, span($0)) }
        // An ASCII pattern's forms are ASCII: a value's other bytes never equal them.
        case .equalFolded:
            return isString && anyOperand { FoldedComparison.equal(value, span($0)) }
        case .prefixFolded:
            return isString && anyOperand { FoldedComparison.hasPrefix(value, span($0)) }
        case .suffixFolded:
            return isString && anyOperand { FoldedComparison.hasSuffix(value, span($0)) }
        case .wildcard:
            return isString && anyOperand { wildcards[$0].matches(value) }
        case .equalUnicode, .prefixUnicode, .suffixUnicode, .cidr:
            return isString && rareStringPasses(predicate, value)
        case .numberRange:
            guard let number else { return false }
            return predicate.range.contains(number)
        case .numberEqual:
            guard let number else { return false }
            return anyOperand { numbers[$0] == number }
        case .exact:
            return exactHolds(predicate, leaf)
        }
    }

    /// The tests of non-ASCII ignore-case patterns and of `cidr` on a string value.
    /// Kept out of line: they are rare, and inlined they bloat the hot loop in `evaluate` (measured).
    @inline(never)
    private func rareStringPasses(_ predicate: CompiledPredicate, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let operands = Int(predicate.first)..<Int(predicate.first + predicate.count)
        switch predicate.test {
        case .equalUnicode: return folded[operands].contains { $0.matches(value, .whole) }
        case .prefixUnicode: return folded[operands].contains { $0.matches(value, .prefix) }
        case .suffixUnicode: return folded[operands].contains { $0.matches(value, .suffix) }
        case .cidr: return cidrBlocks[operands].contains { $0.contains(address: value) }
        default: return false
        }
    }

    /// Whether `leaf` is one of the exact values of `exactValues[predicate.first]`, as the
    /// field index decides exact values.
    @inline(never)
    private func exactHolds(_ predicate: CompiledPredicate, _ leaf: LeafValue) -> Bool {
        var found = false
        exactValues[Int(predicate.first)].evaluate(leaf) { _ in found = true }
        return found
    }
}

/// Comparisons of a value, lower-cased byte by byte, against an ASCII pattern's lower-cased bytes.
enum FoldedComparison {
    @inline(__always)
    static func equal(_ value: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        value.count == folded.count && matches(value, from: 0, folded)
    }

    @inline(__always)
    static func hasPrefix(_ value: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        value.count >= folded.count && matches(value, from: 0, folded)
    }

    @inline(__always)
    static func hasSuffix(_ value: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        value.count >= folded.count && matches(value, from: value.count - folded.count, folded)
    }

    @inline(__always)
    private static func matches(_ value: UnsafeBufferPointer<UInt8>, from start: Int, _ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<folded.count where CaseInsensitiveMatch.asciiLower(value[start + index]) != folded[index] { return false }
        return true
    }
}
