/// `wildcard` (EventBridge only): `*` matches any run of characters, including none.
///
/// ```json
/// {"FilePath": [{"wildcard": "dir/*.png"}]}
/// ```
/// `\*` is a literal star and `\\` a literal backslash; no other escape exists. Two stars in a
/// row are rejected, and so is a set of wildcards on one field that would make AWS's matching
/// machine too complex (see `WildcardComplexity`).
public struct WildcardPattern: Sendable, Hashable {
    /// The pattern as written.
    public let text: String
    /// The literal runs between stars; a pattern without stars has exactly one.
    let chunks: [[UInt8]]

    /// Parses and validates a wildcard pattern (the shared rules of `wildcard` and `anything-but/wildcard`).
    static func parse(_ text: String, node: JSONNode, context: inout PatternParser.Context, appending extra: [JSONPathComponent] = []) throws(PatternError) -> WildcardPattern {
        var chunks: [[UInt8]] = [[]]
        var previousWasStar = false
        var bytes = Array(text.utf8).makeIterator()
        var position = 0
        while let byte = bytes.next() {
            position += 1
            switch byte {
            case UInt8(ascii: "*"):
                if previousWasStar {
                    throw context.error(.invalidWildcard, "Consecutive wildcard characters at pos \(position - 1)", at: node, appending: extra)
                }
                chunks.append([])
                previousWasStar = true
                continue
            case UInt8(ascii: "\\"):
                position += 1
                guard let escaped = bytes.next(), escaped == UInt8(ascii: "*") || escaped == UInt8(ascii: "\\") else {
                    throw context.error(.invalidWildcard, "Invalid escape character at pos \(position - 2)", at: node, appending: extra)
                }
                chunks[chunks.count - 1].append(escaped)
            default:
                chunks[chunks.count - 1].append(byte)
            }
            previousWasStar = false
        }
        return WildcardPattern(text: text, chunks: chunks)
    }

    init(text: String, chunks: [[UInt8]]) {
        self.text = text
        self.chunks = chunks
    }

