/// Writes JSON text: minified, keys in their given order, strings escaped exactly as JSON needs.
public enum JSONWriter {
    /// Options for `write`.
    public struct Options: Sendable {
        /// Indent nested values with this many spaces; `nil` writes everything on one line.
        public var indent: Int?
        /// Sort object keys (by their UTF-8 bytes) for a canonical form.
        public var sortKeys: Bool
        /// Escape `/` as `\/` (never needed; off by default).
        public var escapeSlashes: Bool
        /// Escape DEL, the C1 controls (U+007F–U+009F) and the noncharacters U+FFFE/U+FFFF as
        /// `\uXXXX`. JSON allows them raw, but YAML 1.1 readers (which read JSON as YAML, as
        /// CloudFormation tools do) refuse them.
        public var escapeNonPrintable: Bool

        /// Options; the defaults write minified JSON, keys in their order, with only the escapes JSON needs.
        public init(indent: Int? = nil, sortKeys: Bool = false, escapeSlashes: Bool = false, escapeNonPrintable: Bool = false) {
            self.indent = indent
            self.sortKeys = sortKeys
            self.escapeSlashes = escapeSlashes
            self.escapeNonPrintable = escapeNonPrintable
        }

        /// One line, no whitespace, keys in their order.
        public static let minified = Options()
        /// Two-space indentation, one member or element per line.
        public static let pretty = Options(indent: 2)
    }

    /// The JSON text of `value`.
    public static func write(_ value: JSONValue, options: Options = .minified) -> String {
        var output = ""
        write(value, into: &output, options: options, depth: 0)
        return output
    }

    /// Writes the JSON text of `value` to `target` piece by piece, so a huge value is never
    /// held as one string.
    public static func write(_ value: JSONValue, options: Options = .minified, to target: inout some TextOutputStream) {
        write(value, into: &target, options: options, depth: 0)
    }

    /// `text` as a quoted JSON string literal.
    public static func quote(_ text: String, escapeSlashes: Bool = false, escapeNonPrintable: Bool = false) -> String {
        var output = ""
        appendQuoted(text, into: &output, escapeSlashes: escapeSlashes, escapeNonPrintable: escapeNonPrintable)
        return output
    }

