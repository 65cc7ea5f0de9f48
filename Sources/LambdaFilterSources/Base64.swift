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
package enum Base64 {
    /// Decodes `text`.
    /// - Complexity: O(n); one output buffer of exactly the decoded size.
    package static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        var text = text
        // `withUTF8` only rethrows untyped errors; carry the typed one out in a Result.
        let result = text.withUTF8 { bytes in Result { () throws(Base64Error) in try decode(utf8: bytes) } }
        return try result.get()
    }

    /// Decodes the ASCII bytes of a base64 text.
    package static func decode(utf8 input: UnsafeBufferPointer<UInt8>) throws(Base64Error) -> [UInt8] {
        // Trailing '=' is padding; any other '=' is reported by the character scan below.
        var dataLength = input.count
        while dataLength > 0 && input[dataLength - 1] == UInt8(ascii: "=") { dataLength -= 1 }
        let paddingLength = input.count - dataLength
        let wellFormed = paddingLength <= 2 && dataLength % 4 != 1 && (paddingLength == 0 || input.count % 4 == 0)
        if wellFormed, let decoded = decodeValid(input, dataLength: dataLength) { return decoded }
        return try decodeReportingErrors(input, dataLength: dataLength, paddingLength: paddingLength)
    }

    /// Decodes the ASCII bytes of a base64 text into `output`, reused from call to call: the
    /// decoded bytes are `output[..<length]` (the array only grows, so a buffer that fits the
    /// largest payload read is never allocated again). Errors are `decode(utf8:)`'s.
    package static func decode(utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(Base64Error) -> Int {
        var dataLength = input.count
        while dataLength > 0 && input[dataLength - 1] == UInt8(ascii: "=") { dataLength -= 1 }
        let paddingLength = input.count - dataLength
        let wellFormed = paddingLength <= 2 && dataLength % 4 != 1 && (paddingLength == 0 || input.count % 4 == 0)
        let outputLength = dataLength * 3 / 4
        if output.count < outputLength { output = [UInt8](repeating: 0, count: max(outputLength, 2 * output.count)) }
        if wellFormed {
            if dataLength == 0 { return 0 }
            // Two or more characters (a single one is not well-formed): both buffers have bytes.
            let written = output.withUnsafeMutableBufferPointer { buffer in
                decodeValid(input.baseAddress!, dataLength: dataLength, into: buffer.baseAddress!)
            }
            if let written { return written }
        }
        // Not base64: the slow path says where.
        let decoded = try decodeReportingErrors(input, dataLength: dataLength, paddingLength: paddingLength)
        if output.count < decoded.count { output = [UInt8](repeating: 0, count: decoded.count) }
        output.withUnsafeMutableBufferPointer { buffer in
            for (index, byte) in decoded.enumerated() { buffer[index] = byte }
        }
        return decoded.count
    }

    /// Decodes a base64 payload written as a JSON string literal, the opening quote at
    /// `quote`, in the one pass that also finds the literal's end: the decoding loop runs until
    /// a character is not base64 (the closing quote is not), so a text it decodes holds only
    /// base64 characters, a plain JSON string (no escape, control or non-ASCII byte) that needs
    /// no separate check.
    ///
    /// Returns the offset just past the closing quote (what `StrictSkip.plainString` returns for
    /// the literal) and the decoded length (`output[..<length]`, the bytes `decode(utf8:)` gives
    /// for the text), or nil for anything else (no quote at `quote`, no closing quote, a text
    /// that is not well-formed base64, a payload that decodes to more than `maxLength` bytes),
    /// which the caller reads the ordinary way.
    package static func decodeLiteral(
        _ base: UnsafePointer<UInt8>, _ count: Int, at quote: Int, maxLength: Int = .max, into output: inout [UInt8]
    ) -> (end: Int, length: Int)? {
        guard quote < count, base[quote] == UInt8(ascii: "\"") else { return nil }
        let start = quote &+ 1
        // Room for all that follows decoded, and for the loop's 8-byte stores.
        let room = (count &- start) / 4 * 3 &+ 8
        if output.count < room { output = [UInt8](repeating: 0, count: max(room, 2 * output.count)) }
        return output.withUnsafeMutableBufferPointer { buffer -> (end: Int, length: Int)? in
            let decoded = buffer.baseAddress!
            var read = start, written = 0
            // `decodeValid`'s loop, stopping at the first group of eight with a character that is
            // not base64: every character before `read` is one, so the closing quote is after.
            pairs.withUnsafeBufferPointer { pairs in
                while read &+ 8 <= count {
                    let characters = UnsafeRawPointer(base + read)
                    let a = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(as: UInt16.self)))]
                    let b = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))]
                    let c = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(fromByteOffset: 4, as: UInt16.self)))]
                    let d = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(fromByteOffset: 6, as: UInt16.self)))]
                    if (a | b | c | d) & pairInvalid != 0 { break }
                    let group = UInt64(a) << 36 | UInt64(b) << 24 | UInt64(c) << 12 | UInt64(d)
                    UnsafeMutableRawPointer(decoded + written).storeBytes(of: (group << 16).bigEndian, as: UInt64.self)
                    read &+= 8
                    written &+= 6
                }
            }
            var close = read
            while close < count && base[close] != UInt8(ascii: "\"") { close &+= 1 }
            guard close < count else { return nil }
            // The padding is after `read` (`=` is not base64, so the loop stopped before it).
            var dataEnd = close
            while dataEnd > read && base[dataEnd &- 1] == UInt8(ascii: "=") { dataEnd &-= 1 }
            let dataLength = dataEnd &- start, paddingLength = close &- dataEnd
            guard paddingLength <= 2, dataLength % 4 != 1, paddingLength == 0 || (close &- start) % 4 == 0 else { return nil }
            // The rest, whole groups from `read` on (`read - start` is a multiple of eight).
            guard let rest = decodeValid(base + read, dataLength: dataEnd &- read, into: decoded + written) else { return nil }
            let length = written &+ rest
            return length <= maxLength ? (close &+ 1, length) : nil
        }
    }

    /// The twelve bits of two characters, by the two bytes read as one little-endian `UInt16`
    /// (first character low); `pairInvalid` set when either is not in the alphabet. One lookup
    /// per two characters halves the table reads of the decoding loop.
    private static let pairs: [UInt16] = {
        var table = [UInt16](repeating: pairInvalid, count: 1 << 16)
        for first in 0..<256 where sextets[first] != 0xFF {
            for second in 0..<256 where sextets[second] != 0xFF {
                table[first | second << 8] = UInt16(sextets[first]) << 6 | UInt16(sextets[second])
            }
        }
        return table
    }()
    private static let pairInvalid: UInt16 = 0x8000

    /// Sextets by byte; 0xFF for a byte that is not in the alphabet.
    private static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    /// The fast path into a new array of exactly the decoded size; nil when some character is
    /// not base64 (the slow path then says which).
    private static func decodeValid(_ input: UnsafeBufferPointer<UInt8>, dataLength: Int) -> [UInt8]? {
        guard dataLength > 0, let source = input.baseAddress else { return [] }
        var valid = true
        let output = [UInt8](unsafeUninitializedCapacity: dataLength * 3 / 4) { output, initialized in
            if let written = decodeValid(source, dataLength: dataLength, into: output.baseAddress!) {
                initialized = written
            } else {
                valid = false
                initialized = 0
            }
        }
        return valid ? output : nil
    }

    /// The fast path: four characters at a time through a table, written straight into
    /// `output` (room for `dataLength * 3 / 4` bytes); the bytes written, or nil when some
    /// character is not base64.
    private static func decodeValid(_ source: UnsafePointer<UInt8>, dataLength: Int, into output: UnsafeMutablePointer<UInt8>) -> Int? {
        var invalid: UInt8 = 0
        var invalidPairs: UInt16 = 0
        var read = 0, written = 0
        pairs.withUnsafeBufferPointer { pairs in
            // Eight characters at a time, four pairs, their six bytes written as one 8-byte
            // store: while twelve or more characters are left, the store's two spare bytes are
            // still inside the output (they are overwritten by what follows).
            while read + 12 <= dataLength {
                let characters = UnsafeRawPointer(source + read)
                let a = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(as: UInt16.self)))]
                let b = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))]
                let c = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(fromByteOffset: 4, as: UInt16.self)))]
                let d = pairs[Int(UInt16(littleEndian: characters.loadUnaligned(fromByteOffset: 6, as: UInt16.self)))]
                invalidPairs |= a | b | c | d
                let group = UInt64(a) << 36 | UInt64(b) << 24 | UInt64(c) << 12 | UInt64(d)
                UnsafeMutableRawPointer(output + written).storeBytes(of: (group << 16).bigEndian, as: UInt64.self)
                read += 8
                written += 6
            }
        }
        if invalidPairs & pairInvalid != 0 { return nil }
        sextets.withUnsafeBufferPointer { table in
            while read + 4 <= dataLength {
                let a = table[Int(source[read])], b = table[Int(source[read + 1])]
                let c = table[Int(source[read + 2])], d = table[Int(source[read + 3])]
                invalid |= a | b | c | d
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                output[written] = UInt8(truncatingIfNeeded: group >> 16)
                output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                output[written + 2] = UInt8(truncatingIfNeeded: group)
                read += 4
                written += 3
            }
            // Two or three characters left: one or two bytes (their spare bits are dropped,
            // as the slow path drops them).
            if read + 2 <= dataLength {
                let a = table[Int(source[read])], b = table[Int(source[read + 1])]
                let c = read + 3 <= dataLength ? table[Int(source[read + 2])] : 0
                invalid |= a | b | c
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                output[written] = UInt8(truncatingIfNeeded: group >> 16)
                written += 1
                if read + 3 <= dataLength {
                    output[written] = UInt8(truncatingIfNeeded: group >> 8)
                    written += 1
                }
            }
        }
        // Valid sextets are below 64; the table's 0xFF marks set the high bit.
        return invalid & 0x80 == 0 ? written : nil
    }

    /// Decodes byte by byte, throwing at the first thing wrong.
    private static func decodeReportingErrors(
        _ input: UnsafeBufferPointer<UInt8>, dataLength: Int, paddingLength: Int
    ) throws(Base64Error) -> [UInt8] {
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
