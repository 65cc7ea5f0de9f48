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

        public init(indent: Int? = nil, sortKeys: Bool = false, escapeSlashes: Bool = false, escapeNonPrintable: Bool = false) {
            self.indent = indent
            self.sortKeys = sortKeys
            self.escapeSlashes = escapeSlashes
            self.escapeNonPrintable = escapeNonPrintable
        }

        public static let minified = Options()
        public static let pretty = Options(indent: 2)
    }

    /// The JSON text of `value`.
    public static func write(_ value: JSONValue, options: Options = .minified) -> String {
        var output = ""
        write(value, into: &output, options: options, depth: 0)
        return output
    }

    /// `text` as a quoted JSON string literal.
    public static func quote(_ text: String, escapeSlashes: Bool = false, escapeNonPrintable: Bool = false) -> String {
        var output = ""
        appendQuoted(text, into: &output, escapeSlashes: escapeSlashes, escapeNonPrintable: escapeNonPrintable)
        return output
    }

    /// Appends `text` as a quoted JSON string literal (see `Options` for the two escape choices).
    public static func appendQuoted(
        _ text: String, into output: inout String, escapeSlashes: Bool = false, escapeNonPrintable: Bool = false
    ) {
        output.append("\"")
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
        output += run
        output.append("\"")
    }

    /// DEL, C1 and U+FFFE/U+FFFF: outside YAML 1.1's printable set (`escapeNonPrintable`).
    private static func isNonPrintable(_ scalar: Unicode.Scalar) -> Bool {
        (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private static func write(_ value: JSONValue, into output: inout String, options: Options, depth: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): appendQuoted(text, into: &output, escapeSlashes: options.escapeSlashes, escapeNonPrintable: options.escapeNonPrintable)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                newline(into: &output, options: options, depth: depth + 1)
                write(element, into: &output, options: options, depth: depth + 1)
            }
            newline(into: &output, options: options, depth: depth)
            output += "]"
        case .object(var members):
            if members.isEmpty {
                output += "{}"
                return
            }
            if options.sortKeys {
                // Stable, so duplicate keys keep their relative order (the last still wins).
                members = members.enumerated().sorted { lhs, rhs in
                    let left = Array(lhs.element.key.utf8), right = Array(rhs.element.key.utf8)
                    return left == right ? lhs.offset < rhs.offset : left.lexicographicallyPrecedes(right)
                }.map(\.element)
            }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(into: &output, options: options, depth: depth + 1)
                appendQuoted(member.key, into: &output, escapeSlashes: options.escapeSlashes, escapeNonPrintable: options.escapeNonPrintable)
                output += options.indent == nil ? ":" : ": "
                write(member.value, into: &output, options: options, depth: depth + 1)
            }
            newline(into: &output, options: options, depth: depth)
            output += "}"
        }
    }

    private static func newline(into output: inout String, options: Options, depth: Int) {
        guard let indent = options.indent else { return }
        output += "\n" + String(repeating: " ", count: indent * depth)
    }
}
