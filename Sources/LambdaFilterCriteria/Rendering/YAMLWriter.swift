import LambdaFilter

/// Writes a JSON value as block-style YAML (two-space indent), the layout CloudFormation and SAM
/// templates use. Strings are quoted only when YAML would otherwise read them differently.
enum YAMLWriter {
    /// The YAML document for `value`, ending with a newline.
    static func write(_ value: JSONValue) -> String {
        if value.isScalar || value.isEmptyCollection { return scalarOrEmpty(value) + "\n" }
        return blockLines(value, indent: 0).joined(separator: "\n") + "\n"
    }

    private static func blockLines(_ value: JSONValue, indent: Int) -> [String] {
        let padding = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            var lines: [String] = []
            for member in members {
                let key = padding + Quoting.yaml(member.key) + ":"
                if member.value.isScalar || member.value.isEmptyCollection {
                    lines.append(key + " " + scalarOrEmpty(member.value))
                } else {
                    lines.append(key)
                    lines += blockLines(member.value, indent: indent + 2)
                }
            }
            return lines
        case .array(let elements):
            var lines: [String] = []
            for element in elements {
                if element.isScalar || element.isEmptyCollection {
                    lines.append(padding + "- " + scalarOrEmpty(element))
                } else {
                    // The item's first line takes the dash; the rest stay aligned under it.
                    var nested = blockLines(element, indent: indent + 2)
                    nested[0] = padding + "- " + nested[0].dropFirst(indent + 2)
                    lines += nested
                }
            }
            return lines
        default:
            return [padding + scalarOrEmpty(value)]
        }
    }

    private static func scalarOrEmpty(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return Quoting.yaml(text)
        case .array: return "[]"
        case .object: return "{}"
        }
    }
}

extension JSONValue {
    var isEmptyCollection: Bool {
        switch self {
        case .array(let elements): return elements.isEmpty
        case .object(let members): return members.isEmpty
        default: return false
        }
    }
}
