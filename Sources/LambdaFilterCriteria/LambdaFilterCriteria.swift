// The source vocabulary (EventSource, MappingSource, SourceSelection, VerdictWord) is part of
// this module's API, so importing this module is enough to name it.
@_exported import LambdaFilterVocabulary

/// LambdaFilterCriteria: getting validated filter patterns into an event source mapping exactly.
///
/// The pattern is JSON inside a JSON string inside a template or a shell line; this module does
/// that encoding once, checks AWS's limits, and reads deployed criteria back.
///
/// ## Build
/// ```swift
/// let criteria = try FilterCriteria(patternTexts: [text], options: CriteriaOptions(source: .sqs))
/// criteria.apiJSON        // {"Filters":[{"Pattern":"{\"body\":...}"}]}  ({} when empty)
/// criteria.canonicalJSON  // sorted keys and filters: for diffs and isEquivalent(to:)
/// criteria.warnings       // [CriteriaWarning]: undocumented keys, numeric on DynamoDB values...
/// ```
/// - `FilterCriteria(patterns: [Pattern], options:) throws(CriteriaError)`,
///   `FilterCriteria(patternTexts: [String], dialect:, options:) throws(CriteriaError)`,
///   `FilterCriteria.check(patterns:options:)` (every error, not just the first),
///   `FilterCriteria.removingAllFilters` (`{}`).
/// - `CriteriaOptions(formatting: .minified | .asWritten, limits: .aws | .raisedQuota |
///   CriteriaLimits(maxFilters:maxPatternLength:), source: MappingSource?, allowsUnsupportedSource:)`.
///   Pattern length is counted in UTF-16 units on the text as sent; DocumentDB filters are an
///   error unless `allowsUnsupportedSource` makes them a warning.
///
/// ## Render
/// `criteria.render(_ format: CriteriaFormat, _ context: RenderContext) -> String`, a pure function.
/// `CriteriaFormat` (CaseIterable, raw values are the CLI's `--format`): `json`, `request`,
/// `aws-cli`, `boto3`, `js-sdk`, `cloudformation`, `sam`, `terraform`, `cdk`.
/// `RenderContext(operation: .create | .update(uuid:), parameters: MappingParameters,
/// syntax: .yaml | .json, source:, logicalID:, eventName:, terraformName:)`; each format reads
/// only what it uses (`format.usesOperation`, `format.hasSyntaxChoice`).
/// Terraform `jsonencode({...})` and CDK `FilterCriteria.filter({...})` are used when they
/// reproduce the pattern; patterns with repeated keys or number text those tools would
/// rewrite (Lambda compares number text) stay exact strings, with a comment saying why.
///
/// ## Read back
/// `FilterCriteriaReader.read(text:limits:allowsUnsupportedSource:) throws(CriteriaError) -> [NamedCriteria]`
/// and `FilterCriteriaReader.entries(text:...)` (one `Result` per location) accept FilterCriteria
/// JSON, get/list-event-source-mappings output, request bodies, and CloudFormation/SAM templates
/// in JSON or YAML (short-form tags such as `!Ref`, `!Sub`, `!GetAtt` are read as their long form).
/// Errors name the resource or event (`MyFunction/Events/Queue`) and the filter (`Filters[1]`).
/// `FilterDocument.read(text:name:options:) -> FilterDocument` is the one reader behind every
/// command: it also reads EventBridge Pipes, `cdk.out` templates, `serverless.yml`, Terraform HCL
/// (a small evaluator of literals and `jsonencode`) and `terraform show -json`, and gives each
/// `FoundMapping` (id and aliases for `--mapping`, source, every error and warning of every
/// filter, each filter's place, and its other parameters as `FoundParameters` for validation),
/// plus `DocumentNote`s: a located syntax error, a duplicate YAML key, what a file holding no
/// filter looks like. Values computed at deploy time are `CriteriaWarning.Code.unresolvedValue`.
///
/// ## Validate the rest of the request
/// `parameters.validate(for: MappingOperation, source: MappingSource, fifoQueue: Bool?) -> [ParameterProblem]`
/// checks ranges per source, which members apply to which source, create-only members on update,
/// required members on create, and FunctionName/ARN formats. `MappingParameters.read(json:)`
/// reads a request body. Each `ParameterProblem` names parameter, source, value and allowed range:
/// `BatchSize = 20 (Amazon SQS FIFO queue): out of range; allowed: 1 to 10`.
public enum LambdaFilterCriteriaModule {}
