/// Whether one condition holds for one leaf value, decided on `JSONValue`s.
///
/// Written apart from the byte-level operators the compiled matcher uses, so that the explainer
/// is a second opinion rather than a copy: strings compare as UTF-8 bytes (never with Swift's
/// canonical equivalence), numbers as exact decimals (never through a `Double`), case-insensitive
/// forms by event-ruler's per-character reading. Shared with the core: IP address parsing (`CIDRBlock.contains`) and
/// event-ruler's rule for which numbers compare by value (`ComparableNumber`).
enum ValueCheck {
    static func holds(_ condition: Condition, for value: JSONValue) -> Bool {
        switch condition {
        case .equals(let literal):
            return equals(literal, value)
        case .prefix(let prefix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            if ignoringCase { return caseInsensitiveMatch(of: Array(text.utf8), pattern: prefix, wholeValue: false) }
            return Array(text.utf8).starts(with: prefix.utf8)
        case .suffix(let suffix, let ignoringCase):
            guard case .string(let text) = value else { return false }
            // A suffix read backwards is a prefix of the reversed value.
            if ignoringCase { return caseInsensitiveMatch(of: Array(text.utf8), pattern: suffix, wholeValue: false, fromEnd: true) }
            let whole = Array(text.utf8), tail = Array(suffix.utf8)
            return whole.count >= tail.count && Array(whole[(whole.count - tail.count)...]) == tail
        case .equalsIgnoreCase(let expected):
            guard case .string(let text) = value else { return false }
            return caseInsensitiveMatch(of: Array(text.utf8), pattern: expected, wholeValue: true)
        case .wildcard(let pattern):
            guard case .string(let text) = value else { return false }
            return globMatches(pattern.text, text)
        case .numeric(let range):
            guard let number = comparableDecimal(value) else { return false }
            return inRange(number, range)
        case .exists(let present):
            // Per leaf: any leaf exists; `exists: false` is decided by the field's absence.
            return present
        case .anythingBut(let exclusion):
            return !excluded(by: exclusion, value)
        case .cidr(let block):
            guard case .string(let text) = value else { return false }
            var address = Array(text.utf8)
            return address.withUnsafeMutableBufferPointer { block.contains(address: UnsafeBufferPointer($0)) }
        }
    }

    /// Whether `value` is one of the values `anything-but` rules out.
    static func excluded(by exclusion: AnythingBut, _ value: JSONValue) -> Bool {
        switch exclusion {
        case .values(let literals): return literals.contains { equals($0, value) }
        case .prefixes(let prefixes): return prefixes.contains { holds(.prefix($0, ignoringCase: false), for: value) }
        case .suffixes(let suffixes): return suffixes.contains { holds(.suffix($0, ignoringCase: false), for: value) }
        case .equalsIgnoreCase(let texts): return texts.contains { holds(.equalsIgnoreCase($0), for: value) }
        case .wildcards(let patterns): return patterns.contains { holds(.wildcard($0), for: value) }
        }
    }

    /// Exact equality: same JSON type; strings byte for byte; numbers by value when both are
    /// finite doubles, otherwise by their text.
    static func equals(_ literal: Literal, _ value: JSONValue) -> Bool {
        switch (literal, value) {
        case (.string(let expected), .string(let actual)):
            return Array(expected.utf8) == Array(actual.utf8)
        case (.number(let expected), .number(let actual)):
            if expected.value != nil, let number = comparableDecimal(value), let wanted = decimal(expected.text) { return wanted == number }
            return expected.text == actual
        case (.bool(let expected), .bool(let actual)):
            return expected == actual
        case (.null, .null):
            return true
        default:
            return false
        }
    }

    /// The exact value of a JSON number that event-ruler compares by value; `nil` for any other.
    static func comparableDecimal(_ value: JSONValue) -> DecimalNumber? {
        guard case .number(let text) = value, ComparableNumber.value(of: text) != nil else { return nil }
        return decimal(text)
    }

    static func decimal(_ text: String) -> DecimalNumber? {
        var text = text
        return text.withUTF8 { DecimalNumber($0) }
    }

    /// Exact comparison with the bounds; a bound's exact value is the decimal Java writes for it.
    static func inRange(_ number: DecimalNumber, _ range: NumericRange) -> Bool {
        if let lower = range.lower.map(DecimalNumber.javaText) {
            if range.lowerInclusive ? number < lower : !(lower < number) { return false }
        }
        if let upper = range.upper.map(DecimalNumber.javaText) {
            if range.upperInclusive ? upper < number : !(number < upper) { return false }
        }
        return true
    }

    /// event-ruler's case-insensitive reading (see `CaseInsensitiveMatch`): each pattern
    /// character may appear in the value as itself, its lower case or its upper case, and the
    /// value is not folded. Decided by a table over (pattern character, value offset).
    static func caseInsensitiveMatch(of value: [UInt8], pattern: String, wholeValue: Bool, fromEnd: Bool = false) -> Bool {
        var characters: [[[UInt8]]] = pattern.unicodeScalars.map { scalar in
            let text = String(Character(scalar))
            return [text, text.lowercased(), text.uppercased()].map { Array($0.utf8) }
        }
        var bytes = value
        if fromEnd {
            characters = characters.reversed().map { $0.map { $0.reversed() } }
            bytes.reverse()
        }
        // reachable[offset]: the pattern characters read so far can end at this value offset.
        var reachable = [Bool](repeating: false, count: bytes.count + 1)
        reachable[0] = true
        for forms in characters {
            var next = [Bool](repeating: false, count: bytes.count + 1)
            for offset in reachable.indices where reachable[offset] {
                for form in forms where offset + form.count <= bytes.count && Array(bytes[offset..<(offset + form.count)]) == form {
                    next[offset + form.count] = true
                }
            }
            reachable = next
        }
        // A prefix (or a suffix read backwards) may end anywhere; equality must use every byte.
        return wholeValue ? reachable[bytes.count] : reachable.contains(true)
    }

    /// Glob matching over UTF-8 bytes: `*` is any run, `\*` a literal star, `\\` a backslash.
    /// - Complexity: O(n·m) with a table of reachable pattern positions.
    static func globMatches(_ pattern: String, _ text: String) -> Bool {
        var tokens: [UInt8?] = []  // nil stands for `*`
        var iterator = Array(pattern.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "*") {
                tokens.append(nil)
            } else if byte == UInt8(ascii: "\\"), let escaped = iterator.next() {
                tokens.append(escaped)
            } else {
                tokens.append(byte)
            }
        }
        // reachable[t]: the pattern prefix of length t matches the text read so far.
        var reachable = [Bool](repeating: false, count: tokens.count + 1)
        reachable[0] = true
        func closeOverStars(_ states: inout [Bool]) {
            for index in tokens.indices where states[index] && tokens[index] == nil { states[index + 1] = true }
        }
        closeOverStars(&reachable)
        for byte in text.utf8 {
            var next = [Bool](repeating: false, count: tokens.count + 1)
            for index in tokens.indices where reachable[index] {
                if let literal = tokens[index] {
                    if literal == byte { next[index + 1] = true }
                } else {
                    next[index] = true
                }
            }
            closeOverStars(&next)
            reachable = next
        }
        return reachable[tokens.count]
    }
}
