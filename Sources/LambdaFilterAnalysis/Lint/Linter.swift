import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources

/// Choices for one lint run.
public struct LintOptions: Sendable, Hashable {
    /// Rule ids not to report (`--ignore`).
    public var ignoring: Set<String>
    /// The most filters AWS can accept for the mapping (10 with the raised quota).
    public var maxFilters: Int
    /// The default quota, above which `filter-quota` warns.
    public var defaultQuota: Int

    /// Options that ignore nothing and hold AWS's quotas: at most 10 filters, a warning above 5.
    public init(
        ignoring: Set<String> = [], maxFilters: Int = CriteriaLimits.raisedQuota.maxFilters,
        defaultQuota: Int = CriteriaLimits.aws.maxFilters
    ) {
        self.ignoring = ignoring
        self.maxFilters = maxFilters
        self.defaultQuota = defaultQuota
    }
}

/// Applies `LintRules.all` to the filters of one FilterCriteria.
///
/// ```
/// patterns ─┬─ per field:   record shape (+ samples) ─▶ field, source-trap, never/always rules
///           └─ per filter set: FilterCriteria.check (quota, length, refused) + overlap, folding
/// ```
/// Cost is linear in the patterns' fields and the samples' size, except the pairwise filter
/// comparisons, which are bounded by the 10-filter quota.
public enum Linter {
    /// Every finding for `patterns` as filters of one mapping of `source` (`nil`: no source known,
    /// only the rules that need none), ordered by filter and place.
    public static func lint(
        _ patterns: [Pattern], source: EventSource?, samples: [FilterView] = [], options: LintOptions = LintOptions()
    ) -> [LintDiagnostic] {
        let index = SampleIndex(views: samples.filter { source == nil || $0.source == source })
        var findings: [LintDiagnostic] = []
        for (filterIndex, pattern) in patterns.enumerated() {
            var filterLint = FilterLint(
                pattern: pattern, filterIndex: filterIndex, filterCount: patterns.count, source: source, samples: index)
            filterLint.run()
            findings += filterLint.findings
        }
        findings += CriteriaLint.findings(patterns, source: source, options: options)
        var seen = Set<String>()
        return findings.filter { finding in
            guard !options.ignoring.contains(finding.rule.id) else { return false }
            let key = "\(finding.rule.id)|\(finding.filterIndex ?? -1)|\(finding.field?.dottedName ?? "")|\(finding.message)"
            return seen.insert(key).inserted
        }
    }

    /// The "did you mean" lint gives for fields `pattern` names that `record` lacks, as explain
    /// shows them: one line per field with a suggestion.
    package static func fieldHints(for pattern: Pattern, record: FilterView) -> [String] {
        lint([pattern], source: record.source, samples: [record])
            .filter { [LintRules.fieldNotInRecord.id, LintRules.fieldNotInSamples.id].contains($0.rule.id) && !$0.suggestions.isEmpty }
            .map(\.fullMessage)
    }
}

/// The per-field rules for one filter.
struct FilterLint {
    let pattern: Pattern
    let filterIndex: Int
    /// How many filters the FilterCriteria has (a filter that never matches loses data only when alone).
    let filterCount: Int
    let source: EventSource?
    let samples: SampleIndex
    let places: PatternPlaces
    let shape: RecordShape?
    var findings: [LintDiagnostic] = []

    init(pattern: Pattern, filterIndex: Int, filterCount: Int = 1, source: EventSource?, samples: SampleIndex) {
        self.pattern = pattern
        self.filterIndex = filterIndex
        self.filterCount = filterCount
        self.source = source
        self.samples = samples
        self.places = PatternPlaces(pattern)
        self.shape = source.map(RecordShape.of)
    }

    /// Each field once (a `$or` repeats fields across combinations), with how many combinations name it.
    private var distinctFields: [(field: FieldCondition, combinations: Int)] {
        var order: [String] = []
        var fields: [String: (FieldCondition, Int)] = [:]
        for conjunction in pattern.conjunctions {
            for field in conjunction.fields {
                let key = "\(field.offset)|\(field.path.dottedName)"
                if let existing = fields[key] {
                    fields[key] = (existing.0, existing.1 + 1)
                } else {
                    order.append(key)
                    fields[key] = (field, 1)
                }
            }
        }
        return order.compactMap { fields[$0] }.map { (field: $0.0, combinations: $0.1) }
    }

