/// `wildcard` (EventBridge only): `*` matches any run of characters, including none.
///
/// ```json
/// {"FilePath": [{"wildcard": "dir/*.png"}]}
/// ```
/// `\*` is a literal star and `\\` a literal backslash; no other escape exists. Two stars in a
/// row are rejected, and so is a set of wildcards on one field that would make AWS's matching
/// machine too complex (event-ruler's complexity measure above 10, see `WildcardComplexity`).
public struct WildcardPattern: Sendable, Hashable {
    /// The pattern as written.
    public let text: String
    /// The literal runs between stars; a pattern without stars has exactly one.
    let chunks: [[UInt8]]
    /// What every matching value has, checked before the runs (most values fail here, as most
    /// leaves of a field fail most of its patterns): at least `minimumCount` bytes, the first one
    /// `leadByte` and the last one `tailByte` (-1: any; a star starts or ends the pattern).
    private let minimumCount: Int
    private let leadByte: Int16
    private let tailByte: Int16

    /// Parses and validates a wildcard pattern (the shared rules of `wildcard` and `anything-but/wildcard`).
    static func parse(
        _ text: String, node: JSONNode, context: inout PatternParser.Context, appending extra: [JSONPathComponent] = []
    ) throws(PatternError) -> WildcardPattern {
        switch chunks(of: text) {
        case .success(let chunks): return WildcardPattern(text: text, chunks: chunks)
        case .failure(let problem): throw context.error(.invalidWildcard, problem.message, at: node, appending: extra)
        }
    }

    /// A wildcard pattern from its text, or `nil` when the text is not a valid pattern.
    package init?(_ text: String) {
        guard case .success(let chunks) = Self.chunks(of: text) else { return nil }
        self.init(text: text, chunks: chunks)
    }

    struct SyntaxProblem: Error {
        var message: String
    }

    /// The literal runs between stars, or why the text is not a pattern (event-ruler's messages).
    private static func chunks(of text: String) -> Result<[[UInt8]], SyntaxProblem> {
        var chunks: [[UInt8]] = [[]]
        var previousWasStar = false
        var bytes = Array(text.utf8).makeIterator()
        var position = 0
        while let byte = bytes.next() {
            position += 1
            switch byte {
            case UInt8(ascii: "*"):
                if previousWasStar { return .failure(SyntaxProblem(message: "Consecutive wildcard characters at pos \(position - 1)")) }
                chunks.append([])
                previousWasStar = true
                continue
            case UInt8(ascii: "\\"):
                position += 1
                guard let escaped = bytes.next(), escaped == UInt8(ascii: "*") || escaped == UInt8(ascii: "\\") else {
                    return .failure(SyntaxProblem(message: "Invalid escape character at pos \(position - 2)"))
                }
                chunks[chunks.count - 1].append(escaped)
            default:
                chunks[chunks.count - 1].append(byte)
            }
            previousWasStar = false
        }
        return .success(chunks)
    }

    init(text: String, chunks: [[UInt8]]) {
        self.text = text
        self.chunks = chunks
        minimumCount = chunks.reduce(0) { $0 + $1.count }
        leadByte = chunks[0].first.map(Int16.init) ?? -1
        tailByte = chunks[chunks.count - 1].last.map(Int16.init) ?? -1
    }

