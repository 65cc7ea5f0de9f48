import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// `Matcher.matchValidating`: one scan that matches and validates. It must accept exactly what
/// `JSONParser` accepts, report the parser's error (offset and message) for the rest, and give
/// `match`'s verdict on what it accepts, including past an early stop.
@Suite("Strict scan")
struct StrictScanTests {
    /// What the two-pass pipeline (parse strictly, then match) answers.
    static func twoPass(_ matcher: Matcher, _ bytes: [UInt8]) -> Result<[Int], JSONSyntaxError> {
        do throws(JSONSyntaxError) {
            _ = try JSONParser(maxDepth: matcher.maxDepth).parse(bytes: bytes)
            return .success(try matcher.matchingPatterns(in: bytes))
        } catch {
            return .failure(error)
        }
    }

    static func onePass(_ matcher: Matcher, _ bytes: [UInt8], _ scratch: inout MatchScratch) -> Result<[Int], JSONSyntaxError> {
        do throws(JSONSyntaxError) {
            try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.matchValidating(buffer, into: &scratch) }
            return .success(scratch.matchedPatterns)
        } catch {
            return .failure(error)
        }
    }

    static let patterns = try! [
        Pattern(parsing: #"{"status": ["paid"]}"#, dialect: .eventbridge),
        Pattern(parsing: #"{"a": {"b": [{"prefix": "x"}]}}"#, dialect: .eventbridge),
    ]

    /// Errors after the point where `match` stops early (both fields seen), in skipped
    /// subtrees, and in each part of the grammar.
    static let records: [String] = [
        #"{"status": "paid", "a": {"b": "xy"}, "later": [1, 2,]}"#,
        #"{"status": "paid", "a": {"b": "xy"}} trailing"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": "\q"}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": {"k" 1}}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": tru}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": 01}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": "\u12G4"}"#,
        #"{"a": {"b": "xy", "c": [1 2]}, "status": "paid"}"#,
        #"{"skip": {"deep": [1, {"x": nul}]}, "status": "paid"}"#,
        #"{"skip": {"deep": [1, {"x": 1,}]}, "status": "paid"}"#,
        #"{"skip": "unterminated}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": [1, 2}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": [[[[]]]]}"#,
        #"{"status": "paid", "a": {"b": "xy"}, "later": "\ud800 lone \ud83d\ude00"}"#,
        #"{"status": "paid", "status": "void", "a": {"b": "xy"}}"#,
        #"{'status': "paid"}"#,
        #"[{"status": "paid"}, {"a": {"b": "x"}}, 3]"#,
        #""scalar""#,
        "",
        "   ",
        #"{"status": "paid", "a": {"b": "xy"}, "t": "tab\there"}"#,
    ]

    @Test(arguments: records)
    func sameAnswerAsParseThenMatch(_ text: String) {
        let matcher = Matcher(patterns: Self.patterns)
        var scratch = MatchScratch()
        let bytes = Array(text.utf8)
        #expect(Self.onePass(matcher, bytes, &scratch) == Self.twoPass(matcher, bytes), "\(text)")
    }

    @Test(arguments: [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC3, 0xA9]] as [[UInt8]])
    func invalidUTF8InSkippedStringsAndKeys(_ sequence: [UInt8]) {
        let matcher = Matcher(patterns: Self.patterns)
        var scratch = MatchScratch()
        let inString = Array(#"{"status": "paid", "a": {"b": "x"}, "s": "v"#.utf8) + sequence + Array(#""}"#.utf8)
        let inKey = Array(#"{"k"#.utf8) + sequence + Array(#"": 1, "status": "paid"}"#.utf8)
        let inNamedKey = Array(#"{"a": {"b"#.utf8) + sequence + Array(#"": 1}, "status": "paid"}"#.utf8)
        for bytes in [inString, inKey, inNamedKey] {
            #expect(Self.onePass(matcher, bytes, &scratch) == Self.twoPass(matcher, bytes))
        }
    }

    @Test func nestingLimitAsTheParser() {
        let matcher = Matcher(patterns: Self.patterns, maxDepth: 8)
        var scratch = MatchScratch()
        for depth in 6...10 {
            for prefix in [#"{"skip": "#, #"{"status": "paid", "a": {"b": "x"}, "skip": "#] {
                let bytes = Array((prefix + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}").utf8)
                #expect(Self.onePass(matcher, bytes, &scratch) == Self.twoPass(matcher, bytes), "depth \(depth)")
            }
        }
    }

    /// Seeded mutants of random records: whatever the mutation, the one-pass answer is the
    /// two-pass answer (both kinds of mutant must occur).
    @Test(arguments: [UInt64(31), 32, 33])
    func mutantsAgreeWithParseThenMatch(seed: UInt64) {
        var generator = RandomCases(seed: seed)
        var random = SeededRandom(seed: seed &* 104_729)
        var accepted = 0, rejected = 0
        for _ in 0..<150 {
            let matcher = Matcher(patterns: (0..<3).map { _ in generator.pattern() })
            var scratch = MatchScratch()
            let original = Array(JSONWriter.write(generator.record()).utf8)
            for round in 0..<20 {
                var bytes = original
                if round > 0 {
                    for _ in 0..<(1 + Int(random.next() % 3)) { MalformedInputTests.mutate(&bytes, &random) }
                }
                let expected = Self.twoPass(matcher, bytes)
                if case .success = expected { accepted += 1 } else { rejected += 1 }
                #expect(Self.onePass(matcher, bytes, &scratch) == expected, "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 300)
        #expect(rejected > 1500)
    }
}
