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

        struct State: Hashable, Comparable {
            var program: Int
            var position: Int
            static func < (lhs: State, rhs: State) -> Bool { (lhs.program, lhs.position) < (rhs.program, rhs.position) }
        }
        func closure(_ states: Set<State>) -> Set<State> {
            var result = states
            var pending = Array(states)
            while let state = pending.popLast() {
                let program = programs[state.program]
                if state.position < program.count, program[state.position] == -1 {
                    let next = State(program: state.program, position: state.position + 1)
                    if result.insert(next).inserted { pending.append(next) }
                }
            }
            return result
        }
        let start = closure(Set(programs.indices.map { State(program: $0, position: 0) }))
        var seen: Set<[State]> = [start.sorted()]
        var pending = [start]
        var maximum = start.count
        var explored = 0
        while let active = pending.popLast(), explored < 20_000 {
            explored += 1
            for symbol in symbols {
                var next = Set<State>()
                for state in active {
                    let program = programs[state.program]
                    guard state.position < program.count else { continue }
                    let token = program[state.position]
                    if token == -1 {
                        next.insert(state)  // a star consumes any byte and stays
                    } else if token == symbol {
                        next.insert(State(program: state.program, position: state.position + 1))
                    }
                }
                guard !next.isEmpty else { continue }
                let closed = closure(next)
                maximum = max(maximum, closed.count)
                if maximum > cap { return maximum }
                if seen.insert(closed.sorted()).inserted { pending.append(closed) }
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
