extension JSONWriter {
    /// Writes the JSON value in `text` exactly as `write(_:options:to:)` writes it parsed, with
    /// `.pretty` options, without building the value: `explain` shows a huge record this way.
    ///
    /// `text` must be one JSON value that `JSONParser` accepted (whitespace around it allowed);
    /// nothing is checked again. Strings without escapes are copied as they are (their bytes are
    /// what the writer would produce); a string with escapes is decoded by `JSONParser` and
    /// quoted by the writer, so escapes come out as the writer writes them. `depth` is the
    /// nesting the value is written at (its closing bracket's indentation).
    /// - Complexity: O(n) in the size of `text`; memory is the nesting depth plus one string
    ///   with escapes.
    package static func writePretty(validated text: UnsafeBufferPointer<UInt8>, depth: Int = 0, to target: inout some TextOutputStream) {
        var printer = ValidatedTextPrinter(text: text, baseDepth: depth)
        printer.write(to: &target)
    }
}

/// The walk behind `JSONWriter.writePretty(validated:depth:to:)`.
private struct ValidatedTextPrinter {
    let text: UnsafeBufferPointer<UInt8>
    let baseDepth: Int
    var position = 0
    /// Per open container, whether it is an object.
    var openObjects: [Bool] = []

    init(text: UnsafeBufferPointer<UInt8>, baseDepth: Int) {
        self.text = text
        self.baseDepth = baseDepth
    }

    mutating func write(to target: inout some TextOutputStream) {
        values: while true {
            skipWhitespace()
            guard position < text.count else { return }
            switch text[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = text[position] == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if position < text.count, text[position] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    target.write(isObject ? "{}" : "[]")
                } else {
                    target.write(isObject ? "{" : "[")
                    openObjects.append(isObject)
                    startChild(to: &target)
                    continue values
                }
            case UInt8(ascii: "\""):
                writeString(to: &target)
            default:
                // A number, true, false or null: written as it stands.
                let start = position
                while position < text.count, !Self.endsScalar(text[position]) { position += 1 }
                target.write(String(decoding: UnsafeBufferPointer(rebasing: text[start..<position]), as: UTF8.self))
            }
            // After a value: the next sibling, or the end of its containers.
            while let isObject = openObjects.last {
                skipWhitespace()
                guard position < text.count else { return }
                if text[position] == UInt8(ascii: ",") {
                    position += 1
                    target.write(",")
                    startChild(to: &target)
                    continue values
                }
                position += 1
                openObjects.removeLast()
                newline(depth: openObjects.count, to: &target)
                target.write(isObject ? "}" : "]")
            }
            return
        }
    }

    /// The line break before a child of the innermost container, and a member's key.
    mutating func startChild(to target: inout some TextOutputStream) {
        newline(depth: openObjects.count, to: &target)
        guard openObjects.last == true else { return }
        skipWhitespace()
        writeString(to: &target)
        skipWhitespace()
        position += 1  // the `:`
        target.write(": ")
    }

    mutating func writeString(to target: inout some TextOutputStream) {
        let start = position
        var escaped = false
        position += 1
        while position < text.count, text[position] != UInt8(ascii: "\"") {
            if text[position] == UInt8(ascii: "\\") {
                escaped = true
                position += 1
            }
            position += 1
        }
        position += 1
        let literal = UnsafeBufferPointer(rebasing: text[start..<min(position, text.count)])
        guard escaped else {
            Self.writeInPieces(literal, to: &target)
            return
        }
        // The writer's escapes, not the author's (`\u0041` is written `A`).
        if case .string(let decoded)? = try? JSONParser(maxDepth: 1).parseValue(utf8: literal) {
            JSONWriter.appendQuoted(decoded, into: &target)
        }
    }

    /// Valid UTF-8 without escapes, written in pieces that never split a character, so a huge
    /// string is never one more copy.
    static func writeInPieces(_ bytes: UnsafeBufferPointer<UInt8>, to target: inout some TextOutputStream) {
        let pieceSize = 1 << 16
        var start = 0
        while start < bytes.count {
            var end = min(start + pieceSize, bytes.count)
            // Back up to the first byte of a character (continuation bytes are 10xxxxxx).
            while end < bytes.count, end > start + 1, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            target.write(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            start = end
        }
    }

    func newline(depth: Int, to target: inout some TextOutputStream) {
        target.write("\n" + String(repeating: " ", count: 2 * (baseDepth + depth)))
    }

    mutating func skipWhitespace() {
        while position < text.count {
            switch text[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return true
        default: return false
        }
    }
}
