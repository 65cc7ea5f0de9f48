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
        var reportedNumeric = false
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
                if source == .dynamodb, isDynamoDBAttributeValue(field.path), !reportedNumeric,
                   field.alternatives.contains(where: { if case .numeric = $0 { return true } else { return false } }) {
                    reportedNumeric = true
                    warnings.append(CriteriaWarning(
                        code: .numericOnDynamoDBAttribute,
                        message: "numeric operator on \(field.path): DynamoDB attribute values are strings in the record (\"N\": \"101\"), so it never matches; match the number as a string",
                        filterIndex: filterIndex
                    ))
                }
            }
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

    /// `dynamodb.NewImage.<attribute>...` and the like: typed attribute values, whose leaves are strings.
    private static func isDynamoDBAttributeValue(_ path: FieldPath) -> Bool {
        let segments = path.segments
        return segments.count >= 4 && ["NewImage", "OldImage", "Keys"].contains(segments[1])
    }
}