    mutating func run() {
        var notedKeys = Set<String>()
        var reportedGzip = false
        for (field, combinations) in distinctFields {
            let segments = field.path.nameSegments
            let name = field.path.dottedName
            let everywhere = combinations == pattern.conjunctions.count
            let onlyAbsence = field.alternatives.allSatisfy { $0 == .exists(false) }
            if let shape, let first = segments.first {
                // A sample with the field, or with a top-level key the shape does not list, outweighs the shape.
                let sampleHasField = samples.has(name) || (samples.has(first) && !shape.fields.contains(first))
                if !shape.knows(segments) && !sampleHasField {
                    reportUnknownField(field, onlyAbsence: onlyAbsence, everywhere: everywhere, shape: shape)
                    continue
                }
                if let dataKey = shape.dataKey, first != dataKey {
                    if source == .sqs && first == "messageAttributes" {
                        add(
                            LintRules.sqsMessageAttributes, field,
                            "`\(field.path)` is an SQS message attribute: AWS's 2023 samples (serverless-patterns lambda-esm-sqs-filters-sam) found filters on `messageAttributes` never matched, and AWS's SQS filtering page documents `body` only"
                        )
                    } else if notedKeys.insert(first).inserted {
                        add(LintRules.undocumentedFilterField, field, shape.undocumentedFieldNote(first))
                    }
                }
                if source == .sqs, segments.count >= 3, segments[0] == "body", segments[1] == "Message",
                    !samples.containers.contains("body.Message")
                {
                    add(
                        LintRules.snsMessageNotDecoded, field,
                        "`\(field.path)` reads inside an SNS notification's `Message`, which SQS delivers as a JSON string the filter does not decode, so it never matches; with raw message delivery on, the body is the message itself",
                        fix:
                            "turn on raw message delivery (RawMessageDelivery: true) on the SNS subscription and filter on `$.body.\(segments.dropFirst(2).joined(separator: "."))`"
                    )
                }
                if source == .kinesis, first == "data", segments.count >= 2, !reportedGzip,
                    samples.hasGzipPayload || Self.cloudWatchLogsFields.contains(segments[1])
                {
                    reportedGzip = true
                    let why =
                        samples.hasGzipPayload
                        ? "a sample's data is gzip (base64 \"H4sI...\")"
                        : "`\(segments[1])` is a field of CloudWatch Logs subscription data"
                    add(
                        LintRules.kinesisCloudWatchLogs, field,
                        "\(why): CloudWatch Logs delivers gzip-compressed data to Kinesis, which is never JSON, so a JSON `data` pattern drops every such record"
                    )
                }
                if source == .dynamodb {
                    checkDynamoDBTypeKey(field, segments: segments, onlyAbsence: onlyAbsence)
                }
            }
            if !samples.isEmpty, !samples.has(name) {
                let suggestions = FieldSuggestions.suggestions(for: field.path, source: source, samples: samples)
                let absence = onlyAbsence ? "; `exists: false` holds for every sample" : ""
                add(LintRules.fieldNotInSamples, field, "no sample record has `\(field.path)`\(absence)", suggestions: suggestions)
            }
            checkValueTypes(field, name: name)
        }
        checkDynamoDBNumbers()
        checkConflicts()
    }

    static let cloudWatchLogsFields: Set<String> = ["logEvents", "logGroup", "logStream", "messageType", "subscriptionFilters", "owner"]

    // MARK: Fields

