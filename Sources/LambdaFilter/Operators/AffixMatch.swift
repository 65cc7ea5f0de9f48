/// `prefix` and `suffix`, plain or with `equals-ignore-case`.
///
/// ```json
/// {"Region": [{"prefix": "us-"}], "FileName": [{"suffix": {"equals-ignore-case": ".PNG"}}]}
/// ```
/// Both match string values only; an empty prefix or suffix matches every string.
package enum AffixMatch {
    /// Reads the operand of `prefix` or `suffix`: a string, or `{"equals-ignore-case": string}`.
    static func parse(_ keyword: String, operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        let make: (String, Bool) -> Condition =
            keyword == Keyword.prefix
            ? { .prefix($0, ignoringCase: $1) } : { .suffix($0, ignoringCase: $1) }
        switch operand.kind {
        case .string(let text):
            return make(text, false)
        case .object(let members) where members.count == 1 && members[0].key == Keyword.equalsIgnoreCase:
            guard case .string(let text) = members[0].value.kind else {
                throw context.error(
                    .invalidOperand, "\(keyword)/equals-ignore-case match pattern must be a string", at: members[0].value,
                    appending: [.key(Keyword.equalsIgnoreCase)])
            }
            context.warnIfLambda(
                "\(keyword) with equals-ignore-case is documented for EventBridge and Pipes, not for Lambda event source mappings",
                at: operand)
            return make(text, true)
        default:
            throw context.error(.invalidOperand, "\(keyword) match pattern must be a string", at: operand)
        }
    }

    /// Whether `leaf` is a string starting with `prefix` (`Condition.prefix(...).holds(for: leaf)`).
    package static func hasPrefix(_ leaf: LeafValue, _ prefix: String, ignoringCase: Bool) -> Bool {
        Condition.prefix(prefix, ignoringCase: ignoringCase).holds(for: leaf)
    }

    /// Whether `leaf` is a string ending with `suffix` (`Condition.suffix(...).holds(for: leaf)`).
    package static func hasSuffix(_ leaf: LeafValue, _ suffix: String, ignoringCase: Bool) -> Bool {
        Condition.suffix(suffix, ignoringCase: ignoringCase).holds(for: leaf)
    }
}
