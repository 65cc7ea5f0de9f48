import LambdaFilterTestSupport
import Testing

@testable import LambdaFilter

/// `JSONSkip.blockContainerEnd`, the sixteen-bytes-a-step skip, against the byte-exact walk
/// `containerEndByStops` on generated containers: valid ones (it must find the same end, and
/// must not give up on them), truncated and mutated ones (it must give up or agree), and the
/// dispatching `containerEnd`, whose every answer and error must be the walk's.
@Suite("BlockSkip")
struct BlockSkipTests {
    /// The shared seeded generator (SplitMix64, so every run tests the same texts), with the two
    /// draws the generators below use.
    struct Generator {
        var random: SeededRandom

        init(state: UInt64) { random = SeededRandom(seed: state) }

        mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

        mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }
    }

    /// String contents that stress the skip: escapes, backslash runs of every length before a
    /// quote, brackets and `|` inside strings, and runs long enough to cross block edges.
    static let stringPieces: [String] = [
        "", "a", "USER#97196", #"\""#, #"\\"#, #"\\\""#, #"\\\\"#, #"\\\\\""#, #"\\\\\\"#, "[", "]", "{", "}", "|", "{[}]",
        #"\u00e9"#, "0123456789abcdef0123", #"x\"y\\z"#, "caf\u{E9}", " ", "\u{7F}",
    ]

    /// Bytes between values, which the skip passes over outside strings.
    static let scalars: [String] = ["1", "-1.5e3", "true", "false", "null", "0", "12345678901234567890", "||", "\\"]

    static func string(_ generator: inout Generator) -> String {
        var text = "\""
        for _ in 0..<generator.below(4) { text += generator.pick(stringPieces) }
        return text + "\""
    }

    static func value(_ generator: inout Generator, depth: Int) -> String {
        switch depth > 6 ? generator.below(2) : generator.below(5) {
        case 0: return string(&generator)
        case 1: return generator.pick(scalars)
        case 2: return container(&generator, depth: depth + 1, object: true)
        default: return container(&generator, depth: depth + 1, object: false)
        }
    }

    static func container(_ generator: inout Generator, depth: Int, object: Bool) -> String {
        let count = generator.below(5)
        let spaced = generator.below(4) == 0
        let separator = spaced ? ", \n\t" : ","
        let members = (0..<count).map { _ in
            object ? string(&generator) + (spaced ? " : " : ":") + value(&generator, depth: depth) : value(&generator, depth: depth)
        }
        return (object ? "{" : "[") + members.joined(separator: separator) + (object ? "}" : "]")
    }

    /// The two skips on `bytes` from `start`, with the reference's answer as a text (its end
    /// or its failure) and the block skip's end.
    static func skips(_ bytes: [UInt8], from start: Int, levelLimit: Int = 512) -> (reference: String, block: Int?, dispatched: String) {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            func describe(_ body: (inout [Bool]) throws(JSONSkip.Failure) -> Int) -> String {
                var spill: [Bool] = []
                do throws(JSONSkip.Failure) {
                    let end = try body(&spill)
                    return spill.isEmpty ? "end \(end)" : "end \(end), spill left"
                } catch {
                    return "failure \(error)"
                }
            }
            let reference = describe { spill throws(JSONSkip.Failure) in
                try JSONSkip.containerEndByStops(base, buffer.count, from: start, levelLimit: levelLimit, spill: &spill)
            }
            let dispatched = describe { spill throws(JSONSkip.Failure) in
                try JSONSkip.containerEnd(base, buffer.count, from: start, levelLimit: levelLimit, spill: &spill)
            }
            return (reference, JSONSkip.blockContainerEnd(base, buffer.count, from: start, levelLimit: levelLimit), dispatched)
        }
    }

    /// Valid containers at every alignment to the sixteen-byte blocks, with text after them:
    /// the block skip finds the walk's end and never gives up.
    @Test(arguments: 0..<8)
    func validContainersEndWhereTheWalkEnds(_ seed: Int) {
        var generator = Generator(state: UInt64(seed))
        var failures: [String] = []
        for _ in 0..<150 {
            let text = Self.container(&generator, depth: 0, object: generator.below(2) == 0)
            let padding = generator.below(32)
            let bytes = Array((String(repeating: " ", count: padding) + text + generator.pick(["", ",", "]}", ",\"k\":[1]}"])).utf8)
            let (reference, block, dispatched) = Self.skips(bytes, from: padding)
            let expected = "end \(padding + text.utf8.count)"
            if reference != expected || block.map({ "end \($0)" }) != expected || dispatched != expected {
                failures.append("\(text.prefix(200)): walk \(reference), block \(block.map(String.init) ?? "nil"), skip \(dispatched)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, the first: \(failures.prefix(3))")
    }

    /// Every prefix of generated containers, and copies with one byte replaced by a byte that
    /// matters to the skip: the block skip agrees with the walk or gives up, and the dispatching
    /// skip reports exactly what the walk reports, failures included.
    @Test(arguments: 0..<8)
    func truncatedAndMutatedContainersAgreeWithTheWalk(_ seed: Int) {
        var generator = Generator(state: 1000 + UInt64(seed))
        let mutations: [UInt8] = Array(#""\[]{}|:,"#.utf8) + [0x00, 0x01, 0x1F, 0x20, 0x7F, 0xC3]
        var cases = 0
        var failures: [String] = []
        for _ in 0..<12 {
            let text = Array(Self.container(&generator, depth: 0, object: generator.below(2) == 0).utf8)
            var variants: [[UInt8]] = (1..<text.count).map { Array(text[..<$0]) }
            for _ in 0..<40 where text.count > 1 {
                var mutated = text
                mutated[1 + generator.below(text.count - 1)] = generator.pick(mutations)
                variants.append(mutated)
            }
            for bytes in variants {
                cases += 1
                let (reference, block, dispatched) = Self.skips(bytes, from: 0)
                if block.map({ "end \($0)" }) ?? reference != reference || dispatched != reference {
                    failures.append(
                        "\(String(decoding: bytes, as: UTF8.self).prefix(200)): walk \(reference), block \(block.map(String.init) ?? "nil"), skip \(dispatched)"
                    )
                }
            }
        }
        #expect(cases > 200)
        #expect(failures.isEmpty, "\(failures.count) mismatches, the first: \(failures.prefix(3))")
    }

    /// Nesting past the 64 levels of the kind word, and the level limit: the block skip leaves
    /// both to the walk, whose answers the dispatching skip gives.
    @Test(arguments: [1, 2, 63, 64, 65, 70, 200])
    func deepNestingIsLeftToTheWalk(_ depth: Int) {
        let bytes = Array(
            (String(repeating: "[{\"a\":", count: depth / 2) + String(repeating: "[", count: depth % 2) + "\"]}\""
                + String(repeating: "]", count: depth % 2) + String(repeating: "}]", count: depth / 2)).utf8)
        for limit in [depth - 1, depth, 512] where limit > 0 {
            let (reference, block, dispatched) = Self.skips(bytes, from: 0, levelLimit: limit)
            #expect(dispatched == reference)
            if depth <= min(limit, 64) {
                #expect(reference == "end \(bytes.count)")
                #expect(block == bytes.count)
            } else {
                #expect(block == nil)
            }
        }
    }

    /// A backslash as the last byte of a block escapes the first byte of the next one.
    @Test(arguments: 1..<40)
    func anEscapeAcrossABlockEdge(_ prefix: Int) {
        for escaped in [#"\""#, #"\\"#, #"\\\""#, #"\\\\"#] {
            let text = "[\"" + String(repeating: "x", count: prefix) + escaped + "]\"]"
            let bytes = Array(text.utf8)
            let (reference, block, dispatched) = Self.skips(bytes, from: 0)
            #expect(reference == "end \(bytes.count)", "\(text)")
            #expect(block == bytes.count, "\(text)")
            #expect(dispatched == reference, "\(text)")
        }
    }

    /// `containerStops` flags exactly the bytes the skip must see (plus `|`), in every lane.
    @Test func containerStopsFlagEveryLaneExactly() {
        for lane in 0..<16 {
            for value in UInt8.min...UInt8.max {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16)
                bytes[lane] = value
                let mask = bytes.withUnsafeBufferPointer { ByteSearch.containerStops(ByteSearch.loadBlock($0.baseAddress!, 0)) }
                let expected: UInt32 = ByteSearch.isContainerStop(value) || value == UInt8(ascii: "|") ? 1 << UInt32(lane) : 0
                if mask != expected {
                    Issue.record("byte \(value) in lane \(lane): mask \(mask), expected \(expected)")
                    return
                }
            }
        }
    }
}
