/// `numeric`: comparisons and ranges over JSON numbers.
///
/// ```json
/// {"Price": [{"numeric": ["=", 100]}], "Size": [{"numeric": [">", 10, "<=", 20]}]}
/// ```
/// Grammar: `["=", n]`, or a lower bound (`>` / `>=`) optionally followed by an upper bound
/// (`<` / `<=`), or an upper bound alone. Matches only values that are JSON numbers: a number
/// written as a string (`"42"`, as DynamoDB's `N` type is) never matches.
///
/// Bounds and values are compared exactly, over event-ruler's range: every number that is
/// exactly the double Java writes for it (`ComparableNumber`), from -1.7976931348623157e308 to
/// 1.7976931348623157e308. A bound outside that set (`9007199254740993`, `5e-324`, `1e400`) is
/// rejected with event-ruler's "Cannot compare number"; a value outside it never matches
/// (`1.00000000000000001` is not `>= 1`).
public struct NumericRange: Sendable, Hashable {
    /// The lower bound; `nil` when the range has none.
    public var lower: Double?
    /// Whether the lower bound itself is in the range (`>=` rather than `>`).
    public var lowerInclusive: Bool
    /// The upper bound; `nil` when the range has none.
    public var upper: Double?
    /// Whether the upper bound itself is in the range (`<=` rather than `<`).
    public var upperInclusive: Bool

    package init(lower: Double?, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    package static func equal(to value: Double) -> NumericRange {
        NumericRange(lower: value, lowerInclusive: true, upper: value, upperInclusive: true)
    }

    package func contains(_ value: Double) -> Bool {
        if let lower {
            if lowerInclusive ? value < lower : value <= lower { return false }
        }
        if let upper {
            if upperInclusive ? value > upper : value >= upper { return false }
        }
        return true
    }

    /// The range in the pattern's own notation: `> 10, <= 20`.
    public var notation: String {
        if let lower, let upper, lower == upper, lowerInclusive, upperInclusive { return "= \(Self.format(lower))" }
        var parts: [String] = []
        if let lower { parts.append("\(lowerInclusive ? ">=" : ">") \(Self.format(lower))") }
        if let upper { parts.append("\(upperInclusive ? "<=" : "<") \(Self.format(upper))") }
        return parts.joined(separator: ", ")
    }

    /// A bound as the pattern would write it: `100`, not `100.0`.
    static func format(_ value: Double) -> String {
        // An integral value below 1e15 prints as an integer. The test avoids `rounded()`,
        // which calls libm's `round` on Linux.
        if abs(value) < 1e15, let integer = Int64(exactly: value) { return String(integer) }
        return String(value)
    }

    /// event-ruler's message for a number it does not compare by value.
    static func cannotCompareMessage(_ text: String) -> String { "Cannot compare number : \(text)" }

    static func parse(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        guard case .array(let terms) = operand.kind else {
            throw context.error(.invalidNumericExpression, "Value of numeric must be an array.", at: operand)
        }
        guard !terms.isEmpty else {
            throw context.error(.invalidNumericExpression, "Empty arrays are not allowed", at: operand)
        }
        var range = NumericRange(lower: nil, lowerInclusive: false, upper: nil, upperInclusive: false)
        var index = 0
        var sawEquals = false
        while index < terms.count {
            let operatorNode = terms[index]
            guard case .string(let op) = operatorNode.kind else {
                throw context.error(
                    .invalidNumericExpression, "numeric operator must be one of \"=\", \"<\", \"<=\", \">\", \">=\"", at: operatorNode,
                    appending: [.index(index)])
            }
            if sawEquals || index >= 4 {
                throw context.error(
                    .invalidNumericExpression, "Too many terms in numeric range expression", at: operatorNode, appending: [.index(index)])
            }
            guard index + 1 < terms.count else {
                throw context.error(
                    .invalidNumericExpression, "Value of \(op) must be numeric", at: operatorNode, appending: [.index(index)])
            }
            let operandNode = terms[index + 1]
            guard case .number(let text) = operandNode.kind else {
                throw context.error(
                    .invalidNumericExpression, "Value of \(op) must be numeric", at: operandNode, appending: [.index(index + 1)])
            }
            guard let value = ComparableNumber.value(of: text) else {
                throw context.error(
                    .invalidNumericExpression, NumericRange.cannotCompareMessage(text), at: operandNode, appending: [.index(index + 1)])
            }
            switch op {
            case "=":
                guard index == 0 else {
                    throw context.error(
                        .invalidNumericExpression, "\"=\" cannot be combined with other numeric operators", at: operatorNode,
                        appending: [.index(index)])
                }
                range = .equal(to: value)
                sawEquals = true
            case ">", ">=":
                guard range.upper == nil else {
                    throw context.error(
                        .invalidNumericExpression, "the lower bound (> or >=) must come before the upper bound (< or <=)", at: operatorNode,
                        appending: [.index(index)])
                }
                guard range.lower == nil else {
                    throw context.error(
                        .invalidNumericExpression, "Too many terms in numeric range expression", at: operatorNode,
                        appending: [.index(index)])
                }
                range.lower = value
                range.lowerInclusive = op == ">="
            case "<", "<=":
                guard range.upper == nil else {
                    throw context.error(
                        .invalidNumericExpression, "Too many terms in numeric range expression", at: operatorNode,
                        appending: [.index(index)])
                }
                range.upper = value
                range.upperInclusive = op == "<="
            default:
                throw context.error(
                    .invalidNumericExpression, "Unrecognized numeric range operator: \(op)", at: operatorNode, appending: [.index(index)])
            }
            index += 2
        }
        if let lower = range.lower, let upper = range.upper, !sawEquals, lower >= upper {
            throw context.error(.invalidNumericExpression, "Bottom must be less than top", at: operand)
        }
        return .numeric(range)
    }
}
