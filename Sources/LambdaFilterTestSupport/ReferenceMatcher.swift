import LambdaFilter

/// A deliberately naive matcher: the compiled `Matcher` must agree with it on every input.
///
/// It parses the whole record into a tree, lists every leaf with its dotted name and array
/// trail, and checks each conjunction of each pattern by brute force, comparing values with
/// plain `String` code written independently of the core's byte-level operators. Numbers compare
/// as exact decimals read digit by digit; only event-ruler's rule for which numbers compare by value
/// at all (`ComparableNumber`) is shared with the core.
/// Slow on purpose: every step is easy to check by eye.
public struct ReferenceMatcher {
    package let patterns: [Pattern]

    /// A reference for `patterns`; nothing is compiled, every call re-reads them.
    public init(patterns: [Pattern]) {
        self.patterns = patterns
    }

    /// A leaf of the record: its dotted field name, value and the (array, index) pairs of the
    /// array elements it sits in (objects or arrays; a scalar element is in no element).
    public struct Leaf {
        package var name: String
        package var value: JSONValue
        package var trail: [(array: Int, index: Int)]
    }

    /// Indices of the patterns matching `record`.
    public func matchingPatterns(in record: JSONValue) -> [Int] {
        let leaves = Self.leaves(of: record)
        return patterns.indices.filter { index in
            patterns[index].conjunctions.contains { Self.holds($0, leaves: leaves) }
        }
    }

    /// Every leaf of `record` (objects and arrays are not leaves; array elements share the array's name).
    public static func leaves(of record: JSONValue) -> [Leaf] {
        var result: [Leaf] = []
        var arrayCounter = 0
        func walk(_ value: JSONValue, name: String?, trail: [(array: Int, index: Int)]) {
            switch value {
            case .object(let members):
                for member in members {
                    walk(member.value, name: name.map { $0 + "." + member.key } ?? member.key, trail: trail)
                }
            case .array(let elements):
                let array = arrayCounter
                arrayCounter += 1
                for (index, element) in elements.enumerated() {
                    switch element {
                    case .object, .array: walk(element, name: name, trail: trail + [(array, index)])
                    default: walk(element, name: name, trail: trail)
                    }
                }
            default:
                if let name { result.append(Leaf(name: name, value: value, trail: trail)) }
            }
        }
        walk(record, name: nil, trail: [])
        return result
    }

    /// One field's options: a leaf that satisfies it, or, when it allows `exists: false`,
    /// being absent (`present` are then its leaves, none of which may agree with the choice).
    struct FieldChoice {
        var satisfying: [Leaf]
        var present: [Leaf]?
    }

    static func holds(_ conjunction: Conjunction, leaves: [Leaf]) -> Bool {
        var choices: [FieldChoice] = []
        for field in conjunction.fields {
            let name = field.path.dottedName
            let present = leaves.filter { Array($0.name.utf8) == Array(name.utf8) }  // bytes, as AWS compares
            let satisfying = present.filter { leaf in field.alternatives.contains { valueHolds($0, leaf.value) } }
            choices.append(FieldChoice(satisfying: satisfying, present: field.alternatives.contains(.exists(false)) ? present : nil))
        }
        return choose(choices[...], chosen: [], absent: [])
    }

    /// Tries every way to give each field a leaf or its absence; a field is absent when none of
    /// its leaves is consistent with every chosen leaf (for a field missing from the record,
    /// always).
    static func choose(_ choices: ArraySlice<FieldChoice>, chosen: [Leaf], absent: [[Leaf]]) -> Bool {
        guard let first = choices.first else {
            return absent.allSatisfy { present in !present.contains { leaf in chosen.allSatisfy { consistent($0, leaf) } } }
        }
        for candidate in first.satisfying where chosen.allSatisfy({ consistent($0, candidate) }) {
            if choose(choices.dropFirst(), chosen: chosen + [candidate], absent: absent) { return true }
        }
        if let present = first.present, choose(choices.dropFirst(), chosen: chosen, absent: absent + [present]) { return true }
        return false
    }

    /// Two leaves may match together unless they sit in different elements of one array.
    static func consistent(_ a: Leaf, _ b: Leaf) -> Bool {
        for step in a.trail {
            if let other = b.trail.first(where: { $0.array == step.array }), other.index != step.index { return false }
        }
        return true
    }

