/// `anything-but`: the field exists and its value is none of the given ones.
///
/// ```json
/// {"Weather": [{"anything-but": ["Raining", "Snowing"]}], "Code": [{"anything-but": 404}]}
/// {"Region": [{"anything-but": {"prefix": "us-"}}]}      // EventBridge only
/// ```
/// A missing field never matches; `null` and values of another type do (`null` is not
/// `"Raining"`), as AWS answered in the conformance corpus.
public enum AnythingBut: Sendable, Hashable {
    /// Values that are all strings or all numbers.
    case values([Literal])
    /// `{"anything-but": {"prefix": "us-"}}` (a list is EventBridge only): the string starts with none of them.
    case prefixes([String])
    /// `{"anything-but": {"suffix": ".png"}}`: the string ends with none of them.
    case suffixes([String])
    /// `{"anything-but": {"equals-ignore-case": ["a", "b"]}}`: the string equals none of them, ignoring case.
    case equalsIgnoreCase([String])
    /// `{"anything-but": {"wildcard": "*.tmp"}}`: the string matches none of the wildcards.
    case wildcards([WildcardPattern])

    /// The form's keyword for messages: `anything-but/prefix`.
    public var formName: String {
        switch self {
        case .values: return "anything-but"
        case .prefixes: return "anything-but/prefix"
        case .suffixes: return "anything-but/suffix"
        case .equalsIgnoreCase: return "anything-but/equals-ignore-case"
        case .wildcards: return "anything-but/wildcard"
        }
    }

    /// Whether `anything-but` of this form holds for `leaf` (`Condition.anythingBut(self).holds(for: leaf)`).
    package func holds(for leaf: LeafValue) -> Bool {
        Condition.anythingBut(self).holds(for: leaf)
    }

    static let badOperandMessage = "Value of anything-but must be an array or single string/number value."

    static func parse(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        switch operand.kind {
        case .string(let text):
            return .anythingBut(.values([.string(text)]))
        case .number(let text):
            return .anythingBut(.values([try comparableNumber(text, at: operand, appending: [], context: &context)]))
        case .array(let elements):
            guard !elements.isEmpty else {
                throw context.error(.invalidAnythingBut, "Empty arrays are not allowed", at: operand)
            }
            var literals: [Literal] = []
            var sawString = false, sawNumber = false
            for (index, element) in elements.enumerated() {
                switch element.kind {
                case .string(let text): literals.append(.string(text)); sawString = true
                case .number(let text):
                    literals.append(try comparableNumber(text, at: element, appending: [.index(index)], context: &context))
                    sawNumber = true
                default:
                    throw context.error(
                        .invalidAnythingBut, "Inside anything but list, either all values are number or string.", at: element,
                        appending: [.index(index)])
                }
                if sawString && sawNumber {
                    throw context.error(
                        .invalidAnythingBut, "Inside anything but list, either all values are number or string.", at: element,
                        appending: [.index(index)])
                }
            }
            return .anythingBut(.values(literals))
        case .object(let members):
            guard members.count == 1 else {
                throw context.error(.multipleOperatorKeys, "Only one key allowed in match expression", at: operand)
            }
            return try parseForm(members[0], context: &context)
        case .bool, .null:
            throw context.error(.invalidAnythingBut, badOperandMessage, at: operand)
        }
    }

    /// A number to exclude; event-ruler rejects one it cannot compare by value (`ComparableNumber`).
    private static func comparableNumber(
        _ text: String, at node: JSONNode, appending path: [JSONPathComponent], context: inout PatternParser.Context
    ) throws(PatternError) -> Literal {
        let number = NumberLiteral(text: text)
        guard number.value != nil else {
            throw context.error(.invalidAnythingBut, NumericRange.cannotCompareMessage(text), at: node, appending: path)
        }
        return .number(number)
    }

    /// `{"prefix": ...}`, `{"suffix": ...}`, `{"equals-ignore-case": ...}` or `{"wildcard": ...}`.
    private static func parseForm(_ member: JSONNode.Member, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        let keyword = member.key
        let operand = member.value
        let form = "anything-but/\(keyword)"
        switch keyword {
        case Keyword.prefix, Keyword.suffix, Keyword.equalsIgnoreCase, Keyword.wildcard: break
        default:
            throw context.error(
                .invalidAnythingBut, "Unsupported anything-but pattern: \(keyword)", at: operand, appending: [.key(keyword)])
        }
        try context.requireEventBridge(form, at: operand)
        context.path.append(.key(keyword))
        defer { context.path.removeLast() }

        // Each form takes a string or a non-empty list of strings.
        let typeMessage: String
        switch keyword {
        case Keyword.equalsIgnoreCase:
            typeMessage = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
        case Keyword.wildcard: typeMessage = "wildcard match pattern must be a string"
        default: typeMessage = "prefix/suffix match pattern must be a string"
        }
        var strings: [(String, JSONNode, Int?)] = []
        switch operand.kind {
        case .string(let text):
            strings = [(text, operand, nil)]
        case .array(let elements):
            guard !elements.isEmpty else { throw context.error(.invalidAnythingBut, "Empty arrays are not allowed", at: operand) }
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element.kind else {
                    throw context.error(.invalidOperand, typeMessage, at: element, appending: [.index(index)])
                }
                strings.append((text, element, index))
            }
        case .object:
            throw context.error(.invalidAnythingBut, badOperandMessage, at: operand)
        default:
            throw context.error(.invalidOperand, typeMessage, at: operand)
        }
        switch keyword {
        case Keyword.prefix, Keyword.suffix:
            for (text, node, index) in strings where text.isEmpty {
                throw context.error(
                    .invalidOperand, "Null prefix/suffix not allowed", at: node, appending: index.map { [.index($0)] } ?? [])
            }
            let texts = strings.map(\.0)
            return .anythingBut(keyword == Keyword.prefix ? .prefixes(texts) : .suffixes(texts))
        case Keyword.equalsIgnoreCase:
            return .anythingBut(.equalsIgnoreCase(strings.map(\.0)))
        default:
            var patterns: [WildcardPattern] = []
            for (text, node, index) in strings {
                patterns.append(try WildcardPattern.parse(text, node: node, context: &context, appending: index.map { [.index($0)] } ?? []))
            }
            return .anythingBut(.wildcards(patterns))
        }
    }
}
