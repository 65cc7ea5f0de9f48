import LambdaFilterTestSupport
import Testing

@testable import LambdaFilter

/// `StrictJSONCursor.decodeString` against the two definitions it must agree with: it accepts
/// and rejects exactly what `skipString` does (same error, same offset, same end position), and
/// what it writes is the content `JSONParser` decodes.
@Suite("StrictJSONCursor.decodeString")
struct StrictDecodeStringTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The string literal, opening quote first.
        var literal: [UInt8]
        var testDescription: String { name }
        init(_ name: String, _ text: String) { self.init(name, bytes: Array(text.utf8)) }
        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            self.literal = bytes
        }
    }

    static let plain16 = "abcdefghijklmnop"
    static let long = String(repeating: "0123456789", count: 9)

    static let valid: [Case] = [
        Case("empty", #""""#),
        Case("short plain", #""abc""#),
        Case("15 plain bytes then an escape", #""abcdefghijklmno\"x""#),
        Case("16 plain bytes then an escape", "\"\(plain16)\\\"x\""),
        Case("17 plain bytes then an escape", "\"\(plain16)q\\\"x\""),
        Case("a run of 90 bytes (one copy)", "\"\(long)\""),
        Case("long runs between escapes", "\"\(long)\\n\(long)\\\\\(plain16)\""),
        Case("a quoted JSON body", #""{\"orderId\":\"ord-1\",\"items\":[{\"sku\":\"A\\/1\"}],\"n\":4}""#),
        Case("every short escape", #""\b\f\n\r\t\"\\\/""#),
        Case("\\u escapes", #""\u0041\u00e9\u20AC\ud83d\ude00""#),
        Case("lone high surrogate", #""a\ud800b""#),
        Case("high surrogate before a non-low escape", #""\ud800\u0041""#),
        Case("lone low surrogate", #""\udc00""#),
        Case("raw UTF-8 in a short run", "\"h\u{e9}llo \u{1F600}\""),
        Case("raw UTF-8 after a long run", "\"\(plain16)\u{e9}\u{20AC}\u{1F600}\(plain16)\""),
        Case("raw UTF-8 then escapes", "\"\u{e9}\\\"\u{1F600}\\n\""),
        Case(
            "block-sized runs between escapes", "\"\(plain16)\\\"\(plain16)q\\/\(plain16)\(plain16)\\\\\(String(plain16.dropLast()))\\n\""),
        Case("escapes at every offset of a block", "\"a\\\"bc\\\"def\\\"ghij\\\"klmno\\\"pqrstu\\\"vwxyz01\\\"23456789\\\"\""),
        Case("UTF-8 straddling blocks", "\"\(String(plain16.dropLast()))\u{20AC}\(String(plain16.dropLast(2)))\u{1F600}x\""),
        Case("\\u escapes after long runs", "\"\(plain16)\(plain16)\\u00e9\(plain16)\\ud83d\\ude00\(plain16)\""),
        // Quote, backslash and slash escapes are decoded with the block's other stops kept.
        Case("adjacent escapes in one block", #""\"\"\\\\\/\/ab\"\"cdefghijklmnopqrstuvwxyz\"""#),
        Case("an escape, then other escapes in its block", #""a\"b\nc\"d\te\/f\u0041g\"h\\""#),
        Case("an escape, then UTF-8 in its block", "\"a\\\"\u{e9}\\\"b\u{20AC}\\/\u{1F600}cdefghijklmnop\""),
        Case("an escape as a block's last two bytes", "\"\(String(plain16.dropLast(2)))\\\"\(plain16)\\\"x\""),
        Case("an escape across a block's end", "\"\(String(plain16.dropLast(1)))\\\"\(plain16)\""),
    ]

    static let invalid: [Case] = [
        Case("unterminated short", #""abc"#),
        Case("unterminated after a long run", "\"\(long)"),
        Case("unterminated after an escape", #""ab\""#),
        Case("backslash at the end", bytes: Array(#""ab\"#.utf8)),
        Case("raw control in a short run", bytes: Array("\"ab".utf8) + [0x01] + Array("c\"".utf8)),
        Case("raw control after a long run", bytes: Array("\"\(plain16)q".utf8) + [0x0A] + Array("\"".utf8)),
        Case("invalid escape", #""ab\x""#),
        Case("incomplete \\u", bytes: Array(#""\u12"#.utf8)),
        Case("\\u with a non-hex digit", #""\u12g4""#),
        Case("invalid UTF-8 byte", bytes: [0x22, 0x61, 0xFF, 0x22]),
        Case("invalid UTF-8 after a long run", bytes: Array("\"\(plain16)\(plain16)".utf8) + [0xC0, 0x80, 0x22]),
        Case("truncated UTF-8 sequence", bytes: [0x22, 0xE2, 0x82, 0x22]),
        Case("surrogate encoded in UTF-8", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]),
        Case("an escape, then a raw control in its block", bytes: Array(#""a\"b"#.utf8) + [0x01] + Array("cdefghijklmnopqrstu\"".utf8)),
        Case("an escape, then invalid UTF-8 in its block", bytes: Array(#""a\"b\\"#.utf8) + [0xFF] + Array("cdefghijklmnopqrstu\"".utf8)),
        Case("an escape, then an invalid escape in its block", #""a\"b\xcdefghijklmnopqrstu""#),
        Case("unterminated after escapes in a block", #""a\"b\"cdefghijklmnopqrstuvwxyz"#),
    ]

    /// Runs `body` on a cursor over `literal` followed by `, 1]`, so the string does not end the text.
    static func withCursor<T>(_ literal: [UInt8], _ body: (inout StrictJSONCursor, UnsafeMutablePointer<UInt8>) throws -> T) rethrows -> T {
        let text = literal + Array(", 1]".utf8)
        return try text.withUnsafeBufferPointer { bytes in
            let output = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            defer { output.deallocate() }
            var cursor = StrictJSONCursor(bytes)
            return try body(&cursor, output)
        }
    }

    @Test(arguments: valid)
    func decodesAsTheParserDoes(_ testCase: Case) throws {
        let parsed = try testCase.literal.withUnsafeBufferPointer { try JSONParser(maxDepth: 512).parse(utf8: $0) }
        guard case .string(let expected) = parsed.value else {
            Issue.record("the parser did not read a string")
            return
        }
        let (decoded, end) = try Self.withCursor(testCase.literal) { cursor, output in
            let length = try cursor.decodeString(into: output)
            return (Array(UnsafeBufferPointer(start: output, count: length)), cursor.position)
        }
        #expect(decoded == Array(expected.utf8))
        #expect(end == testCase.literal.count)
        let skipped = try Self.withCursor(testCase.literal) { cursor, _ in
            _ = try cursor.skipString()
            return cursor.position
        }
        #expect(end == skipped)
    }

    @Test(arguments: valid + invalid)
    func rejectsExactlyWhatSkipStringRejects(_ testCase: Case) {
        func outcome(
            _ run: (inout StrictJSONCursor, UnsafeMutablePointer<UInt8>) throws(JSONSyntaxError) -> Void
        )
            -> Result<Int, JSONSyntaxError>
        {
            Self.withCursor(testCase.literal) { cursor, output in
                do throws(JSONSyntaxError) {
                    try run(&cursor, output)
                    return .success(cursor.position)
                } catch {
                    return .failure(error)
                }
            }
        }
        let decoding = outcome { cursor, output throws(JSONSyntaxError) in _ = try cursor.decodeString(into: output) }
        let skipping = outcome { cursor, _ throws(JSONSyntaxError) in _ = try cursor.skipString() }
        #expect(decoding == skipping)
    }

    @Test(arguments: invalid)
    func invalidCasesAreInvalidJSON(_ testCase: Case) {
        // Guards the table: each of these must be a text the parser refuses.
        #expect(throws: JSONSyntaxError.self) {
            try testCase.literal.withUnsafeBufferPointer { try JSONParser(maxDepth: 512).parse(utf8: $0) }
        }
    }

    /// Random strings of plain bytes, escapes and UTF-8, so escapes land at every offset of a
    /// block and next to every other stop: decoded as the parser decodes them.
    @Test(arguments: [UInt64(1), 2, 3])
    func randomEscapeRunsDecodeAsTheParserDoes(seed: UInt64) throws {
        var generator = SeededRandom(seed: seed)
        let pieces = ["a", "b", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\u00e9"#, "\u{e9}", "\u{20AC}", "\u{1F600}", "xyz"]
        for _ in 0..<400 {
            let length = Int(generator.next() % 40)
            let content = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let literal = Array("\"\(content)\"".utf8)
            let parsed = try literal.withUnsafeBufferPointer { try JSONParser(maxDepth: 512).parse(utf8: $0) }
            guard case .string(let expected) = parsed.value else {
                Issue.record("the parser did not read \(content)")
                continue
            }
            let decoded = try Self.withCursor(literal) { cursor, output in
                let length = try cursor.decodeString(into: output)
                #expect(cursor.position == literal.count)
                return Array(UnsafeBufferPointer(start: output, count: length))
            }
            #expect(decoded == Array(expected.utf8), "\(content)")
        }
    }

    /// A string that ends the text, at every length around the block size: decoded as the
    /// parser decodes it, and nothing written past the room the caller gives (`count - position`).
    @Test(arguments: Array(0...40))
    func decodesAtTheEndOfTheTextWithinItsRoom(_ length: Int) throws {
        // Letters, with an escaped quote every seventh byte.
        var literal: [UInt8] = [UInt8(ascii: "\"")]
        for index in 0..<length {
            if index % 7 == 6 {
                literal += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            } else {
                literal.append(UInt8(ascii: "a") + UInt8(index % 26))
            }
        }
        literal.append(UInt8(ascii: "\""))
        let parsed = try literal.withUnsafeBufferPointer { try JSONParser(maxDepth: 512).parse(utf8: $0) }
        guard case .string(let expected) = parsed.value else {
            Issue.record("the parser did not read a string")
            return
        }
        let canary: UInt8 = 0xA5
        var output = [UInt8](repeating: canary, count: literal.count + 32)
        let (decodedLength, end) = try literal.withUnsafeBufferPointer { bytes in
            try output.withUnsafeMutableBufferPointer { room in
                var cursor = StrictJSONCursor(bytes)
                let decodedLength = try cursor.decodeString(into: room.baseAddress!)
                return (decodedLength, cursor.position)
            }
        }
        #expect(Array(output[..<decodedLength]) == Array(expected.utf8))
        #expect(end == literal.count)
        #expect(output[literal.count...].allSatisfy { $0 == canary })
    }
}
