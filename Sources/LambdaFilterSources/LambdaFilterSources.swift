// The source vocabulary (EventSource, MappingSource, SourceSelection, VerdictWord) is part of
// this module's API, so importing this module is enough to name it.
@_exported import LambdaFilterVocabulary

/// # LambdaFilterSources
///
/// Every record as Lambda's filter sees it, for the six event sources, and the verdict Lambda
/// gives it. Builds on the core `LambdaFilter` module only (no Foundation).
///
/// ```
/// whole event ──EventSplitter.records(in:selection:)──▶ [Result<SourceRecord, RecordError>]
///                  (detects the source, splits, adapts)       │ .view: FilterView
///                                                             ▼
/// [Pattern] ──FilterSet(filters:source:)──▶ .verdict(for: view) ──▶ Verdict
/// ```
///
/// - `SourceAdapter.view(of:source:at:)` turns one record into a `FilterView`: the document the
///   filter sees (payload decoded), the payload key and the payload's `PayloadFormat`. One adapter
///   per source, each naming the AWS page it follows: `SQSAdapter`, `KinesisAdapter`,
///   `DynamoDBAdapter`, `DocumentDBAdapter`, `AmazonMQAdapter`, `KafkaAdapter`.
/// - `EventSplitter.records(in:selection:)` splits a whole event (or takes a single bare record)
///   and adapts each record, keeping its `RecordPosition` (`Records[3]`,
///   `records["mytopic-0"][1]`, `rmqMessagesByQueue["q::/"][0]`, `events[2]`). A broken record
///   gets a `RecordError` naming its position, field and reason; the others still adapt.
/// - `FilterSet` compiles a FilterCriteria's filters once and gives each view a `Verdict`:
///   passed (first passing filter), filtered, or dropped for a format mismatch (a filter whose
///   data pattern's form differs from the payload's does not match, on every source);
///   `outcomes(for:)` gives the per-filter detail for `explain`.
/// - `DynamoDBAdapter.numberConditionsOnTypedValues(in:)` finds numeric conditions on
///   string-typed DynamoDB values (`{"N": "101"}`), which never match on AWS.
///
/// Rules AWS leaves open and the choices made here are listed in README, "Differences from AWS
/// and choices where AWS is silent".
public enum LambdaFilterSources {}
