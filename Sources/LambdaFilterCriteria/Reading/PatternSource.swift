import LambdaFilter

/// One filter's `Pattern` string as found in a document: its text, and where it is written, so a
/// tool can point at a mistake inside the pattern in the document itself.
public struct PatternSource: Sendable, Hashable {
    /// How the string is written in the document.
    public enum Style: String, Sendable, Hashable {
        /// A JSON or Terraform quoted string (`"..."`), escapes decoded.
        case json
        /// A plain (unquoted) YAML scalar.
        case plain
        /// A single-quoted YAML scalar (`'...'`, `''` for a quote).
        case singleQuoted = "single-quoted"
        /// A double-quoted YAML scalar, escapes decoded.
        case doubleQuoted = "double-quoted"
        /// A YAML literal block (`|`).
        case literal
        /// A YAML folded block (`>`).
        case folded
        /// Computed by `Fn::Sub` without variables; its text is known, its place is not mapped.
        case substitution
        /// Written by the deployment tool from an object (Serverless `filterPatterns`,
        /// Terraform `jsonencode`); `start` is where the object is.
        case generated
        /// A Terraform heredoc (`<<EOF`).
        case heredoc
    }

    /// The filter, 0-based as in `Filters[1]`.
    public var filterIndex: Int
    /// The pattern text (the string's value).
    public var text: String
    /// Where the string starts in the document (its opening quote or block indicator), when known.
    public var start: TextLocation?
    /// How the string is written, which decides how pattern offsets map back into the document.
    public var style: Style
    /// The string as written, from `start`, and for each UTF-8 byte of `text` the offset in
    /// `written` it comes from; empty when the writing does not map byte for byte.
    private var written: [UInt8] = []
    private var rawOffsets: [Int] = []

    package init(filterIndex: Int, text: String, start: TextLocation? = nil, style: Style) {
        self.filterIndex = filterIndex
        self.text = text
        self.start = start
        self.style = style
    }

    /// Whether `documentLocation(ofPatternOffset:)` can answer.
    public var mapsIntoDocument: Bool { start != nil && !rawOffsets.isEmpty }

    /// The place in the document of the pattern's UTF-8 byte `offset` (a `PatternError`'s
    /// `location.offset`), or `nil` when the string's writing does not map exactly (folded or
    /// multi-line flow scalars, unknown escapes).
    public func documentLocation(ofPatternOffset offset: Int) -> TextLocation? {
        guard let start, !rawOffsets.isEmpty else { return nil }
        // Past the text (an unexpected end): the byte after the last one, a closing quote.
        let raw = offset < rawOffsets.count ? rawOffsets[max(0, offset)] : min(written.count - 1, (rawOffsets.last ?? -1) + 1)
        let relative = TextLocation(offset: raw, in: written)
        return TextLocation(
            offset: start.offset + raw,
            line: start.line + relative.line - 1,
            column: relative.line == 1 ? start.column + relative.column - 1 : relative.column
        )
    }

    /// A source whose writing, the document's bytes from `startOffset`, is mapped byte for byte
    /// when `style` allows it and decoding it gives back `text` exactly.
    /// - Complexity: O(length of the writing); the document is not copied.
    init(filterIndex: Int, text: String, style: Style, lines: LineTable, startOffset: Int) {
        let document = lines.bytes
        self.init(filterIndex: filterIndex, text: text, start: lines.location(startOffset), style: style)
        guard startOffset >= 0, startOffset < document.count else { return }
        let expected = Array(text.utf8)
        let mapped = document.withUnsafeBufferPointer { buffer -> ([Int], Int)? in
            let remainder = UnsafeBufferPointer(rebasing: buffer[startOffset...])
            guard let (decoded, offsets, consumed) = ScalarWriting.decode(remainder, style: style, length: expected.count),
                decoded == expected
            else { return nil }
            return (offsets, consumed)
        }
        guard let (offsets, consumed) = mapped else { return }
        written = Array(document[startOffset..<min(document.count, startOffset + consumed)])
        rawOffsets = offsets
    }
}

/// Decoders of the ways a string is written in JSON and YAML, tracking where each byte came from.
enum ScalarWriting {
    /// The document from the string's start, zero-based, without a copy.
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The first `length` decoded bytes of the scalar at the start of `raw`, the raw offset
    /// (from `raw.startIndex`) of each, and how many raw bytes were read; `nil` when `style`
    /// is not mapped or the writing uses something this decoder does not follow.
    static func decode(_ bytes: Bytes, style: PatternSource.Style, length: Int) -> ([UInt8], [Int], Int)? {
        switch style {
        case .json, .doubleQuoted: return quoted(bytes, quote: UInt8(ascii: "\""), length: length)
        case .singleQuoted: return quoted(bytes, quote: UInt8(ascii: "'"), length: length)
        case .plain: return plain(bytes, length: length)
        case .literal: return literal(bytes, length: length)
        case .folded, .substitution, .generated, .heredoc: return nil
        }
    }

