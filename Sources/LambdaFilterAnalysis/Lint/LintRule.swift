/// How much a lint finding matters.
///
/// `check --strict` fails on errors and warnings, never on notes.
public enum LintSeverity: String, Sendable, Hashable, CaseIterable {
    /// AWS refuses the filter, or the toolkit cannot judge it.
    case error
    /// The filter loses data or does nothing: it never matches, or matches every record.
    case warning
    /// Worth knowing; the filter works as written on AWS today.
    case note
}

/// One lint rule, as data: what it finds, how bad it is, and the usual fix.
///
/// Every rule the toolkit applies to a pattern or a FilterCriteria is one value in
/// `LintRules.all`; `docs/lint.md` lists them (a test keeps the two in step).
public struct LintRule: Sendable, Hashable {
    /// What the rule looks at.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// Fields the source's records have (or do not).
        case fields
        /// A source's own behaviour that silently defeats a pattern.
        case sourceTraps = "source-traps"
        /// A pattern that can never match, or matches every record.
        case neverOrAlways = "never-or-always"
        /// The FilterCriteria as a whole: quotas, lengths, overlapping filters.
        case criteria
    }

    /// The stable identifier used by `--ignore` and in output: `field-not-in-record`.
    public let id: String
    /// How much the finding matters: an error AWS refuses, a warning that loses data, a note.
    public let severity: LintSeverity
    /// The group the rule belongs to, for `lambda-filter rules` and docs/lint.md.
    public let category: Category
    /// One line for the docs: what the rule finds and why it matters.
    public let summary: String
    /// One line: what to change (a finding may give a more specific fix).
    public let fix: String

    package init(id: String, severity: LintSeverity, category: Category, summary: String, fix: String) {
        self.id = id
        self.severity = severity
        self.category = category
        self.summary = summary
        self.fix = fix
    }
}