    private mutating func reportUnknownField(_ field: FieldCondition, onlyAbsence: Bool, everywhere: Bool, shape: RecordShape) {
        var suggestions = FieldSuggestions.suggestions(for: field.path, source: source, samples: samples)
        if source == .dynamodb { suggestions = suggestions.map { Self.withTypeKey($0, for: field) } }
        let what = "`\(field.path)` is not a field of \(shape.source.displayName) records"
        if onlyAbsence {
            add(
                LintRules.existsFalseAlways, field, "\(what), so `exists: false` holds for every record and this condition filters nothing",
                suggestions: suggestions)
            return
        }
        var consequence = everywhere ? "so the filter never matches" : "so the $or combinations naming it never match"
        if everywhere {
            consequence += filterCount == 1 ? ": \(shape.source.fateOfUnpassedRecords)" : " (only the other filters pass records)"
        }
        let prefix =
            RecordShape.envelopeKeys.contains(field.path.nameSegments.first ?? "")
            ? "the filter sees each record, not the event around it: " : ""
        add(LintRules.fieldNotInRecord, field, "\(prefix)\(what), \(consequence)", suggestions: suggestions)
    }

    /// `dynamodb.NewImage.status` completed with the type key its conditions need.
    static func withTypeKey(_ path: FieldPath, for field: FieldCondition) -> FieldPath {
        let segments = path.nameSegments
        guard segments.count == 3, segments[0] == "dynamodb", DynamoDBAdapter.imageKeys.contains(segments[1]),
            let descriptor = DynamoDBTyping.descriptor(for: field.alternatives)
        else { return path }
        return FieldPath(segments + [descriptor])
    }

    // MARK: DynamoDB

    /// `dynamodb.NewImage.status` (or `…M.city`) with conditions but no type key.
    private mutating func checkDynamoDBTypeKey(_ field: FieldCondition, segments: [String], onlyAbsence: Bool) {
        guard segments.count >= 3, segments[0] == "dynamodb", DynamoDBAdapter.imageKeys.contains(segments[1]) else { return }
        guard !Self.endsOnTypedValue(segments[2...]) else { return }
        let typed = DynamoDBTyping.descriptor(for: field.alternatives).map { FieldPath(segments + [$0]) }
        let suggestions = [typed].compactMap { $0 }
        if onlyAbsence {
            add(
                LintRules.dynamoDBMissingTypeKey, field,
                "`\(field.path)` is a DynamoDB attribute, which holds an object such as {\"S\": \"...\"}; `exists: false` on an object holds, so this matches every record (AWS-recorded)",
                fix: "name the type key: {\"\(segments.last ?? "attribute")\": {\"S\": [{\"exists\": false}]}}", suggestions: suggestions)
        } else {
            add(
                LintRules.dynamoDBMissingTypeKey, field,
                "`\(field.path)` is a DynamoDB attribute, which holds a typed value such as {\"S\": \"OPEN\"}, so a condition without the type key never matches",
                fix: "name the type key (`lambda-filter dynamodb typed` converts the pattern)", suggestions: suggestions)
        }
    }

    /// Whether `segments` (attribute, descriptor, and inside `M` or `L` again) end on a typed leaf.
    static func endsOnTypedValue(_ segments: ArraySlice<String>) -> Bool {
        guard segments.count >= 2 else { return false }
        let descriptor = segments[segments.startIndex + 1]
        guard DynamoDBAdapter.typeDescriptors.contains(descriptor) else { return false }
        let rest = segments.dropFirst(2)
        switch descriptor {
        case "M":
            return endsOnTypedValue(rest)
        case "L":
            // L holds typed elements, crushed like any array: {"L": {"S": [...]}} or {"L": {"M": {...}}}.
            guard let element = rest.first else { return false }
            if element == "M" { return endsOnTypedValue(rest.dropFirst()) }
            return DynamoDBAdapter.typeDescriptors.contains(element) && rest.count == 1
        default:
            return rest.isEmpty
        }
    }

    private mutating func checkDynamoDBNumbers() {
        guard source == .dynamodb else { return }
        for found in DynamoDBAdapter.numberConditionsOnTypedValues(in: pattern) {
            let field = FieldCondition(path: found.path, alternatives: [found.condition], offset: found.offset)
            add(LintRules.dynamoDBNumber, field, found.explanation)
        }
    }

    // MARK: Never and always