    private static func quoted(_ bytes: Bytes, quote: UInt8, length: Int) -> ([UInt8], [Int], Int)? {
        guard bytes.first == quote else { return nil }
        var decoded: [UInt8] = []
        var offsets: [Int] = []
        var index = 1
        while decoded.count < length, index < bytes.count {
            let byte = bytes[index]
            // A line break inside a flow scalar is folded: stop mapping rather than guess.
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return nil }
            if quote == UInt8(ascii: "'") {
                if byte == quote {
                    guard index + 1 < bytes.count, bytes[index + 1] == quote else { break }
                    decoded.append(quote)
                    offsets.append(index)
                    index += 2
                    continue
                }
            } else if byte == quote {
                break
            } else if byte == UInt8(ascii: "\\") {
                guard let (scalar, width) = escape(bytes, at: index) else { return nil }
                for unit in String(scalar).utf8 {
                    decoded.append(unit)
                    offsets.append(index)
                }
                index += width
                continue
            }
            decoded.append(byte)
            offsets.append(index)
            index += 1
        }
        return (decoded, offsets, index + 1)
    }

    /// The scalar an escape at `index` (a backslash) stands for, and its width in bytes.
    private static func escape(_ bytes: Bytes, at index: Int) -> (Unicode.Scalar, Int)? {
        guard index + 1 < bytes.count else { return nil }
        let simple: [UInt8: Unicode.Scalar] = [
            UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/", UInt8(ascii: "b"): "\u{08}",
            UInt8(ascii: "f"): "\u{0C}", UInt8(ascii: "n"): "\n", UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
            UInt8(ascii: "0"): "\u{00}", UInt8(ascii: "a"): "\u{07}", UInt8(ascii: "v"): "\u{0B}", UInt8(ascii: "e"): "\u{1B}",
            UInt8(ascii: " "): " ", UInt8(ascii: "N"): "\u{85}", UInt8(ascii: "_"): "\u{A0}", UInt8(ascii: "L"): "\u{2028}",
            UInt8(ascii: "P"): "\u{2029}",
        ]
        let letter = bytes[index + 1]
        if let scalar = simple[letter] { return (scalar, 2) }
        let digits: Int
        switch letter {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: return nil
        }
        guard let value = hex(bytes, from: index + 2, count: digits) else { return nil }
        // A UTF-16 surrogate pair written as two \u escapes.
        if letter == UInt8(ascii: "u"), (0xD800...0xDBFF).contains(value), index + 11 < bytes.count,
            bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
            let low = hex(bytes, from: index + 8, count: 4), (0xDC00...0xDFFF).contains(low),
            let scalar = Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))
        {
            return (scalar, 12)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, 2 + digits)
    }

    private static func hex(_ bytes: Bytes, from start: Int, count: Int) -> UInt32? {
        guard start + count <= bytes.count else { return nil }
        return UInt32(String(decoding: bytes[start..<start + count], as: UTF8.self), radix: 16)
    }

    /// A plain scalar on one line maps one to one.
    private static func plain(_ bytes: Bytes, length: Int) -> ([UInt8], [Int], Int)? {
        let count = min(length, bytes.count)
        return (Array(bytes.prefix(count)), Array(0..<count), count)
    }

    /// `|` then lines indented by the first content line's indentation, kept as they are.
    private static func literal(_ bytes: Bytes, length: Int) -> ([UInt8], [Int], Int)? {
        let newline = UInt8(ascii: "\n")
        guard bytes.first == UInt8(ascii: "|"), var index = bytes.firstIndex(of: newline).map({ $0 + 1 }) else { return nil }
        // An explicit indentation indicator (`|2`) is relative to the parent: not followed here.
        if bytes[1..<index].contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) { return nil }
        var indent: Int?
        var decoded: [UInt8] = []
        var offsets: [Int] = []
        while decoded.count < length, index < bytes.count {
            let lineEnd = bytes[index...].firstIndex(of: newline) ?? bytes.count
            let spaces = bytes[index..<lineEnd].prefix { $0 == UInt8(ascii: " ") }.count
            if spaces == lineEnd - index {
                // A blank line stands for a line break alone.
                decoded.append(newline)
                offsets.append(lineEnd)
            } else {
                let width = indent ?? spaces
                indent = width
                guard spaces >= width else { return nil }
                for position in (index + width)...min(lineEnd, bytes.count - 1) where decoded.count < length {
                    decoded.append(bytes[position])
                    offsets.append(position)
                }
            }
            index = lineEnd + 1
        }
        return (decoded, offsets, min(index, bytes.count))
    }
}