    /// Whether one condition holds for one leaf value.
    package static func valueHolds(_ condition: Condition, _ value: JSONValue) -> Bool {
        switch condition {
        case .equals(let literal): return equals(literal, value)
        case .prefix(let prefix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            if ignoringCase {
                return (0...text.utf8.count).contains { end in foldedEquals(Array(Array(text.utf8)[..<end]), prefix) }
            }
            return Array(text.utf8).starts(with: prefix.utf8)
        case .suffix(let suffix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            if ignoringCase {
                return (0...text.utf8.count).contains { start in foldedEquals(Array(Array(text.utf8)[start...]), suffix) }
            }
            let (a, b) = (Array(text.utf8), Array(suffix.utf8))
            return a.count >= b.count && Array(a.suffix(b.count)) == b
        case .equalsIgnoreCase(let expected):
            guard case .string(let text) = value else { return false }
            return foldedEquals(Array(text.utf8), expected)
        case .wildcard(let pattern):
            guard case .string(let text) = value else { return false }
            return globMatches(pattern: pattern.text, text: text)
        case .numeric(let range):
            guard case .number(let text) = value, ComparableNumber.value(of: text) != nil else { return false }
            let number = ExactDecimal(text)
            // A bound is a number event-ruler compares, so its shortest decimal is its exact value.
            if let lower = range.lower.map({ ExactDecimal("\($0)") }), range.lowerInclusive ? number < lower : !(lower < number) {
                return false
            }
            if let upper = range.upper.map({ ExactDecimal("\($0)") }), range.upperInclusive ? upper < number : !(number < upper) {
                return false
            }
            return true
        case .exists(let present): return present
        case .anythingBut(let exclusion):
            switch exclusion {
            case .values(let literals): return !literals.contains { equals($0, value) }
            case .prefixes(let prefixes): return !prefixes.contains { valueHolds(.prefix($0, ignoringCase: false), value) }
            case .suffixes(let suffixes): return !suffixes.contains { valueHolds(.suffix($0, ignoringCase: false), value) }
            case .equalsIgnoreCase(let texts): return !texts.contains { valueHolds(.equalsIgnoreCase($0), value) }
            case .wildcards(let patterns): return !patterns.contains { valueHolds(.wildcard($0), value) }
            }
        case .cidr:
            // Address parsing is shared with the core; the reference checks everything around it.
            guard case .string(let text) = value else { return false }
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { condition.holds(for: LeafValue(kind: .string, utf8: UnsafeBufferPointer($0))) }
        }
    }

    static func equals(_ literal: Literal, _ value: JSONValue) -> Bool {
        switch (literal, value) {
        case (.string(let expected), .string(let actual)): return Array(expected.utf8) == Array(actual.utf8)
        case (.number(let expected), .number(let actual)):
            if expected.value != nil, ComparableNumber.value(of: actual) != nil {
                return ExactDecimal(expected.text) == ExactDecimal(actual)
            }
            return expected.text == actual
        case (.bool(let expected), .bool(let actual)): return expected == actual
        case (.null, .null): return true
        default: return false
        }
    }

    /// Case-insensitive equality as event-ruler reads it, by plain recursion: the value's bytes
    /// are the pattern's characters, each as itself, its lower case or its upper case.
    static func foldedEquals(_ value: [UInt8], _ pattern: String) -> Bool {
        guard let first = pattern.unicodeScalars.first else { return value.isEmpty }
        let character = String(Character(first))
        let rest = String(String.UnicodeScalarView(pattern.unicodeScalars.dropFirst()))
        return [character, character.lowercased(), character.uppercased()].contains { form in
            value.starts(with: form.utf8) && foldedEquals(Array(value.dropFirst(form.utf8.count)), rest)
        }
    }

    /// Glob matching by plain recursion over characters: `*` any run, `\*` and `\\` literals.
    static func globMatches(pattern: String, text: String) -> Bool {
        var tokens: [UInt8?] = []  // nil = star
        var iterator = Array(pattern.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "*") {
                tokens.append(nil)
            } else if byte == UInt8(ascii: "\\") {
                tokens.append(iterator.next())
            } else {
                tokens.append(byte)
            }
        }
        let chars = Array(text.utf8)
        var memo: [Int: Bool] = [:]
        func match(_ t: Int, _ c: Int) -> Bool {
            let key = t * (chars.count + 1) + c
            if let known = memo[key] { return known }
            let result: Bool
            if t == tokens.count {
                result = c == chars.count
            } else if let literal = tokens[t] {
                result = c < chars.count && chars[c] == literal && match(t + 1, c + 1)
            } else {
                result = match(t + 1, c) || (c < chars.count && match(t, c + 1))
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}

/// A JSON number's exact value, read naively from its text: sign, significant digits, and the
/// power of ten of the first digit. No `Double` is involved, so nothing is rounded.
struct ExactDecimal: Equatable, Comparable {
    var sign: Int
    var digits: [Int]
    var magnitude: Int

    init(_ text: String) {
        var rest = Substring(text)
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(String(rest[rest.index(after: e)...].filter { $0 != "+" })) ?? 0
            rest = rest[..<e]
        }
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let integer = Array(parts[0]).compactMap(\.wholeNumberValue)
        let fraction = parts.count > 1 ? Array(parts[1]).compactMap(\.wholeNumberValue) : []
        var all = integer + fraction
        var position = integer.count + exponent
        while all.first == 0 { all.removeFirst(); position -= 1 }
        while all.last == 0 { all.removeLast() }
        digits = all
        sign = all.isEmpty ? 0 : (negative ? -1 : 1)
        magnitude = all.isEmpty ? 0 : position
    }

    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.sign != rhs.sign { return lhs.sign < rhs.sign }
        if lhs.sign == 0 { return false }
        func smaller(_ a: ExactDecimal, _ b: ExactDecimal) -> Bool {
            if a.magnitude != b.magnitude { return a.magnitude < b.magnitude }
            let width = max(a.digits.count, b.digits.count)
            let left = a.digits + Array(repeating: 0, count: width - a.digits.count)
            let right = b.digits + Array(repeating: 0, count: width - b.digits.count)
            return left.lexicographicallyPrecedes(right)
        }
        return lhs.sign > 0 ? smaller(lhs, rhs) : smaller(rhs, lhs)
    }
}
