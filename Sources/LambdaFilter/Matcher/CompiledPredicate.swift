/// A condition compiled for the hot path: plain data, so checking it copies and retains nothing.
///
/// The common operators (suffix, the ignore-case forms of ASCII patterns, numeric ranges,
/// anything-but over strings or numbers) are decided from this struct and the owning field's byte
/// and number pools. Ignore-case patterns with other characters use their `FoldedPattern`s, read
/// once here; wildcards are read in place from their own table; rare forms (cidr, anything-but wildcard)
/// keep their `Condition` in a side table and use `Condition.holds(for:)`.
struct CompiledPredicate {
    enum Kind: UInt8 {
        case suffix
        case prefixFolded
        case suffixFolded
        case equalsFolded
        case numeric
        /// Holds unless the value is a string equal to one of the spans.
        case anythingButStrings
        /// Holds unless the value is a number equal to one of the numbers.
        case anythingButNumbers
        case anythingButPrefixes
        case anythingButSuffixes
        case anythingButFolded
        /// Ignore-case forms of non-ASCII patterns: `folded[first]` (or `first..<first+count`).
        case prefixUnicode
        case suffixUnicode
        case equalsUnicode
        case anythingButUnicode
        /// `wildcards[first].matches`: read in place, where a `Condition` fallback is copied out.
        case wildcard
        /// Anything else: `fallbacks[fallback].holds(for:)`.
        case general
    }

    var kind: Kind
    var entry: Int32
    /// Byte spans (into the field's `spans`) or numbers (into `numbers`) the check compares with.
    var first: Int32 = 0
    var count: Int32 = 0
    var lower: Double = 0
    var upper: Double = 0
    var hasLower = false
    var hasUpper = false
    var lowerInclusive = false
    var upperInclusive = false
    var fallback: Int32 = -1
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
    var fallbacks: [Condition] = []

    private mutating func addSpans(_ texts: [[UInt8]]) -> (Int32, Int32) {
        let first = Int32(spans.count)
        for text in texts {
            spans.append(ByteSpan(start: Int32(bytes.count), count: Int32(text.count)))
            bytes.append(contentsOf: text)
        }
        return (first, Int32(texts.count))
    }

    mutating func add(_ condition: Condition, entry: Int32) {
        var predicate = CompiledPredicate(kind: .general, entry: entry)
        func spans(_ texts: [[UInt8]]) {
            (predicate.first, predicate.count) = addSpans(texts)
        }
        func foldedPatterns(_ texts: [String]) {
            predicate.first = Int32(folded.count)
            predicate.count = Int32(texts.count)
            folded += texts.map(FoldedPattern.init)
        }
        switch condition {
        case .suffix(let text, ignoringCase: false):
            predicate.kind = .suffix
            spans([Array(text.utf8)])
        case .prefix(let text, ignoringCase: true):
            if let lowered = CaseInsensitiveMatch.asciiFold(text) { predicate.kind = .prefixFolded; spans([lowered]) }
            else { predicate.kind = .prefixUnicode; foldedPatterns([text]) }
        case .suffix(let text, ignoringCase: true):
            if let lowered = CaseInsensitiveMatch.asciiFold(text) { predicate.kind = .suffixFolded; spans([lowered]) }
            else { predicate.kind = .suffixUnicode; foldedPatterns([text]) }
        case .equalsIgnoreCase(let text):
            if let lowered = CaseInsensitiveMatch.asciiFold(text) { predicate.kind = .equalsFolded; spans([lowered]) }
            else { predicate.kind = .equalsUnicode; foldedPatterns([text]) }
        case .numeric(let range):
            predicate.kind = .numeric
            if let lower = range.lower { predicate.hasLower = true; predicate.lower = lower }
            if let upper = range.upper { predicate.hasUpper = true; predicate.upper = upper }
            predicate.lowerInclusive = range.lowerInclusive
            predicate.upperInclusive = range.upperInclusive
        case .anythingBut(.values(let literals)):
            let strings = literals.compactMap { literal -> [UInt8]? in
                if case .string(let text) = literal { return Array(text.utf8) }
                return nil
            }
            let values = literals.compactMap { literal -> Double? in
                if case .number(let number) = literal { return number.value }
                return nil
            }
            if strings.count == literals.count {
                predicate.kind = .anythingButStrings
                spans(strings)
            } else if values.count == literals.count {
                predicate.kind = .anythingButNumbers
                predicate.first = Int32(numbers.count)
                predicate.count = Int32(values.count)
                numbers += values
            }
        case .wildcard(let pattern):
            predicate.kind = .wildcard
            predicate.first = Int32(wildcards.count)
            wildcards.append(pattern)
        case .anythingBut(.prefixes(let texts)):
            predicate.kind = .anythingButPrefixes
            spans(texts.map { Array($0.utf8) })
        case .anythingBut(.suffixes(let texts)):
            predicate.kind = .anythingButSuffixes
            spans(texts.map { Array($0.utf8) })
        case .anythingBut(.equalsIgnoreCase(let texts)):
            let lowered = texts.compactMap(CaseInsensitiveMatch.asciiFold)
            if lowered.count == texts.count { predicate.kind = .anythingButFolded; spans(lowered) }
            else { predicate.kind = .anythingButUnicode; foldedPatterns(texts) }
        default:
            break
        }
        if predicate.kind == .general {
            predicate.fallback = Int32(fallbacks.count)
            fallbacks.append(condition)
        }
        predicates.append(predicate)
    }
}

