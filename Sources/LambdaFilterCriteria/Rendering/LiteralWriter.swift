import LambdaFilter

/// Writes a JSON value as a literal in a programming language (Python dict, JavaScript object,
/// HCL object expression), indented, with arrays of scalars kept on one line.
struct LiteralWriter: Sendable {
    var indentUnit: String
    var quoteString: @Sendable (String) -> String
    var formatKey: @Sendable (String) -> String
    /// Between a key and its value: `": "` or `" = "`.
    var keySeparator: String
    /// After each object member on its own line: `","` (Python, JavaScript) or `""` (HCL).
    var memberTerminator: String
    var nullWord: String
    var trueWord: String
    var falseWord: String

    static let python = LiteralWriter(
        indentUnit: "    ", quoteString: Quoting.python, formatKey: Quoting.python, keySeparator: ": ",
        memberTerminator: ",", nullWord: "None", trueWord: "True", falseWord: "False"
    )
    static let javaScript = LiteralWriter(
        indentUnit: "  ", quoteString: Quoting.javaScript, formatKey: Quoting.javaScriptKey, keySeparator: ": ",
        memberTerminator: ",", nullWord: "null", trueWord: "true", falseWord: "false"
    )
    static let hcl = LiteralWriter(
        indentUnit: "  ", quoteString: Quoting.hcl, formatKey: Quoting.hcl, keySeparator: " = ",
        memberTerminator: "", nullWord: "null", trueWord: "true", falseWord: "false"
    )

    /// The literal for `value`, its first line unindented and later lines at `depth`.
    func write(_ value: JSONValue, depth: Int = 0) -> String {
        switch value {
        case .null: return nullWord
        case .bool(let flag): return flag ? trueWord : falseWord
        case .number(let text): return text
        case .string(let text): return quoteString(text)
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            if elements.allSatisfy(\.isScalar) {
                return "[" + elements.map { write($0) }.joined(separator: ", ") + "]"
            }
            let inner = String(repeating: indentUnit, count: depth + 1)
            let lines = elements.map { inner + write($0, depth: depth + 1) + "," }
            return "[\n" + lines.joined(separator: "\n") + "\n" + String(repeating: indentUnit, count: depth) + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = String(repeating: indentUnit, count: depth + 1)
            let lines = members.map { member in
                inner + formatKey(member.key) + keySeparator + write(member.value, depth: depth + 1) + memberTerminator
            }
            return "{\n" + lines.joined(separator: "\n") + "\n" + String(repeating: indentUnit, count: depth) + "}"
        }
    }
}

extension JSONValue {
    /// Not an array or object.
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
