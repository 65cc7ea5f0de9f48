/// String-literal quoting for each language a rendering writes. Each function returns a literal
/// that the language reads back as exactly `text`.
enum Quoting {
    /// A POSIX shell word: bare when every character is safe, else single-quoted (`'` → `'\''`).
    static func shellWord(_ text: String) -> String {
        let safe =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                isASCIIAlphanumeric(scalar) || "@%+=:,./_-".unicodeScalars.contains(scalar)
            }
        if safe { return text }
        // Inside single quotes nothing is special but the quote itself, which must close the
        // quoted run, be escaped, and reopen it.
        return "'" + text.replacingAll("'", with: "'\\''") + "'"
    }

    /// A Python 3 string literal in single quotes.
    static func python(_ text: String) -> String {
        singleQuotedCodeLiteral(text)
    }

    /// A JavaScript / TypeScript string literal in single quotes.
    static func javaScript(_ text: String) -> String {
        singleQuotedCodeLiteral(text)
    }

    /// A single-quoted literal that Python 3 and JavaScript both read back as `text`: the two
    /// languages share these escapes (`\\ \' \n \r \t \xHH \uHHHH`). U+2028/U+2029 end a line
    /// inside JavaScript literals before ES2019, so `needsEscapeInCode` always escapes them.
    private static func singleQuotedCodeLiteral(_ text: String) -> String {
        var output = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "'": output += "\\'"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if needsEscapeInCode(scalar) {
                    output += scalar.value <= 0xFF ? "\\x" + hex(scalar.value, width: 2) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "'"
    }

    /// A JavaScript object key: bare when it is an identifier, else quoted.
    static func javaScriptKey(_ key: String) -> String {
        guard let first = key.unicodeScalars.first, isIdentifierStart(first),
            key.unicodeScalars.allSatisfy({ isIdentifierStart($0) || ("0"..."9").contains($0) })
        else { return javaScript(key) }
        return key
    }

    /// An HCL quoted template that yields `text` literally: escapes plus `$${` and `%%{` so no
    /// interpolation or directive starts.
    static func hcl(_ text: String) -> String {
        var output = "\""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "$" where next == "{": output += "$$"
            case "%" where next == "{": output += "%%"
            default:
                if needsEscapeInCode(scalar) {
                    output += "\\u" + hex(scalar.value, width: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A YAML scalar for a string value: bare when unambiguous, single-quoted when printable on
    /// one line, double-quoted with escapes otherwise (YAML 1.1, as libyaml and CloudFormation read it).
    static func yaml(_ text: String) -> String {
        if isPlainYAMLSafe(text) { return text }
        if text.unicodeScalars.allSatisfy(isYAMLSingleQuotable) {
            return "'" + text.replacingAll("'", with: "''") + "'"
        }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if isYAMLSingleQuotable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += scalar.value <= 0xFF ? "\\x" + hex(scalar.value, width: 2) : "\\u" + hex(scalar.value, width: 4)
                }
            }
        }
        return output + "\""
    }

    // MARK: - Character classes

    /// Characters written as escapes in Python, JavaScript and HCL literals: controls, DEL, C1,
    /// and the Unicode line and paragraph separators.
    private static func needsEscapeInCode(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Printable in YAML 1.1 and not a line break (so a single-quoted scalar keeps it verbatim).
    private static func isYAMLSingleQuotable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0xA0...0xD7FF: return scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Words that YAML 1.1 reads as booleans or null when bare.
    private static let yamlReservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null",
    ]

    private static func isPlainYAMLSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isASCIILetter(first),
            !yamlReservedWords.contains(text.lowercased()), text.last != ":"
        else { return false }
        return text.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || "_:./-".unicodeScalars.contains($0) }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || scalar == "_" || scalar == "$"
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || ("0"..."9").contains(scalar)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// Every occurrence of `target` replaced (stdlib only, no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var output = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            output += rest[..<range.lowerBound]
            output += replacement
            rest = rest[range.upperBound...]
        }
        return output + rest
    }
}