/// The rules, in one table.
public enum LintRules {
    /// `field-not-in-record` (warning): the pattern names a field the source's records lack.
    public static let fieldNotInRecord = LintRule(
        id: "field-not-in-record", severity: .warning, category: .fields,
        summary:
            "The pattern names a field the source's records do not have, so the filter never matches: SQS deletes, streams skip, Kafka/MQ commit every record it reads.",
        fix: "Name the field where the record has it (see \"did you mean\").")
    /// `field-not-in-samples` (note): no sample record (`--samples`) has the named field.
    public static let fieldNotInSamples = LintRule(
        id: "field-not-in-samples", severity: .note, category: .fields,
        summary: "No sample record (`--samples`) has the field the pattern names; the message suggests the samples' nearest field.",
        fix: "Check the field's name, case and depth against a real record.")
    /// `undocumented-filter-field` (note): the field exists, but AWS documents only the payload key.
    public static let undocumentedFilterField = LintRule(
        id: "undocumented-filter-field", severity: .note, category: .fields,
        summary:
            "The record has the field, but the source's filtering page documents only its payload key; the note cites what AWS documents and what AWS-recorded runs show.",
        fix: "Keep it if it works for you; move the condition under the payload key to stay within the documented behaviour.")
    /// `dynamodb-missing-type-key` (warning): a DynamoDB pattern skips an attribute's type key.
    public static let dynamoDBMissingTypeKey = LintRule(
        id: "dynamodb-missing-type-key", severity: .warning, category: .sourceTraps,
        summary:
            "A DynamoDB pattern skips an attribute's type key (`{\"status\": [\"OPEN\"]}` instead of `{\"status\": {\"S\": [\"OPEN\"]}}`): it never matches, and `exists: false` there matches every record.",
        fix:
            "Name the type key: {\"S\": [...]}, {\"N\": [\"101\"]}, {\"BOOL\": [true]}... (`lambda-filter dynamodb typed` converts a pattern)."
    )
    /// `dynamodb-number-on-string-value` (warning): a number under DynamoDB `N`, which holds strings.
    public static let dynamoDBNumber = LintRule(
        id: "dynamodb-number-on-string-value", severity: .warning, category: .sourceTraps,
        summary:
            "`numeric` or a number under a DynamoDB `N` (or `S`, `NS`...) value, dotted forms included: stream records hold them as strings, so it never matches.",
        fix: "Match the number as a string: {\"N\": [\"101\"]}; a range cannot be expressed.")
    /// `sns-message-not-decoded` (warning): a condition inside the SNS `Message` string of an SQS body.
    public static let snsMessageNotDecoded = LintRule(
        id: "sns-message-not-decoded", severity: .warning, category: .sourceTraps,
        summary:
            "`body.Message.x` on SQS: an SNS envelope carries `Message` as a JSON string the filter does not decode, so it never matches.",
        fix: "Turn on raw message delivery on the SNS subscription and filter on `body.x`.")
    /// `kinesis-gzip-data` (warning): a JSON `data` pattern on a stream fed by CloudWatch Logs (gzip).
    public static let kinesisCloudWatchLogs = LintRule(
        id: "kinesis-gzip-data", severity: .warning, category: .sourceTraps,
        summary:
            "A JSON `data` pattern on a Kinesis stream fed by CloudWatch Logs: the data is gzip, never JSON, so every record is dropped.",
        fix: "Filter in the function (or a Firehose transform) after gunzipping; Lambda cannot filter gzip data.")
    /// `sqs-message-attributes` (warning): a condition on SQS `messageAttributes`, seen never to match.
    public static let sqsMessageAttributes = LintRule(
        id: "sqs-message-attributes", severity: .warning, category: .sourceTraps,
        summary:
            "A condition on SQS `messageAttributes`: AWS's 2023 samples found such conditions never matched, and the docs list `body` only.",
        fix: "Move the value into the message body, or filter on `attributes` (system attributes).")
    /// `documentdb-not-filtered` (warning): any pattern on a DocumentDB mapping, which AWS does not filter.
    public static let documentDBNotFiltered = LintRule(
        id: "documentdb-not-filtered", severity: .warning, category: .sourceTraps,
        summary:
            "Any pattern on a DocumentDB mapping: \"Lambda doesn't support event filtering for Amazon DocumentDB\", so every change event reaches the function.",
        fix: "Filter in the function, or in the change stream's pipeline.")
    /// `operator-refused` (error): an operator the mapping's dialect refuses.
    public static let operatorRefused = LintRule(
        id: "operator-refused", severity: .error, category: .sourceTraps,
        summary:
            "An operator the mapping's dialect refuses (wildcard, anything-but with prefix/suffix/equals-ignore-case/wildcard): AWS rejects the FilterCriteria.",
        fix: "Use an operator Lambda documents (prefix, suffix, equals-ignore-case, anything-but of values...).")
    /// `data-pattern-not-json` (error): a plain-string pattern on Kinesis `data` or DynamoDB `dynamodb`.
    public static let dataPatternNotJSON = LintRule(
        id: "data-pattern-not-json", severity: .error, category: .sourceTraps,
        summary:
            "A plain-string pattern on Kinesis `data` or DynamoDB `dynamodb`: AWS refuses it at CreateEventSourceMapping/UpdateEventSourceMapping.",
        fix: "Match fields inside the payload: {\"data\": {\"field\": [...]}}.")
    /// `conflicting-conditions` (warning): conditions on one field that no value meets together.
    public static let conflictingConditions = LintRule(
        id: "conflicting-conditions", severity: .warning, category: .neverOrAlways,
        summary:
            "Conditions on one field that no value meets together (`exists: false` with a value, disjoint numeric ranges, different exact values), written through dotted keys or `$or`: that combination never matches. (Within one `numeric` an empty range is already an error: \"Bottom must be less than top\".)",
        fix: "Keep one condition per field, or list the values in one array (OR).")
    /// `string-operator-on-number` (warning): a string operator on a field the samples show as a number.
    public static let stringOperatorOnNumber = LintRule(
        id: "string-operator-on-number", severity: .warning, category: .neverOrAlways,
        summary: "`prefix`, `suffix`, `equals-ignore-case` or a string on a field the samples show to be a number: it never matches.",
        fix: "Use `numeric` or a number literal for a number field.")
    /// `exists-false-always` (warning): `exists: false` on a field no record has, so it filters nothing.
    public static let existsFalseAlways = LintRule(
        id: "exists-false-always", severity: .warning, category: .neverOrAlways,
        summary: "`exists: false` on a field no record has: it holds for every record, so the condition filters nothing.",
        fix: "Name the field where the record has it.")
    /// `value-cannot-occur` (warning): an exact value the field cannot hold.
    public static let valueCannotOccur = LintRule(
        id: "value-cannot-occur", severity: .warning, category: .neverOrAlways,
        summary:
            "An exact value the field cannot hold (DynamoDB `eventName` is INSERT, MODIFY or REMOVE; a number where the record holds strings): that value never matches.",
        fix: "Use a value the field can hold.")
    /// `anything-but-always` (warning): `anything-but` of values the field cannot hold.
    public static let anythingButAlways = LintRule(
        id: "anything-but-always", severity: .warning, category: .neverOrAlways,
        summary: "`anything-but` of values the field cannot hold: it matches every record that has the field.",
        fix: "Exclude a value the field can hold, or drop the condition.")
    /// `filter-covered` (note): a filter that passes only what another filter already passes.
    public static let filterCovered = LintRule(
        id: "filter-covered", severity: .note, category: .criteria,
        summary: "A filter passes only records another filter of the same FilterCriteria already passes: it uses quota and adds nothing.",
        fix: "Remove the covered filter.")
    /// `filter-quota` (warning): more filters than the default quota of 5.
    public static let filterQuota = LintRule(
        id: "filter-quota", severity: .warning, category: .criteria,
        summary: "More filters than the default quota of 5: AWS refuses the mapping unless the account's quota was raised (at most 10).",
        fix: "Fold filters (see fold-filters) or request the quota increase.")
    /// `too-many-filters` (error): more filters than AWS allows (10, or the limit given).
    public static let tooManyFilters = LintRule(
        id: "too-many-filters", severity: .error, category: .criteria,
        summary: "More filters than AWS allows (10 with the raised quota, or the limit given).",
        fix: "Fold filters into fewer with `$or` or value lists.")
    /// `pattern-too-long` (error): a pattern over 4,096 UTF-16 code units as sent.
    public static let patternTooLong = LintRule(
        id: "pattern-too-long", severity: .error, category: .criteria,
        summary: "A Pattern longer than 4,096 characters (UTF-16 code units) as sent: AWS refuses it.",
        fix: "Shorten it, or split it into several filters.")
    /// `fold-filters` (note): filters that fold into one without changing what passes.
    public static let foldFilters = LintRule(
        id: "fold-filters", severity: .note, category: .criteria,
        summary:
            "Filters that can be folded into one without changing what passes (a value list when they differ in one field's values; `$or` when they exceed the default quota), within 4,096 characters.",
        fix: "Use the folded pattern the message shows.")

    /// Every rule, in the order the docs list them.
    public static let all: [LintRule] = [
        fieldNotInRecord, fieldNotInSamples, undocumentedFilterField,
        dynamoDBMissingTypeKey, dynamoDBNumber, snsMessageNotDecoded, kinesisCloudWatchLogs, sqsMessageAttributes,
        documentDBNotFiltered, operatorRefused, dataPatternNotJSON,
        conflictingConditions, stringOperatorOnNumber, existsFalseAlways, valueCannotOccur, anythingButAlways,
        filterCovered, filterQuota, tooManyFilters, patternTooLong, foldFilters,
    ]

    /// The rule with this id.
    public static func rule(id: String) -> LintRule? {
        all.first { $0.id == id }
    }

    /// The docs table (`docs/lint.md` holds exactly this between its markers).
    package static var markdownTable: String {
        var lines = ["| id | severity | finds | fix |", "|---|---|---|---|"]
        for rule in all {
            lines.append("| `\(rule.id)` | \(rule.severity.rawValue) | \(rule.summary.replacingPipes) | \(rule.fix.replacingPipes) |")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
