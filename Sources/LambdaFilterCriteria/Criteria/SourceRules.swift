import LambdaFilter

/// The per-source rule AWS enforces when a mapping is created or updated: Kinesis and DynamoDB
/// refuse a data pattern that is not a JSON object. The rule is `EventSource.refuses(_:)`, which
/// verdicts apply too; advice about a pattern (fields the source's records lack or do not
/// document, DynamoDB type keys and numbers...) is lint's, in `LambdaFilterAnalysis`, so each
/// rule is written once.
enum SourceRules {
    static func check(_ pattern: Pattern, source: MappingSource, filterIndex: Int) -> [CriteriaError] {
        guard let dataKey = source.documentedDataKey, source.eventSource.refuses(DataPatternForm(of: pattern, dataKey: dataKey)) else {
            return []
        }
        return [
            CriteriaError(
                code: .dataPatternNotJSON,
                message:
                    "\(source.displayName) needs the `\(dataKey)` pattern to be a JSON object (it matches `\(dataKey)` as a plain value here); AWS rejects this at CreateEventSourceMapping/UpdateEventSourceMapping",
                filterIndex: filterIndex
            )
        ]
    }
}