    /// Whether `value` (a string's UTF-8 content) matches.
    /// - Complexity: O(n·m) at worst for n value bytes and m pattern bytes.
    @inline(__always)
    package func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= minimumCount else { return false }
        if leadByte >= 0 && Int16(value[0]) != leadByte { return false }
        if tailByte >= 0 && Int16(value[value.count &- 1]) != tailByte { return false }
        return matchesRuns(value)
    }

    /// `matches` after its quick checks: the literal runs themselves.
    @inline(never)
    private func matchesRuns(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
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
/// AWS rejects a rule whose wildcards make a field's matcher too complex: "Rule is too complex -
/// try using fewer wildcard characters or fewer repeating character sequences after a wildcard
/// character". This is event-ruler's own measure (`MachineComplexityEvaluator` over the automaton
/// `ByteMachine` builds), computed on the same automaton:
///
/// ```
/// "a*b"  (values are matched with their quotes)
///            *              ____
///   "  ──▶ s1 ──all──▶ s2 ◀─┘ all      s1 ──b──▶ s3 and s2 ──b──▶ s3   (the star may match nothing)
/// ```
/// One state per prefix of the quoted pattern; a star adds a state that loops on every byte.
/// For every set of states some input reaches, the measure adds, over the set's transitions, the
/// wildcard patterns each can still lead to, plus those behind a star the set is about to enter;
/// the complexity is the largest such sum. `*:*:*:*:*:event-bus/*` scores 11, which AWS rejects;
/// `*:*:*:*:event-bus/*` scores 9 and `*/lib/*` 4. A pattern is one `wildcard` or one `anything-but/wildcard` list (its
/// values count as one pattern, as in event-ruler).
public enum WildcardComplexity {
    /// The largest complexity AWS accepts.
    public static let limit = 10

    /// event-ruler's complexity of one field's wildcard patterns, evaluated up to `cap + 1`
    /// (a larger value is reported as `cap + 1`).
    /// - Parameter groups: one entry per event-ruler pattern: a `wildcard`'s value, or the values
    ///   of one `anything-but/wildcard`.
    ///   - quoted: whether values are matched with their quotes, as a rule's string values are
    ///     (`false` reads them bare, as event-ruler's own `ByteMachine` tests add them).
    /// - Complexity: proportional to the sets of states inputs reach, each holding at most `cap`
    ///   states, so small for the limit AWS uses.
    package static func evaluate(_ groups: [[WildcardPattern]], quoted: Bool = true, stopAbove cap: Int = limit) -> Int {
        var machine = WildcardMachine()
        var seenGroups = Set<[String]>()
        for group in groups where seenGroups.insert(group.map(\.text)).inserted {
            let pattern = machine.patternCount
            machine.patternCount += 1
            for value in Set(group.map(\.text)).sorted() {
                guard let wildcard = group.first(where: { $0.text == value }) else { continue }
                machine.add(quoted ? wildcard.quotedTokens : Array(wildcard.quotedTokens.dropFirst().dropLast()), pattern: pattern)
            }
        }
        return machine.maximumComplexity(cap: cap)
    }

    /// Complexity of single patterns, one `wildcard` each.
    package static func evaluate(_ patterns: [WildcardPattern], quoted: Bool = true, stopAbove cap: Int = limit) -> Int {
        evaluate(patterns.map { [$0] }, quoted: quoted, stopAbove: cap)
    }
}

extension WildcardPattern {
    /// The pattern as event-ruler's machine reads it: the quoted string, a byte (0...255) per
    /// literal and `WildcardMachine.star` per star.
    var quotedTokens: [Int] {
        var tokens = [Int(UInt8(ascii: "\""))]
        for (index, chunk) in chunks.enumerated() {
            if index > 0 { tokens.append(WildcardMachine.star) }
            tokens.append(contentsOf: chunk.map(Int.init))
        }
        tokens.append(Int(UInt8(ascii: "\"")))
        return tokens
    }
}

/// event-ruler's `ByteMachine` construction for wildcard values, reduced to what its complexity
/// measure reads. States are numbered; 0 is the start.
struct WildcardMachine {
    static let star = -1
    /// A transition's target, as event-ruler's `SingleByteTransition`: a state, a match (the end
    /// of one value), or a state that is also a match (before a trailing star; `copy` tells the
    /// two composites event-ruler keeps apart).
    struct Target: Hashable, Comparable {
        var state: Int
        var match: Int
        var pattern: Int
        var copy: Int
        static func < (lhs: Target, rhs: Target) -> Bool {
            (lhs.state, lhs.match, lhs.pattern, lhs.copy) < (rhs.state, rhs.match, rhs.pattern, rhs.copy)
        }
    }

    /// Per state: (byte or `star` for every byte, target).
    var transitions: [[(token: Int, target: Target)]] = [[]]
    /// Per state: whether a star lies between the start and it (event-ruler's "indeterminate
    /// prefix"); only the other states are shared between values, as in event-ruler.
    var indeterminate: [Bool] = [false]
    /// Per state: the patterns of the values that pass through it, which are the patterns it leads to.
    var through: [Set<Int>] = [[]]
    var patternCount = 0
    /// Ids for matches, so that two values never share one.
    var matchCount = 0
    /// A value that is one star: event-ruler makes the start state a match.
    var startMatches = Set<Int>()

    mutating func newState(indeterminate: Bool) -> Int {
        transitions.append([])
        self.indeterminate.append(indeterminate)
        through.append([])
        return transitions.count - 1
    }

    mutating func add(_ tokens: [Int], pattern: Int) {
        let count = tokens.count
        if count == 1 && tokens[0] == Self.star {
            startMatches.insert(pattern)
            return
        }
        func stateTarget(_ state: Int) -> Target { Target(state: state, match: -1, pattern: -1, copy: 0) }
        var state = 0
        var previous: Int? = nil
        through[0].insert(pattern)
        for index in 0..<(count - 1) {
            let token = tokens[index]
            let beforeTrailingStar = tokens[count - 1] == Self.star && index == count - 2
            // Reuse the state a determinate prefix already has (event-ruler's findOrMakeNextByteState).
            if token != Self.star, !beforeTrailingStar,
                let existing = transitions[state].first(where: { $0.token == token && $0.target.state >= 0 && $0.target.match < 0 })?.target
                    .state,
                !indeterminate[existing]
            {
                through[existing].insert(pattern)
                previous = state
                state = existing
                continue
            }
            let next = newState(indeterminate: indeterminate[state] || token == Self.star || beforeTrailingStar)
            through[next].insert(pattern)
            if token == Self.star {
                transitions[state].append((Self.star, stateTarget(next)))
                transitions[next].append((Self.star, stateTarget(next)))
            } else {
                var target = stateTarget(next)
                if beforeTrailingStar {
                    target = Target(state: next, match: matchCount, pattern: pattern, copy: 0)
                }
                transitions[state].append((token, target))
                // The star before this byte may match nothing.
                if let previous, tokens[index - 1] == Self.star { transitions[previous].append((token, target)) }
            }
            previous = state
            state = next
        }
        let last = tokens[count - 1]
        if last == Self.star {
            transitions[state].append((Self.star, Target(state: state, match: matchCount, pattern: pattern, copy: 1)))
        } else {
            let target = Target(state: -1, match: matchCount, pattern: pattern, copy: 0)
            transitions[state].append((last, target))
            if let previous, count >= 2, tokens[count - 2] == Self.star { transitions[previous].append((last, target)) }
        }
        matchCount += 1
    }

    /// event-ruler's `MachineComplexityEvaluator.evaluate`, capped at `cap + 1`.
    ///
    /// Each target counts the wildcard patterns it leads to.
    func maximumComplexity(cap: Int) -> Int {
        func patterns(of target: Target) -> Int {
            target.state >= 0 ? through[target.state].count : 1
        }
        func step(_ from: [Target], on symbol: Int) -> [Target] {
            var next: [Target] = []
            for target in from where target.state >= 0 {
                for (token, destination) in transitions[target.state] where token == Self.star || token == symbol {
                    next.append(destination)
                }
            }
            next.sort()
            Self.removeRepeats(&next)
            return next
        }
        /// The bytes some transition out of `targets` names, ascending, then 256 for every other
        /// byte: any byte none of them names leads where 256 does (along stars only), so the walk
        /// steps once for all of those and visits the same sets, in the same order, as a step on
        /// every byte of the alphabet would.
        func symbols(leaving targets: [Target]) -> [Int] {
            var tokens: [Int] = []
            for target in targets where target.state >= 0 {
                for (token, _) in transitions[target.state] where token != Self.star { tokens.append(token) }
            }
            tokens.sort()
            Self.removeRepeats(&tokens)
            tokens.append(256)  // 256: any byte no pattern names
            return tokens
        }
        let start = [Target(state: 0, match: -1, pattern: -1, copy: 0)]
        var pending = symbols(leaving: start).map { step(start, on: $0) }.filter { !$0.isEmpty }
        var visited = Set<[Target]>()
        var maximum = 0
        let base = startMatches.count
        while let current = pending.popLast(), visited.count < 50_000 {
            guard visited.insert(current).inserted else { continue }
            var size = 0
            for target in current {
                size += patterns(of: target)
                // An input that reaches "foo" also matches "foo*": count what the star leads to.
                guard target.state >= 0 else { continue }
                for (token, destination) in transitions[target.state] where token == Self.star && !Self.sortedContains(current, destination)
                {
                    size += patterns(of: destination)
                }
            }
            maximum = max(maximum, size)
            if base + maximum > cap { return cap + 1 }
            for symbol in symbols(leaving: current) {
                let next = step(current, on: symbol)
                if !next.isEmpty && !visited.contains(next) { pending.append(next) }
            }
        }
        return base + maximum
    }

    /// Drops the repeats of a sorted array in place (one allocation less than copying the rest out).
    private static func removeRepeats<T: Equatable>(_ sorted: inout [T]) {
        guard sorted.count > 1 else { return }
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
    }

    /// Whether the sorted, duplicate-free `targets` (as `step` makes every set) holds `target`.
    private static func sortedContains(_ targets: [Target], _ target: Target) -> Bool {
        var low = 0, high = targets.count
        while low < high {
            let middle = (low + high) / 2
            if targets[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < targets.count && targets[low] == target
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
