import LambdaFilter

/// A deliberately naive matcher: the compiled `Matcher` must agree with it on every input.
///
/// It parses the whole record into a tree, lists every leaf with its dotted name and array
/// trail, and checks each conjunction of each pattern by brute force, comparing values with
/// plain `String`/`Double` code written independently of the core's byte-level operators.
/// Slow on purpose: every step is easy to check by eye.
public struct ReferenceMatcher {
    public let patterns: [Pattern]

    public init(patterns: [Pattern]) {
        self.patterns = patterns
    }

    /// A leaf of the record: its dotted field name, value and the (array, index) pairs of the
    /// array elements it sits in (objects or arrays; a scalar element is in no element).
    public struct Leaf {
        public var name: String
        public var value: JSONValue
        public var trail: [(array: Int, index: Int)]
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
    public static func valueHolds(_ condition: Condition, _ value: JSONValue) -> Bool {
        switch condition {
        case .equals(let literal): return equals(literal, value)
        case .prefix(let prefix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            return ignoringCase ? Array(text.lowercased().utf8).starts(with: prefix.lowercased().utf8)
                : Array(text.utf8).starts(with: prefix.utf8)
        case .suffix(let suffix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            let (a, b) = ignoringCase ? (Array(text.lowercased().utf8), Array(suffix.lowercased().utf8)) : (Array(text.utf8), Array(suffix.utf8))
            return a.count >= b.count && Array(a.suffix(b.count)) == b
        case .equalsIgnoreCase(let expected):
            guard case .string(let text) = value else { return false }
            return Array(text.lowercased().utf8) == Array(expected.lowercased().utf8)
        case .wildcard(let pattern):
            guard case .string(let text) = value else { return false }
            return globMatches(pattern: pattern.text, text: text)
        case .numeric(let range):
            guard case .number(let text) = value, let number = Double(text), number.isFinite else { return false }
            if let lower = range.lower, range.lowerInclusive ? !(number >= lower) : !(number > lower) { return false }
            if let upper = range.upper, range.upperInclusive ? !(number <= upper) : !(number < upper) { return false }
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
            if let a = expected.value, let b = Double(actual), b.isFinite { return a == b }
            return expected.text == actual
        case (.bool(let expected), .bool(let actual)): return expected == actual
        case (.null, .null): return true
        default: return false
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