    /// Values a field cannot hold: outside the source's known values, or of a type the field never has.
    private mutating func checkValueTypes(_ field: FieldCondition, name: String) {
        let known = shape?.knownValues[name]
        let sampleTypes = samples.types(of: name)
        let typedString = source == .dynamodb && DynamoDBAdapter.isStringTypedAttributePath(field.path)
        let alwaysString = typedString || shape?.stringFields.contains(name) == true || (!sampleTypes.isEmpty && sampleTypes == ["string"])
        let alwaysNumber = !sampleTypes.isEmpty && sampleTypes == ["number"]
        var impossible: [String] = []
        for condition in field.alternatives {
            switch condition {
            case .equals(.string(let value)) where known.map({ !$0.contains(value) }) == true:
                impossible.append("\"\(value)\" (it is one of \(known!.map { "\"\($0)\"" }.joined(separator: ", ")))")
            case .equals(.number(let number)) where alwaysString && !typedString:
                impossible.append("the number \(number.text) (it holds strings)")
            case .anythingBut(.values(let values)):
                let cannot = values.allSatisfy { literal in
                    switch literal {
                    case .string(let text): return known.map { !$0.contains(text) } ?? alwaysNumber
                    case .number: return alwaysString
                    default: return false
                    }
                }
                if cannot {
                    let listed = values.map(Self.describe).joined(separator: ", ")
                    add(
                        LintRules.anythingButAlways, field,
                        "`\(field.path)` can never hold \(listed), so anything-but [\(listed)] matches every record that has the field")
                }
            default:
                break
            }
        }
        if !impossible.isEmpty {
            let all = impossible.count == field.alternatives.count
            add(
                LintRules.valueCannotOccur, field,
                "`\(field.path)` cannot hold \(impossible.joined(separator: "; "))\(all ? ", so this condition never matches" : "")")
        }
        let stringOnly = field.alternatives.allSatisfy { condition in
            switch condition {
            case .prefix, .suffix, .equalsIgnoreCase, .equals(.string), .wildcard: return true
            default: return false
            }
        }
        if alwaysNumber, stringOnly {
            let operators = Set(field.alternatives.map(\.operatorName)).sorted().joined(separator: ", ")
            add(
                LintRules.stringOperatorOnNumber, field,
                "the samples hold `\(field.path)` as a number, and \(operators) only match strings, so this condition never matches")
        }
    }

    static func describe(_ literal: Literal) -> String {
        switch literal {
        case .string(let text): return JSONWriter.quote(text)
        case .number(let number): return number.text
        case .bool(let flag): return String(flag)
        case .null: return "null"
        }
    }

    /// Conditions written for one field in one `$or` combination (through a repeated or dotted
    /// key, or a `$or` branch) that no value meets together. Only the last one counts, as on AWS,
    /// so the filter does not mean what it says.
    private mutating func checkConflicts() {
        var reported = Set<String>()
        let leaves = WrittenLeaf.all(in: pattern)
        for (later, leaf) in leaves.enumerated() {
            for earlier in leaves[..<later]
            where earlier.name == leaf.name && earlier.offset != leaf.offset && earlier.sharesCombination(with: leaf) {
                let pair = [earlier.field, leaf.field]
                guard let reason = Self.conflict(pair), reported.insert(leaf.name).inserted else { continue }
                add(
                    LintRules.conflictingConditions, leaf.field,
                    "`\(leaf.field.path)` is given conditions that \(reason); as on AWS only the last one counts, so the earlier one (line \(places.location(at: earlier.offset).line), column \(places.location(at: earlier.offset).column)) is silently ignored",
                    fix:
                        "write the conditions the field must meet in one leaf array (values in one array are OR'ed), or split them into separate filters"
                )
            }
        }
    }

    /// Why conditions that must all hold on one field cannot, or `nil` when some value meets them.
    static func conflict(_ fields: [FieldCondition]) -> String? {
        let absent = fields.filter { $0.alternatives.allSatisfy { $0 == .exists(false) } }
        let present = fields.filter { !$0.alternatives.contains(.exists(false)) }
        if !absent.isEmpty && !present.isEmpty { return "require it to be absent (exists: false) and to have a value" }
        // Only fields with numeric alternatives only: their ranges must overlap.
        let ranges = fields.map { field in
            field.alternatives.compactMap { if case .numeric(let range) = $0 { return range } else { return nil } }
        }
        if ranges.allSatisfy({ !$0.isEmpty }) && zip(ranges, fields).allSatisfy({ $0.count == $1.alternatives.count }) {
            if ranges.count == 2, !ranges[0].contains(where: { a in ranges[1].contains { b in a.overlaps(b) } }) {
                return "put it in disjoint numeric ranges, which no single value meets together"
            }
        }
        let valueSets = fields.map { field in
            field.alternatives.compactMap { if case .equals(let literal) = $0 { return literal } else { return nil } }
        }
        if valueSets.count == 2, zip(valueSets, fields).allSatisfy({ $0.count == $1.alternatives.count }),
            Set(valueSets[0]).isDisjoint(with: valueSets[1])
        {
            return "require different exact values, which no single value meets together"
        }
        return nil
    }

    // MARK: Reporting

    private mutating func add(
        _ rule: LintRule, _ field: FieldCondition, _ message: String, fix: String? = nil, suggestions: [FieldPath] = []
    ) {
        findings.append(
            LintDiagnostic(
                rule: rule, message: message, fix: fix, filterIndex: filterIndex, field: field.path,
                patternPath: places.path(at: field.offset) ?? field.path.segments.map { .key($0) },
                location: places.location(at: field.offset), suggestions: suggestions))
    }
}