extension PredicateTable {
    /// Calls `report` with the entry of every predicate `leaf` satisfies.
    @inline(__always)
    func evaluate(_ leaf: LeafValue, number: Double?, report: (Int32) -> Void) {
        predicates.withUnsafeBufferPointer { predicates in
            spans.withUnsafeBufferPointer { spans in
                bytes.withUnsafeBufferPointer { pool in
                    let isString = leaf.kind == .string
                    let value = leaf.utf8
                    func span(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
                        let span = spans[Int(index)]
                        return UnsafeBufferPointer(rebasing: pool[Int(span.start)..<Int(span.start + span.count)])
                    }
                    for predicate in predicates {
                        let holds: Bool
                        switch predicate.kind {
                        case .suffix:
                            holds = isString && ByteComparison.hasSuffix(value, span(predicate.first))
                        // An ASCII pattern's forms are ASCII: a value's other bytes never equal them.
                        case .prefixFolded:
                            holds = isString && FoldedComparison.hasPrefix(value, span(predicate.first))
                        case .suffixFolded:
                            holds = isString && FoldedComparison.hasSuffix(value, span(predicate.first))
                        case .equalsFolded:
                            holds = isString && FoldedComparison.equal(value, span(predicate.first))
                        case .numeric:
                            if let number {
                                holds = (!predicate.hasLower || (predicate.lowerInclusive ? number >= predicate.lower : number > predicate.lower))
                                    && (!predicate.hasUpper || (predicate.upperInclusive ? number <= predicate.upper : number < predicate.upper))
                            } else {
                                holds = false
                            }
                        case .anythingButStrings:
                            var excluded = false
                            if isString {
                                for index in predicate.first..<(predicate.first + predicate.count) {
                                    let text = span(index)
                                    if text.count == value.count && ByteComparison.hasPrefix(value, text) { excluded = true; break }
                                }
                            }
                            holds = !excluded
                        case .anythingButNumbers:
                            var excluded = false
                            if let number {
                                for index in predicate.first..<(predicate.first + predicate.count) where numbers[Int(index)] == number {
                                    excluded = true
                                    break
                                }
                            }
                            holds = !excluded
                        case .anythingButPrefixes, .anythingButSuffixes:
                            var excluded = false
                            if isString {
                                for index in predicate.first..<(predicate.first + predicate.count) {
                                    let text = span(index)
                                    if predicate.kind == .anythingButPrefixes ? ByteComparison.hasPrefix(value, text) : ByteComparison.hasSuffix(value, text) {
                                        excluded = true
                                        break
                                    }
                                }
                            }
                            holds = !excluded
                        case .anythingButFolded:
                            var excluded = false
                            if isString {
                                for index in predicate.first..<(predicate.first + predicate.count) where FoldedComparison.equal(value, span(index)) {
                                    excluded = true
                                    break
                                }
                            }
                            holds = !excluded
                        case .prefixUnicode, .suffixUnicode, .equalsUnicode:
                            holds = isString && unicodeFoldedHolds(predicate, value)
                        // Anything-but holds for every value that is not an excluded string, null and numbers included.
                        case .anythingButUnicode:
                            holds = !isString || unicodeFoldedHolds(predicate, value)
                        case .wildcard:
                            holds = isString && wildcards[Int(predicate.first)].matches(value)
                        case .general:
                            holds = fallbacks[Int(predicate.fallback)].holds(for: leaf)
                        }
                        if holds { report(predicate.entry) }
                    }
                }
            }
        }
    }

    /// An ignore-case predicate of a non-ASCII pattern on a string value.
    /// Kept out of line: it is rare, and inlined it bloats the hot loop in `evaluate` (measured).
    @inline(never)
    private func unicodeFoldedHolds(_ predicate: CompiledPredicate, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = Int(predicate.first)
        switch predicate.kind {
        case .prefixUnicode: return folded[first].matches(value, .prefix)
        case .suffixUnicode: return folded[first].matches(value, .suffix)
        case .equalsUnicode: return folded[first].matches(value, .whole)
        default: return !folded[first..<(first + Int(predicate.count))].contains { $0.matches(value, .whole) }
        }
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
