import LambdaFilter

/// Per-source checks of one pattern: which keys the source documents as filterable, and the
/// shapes AWS rejects or never matches for it.
enum SourceRules {
    static func check(_ pattern: Pattern, source: MappingSource, filterIndex: Int) -> (errors: [CriteriaError], warnings: [CriteriaWarning]) {
        guard let dataKey = source.documentedDataKey else { return ([], []) }
        var errors: [CriteriaError] = []
        var warnings: [CriteriaWarning] = []
        var otherKeys: [String] = []
        var reportedPlainData = false
        for conjunction in pattern.conjunctions {
            for field in conjunction.fields {
                guard let first = field.path.segments.first else { continue }
                if first != dataKey {
                    if !otherKeys.contains(first) { otherKeys.append(first) }
                    continue
                }
                if source.requiresJSONDataPattern, field.path.segments.count == 1, !reportedPlainData {
                    reportedPlainData = true
                    errors.append(CriteriaError(
                        code: .dataPatternNotJSON,
                        message: "\(source.displayName) needs the `\(dataKey)` pattern to be a JSON object (it matches `\(dataKey)` as a plain value here); AWS rejects this at CreateEventSourceMapping/UpdateEventSourceMapping",
                        filterIndex: filterIndex
                    ))
                }
            }
        }
        // The adapters' check (explain's hint), so lint and explain flag the same conditions.
        if source == .dynamodb, let first = DynamoDBTypedValues.numberConditions(in: pattern).first {
            warnings.append(CriteriaWarning(code: .numericOnDynamoDBAttribute, message: first.explanation, filterIndex: filterIndex))
        }
        if !otherKeys.isEmpty {
            let names = otherKeys.map { "`\($0)`" }.joined(separator: ", ")
            warnings.append(CriteriaWarning(
                code: .undocumentedKey,
                message: "pattern filters on \(names); \(source.displayName) documents filtering on `\(dataKey)` only",
                filterIndex: filterIndex
            ))
        }
        return (errors, warnings)
    }
}
