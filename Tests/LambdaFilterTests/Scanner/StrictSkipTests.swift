import LambdaFilterTestSupport
import Testing

@testable import LambdaFilter

/// `StrictSkip`, the strict cursor's fast path, against the definitions it must agree with: it
/// never accepts what the reference walk (`referenceSkipValue`, `referenceFinishContainer`)
/// rejects and ends where the reference ends; it accepts every valid text it can reach (or it
/// would save nothing); `skipValue`/`finishContainer`, which fall back to the reference, answer
/// exactly as the reference does (same error, offset and kind); and a whole text passes the
/// cursor exactly when `JSONParser` accepts it. Each table entry is also broken at every
/// position: truncated, and each byte replaced by bytes that break tokens.
@Suite("StrictSkip")
struct StrictSkipTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
        init(_ name: String, _ text: String) { self.init(name, bytes: Array(text.utf8)) }
        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    static let plain16 = "abcdefghijklmnop"

    /// Valid texts covering each token kind, in and out of containers, dense and spaced.
    static let valid: [Case] = [
        Case("dense record", #"{"eventID":"1","n":{"N":"574"},"ok":true,"no":false,"z":null,"a":[1,-2.5e3,0,{"k":[]}]}"#),
        Case("spaced record", " {\n\t\"a\" : [ 1 , 2 ] ,\r\n \"b\" : { } , \"c\" : [ ] } "),
        Case("top-level string", #""just a string""#),
        Case("top-level number", "-0.125E+7"),
        Case("top-level literals", "[true,false,null]"),
        Case("numbers", "[0,-0,1,10,123456789012345678901234567890,0.5,1.25,-3e5,4E-2,5e+10,6.0e0]"),
        Case("empty containers", #"[{},[],{"a":{}},[[]],""]"#),
        Case("escapes", #"{"e":"\"\\\/\b\f\n\r\t\u0041\u00e9\uD83D\uDE00\ud800 lone \udc00"}"#),
        Case("long strings", "{\"\(plain16)\(plain16)\":\"\(plain16)\(plain16)\(plain16)x\"}"),
        Case("UTF-8 of every length", "[\"\u{e9}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{D7FF}\u{E000}\",\"h\u{e9}llo \u{1F600}\"]"),
        Case("UTF-8 after a long run", "\"\(plain16)\(plain16)\u{e9}\u{20AC}\(plain16)\""),
        Case("nested arrays and objects", #"{"a":[{"b":[{"c":[1,{"d":"e"}]}]}],"f":[[[1],[2,[3]]]]}"#),
        Case("quoted JSON body", #"{"body":"{\"orderId\":\"ord-1\",\"items\":[{\"sku\":\"A\\/1\"}],\"n\":4}"}"#),
        Case("value then space at the end", "[1] "),
        Case("long numbers", "[-122.3652462028819,37.745995119371074,0,12345678901234567e-12345678,1.0000000000000002E+308]"),
        Case("a number of 7 digits ending the text", "1234567"), Case("a number of 8 digits ending the text", "12345678"),
        Case("a number of 9 digits ending the text", "123456789"), Case("a number of 17 digits ending the text", "-12345678901234567"),
        Case("a long fraction ending the text", "0.123456789012345"), Case("a long exponent ending the text", "5e123456789012345"),
    ]

    /// Texts that are invalid as they are, one per way a token or the structure can break.
    static let invalid: [Case] =
        [
            Case("leading zero", "[01]"), Case("negative leading zero", "[-01]"), Case("bare minus", "[-]"),
            Case("no fraction digit", "[1.]"), Case("no exponent digit", "[1e]"), Case("no exponent digit after sign", "[1e+]"),
            Case("fraction then exponent without digits", "[1.e5]"), Case("leading plus", "[+1]"), Case("leading point", "[.5]"),
            Case("double minus", "[--1]"), Case("hex", "[0x10]"), Case("number then letter", "[1a]"), Case("two points", "[1.2.3]"),
            Case("short true", "[tru]"), Case("short null", "[nul]"), Case("short false", "[fals]"), Case("true then letter", "[truex]"),
            Case("capital True", "[True]"), Case("nulL", "[nulL]"), Case("falsy", "[falsy]"), Case("true at the end", "tru"),
            Case("false at the end", "fals"), Case("NaN", "[NaN]"), Case("Infinity", "[Infinity]"),
            Case("raw tab in a string", "[\"a\tb\"]"), Case("raw newline in a key", "{\"a\nb\":1}"),
            Case("raw NUL in a string", bytes: Array("[\"a".utf8) + [0x00] + Array("\"]".utf8)),
            Case("raw 0x1F in a long string", bytes: Array("[\"\(plain16)".utf8) + [0x1F] + Array("\"]".utf8)),
            Case("DEL is allowed but 0x7F then bad", bytes: Array("[\"".utf8) + [0x7F, 0xFF] + Array("\"]".utf8)),
            Case("invalid escape", #"["\x"]"#), Case("capital U escape", #"["\U0041"]"#), Case("short \\u", #"["\u12"]"#),
            Case("non-hex \\u", #"["\u12G4"]"#), Case("backslash at the end", #"["\"#), Case("escaped quote ends nothing", #"["\"]"#),
            Case("unterminated string", #"["abc]"#), Case("unterminated long string", "[\"\(plain16)\(plain16)"),
            Case("unterminated key", #"{"abc"#), Case("missing colon", #"{"a" 1}"#), Case("missing comma in object", #"{"a":1 "b":2}"#),
            Case("missing comma in array", "[1 2]"), Case("trailing comma in array", "[1,2,]"),
            Case("trailing comma in object", #"{"a":1,}"#),
            Case("leading comma", "[,1]"), Case("double comma", "[1,,2]"), Case("colon in array", "[1:2]"),
            Case("comma after key", #"{"a",1}"#), Case("unquoted key", "{a:1}"), Case("single quotes", "{'a':1}"),
            Case("number key", "{1:1}"), Case("mismatched bracket", "[1}"), Case("mismatched brace", #"{"a":1]"#),
            Case("unclosed array", "[1,2"), Case("unclosed object", #"{"a":1"#), Case("unclosed nested", #"{"a":[{"b":1}"#),
            Case("lone closing bracket", "]"), Case("empty text", ""), Case("only whitespace", " \n\t "),
            Case("a control byte where a value goes", bytes: [UInt8(ascii: "["), 0x01, UInt8(ascii: "]")]),
            Case("form feed is not whitespace", bytes: [UInt8(ascii: "["), 0x0C, UInt8(ascii: "1"), UInt8(ascii: "]")]),
            Case("byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)),
            Case("two values", "[1] [2]"), Case("value after close", #"{"a":1}x"#),
        ] + invalidUTF8.map { name, sequence in Case("UTF-8: \(name)", bytes: Array("[\"a".utf8) + sequence + Array("b\"]".utf8)) }

    /// Every class of byte sequence that is not UTF-8.
    static let invalidUTF8: [(String, [UInt8])] = [
        ("lone continuation 0x80", [0x80]), ("lone continuation 0xBF", [0xBF]), ("overlong 2-byte C0", [0xC0, 0x80]),
        ("overlong 2-byte C1", [0xC1, 0xBF]), ("overlong 3-byte", [0xE0, 0x80, 0x80]), ("overlong 3-byte top", [0xE0, 0x9F, 0xBF]),
        ("surrogate D800", [0xED, 0xA0, 0x80]), ("surrogate DFFF", [0xED, 0xBF, 0xBF]), ("overlong 4-byte", [0xF0, 0x80, 0x80, 0x80]),
        ("overlong 4-byte top", [0xF0, 0x8F, 0xBF, 0xBF]), ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("lead F5", [0xF5, 0x80, 0x80, 0x80]),
        ("lead FF", [0xFF]), ("lead FE", [0xFE]), ("truncated 2-byte", [0xC3]), ("truncated 3-byte", [0xE2, 0x82]),
        ("truncated 4-byte", [0xF0, 0x9F, 0x98]), ("bad continuation", [0xC3, 0x28]), ("bad 3rd byte", [0xE2, 0x82, 0x28]),
        ("bad 4th byte", [0xF0, 0x9F, 0x98, 0x28]),
    ]

    /// Bytes that break tokens when they replace one: every structural byte, digits, signs,
    /// letters of the literals, escapes, controls, whitespace and non-ASCII lead/continuation bytes.
    static let breakers: [UInt8] =
        Array("{}[]\":,0123-+.eEtrufalsn\\ /u\u{7F}x".utf8) + [
            0x00, 0x01, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF,
        ]

    // MARK: The comparisons

    static func reference(_ bytes: [UInt8], at start: Int = 0, depth: Int = 0, maxDepth: Int = 512) -> Result<Int, JSONSyntaxError> {
        skip(bytes, at: start, maxDepth: maxDepth) { cursor throws(JSONSyntaxError) in try cursor.referenceSkipValue(depth: depth) }
    }

    static func combined(_ bytes: [UInt8], at start: Int = 0, depth: Int = 0, maxDepth: Int = 512) -> Result<Int, JSONSyntaxError> {
        skip(bytes, at: start, maxDepth: maxDepth) { cursor throws(JSONSyntaxError) in try cursor.skipValue(depth: depth) }
    }

    /// Where `move` leaves a cursor at `start`, or its error.
    static func skip(
        _ bytes: [UInt8], at start: Int, maxDepth: Int, _ move: (inout StrictJSONCursor) throws(JSONSyntaxError) -> Void
    ) -> Result<Int, JSONSyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = StrictJSONCursor(buffer, at: start, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                try move(&cursor)
                return .success(cursor.position)
            } catch {
                return .failure(error)
            }
        }
    }

    static func fast(_ bytes: [UInt8], at start: Int = 0, depth: Int = 0, maxDepth: Int = 512) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            StrictSkip.value(
                buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count, from: start, depth: depth, maxDepth: maxDepth)
        }
    }

    /// Whether the whole text passes the cursor (a value, then only whitespace).
    static func cursorAccepts(_ bytes: [UInt8], maxDepth: Int = 512) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = StrictJSONCursor(buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                try cursor.skipValue(depth: 0)
                try cursor.expectEnd()
                return true
            } catch {
                return false
            }
        }
    }

    static func parserAccepts(_ bytes: [UInt8], maxDepth: Int = 512) -> Bool {
        (try? JSONParser(maxDepth: maxDepth).parse(bytes: bytes)) != nil
    }

    /// The agreement every text must show; returns whether the reference accepted.
    @discardableResult
    static func expectAgreement(_ bytes: [UInt8], maxDepth: Int = 512, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let expected = reference(bytes, maxDepth: maxDepth)
        let fastEnd = fast(bytes, maxDepth: maxDepth)
        let shown = String(decoding: bytes, as: UTF8.self)
        if fastEnd != StrictSkip.declined {
            #expect(expected == .success(fastEnd), "fast path accepted: \(shown)", sourceLocation: sourceLocation)
        }
        let plainEnd = bytes.withUnsafeBufferPointer { buffer in
            StrictSkip.plainString(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count, at: 0)
        }
        if plainEnd != StrictSkip.declined {
            #expect(expected == .success(plainEnd), "plain-string path accepted: \(shown)", sourceLocation: sourceLocation)
        }
        #expect(combined(bytes, maxDepth: maxDepth) == expected, "\(shown)", sourceLocation: sourceLocation)
        #expect(
            cursorAccepts(bytes, maxDepth: maxDepth) == parserAccepts(bytes, maxDepth: maxDepth), "\(shown)", sourceLocation: sourceLocation
        )
        if case .success = expected { return true }
        return false
    }

    /// The text, every prefix of it, and the text with each byte replaced by each breaker.
    static func variants(of bytes: [UInt8], from first: Int = 0) -> [[UInt8]] {
        var result = [bytes]
        for length in first..<bytes.count { result.append(Array(bytes[..<length])) }
        for position in first..<bytes.count {
            for byte in breakers where byte != bytes[position] {
                var copy = bytes
                copy[position] = byte
                result.append(copy)
            }
        }
        return result
    }

    // MARK: Tests

    @Test(arguments: valid)
    func acceptsValidTextsOnTheFastPath(_ testCase: Case) {
        #expect(Self.expectAgreement(testCase.bytes))
        // The fast path itself must take them: declining everything would pass the rest.
        let end = Self.fast(testCase.bytes)
        #expect(end != StrictSkip.declined)
        #expect(Self.parserAccepts(testCase.bytes))
    }

    @Test(arguments: invalid)
    func rejectsInvalidTextsAsTheReference(_ testCase: Case) {
        Self.expectAgreement(testCase.bytes)
        #expect(!Self.cursorAccepts(testCase.bytes))
        #expect(!Self.parserAccepts(testCase.bytes))
    }

    @Test(arguments: valid + invalid)
    func agreesOnEveryTruncationAndReplacement(_ testCase: Case) {
        var accepted = 0, rejected = 0
        for variant in Self.variants(of: testCase.bytes) {
            if Self.expectAgreement(variant) { accepted += 1 } else { rejected += 1 }
        }
        #expect(rejected > 0)
    }

    /// Every breaker byte inserted at every position, and each adjacent pair of bytes swapped.
    @Test(arguments: valid)
    func agreesOnEveryInsertion(_ testCase: Case) {
        let bytes = testCase.bytes
        for position in 0...bytes.count {
            for byte in Self.breakers {
                var copy = bytes
                copy.insert(byte, at: position)
                Self.expectAgreement(copy)
            }
            if position + 1 < bytes.count {
                var copy = bytes
                copy.swapAt(position, position + 1)
                Self.expectAgreement(copy)
            }
        }
    }

    /// Depth at the limit, one below and one above, for objects and arrays, empty and not, and
    /// past the fast path's 64 levels (where it hands over to the reference).
    @Test(arguments: [3, 8, 63, 64, 65, 66, 100])
    func nestingLimitAsTheReference(_ maxDepth: Int) {
        for depth in [maxDepth - 1, maxDepth, maxDepth + 1] {
            for (open, close, inner) in [("[", "]", ""), ("[", "]", "1"), (#"{"k":"#, "}", "{}"), (#"{"k":"#, "}", "[]")] {
                let text = String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
                let bytes = Array(text.utf8)
                let accepted = Self.expectAgreement(bytes, maxDepth: maxDepth)
                let levels = depth + (inner.hasPrefix("{") || inner.hasPrefix("[") ? 1 : 0)
                #expect(accepted == (levels <= maxDepth), "\(text)")
                if case .failure(let error) = Self.combined(bytes, maxDepth: maxDepth) {
                    #expect(error.kind == .tooDeep)
                }
                if accepted && levels <= 64 { #expect(Self.fast(bytes, maxDepth: maxDepth) != StrictSkip.declined) }
            }
        }
    }

    /// The depth around the skipped value counts against the limit too.
    @Test(arguments: [0, 1, 7, 8, 9, 10])
    func outerDepthCounts(_ depth: Int) {
        let bytes = Array(#"{"a":[1,{"b":[]}]}"#.utf8)  // four levels
        let expected = Self.reference(bytes, depth: depth, maxDepth: 12)
        #expect(Self.combined(bytes, depth: depth, maxDepth: 12) == expected)
        let fastEnd = Self.fast(bytes, depth: depth, maxDepth: 12)
        #expect((fastEnd != StrictSkip.declined) == (depth + 4 <= 12))
        #expect(((try? expected.get()) != nil) == (depth + 4 <= 12))
        if fastEnd != StrictSkip.declined { #expect(expected == .success(fastEnd)) }
    }

    /// The plain-string shortcut takes plain ASCII strings of every length and nothing else.
    @Test(arguments: Array(0...40))
    func plainStringsTakeTheShortcut(_ length: Int) {
        let content = String((0..<length).map { Character(UnicodeScalar(UInt8(0x20 + ($0 * 7) % 0x5F))) }).replacingQuotesAndBackslashes()
        let plain = Array("\"\(content)\"".utf8)
        let end = plain.withUnsafeBufferPointer { StrictSkip.plainString($0.baseAddress!, $0.count, at: 0) }
        #expect(end == plain.count)
        for other in [
            Array("\"\(content)\\n\"".utf8), Array("\"\(content)\u{e9}\"".utf8), Array("\"\(content)".utf8), Array(" \"\(content)\"".utf8),
        ] {
            let declined = other.withUnsafeBufferPointer { StrictSkip.plainString($0.baseAddress!, $0.count, at: 0) }
            #expect(declined == StrictSkip.declined)
            Self.expectAgreement(other)
        }
    }

    /// A value that starts inside a text: the skip ends right after it, whatever follows.
    @Test func skipsAValueInsideALongerText() {
        let bytes = Array(#"{"a": [1, "x", {"b": null}] , "c": tru"#.utf8)
        let start = 6
        let expected = Self.reference(bytes, at: start)
        #expect(expected == .success(27))
        #expect(Self.fast(bytes, at: start) == 27)
        #expect(Self.combined(bytes, at: start) == expected)
    }

    // MARK: finishContainer

    /// The rest of a container after its first member, for every truncation and replacement
    /// after that point: `StrictSkip.rest` never accepts what `referenceFinishContainer`
    /// rejects, and `finishContainer` answers as the reference.
    @Test(
        arguments: [
            (#"{"a":1,"b":[true,{"c":"d"}],"e":null}"#, true, 6),
            (#"{"a":1 , "b" : "x\u0041" }"#, true, 6),
            (#"[1,[2,3],{"k":-1.5e2},"s"]"#, false, 2),
            ("[1]", false, 2),
            (#"{"a":{}}"#, true, 7),
        ] as [(String, Bool, Int)])
    func finishesContainersAsTheReference(_ text: String, _ isObject: Bool, _ start: Int) {
        let original = Array(text.utf8)
        var fastAccepted = 0
        for bytes in Self.variants(of: original, from: start) {
            let (expected, fastEnd, combined): (Result<Int, JSONSyntaxError>, Int, Result<Int, JSONSyntaxError>) =
                bytes.withUnsafeBufferPointer { buffer in
                    func run(_ body: (inout StrictJSONCursor) throws(JSONSyntaxError) -> Void) -> Result<Int, JSONSyntaxError> {
                        var cursor = StrictJSONCursor(buffer, at: start, maxDepth: 512)
                        do throws(JSONSyntaxError) {
                            try body(&cursor)
                            return .success(cursor.position)
                        } catch {
                            return .failure(error)
                        }
                    }
                    let expected = run { cursor throws(JSONSyntaxError) in try cursor.referenceFinishContainer(isObject: isObject, depth: 1)
                    }
                    let combined = run { cursor throws(JSONSyntaxError) in try cursor.finishContainer(isObject: isObject, depth: 1) }
                    let fastEnd = StrictSkip.rest(
                        ofContainer: isObject, buffer.baseAddress!, buffer.count, from: start, depth: 1, maxDepth: 512)
                    return (expected, fastEnd, combined)
                }
            let shown = String(decoding: bytes, as: UTF8.self)
            if fastEnd != StrictSkip.declined {
                fastAccepted += 1
                #expect(expected == .success(fastEnd), "\(shown)")
            }
            #expect(combined == expected, "\(shown)")
        }
        #expect(fastAccepted > 0)
    }

    // MARK: Random records

    /// Seeded random records and their mutants (insertions, deletions, truncations, escapes).
    @Test(arguments: [UInt64(7), 8, 9])
    func randomRecordsAndMutants(seed: UInt64) {
        var generator = RandomCases(seed: seed)
        var random = SeededRandom(seed: seed &* 7_919)
        var accepted = 0, rejected = 0
        for _ in 0..<200 {
            let original = Array(JSONWriter.write(generator.record()).utf8)
            #expect(Self.fast(original) != StrictSkip.declined)
            for round in 0..<15 {
                var bytes = original
                if round > 0 {
                    for _ in 0..<(1 + Int(random.next() % 3)) { MalformedInputTests.mutate(&bytes, &random) }
                }
                if Self.expectAgreement(bytes) { accepted += 1 } else { rejected += 1 }
            }
        }
        #expect(accepted > 300)
        #expect(rejected > 1500)
    }
}

extension String {
    /// The text with `"` and `\` replaced by `'` and `/` (so it stays plain inside a JSON string).
    fileprivate func replacingQuotesAndBackslashes() -> String {
        String(map { $0 == "\"" ? "'" : $0 == "\\" ? "/" : $0 })
    }
}