extension NumericRange {
    /// Whether some number is in both ranges.
    func overlaps(_ other: NumericRange) -> Bool {
        let low = Swift.max(lower ?? -.infinity, other.lower ?? -.infinity)
        let high = Swift.min(upper ?? .infinity, other.upper ?? .infinity)
        if low < high { return true }
        guard low == high else { return false }
        return contains(low) && other.contains(low)
    }
}

/// A leaf array as written in the pattern, before repeated keys and `$or` branches merge.
struct WrittenLeaf {
    /// The field's dotted name.
    var name: String
    var offset: Int
    var field: FieldCondition
    /// The `$or` branches taken to reach it: (offset of the `$or` array, branch index).
    var branches: [(Int, Int)]

    /// Whether some `$or` combination holds both leaves (they took no different branch of one `$or`).
    func sharesCombination(with other: WrittenLeaf) -> Bool {
        !branches.contains { mine in other.branches.contains { $0.0 == mine.0 && $0.1 != mine.1 } }
    }

    static func all(in pattern: Pattern) -> [WrittenLeaf] {
        guard let root = try? JSONParser(maxDepth: 4096).parse(pattern.text) else { return [] }
        var leaves: [WrittenLeaf] = []
        func visit(_ node: JSONNode, prefix: [String], branches: [(Int, Int)]) {
            guard case .object(let members) = node.kind else { return }
            for member in members {
                switch member.value.kind {
                case .array(let elements)
                where member.key == Keyword.or && elements.count >= 2
                    && elements.allSatisfy({ if case .object = $0.kind { return true } else { return false } }):
                    for (index, branch) in elements.enumerated() {
                        visit(branch, prefix: prefix, branches: branches + [(member.value.offset, index)])
                    }
                case .array:
                    let segments = prefix + [member.key]
                    let text = JSONWriter.write(.object([JSONMember("x", member.value.value)]))
                    guard
                        let alternatives = (try? Pattern(parsing: text, dialect: .eventbridge, limits: PatternLimits(maxLength: nil)))?
                            .conjunctions.first?.fields.first?.alternatives
                    else { continue }
                    let name = segments.joined(separator: ".")
                    leaves.append(
                        WrittenLeaf(
                            name: name, offset: member.value.offset,
                            field: FieldCondition(path: FieldPath(segments), alternatives: alternatives, offset: member.value.offset),
                            branches: branches))
                case .object:
                    visit(member.value, prefix: prefix + [member.key], branches: branches)
                default:
                    continue
                }
            }
        }
        visit(root, prefix: [], branches: [])
        return leaves
    }
}
