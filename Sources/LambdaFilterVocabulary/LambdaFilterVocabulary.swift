/// # LambdaFilterVocabulary
///
/// The one vocabulary of AWS event sources that the sources and criteria modules share, so that
/// a fact about a source is written once:
///
/// - `EventSource`: the sources by the shape of their records: names, payload keys, the
///   `eventSource` values Lambda writes, whether AWS applies filters, the JSON data-pattern rule.
/// - `MappingSource`: the kinds of event source mapping (MSK and self-managed Kafka apart),
///   derived from `EventSource`, with SAM event types, ARNs and CloudFormation resource types.
/// - `SourceSelection`: the `--source` values, the same in every command.
/// - `VerdictWord`: `passed`, `filtered`, `dropped`, as output, expectations and manifests write them.
/// - `DataPatternForm` and `EventSource.refuses(_:)`: a filter's form at the payload key and the
///   per-source rule AWS enforces on it, which criteria checks and verdicts both apply.
///
/// `LambdaFilterSources` and `LambdaFilterCriteria` re-export this module, so an embedder imports
/// either of them and has these types. Builds on the core `LambdaFilter` only (for `Pattern`).
public enum LambdaFilterVocabulary {}
