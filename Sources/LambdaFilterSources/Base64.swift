/// Why a base64 text does not decode, and where.
public struct Base64Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset of the offending character in the base64 text (in bytes; base64 is ASCII).
    public var offset: Int
    /// What is wrong, in a few words.
    public var reason: String

    package init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `reason at offset n`.
    public var description: String { "\(reason) at offset \(offset)" }
}

/// A strict decoder for standard base64 (RFC 4648 §4), the encoding Lambda uses for Kinesis,
/// Kafka and Amazon MQ payloads.
///
/// Accepts the standard alphabet with or without `=` padding (as Java's basic decoder, which
/// AWS services commonly use, does). Rejects whitespace, URL-safe characters, padding in the
/// middle and a dangling final character, naming the exact offset.
public enum Base64 {
    /// Decodes `text`.
    /// - Complexity: O(n); one output buffer of exactly the decoded size.
    public static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        var text = text
        // `withUTF8` only rethrows untyped errors; carry the typed one out in a Result.
        let result = text.withUTF8 { bytes in Result { () throws(Base64Error) in try decode(utf8: bytes) } }
        return try result.get()
    }

    /// Decodes the ASCII bytes of a base64 text.
    public static func decode(utf8 input: UnsafeBufferPointer<UInt8>) throws(Base64Error) -> [UInt8] {
        // Trailing '=' is padding; any other '=' is reported by the character scan below.
        var dataLength = input.count
        while dataLength > 0 && input[dataLength - 1] == UInt8(ascii: "=") { dataLength -= 1 }
        let paddingLength = input.count - dataLength
        var output: [UInt8] = []
        output.reserveCapacity(dataLength * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount = 0
        // Bad characters first, so the error points at the first wrong byte, not at the length.
        for index in 0..<dataLength {
            let byte = input[index]
            guard let sextet = sextet(of: byte) else {
                throw Base64Error(offset: index, reason: describe(byte))
            }
            accumulator = (accumulator << 6) | UInt32(sextet)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                accumulator &= (1 << UInt32(bitCount)) - 1
            }
        }
        if paddingLength > 2 {
            throw Base64Error(offset: dataLength, reason: "more than two '=' padding characters")
        }
        if dataLength % 4 == 1 {
            throw Base64Error(offset: dataLength - 1, reason: "truncated input: a single base64 character cannot end a group")
        }
        if paddingLength > 0 && (dataLength + paddingLength) % 4 != 0 {
            throw Base64Error(offset: dataLength, reason: "padding does not complete a 4-character group")
        }
        return output
    }

    private static func sextet(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "="): return "'=' padding before the end of the data"
        case UInt8(ascii: "-"), UInt8(ascii: "_"):
            return "'\(Character(Unicode.Scalar(byte)))' belongs to the URL-safe alphabet, not standard base64"
        case 0x20, 0x09, 0x0A, 0x0D: return "whitespace is not allowed in base64"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))' is not a base64 character"
        default: return "byte 0x\(String(byte, radix: 16, uppercase: true)) is not a base64 character"
        }
    }
}
