import LambdaFilter

/// Whether a pattern survives being written as an object that a tool turns back into JSON
/// (Terraform `jsonencode`, CDK's `JSON.stringify`).
///
/// Lambda compares number text ("300, 300.0, and 3.0e2 are not considered equal") and merges
/// repeated object keys, so a tool that rewrites numbers or drops a duplicate key changes which
/// records pass. When a pattern would not survive, renderings keep it as an exact string.
enum ObjectForm {
    enum Tool {
        /// Terraform: numbers are 512-bit floats printed in plain decimal; objects sort keys.
        case terraformJSONEncode
        /// JavaScript: numbers are doubles printed in shortest form; `__proto__` is special.
        case javaScriptStringify
    }

    /// Why `value` would change on the way through `tool`, or `nil` when it survives.
    static func obstacle(in value: JSONValue, for tool: Tool) -> String? {
        switch value {
        case .null, .bool, .string: return nil
        case .number(let text):
            let survives = tool == .terraformJSONEncode ? isTerraformNumber(text) : isJavaScriptNumber(text)
            return survives ? nil : "the number \(text) would be rewritten, and Lambda compares number text"
        case .array(let elements):
            return elements.lazy.compactMap { obstacle(in: $0, for: tool) }.first
        case .object(let members):
            var seen = Set<String>()
            for member in members {
                if !seen.insert(member.key).inserted {
                    return "the key \(JSONWriter.quote(member.key)) is repeated, and an object literal keeps only one"
                }
                if tool == .javaScriptStringify, member.key == "__proto__" {
                    return "the key \"__proto__\" sets the prototype of a JavaScript object literal"
                }
                if let reason = obstacle(in: member.value, for: tool) { return reason }
            }
            return nil
        }
    }

    /// The parts of a plain decimal (`-12.5`), or `nil` for exponents, `-0`, leading zeros or trailing fraction zeros.
    private static func plainDecimal(_ text: String) -> (integer: Substring, fraction: Substring)? {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !integer.isEmpty, integer.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
            integer == "0" || integer.first != "0",
            parts.count == 1 || (!fraction.isEmpty && fraction.last != "0")
        else { return nil }
        if text.hasPrefix("-"), integer == "0", fraction.isEmpty { return nil }
        return (integer, fraction)
    }

    /// Terraform prints `big.Float.Text('f', -1)`: plain decimal, no trailing fraction zeros.
    private static func isTerraformNumber(_ text: String) -> Bool {
        guard let parts = plainDecimal(text) else { return false }
        // 512-bit precision holds well over 100 decimal digits.
        return parts.integer.count + parts.fraction.count <= 100
    }

    /// JavaScript prints the shortest digits that round-trip a double, in plain decimal from 1e-6 up to 1e21.
    private static func isJavaScriptNumber(_ text: String) -> Bool {
        guard let parts = plainDecimal(text) else { return false }
        var digits = Substring(parts.integer + parts.fraction)
        while digits.first == "0" { digits = digits.dropFirst() }
        if parts.fraction.isEmpty { while digits.last == "0" { digits = digits.dropLast() } }
        let leadingFractionZeros = parts.integer == "0" ? parts.fraction.prefix(while: { $0 == "0" }).count : 0
        // Up to 15 significant digits, two decimals never share a double, so the shortest form is the text itself.
        return digits.count <= 15 && parts.integer.count <= 21 && leadingFractionZeros <= 5
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
