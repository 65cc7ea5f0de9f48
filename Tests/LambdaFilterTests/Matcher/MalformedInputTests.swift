import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// Seeded mutations of valid records (flipped, inserted, deleted and truncated bytes, stray
/// quotes, backslashes, brackets and invalid UTF-8) fed to the parser and the compiled matcher.
/// Neither may crash (the suite runs in debug, where an out-of-bounds read traps); whenever the
/// strict parser accepts a mutant, the matcher must accept it too and agree with the reference.
@Suite("Malformed records")
struct MalformedInputTests {
    static let nasty: [UInt8] = Array("\"\\{}[],:-0123456789eE.tfn ".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]

    @Test(arguments: [UInt64(21), 22, 23])
    func mutantsNeverCrashAndAgreeWhenValid(seed: UInt64) throws {
        var generator = RandomCases(seed: seed)
        var random = SeededRandom(seed: seed &* 7919)
        var accepted = 0, rejected = 0
        for _ in 0..<200 {
            let patterns = (0..<3).map { _ in generator.pattern() }
            let matcher = Matcher(patterns: patterns)
            let reference = ReferenceMatcher(patterns: patterns)
            var scratch = MatchScratch()
            let original = Array(JSONWriter.write(generator.record()).utf8)
            for _ in 0..<20 {
                var bytes = original
                for _ in 0..<(1 + Int(random.next() % 3)) { Self.mutate(&bytes, &random) }
                let parsed = try? JSONParser().parseValue(bytes: bytes)
                var matcherError: JSONSyntaxError?
                do throws(JSONSyntaxError) {
                    try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.match(buffer, into: &scratch) }
                } catch {
                    matcherError = error
                }
                if let parsed {
                    accepted += 1
                    #expect(
                        matcherError == nil,
                        "matcher rejected valid JSON \(String(decoding: bytes, as: UTF8.self)): \(String(describing: matcherError))")
                    if matcherError == nil {
                        #expect(
                            scratch.matchedPatterns == reference.matchingPatterns(in: parsed),
                            "\(String(decoding: bytes, as: UTF8.self)) PATTERNS \(patterns.map(\.text))")
                    }
                } else {
                    rejected += 1
                    if let matcherError { #expect(matcherError.offset <= bytes.count) }
                }
            }
        }
        // Both kinds of mutant must actually occur, or the test proves little.
        #expect(accepted > 200)
        #expect(rejected > 2000)
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
        let byte = nasty[Int(random.next() % UInt64(nasty.count))]
        switch random.next() % 5 {
        case 0 where !bytes.isEmpty: bytes[position] = byte
        case 1: bytes.insert(byte, at: position)
        case 2 where !bytes.isEmpty: bytes.remove(at: position)
        case 3: bytes.removeLast(bytes.count - position)
        default: bytes.insert(contentsOf: [UInt8(ascii: "\\"), byte], at: position)
        }
    }
}
