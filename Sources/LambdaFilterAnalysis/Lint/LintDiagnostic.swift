import LambdaFilter
import LambdaFilterSources

/// One finding of one rule, placed in a filter's pattern when it concerns a field.
public struct LintDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The rule that found it; its id is what `--ignore` takes.
    public var rule: LintRule
    /// What is wrong with this pattern, in words that name the field and the source.
    public var message: String
    /// What to change here (the rule's fix unless the finding knows better).
    public var fix: String
    /// The filter (0-based, as in `Filters[1]`), `nil` for findings about the whole FilterCriteria.
    public var filterIndex: Int?
    /// The field the finding is about, when it is about one.
    public var field: FieldPath?
    /// The JSON path of the field's leaf array in the pattern (`$.body.a`, `$["$or"][1].x`).
    public var patternPath: [JSONPathComponent]?
    /// Where the field's leaf array stands in the filter's pattern text.
    public var location: TextLocation?
    /// "Did you mean": fields the record has that the author probably meant.
    public var suggestions: [FieldPath]

    package init(
        rule: LintRule, message: String, fix: String? = nil, filterIndex: Int? = nil, field: FieldPath? = nil,
        patternPath: [JSONPathComponent]? = nil, location: TextLocation? = nil, suggestions: [FieldPath] = []
    ) {
        self.rule = rule
        self.message = message
        self.fix = fix ?? rule.fix
        self.filterIndex = filterIndex
        self.field = field
        self.patternPath = patternPath
        self.location = location
        self.suggestions = suggestions
    }

    /// The rule's severity: an error AWS refuses, a warning that loses data, a note.
    public var severity: LintSeverity { rule.severity }

    /// The pattern path as text: `$.body.a`.
    public var patternPathDescription: String? { patternPath.map(JSONPathFormatter.format) }

    /// `did you mean $.body.a?`, or `nil` without suggestions.
    public var didYouMean: String? {
        guard !suggestions.isEmpty else { return nil }
        return "did you mean " + suggestions.map { "`\($0)`" }.joined(separator: " or ") + "?"
    }

    /// The message with its "did you mean", as one line.
    public var fullMessage: String {
        guard let didYouMean else { return message }
        return message + "; " + didYouMean
    }

    /// `line:column: Filters[i]: severity: message; did you mean ... [rule-id]`, as the CLI prints it (the place and filter only when known).
    public var description: String {
        var text = (filterIndex.map { "Filters[\($0)]: " } ?? "") + "\(severity.rawValue): \(fullMessage) [\(rule.id)]"
        if let location { text = "\(location): " + text }
        return text
    }

    /// For tools: `{"rule", "severity", "message", "fix", "filter", "path", "line", "column", "didYouMean"}`.
    public var json: JSONValue {
        var members: [JSONMember] = [
            JSONMember("rule", .string(rule.id)),
            JSONMember("severity", .string(severity.rawValue)),
            JSONMember("message", .string(message)),
            JSONMember("fix", .string(fix)),
        ]
        if let filterIndex { members.append(JSONMember("filter", .number(String(filterIndex)))) }
        if let field { members.append(JSONMember("field", .string(field.description))) }
        if let path = patternPathDescription { members.append(JSONMember("path", .string(path))) }
        if let location {
            members.append(JSONMember("line", .number(String(location.line))))
            members.append(JSONMember("column", .number(String(location.column))))
        }
        if !suggestions.isEmpty {
            members.append(JSONMember("didYouMean", .array(suggestions.map { .string($0.description) })))
        }
        return .object(members)
    }
}
