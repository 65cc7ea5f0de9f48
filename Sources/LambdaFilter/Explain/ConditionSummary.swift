extension Condition {
    /// The condition as people read it in an explanation: `numeric [">", 100]`, `exact "paid"`,
    /// `exists: true`, `prefix "us-"`, `anything-but ["a", "b"]`.
    public var summary: String {
        switch self {
        case .equals(let literal):
            return "exact \(literal.patternText)"
        case .prefix(let text, let ignoringCase):
            return ignoringCase ? "prefix equals-ignore-case \(JSONWriter.quote(text))" : "prefix \(JSONWriter.quote(text))"
        case .suffix(let text, let ignoringCase):
            return ignoringCase ? "suffix equals-ignore-case \(JSONWriter.quote(text))" : "suffix \(JSONWriter.quote(text))"
        case .equalsIgnoreCase(let text):
            return "equals-ignore-case \(JSONWriter.quote(text))"
        case .wildcard(let pattern):
            return "wildcard \(JSONWriter.quote(pattern.text))"
        case .numeric(let range):
            return "numeric \(range.patternTerms)"
        case .exists(let present):
            return "exists: \(present)"
        case .anythingBut(let exclusion):
            return exclusion.summary
        case .cidr(let block):
            return "cidr \(JSONWriter.quote(block.text))"
        }
    }
}

extension Literal {
    /// The literal as JSON text: `"paid"`, `100`, `true`, `null`.
    public var patternText: String {
        switch self {
        case .string(let text): return JSONWriter.quote(text)
        case .number(let number): return number.text
        case .bool(let flag): return String(flag)
        case .null: return "null"
        }
    }
}

extension NumericRange {
    /// The range as a `numeric` array: `[">", 0, "<=", 5]` or `["=", 100]`.
    public var patternTerms: String {
        let number = NumericRange.format
        if let lower, let upper, lower == upper, lowerInclusive, upperInclusive {
            return "[\"=\", \(number(lower))]"
        }
        var terms: [String] = []
        if let lower { terms += ["\"\(lowerInclusive ? ">=" : ">")\"", number(lower)] }
        if let upper { terms += ["\"\(upperInclusive ? "<=" : "<")\"", number(upper)] }
        return "[" + terms.joined(separator: ", ") + "]"
    }
}

extension AnythingBut {
    /// `anything-but ["a", "b"]`, `anything-but prefix "us-"`...
    public var summary: String {
        func list(_ items: [String]) -> String {
            items.count == 1 ? items[0] : "[" + items.joined(separator: ", ") + "]"
        }
        switch self {
        case .values(let literals): return "anything-but \(list(literals.map(\.patternText)))"
        case .prefixes(let texts): return "anything-but prefix \(list(texts.map { JSONWriter.quote($0) }))"
        case .suffixes(let texts): return "anything-but suffix \(list(texts.map { JSONWriter.quote($0) }))"
        case .equalsIgnoreCase(let texts): return "anything-but equals-ignore-case \(list(texts.map { JSONWriter.quote($0) }))"
        case .wildcards(let patterns): return "anything-but wildcard \(list(patterns.map { JSONWriter.quote($0.text) }))"
        }
    }
}
