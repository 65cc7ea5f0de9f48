import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// `WildcardComplexity.evaluate` explores the wildcard automaton with bitsets (issue 12: it was a
/// third of compiling d_patterns_1000's patterns). The set-of-states exploration it replaced is
/// kept here as the reference: on random wildcard sets both must give the same number.
@Suite("Wildcard complexity")
struct WildcardComplexityTests {
    /// The exploration as first written: states are (pattern, position) pairs in sets.
    static func reference(_ texts: [String], cap: Int = WildcardComplexity.limit) -> Int {
        let programs: [[Int]] = texts.map { text in
            var tokens = [Int(UInt8(ascii: "\""))]
            for byte in text.utf8 { tokens.append(byte == UInt8(ascii: "*") ? -1 : Int(byte)) }
            tokens.append(Int(UInt8(ascii: "\"")))
            return tokens
        }
        var alphabet = Set<Int>()
        for program in programs { for token in program where token >= 0 { alphabet.insert(token) } }
        var symbols = Array(alphabet).sorted()
        symbols.append(-2)
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
                        next.insert(state)
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

    /// The wildcard of a one-condition pattern, or nil when the pattern is refused.
    static func wildcard(_ text: String) -> WildcardPattern? {
        guard let pattern = try? Pattern(parsing: #"{"f": [{"wildcard": "\#(text)"}]}"#, dialect: .eventbridge),
            case .wildcard(let wildcard)? = pattern.conjunctions.first?.fields.first?.alternatives.first
        else { return nil }
        return wildcard
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func sameAsTheSetExploration(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var compared = 0, overLimit = 0
        for _ in 0..<300 {
            var texts: [String] = []
            for _ in 0..<(1 + Int(random.next() % 3)) {
                var text = ""
                // Long patterns (over 64 states together) take the multi-word path.
                for _ in 0..<(1 + Int(random.next() % 30)) {
                    let choice = "ab*c"[String.Index(utf16Offset: Int(random.next() % 4), in: "ab*c")]
                    if choice == "*" && text.hasSuffix("*") { continue }
                    text.append(choice)
                }
                texts.append(text)
            }
            let patterns = texts.compactMap(Self.wildcard)
            guard patterns.count == texts.count else { continue }
            let expected = Self.reference(texts)
            #expect(WildcardComplexity.evaluate(patterns) == expected, "\(texts)")
            #expect(WildcardComplexity.evaluate(patterns, stopAbove: 40) == Self.reference(texts, cap: 40), "\(texts)")
            compared += 1
            if expected > WildcardComplexity.limit { overLimit += 1 }
        }
        #expect(compared > 100)
        #expect(overLimit > 5)
    }
}