    /// Appends `text` as a quoted JSON string literal (see `Options` for the two escape choices).
    package static func appendQuoted(
        _ text: String, into output: inout some TextOutputStream, escapeSlashes: Bool = false, escapeNonPrintable: Bool = false
    ) {
        output.write("\"")
        // Most strings need no escape: written as they are, a huge one is not copied.
        if !text.unicodeScalars.contains(where: { needsEscape($0, escapeSlashes: escapeSlashes, escapeNonPrintable: escapeNonPrintable) }) {
            output.write(text)
            output.write("\"")
            return
        }
        var run = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": run += "\\\""
            case "\\": run += "\\\\"
            case "\n": run += "\\n"
            case "\r": run += "\\r"
            case "\t": run += "\\t"
            case "\u{08}": run += "\\b"
            case "\u{0C}": run += "\\f"
            case "/" where escapeSlashes: run += "\\/"
            default:
                if scalar.value < 0x20 || (escapeNonPrintable && isNonPrintable(scalar)) {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    run += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    run.unicodeScalars.append(scalar)
                }
            }
        }
        output.write(run)
        output.write("\"")
    }

    /// Whether `appendQuoted` writes `scalar` escaped.
    private static func needsEscape(_ scalar: Unicode.Scalar, escapeSlashes: Bool, escapeNonPrintable: Bool) -> Bool {
        switch scalar {
        case "\"", "\\": return true
        case "/": return escapeSlashes
        default: return scalar.value < 0x20 || (escapeNonPrintable && isNonPrintable(scalar))
        }
    }

    /// DEL, C1 and U+FFFE/U+FFFF: outside YAML 1.1's printable set (`escapeNonPrintable`).
    private static func isNonPrintable(_ scalar: Unicode.Scalar) -> Bool {
        (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private static func write(_ value: JSONValue, into output: inout some TextOutputStream, options: Options, depth: Int) {
        switch value {
        case .null: output.write("null")
        case .bool(let flag): output.write(flag ? "true" : "false")
        case .number(let text): output.write(text)
        case .string(let text):
            appendQuoted(text, into: &output, escapeSlashes: options.escapeSlashes, escapeNonPrintable: options.escapeNonPrintable)
        case .array(let elements):
            if elements.isEmpty {
                output.write("[]")
                return
            }
            output.write("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { output.write(",") }
                newline(into: &output, options: options, depth: depth + 1)
                write(element, into: &output, options: options, depth: depth + 1)
            }
            newline(into: &output, options: options, depth: depth)
            output.write("]")
        case .object(var members):
            if members.isEmpty {
                output.write("{}")
                return
            }
            if options.sortKeys {
                // Stable, so duplicate keys keep their relative order (the last still wins).
                members = members.enumerated().sorted { lhs, rhs in
                    let left = Array(lhs.element.key.utf8), right = Array(rhs.element.key.utf8)
                    return left == right ? lhs.offset < rhs.offset : left.lexicographicallyPrecedes(right)
                }.map(\.element)
            }
            output.write("{")
            for (index, member) in members.enumerated() {
                if index > 0 { output.write(",") }
                newline(into: &output, options: options, depth: depth + 1)
                appendQuoted(
                    member.key, into: &output, escapeSlashes: options.escapeSlashes, escapeNonPrintable: options.escapeNonPrintable)
                output.write(options.indent == nil ? ":" : ": ")
                write(member.value, into: &output, options: options, depth: depth + 1)
            }
            newline(into: &output, options: options, depth: depth)
            output.write("}")
        }
    }

    private static func newline(into output: inout some TextOutputStream, options: Options, depth: Int) {
        guard let indent = options.indent else { return }
        output.write("\n" + String(repeating: " ", count: indent * depth))
    }
}

/// A `TextOutputStream` that collects UTF-8 bytes, for writing JSON straight into a byte buffer.
package struct UTF8Bytes: TextOutputStream, Sendable {
    package var bytes: [UInt8] = []

    package init() {}

    package mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }
}

/// Operations on JSON text as written, for when decoding and writing back would change it.
package enum JSONText {
    /// `value` minified, or, when `text` (the JSON `value` was read from) escapes a lone
    /// surrogate, `text` without its insignificant whitespace: a lone surrogate decodes to `?`
    /// as in AWS's engine, so writing the decoded value back would rewrite what the author wrote.
    package static func minified(_ text: String, value: JSONValue) -> String {
        containsLoneSurrogateEscape(text) ? removingWhitespace(text) : JSONWriter.write(value)
    }

    /// Whether a string in `text` has a `\u` escape of a surrogate that is not half of a pair.
    package static func containsLoneSurrogateEscape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        var pendingHigh = false
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                if pendingHigh { return true }
                index += 1
                continue
            }
            guard bytes[index + 1] == UInt8(ascii: "u"), let unit = hex4(bytes, from: index + 2) else {
                if pendingHigh { return true }
                index += 2  // another escape: skip its letter, so `\\u` is not read as `\u`
                continue
            }
            switch unit {
            case 0xD800..<0xDC00:
                if pendingHigh { return true }
                pendingHigh = true
            case 0xDC00..<0xE000:
                if !pendingHigh { return true }
                pendingHigh = false
            default:
                if pendingHigh { return true }
            }
            index += 6
        }
        return pendingHigh
    }

    /// `text` without whitespace outside strings; strings stay byte for byte.
    package static func removingWhitespace(_ text: String) -> String {
        var output: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                output.append(byte)
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hex4(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + 4] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 16 + Int(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value * 16 + Int(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value * 16 + Int(byte - 0x41 + 10)
            default: return nil
            }
        }
        return value
    }
}
