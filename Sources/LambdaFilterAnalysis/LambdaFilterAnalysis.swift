/// # LambdaFilterAnalysis
///
/// Catching the filters that silently lose data, before they are deployed, and showing what a
/// filter does to a batch. Sits above `LambdaFilterSources` (record shapes, verdicts) and
/// `LambdaFilterCriteria` (AWS's limits), because its rules need both.
///
/// ```
/// [Pattern] + source + samples ──Linter.lint──▶ [LintDiagnostic]   (rules: LintRules.all)
/// batch + [SimulatedMapping] ──BatchSimulation──▶ per mapping: received, not passed, metrics;
///                                                 per record: delivered / at risk / lost
/// plain-item pattern ──DynamoDBTyping.typed──▶ typed pattern;  record ──plain──▶ plain item
/// ```
///
/// - `LintRules.all` is the one table of rules (id, severity, category, summary, fix);
///   `docs/lint.md` holds the same table. `Linter.lint(_:source:samples:options:)` applies them
///   to the filters of one FilterCriteria; each finding carries its filter, the field's JSON path
///   and line/column in the pattern, a fix, and "did you mean" suggestions
///   (`FieldSuggestions`, shared with `explain` through `Linter.fieldHints(for:record:)`).
/// - AWS's hard limits and refusals are decided by `FilterCriteria.check` and only mapped to rule
///   ids here, so no rule is written twice.
/// - `BatchSimulation` applies AWS's per-source disposition of records no filter passes, and the
///   competing (SQS, Amazon MQ) or independent (streams, Kafka) reading of several mappings.
public enum LambdaFilterAnalysis {}