    /// Whether `value` (a string's UTF-8 content) matches.
    /// - Complexity: O(n·m) at worst for n value bytes and m pattern bytes.
    public func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = chunks[0]
        if chunks.count == 1 {
            return first.withUnsafeBufferPointer { value.count == $0.count && ByteComparison.hasPrefix(value, $0) }
        }
        let last = chunks[chunks.count - 1]
        guard value.count >= first.count + last.count else { return false }
        guard first.withUnsafeBufferPointer({ ByteComparison.hasPrefix(value, $0) }),
            last.withUnsafeBufferPointer({ ByteComparison.hasSuffix(value, $0) })
        else { return false }
        // Middle runs: leftmost match of each in turn is enough when `*` is the only wildcard.
        var position = first.count
        let end = value.count - last.count
        for chunk in chunks[1..<(chunks.count - 1)] where !chunk.isEmpty {
            guard let found = Self.find(chunk, in: value, from: position, to: end) else { return false }
            position = found + chunk.count
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        let lead = needle[0]
        var index = start
        while index + needle.count <= end {
            if haystack[index] == lead {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

/// How hard a field's wildcards make AWS's matching machine, and where AWS draws the line.
///
/// AWS (event-ruler's `MachineComplexityEvaluator`) rejects a rule when some input can keep too
/// many states of a field's wildcard automaton active at once: "Rule is too complex - try using
/// fewer wildcard characters or fewer repeating character sequences after a wildcard character".
/// This evaluates the same quantity on the field's glob automaton (quotes included, as the
/// engine matches the quoted string) by exploring every reachable set of active states. It
/// agrees with AWS on the recorded cases; README lists it as an approximation.
public enum WildcardComplexity {
    /// The largest number of simultaneously active states AWS accepts.
    public static let limit = 10

    /// The highest number of simultaneously active automaton states any input can reach.
    public static func evaluate(_ patterns: [WildcardPattern], stopAbove cap: Int = limit) -> Int {
        // Tokens per pattern: a literal byte, or -1 for a star. States are (pattern, position).
        let programs: [[Int]] = patterns.map { pattern in
            var tokens = [Int(UInt8(ascii: "\""))]
            for (index, chunk) in pattern.chunks.enumerated() {
                if index > 0 { tokens.append(-1) }
                tokens.append(contentsOf: chunk.map(Int.init))
            }
            tokens.append(Int(UInt8(ascii: "\"")))
            return tokens
        }
        var alphabet = Set<Int>()
        for program in programs { for token in program where token >= 0 { alphabet.insert(token) } }
        var symbols = Array(alphabet).sorted()
        symbols.append(-2)  // any byte no pattern names

        // States are (pattern, position) pairs numbered densely; a set of them is a bitset.
        // Position `program.count` (past the closing quote) has no transitions (token nil).
        var tokens: [Int?] = []
        for program in programs {
            for token in program { tokens.append(token) }
            tokens.append(nil)
        }
        let stateCount = tokens.count
        let words = (stateCount + 63) / 64
        func closure(_ states: inout [UInt64]) {
            // A star's state also activates the next one; ascending order follows chains.
            for state in 0..<stateCount where tokens[state] == -1 && states[state >> 6] & (1 << UInt64(state & 63)) != 0 {
                states[(state + 1) >> 6] |= 1 << UInt64((state + 1) & 63)
            }
        }
        if words == 1 { return evaluateInOneWord(tokens: tokens, programs: programs, symbols: symbols, cap: cap) }
        func population(_ states: [UInt64]) -> Int { states.reduce(0) { $0 + $1.nonzeroBitCount } }
        var start = [UInt64](repeating: 0, count: words)
        var offset = 0
        for program in programs {
            start[offset >> 6] |= 1 << UInt64(offset & 63)
            offset += program.count + 1
        }
        closure(&start)
        var seen: Set<[UInt64]> = [start]
        var pending = [start]
        var maximum = population(start)
        var explored = 0
        var next = [UInt64](repeating: 0, count: words)
        while let active = pending.popLast(), explored < 20_000 {
            explored += 1
            for symbol in symbols {
                for index in 0..<words { next[index] = 0 }
                var any = false
                for word in 0..<words {
                    var bits = active[word]
                    while bits != 0 {
                        let state = word << 6 | bits.trailingZeroBitCount
                        bits &= bits - 1
                        guard let token = tokens[state] else { continue }
                        if token == -1 {
                            next[state >> 6] |= 1 << UInt64(state & 63)  // a star consumes any byte and stays
                            any = true
                        } else if token == symbol {
                            next[(state + 1) >> 6] |= 1 << UInt64((state + 1) & 63)
                            any = true
                        }
                    }
                }
                guard any else { continue }
                closure(&next)
                maximum = max(maximum, population(next))
                if maximum > cap { return maximum }
                if seen.insert(next).inserted { pending.append(next) }
            }
        }
        return maximum
    }

    /// `evaluate` when every state fits one 64-bit word (the common case): the same exploration
    /// in the same order, with each transition a few word operations.
    private static func evaluateInOneWord(tokens: [Int?], programs: [[Int]], symbols: [Int], cap: Int) -> Int {
        var starMask: UInt64 = 0
        var symbolMasks = [UInt64](repeating: 0, count: symbols.count)
        for (state, token) in tokens.enumerated() {
            guard let token else { continue }
            if token == -1 {
                starMask |= 1 << UInt64(state)
            } else if let index = symbols.firstIndex(of: token) {
                symbolMasks[index] |= 1 << UInt64(state)
            }
        }
        func closure(_ states: UInt64) -> UInt64 {
            var result = states
            while true {
                let grown = result | ((result & starMask) << 1)
                if grown == result { return result }
                result = grown
            }
        }
        var start: UInt64 = 0
        var offset = 0
        for program in programs {
            start |= 1 << UInt64(offset)
            offset += program.count + 1
        }
        start = closure(start)
        var seen: Set<UInt64> = [start]
        var pending = [start]
        var maximum = start.nonzeroBitCount
        var explored = 0
        while let active = pending.popLast(), explored < 20_000 {
            explored += 1
            for index in symbols.indices {
                // Stars consume any byte and stay; a matching byte moves its state on.
                let next = (active & starMask) | ((active & symbolMasks[index]) << 1)
                guard next != 0 else { continue }
                let closed = closure(next)
                maximum = max(maximum, closed.nonzeroBitCount)
                if maximum > cap { return maximum }
                if seen.insert(closed).inserted { pending.append(closed) }
            }
        }
        return maximum
    }
}

extension WildcardPattern {
    static func parseCondition(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        guard case .string(let text) = operand.kind else {
            throw context.error(.invalidOperand, "wildcard match pattern must be a string", at: operand)
        }
        return .wildcard(try parse(text, node: operand, context: &context))
    }
}
