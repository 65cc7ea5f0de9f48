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

        public init(indent: Int? = nil, sortKeys: Bool = false, escapeSlashes: Bool = false) {
            self.indent = indent
            self.sortKeys = sortKeys
            self.escapeSlashes = escapeSlashes
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

    /// Writes the JSON text of `value` to `target` piece by piece, so a huge value is never
    /// held as one string.
    public static func write(_ value: JSONValue, options: Options = .minified, to target: inout some TextOutputStream) {
        write(value, into: &target, options: options, depth: 0)
    }

    /// `text` as a quoted JSON string literal.
    public static func quote(_ text: String, escapeSlashes: Bool = false) -> String {
        var output = ""
        appendQuoted(text, into: &output, escapeSlashes: escapeSlashes)
        return output
    }

    public static func appendQuoted(_ text: String, into output: inout some TextOutputStream, escapeSlashes: Bool = false) {
        output.write("\"")
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
                if scalar.value < 0x20 {
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

    private static func write(_ value: JSONValue, into output: inout some TextOutputStream, options: Options, depth: Int) {
        switch value {
        case .null: output.write("null")
        case .bool(let flag): output.write(flag ? "true" : "false")
        case .number(let text): output.write(text)
        case .string(let text): appendQuoted(text, into: &output, escapeSlashes: options.escapeSlashes)
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
                appendQuoted(member.key, into: &output, escapeSlashes: options.escapeSlashes)
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
public struct UTF8Bytes: TextOutputStream, Sendable {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }
}
