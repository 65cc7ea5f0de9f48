import Testing

@testable import LambdaFilterSources

@Suite("Base64")
struct Base64Tests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var encoded: String
        var decoded: String
        var testDescription: String { "\"\(encoded)\"" }
    }

    // RFC 4648 §10 test vectors, padded and unpadded.
    @Test(arguments: [
        Valid(encoded: "", decoded: ""),
        Valid(encoded: "Zg==", decoded: "f"),
        Valid(encoded: "Zm8=", decoded: "fo"),
        Valid(encoded: "Zm9v", decoded: "foo"),
        Valid(encoded: "Zm9vYg==", decoded: "foob"),
        Valid(encoded: "Zm9vYmE=", decoded: "fooba"),
        Valid(encoded: "Zm9vYmFy", decoded: "foobar"),
        Valid(encoded: "Zg", decoded: "f"),
        Valid(encoded: "Zm8", decoded: "fo"),
        Valid(encoded: "Pz8/Pz4+", decoded: "????>>"),
    ])
    func decodesValidInput(_ example: Valid) throws {
        #expect(try Base64.decode(example.encoded) == Array(example.decoded.utf8))
    }

    @Test func decodesEveryByteValue() throws {
        let bytes = (0...255).map(UInt8.init)
        #expect(try Base64.decode(Fixtures.base64(bytes)) == bytes)
    }

    /// Every length (each remainder of the four-character groups), padded and unpadded, and a
    /// bad character at every offset, which is reported there.
    @Test func everyLengthDecodesAndEveryBadOffsetIsNamed() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
            let padded = Fixtures.base64(bytes)
            let unpadded = String(padded.prefix { $0 != "=" })
            #expect(try Base64.decode(padded) == bytes)
            #expect(try Base64.decode(unpadded) == bytes)
            for offset in 0..<unpadded.utf8.count {
                var broken = Array(unpadded.utf8)
                broken[offset] = UInt8(ascii: "*")
                let error = #expect(throws: Base64Error.self) { try Base64.decode(String(decoding: broken, as: UTF8.self)) }
                #expect(error?.offset == offset)
            }
        }
    }

    /// Decoding into one reused buffer (the byte path's) gives `decode`'s bytes and errors at
    /// every length, longer and shorter than the buffer already is, and leaves no stale bytes
    /// in the length it returns.
    @Test func decodingIntoAReusedBufferIsDecode() throws {
        var buffer: [UInt8] = []
        for length in [0, 1, 2, 3, 40, 7, 1, 0, 95, 12, 200, 5] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            for encoded in [Fixtures.base64(bytes), String(Fixtures.base64(bytes).prefix { $0 != "=" })] {
                var text = Array(encoded.utf8)
                let written = try text.withUnsafeBufferPointer { try Base64.decode(utf8: $0, into: &buffer) }
                #expect(Array(buffer[..<written]) == bytes, "\(encoded)")
                if !text.isEmpty {
                    text[text.count / 2] = UInt8(ascii: "!")
                    let broken = String(decoding: text, as: UTF8.self)
                    let expected = #expect(throws: Base64Error.self) { try Base64.decode(broken) }
                    let error = #expect(throws: Base64Error.self) {
                        try text.withUnsafeBufferPointer { try Base64.decode(utf8: $0, into: &buffer) }
                    }
                    #expect(error == expected, "\(broken)")
                }
            }
        }
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var encoded: String
        var offset: Int
        var reasonContains: String
        var testDescription: String { "\"\(encoded)\"" }
    }

    @Test(arguments: [
        Invalid(encoded: "eyJ!YQ==", offset: 3, reasonContains: "'!' is not a base64 character"),
        Invalid(encoded: "Zm9v YmFy", offset: 4, reasonContains: "whitespace"),
        Invalid(encoded: "Zm9v-mFy", offset: 4, reasonContains: "URL-safe"),
        Invalid(encoded: "Zm9v_mFy", offset: 4, reasonContains: "URL-safe"),
        Invalid(encoded: "Zg==Zg==", offset: 2, reasonContains: "'=' padding before the end"),
        Invalid(encoded: "Zm9vY", offset: 4, reasonContains: "truncated"),
        Invalid(encoded: "Zg===", offset: 2, reasonContains: "more than two '='"),
        Invalid(encoded: "Zm9vZg=", offset: 6, reasonContains: "padding does not complete"),
        Invalid(encoded: "Zm9vé", offset: 4, reasonContains: "byte 0xC3"),
    ])
    func rejectsInvalidInputAtTheExactOffset(_ example: Invalid) {
        do {
            let decoded = try Base64.decode(example.encoded)
            Issue.record("decoded to \(decoded)")
        } catch {
            #expect(error.offset == example.offset)
            #expect(error.reason.contains(example.reasonContains), "\(error.reason)")
        }
    }
}

/// The decoding loop reads two characters per lookup (`Base64.pairs`): every byte outside the
/// alphabet, in either place of a pair, at every offset of the eight-character groups, must
/// still be refused at its offset.
@Suite("Base64 pairs")
struct Base64PairTests {
    @Test(arguments: 0..<16)
    func everyByteOutsideTheAlphabetIsRefusedAtEveryOffset(offset: Int) throws {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let bytes = (0..<30).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 5) }
        let encoded = Array(Fixtures.base64(bytes).utf8)
        #expect(try Base64.decode(String(decoding: encoded, as: UTF8.self)) == bytes)
        for byte in (0...255).map(UInt8.init) where !alphabet.contains(byte) {
            var broken = encoded
            broken[offset] = byte
            var buffer: [UInt8] = []
            let error = #expect(throws: Base64Error.self) {
                try broken.withUnsafeBufferPointer { try Base64.decode(utf8: $0, into: &buffer) }
            }
            #expect(error?.offset == offset, "byte \(byte)")
        }
    }

    /// Every pair of alphabet characters decodes as the one-character-at-a-time slow path does.
    @Test func everyPairDecodes() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for first in alphabet {
            // Sixteen characters: the pair at each place of the first group.
            var text = (0..<64).map { alphabet[($0 &* 7 &+ Int(first)) % 64] }
            for second in alphabet {
                for place in stride(from: 0, to: 8, by: 2) {
                    text[place] = first
                    text[place + 1] = second
                    var buffer: [UInt8] = []
                    let written = try text.withUnsafeBufferPointer { try Base64.decode(utf8: $0, into: &buffer) }
                    #expect(Array(buffer[..<written]) == Self.slowDecode(text))
                }
            }
        }
    }

    static let sextet: [Int] = {
        var table = [Int](repeating: -1, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = index
        }
        return table
    }()

    /// Base64 by bit accumulation, the textbook way.
    static func slowDecode(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var accumulator = 0, bits = 0
        for byte in text {
            accumulator = accumulator << 6 | sextet[Int(byte)]
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> bits))
                accumulator &= (1 << bits) - 1
            }
        }
        return output
    }
}
