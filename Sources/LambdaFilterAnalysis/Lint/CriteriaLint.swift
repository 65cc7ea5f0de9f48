import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources

/// The rules about a FilterCriteria as a whole.
///
/// AWS's hard limits and refusals are decided once, by `FilterCriteria.check` (the same code that
/// refuses to build such criteria); this maps its findings to rule ids and adds the advice:
/// quota, covered filters, folding.
enum CriteriaLint {
    static func findings(_ patterns: [Pattern], source: EventSource?, options: LintOptions) -> [LintDiagnostic] {
        var findings: [LintDiagnostic] = []
        let criteriaOptions = CriteriaOptions(
            limits: CriteriaLimits(maxFilters: options.maxFilters), source: source.map(MappingSource.init), allowsUnsupportedSource: true)
        let checked = FilterCriteria.check(patterns: patterns, options: criteriaOptions)
        for error in checked.errors {
            let rule: LintRule
            switch error.code {
            case .tooManyFilters: rule = LintRules.tooManyFilters
            case .patternTooLong: rule = LintRules.patternTooLong
            case .dataPatternNotJSON: rule = LintRules.dataPatternNotJSON
            // Without a source the pattern may be an EventBridge rule, where the operator is fine.
            case .invalidPattern where source != nil: rule = LintRules.operatorRefused
            default: continue
            }
            var message = error.message
            if error.code == .invalidPattern, let patternError = error.patternError {
                message = "\(patternError.message) (at \(patternError.pathDescription)): Lambda event source mappings refuse it"
            }
            findings.append(LintDiagnostic(rule: rule, message: message, filterIndex: error.filterIndex))
        }
        for warning in checked.warnings where warning.code == .filteringIgnored {
            findings.append(
                LintDiagnostic(rule: LintRules.documentDBNotFiltered, message: warning.message, filterIndex: warning.filterIndex))
        }
        if patterns.count > options.defaultQuota && patterns.count <= options.maxFilters {
            findings.append(
                LintDiagnostic(
                    rule: LintRules.filterQuota,
                    message:
                        "\(patterns.count) filters; the default quota is \(options.defaultQuota), so AWS refuses the mapping unless the account's quota was raised (at most 10)"
                ))
        }
        let forms = patterns.map { DataPatternForm(of: $0, dataKey: source?.dataKey) }
        // Filters of one data-pattern form meet a payload-format mismatch alike (neither matches,
        // on every source), so coverage between them holds whatever the payload.
        findings += coveredFilters(patterns, forms: forms)
        findings += foldings(patterns, forms: forms, options: options)
        return findings
    }

    // MARK: Covered filters

    private static func coveredFilters(_ patterns: [Pattern], forms: [DataPatternForm]) -> [LintDiagnostic] {
        var findings: [LintDiagnostic] = []
        for covered in patterns.indices {
            for covering in patterns.indices where covering != covered && forms[covering] == forms[covered] {
                // Identical filters cover each other: report the later one only.
                if covering > covered && Coverage.covers(patterns[covered], patterns[covering]) { continue }
                if Coverage.covers(patterns[covering], patterns[covered]) {
                    findings.append(
                        LintDiagnostic(
                            rule: LintRules.filterCovered,
                            message:
                                "every record Filters[\(covered)] passes, Filters[\(covering)] passes too, so Filters[\(covered)] adds nothing",
                            filterIndex: covered))
                    break
                }
            }
        }
        return findings
    }

    // MARK: Folding

    private static func foldings(_ patterns: [Pattern], forms: [DataPatternForm], options: LintOptions) -> [LintDiagnostic] {
        guard patterns.count >= 2 else { return [] }
        var findings: [LintDiagnostic] = []
        var folded = Set<Int>()
        for first in patterns.indices where !folded.contains(first) {
            var group = [first]
            var field: String?
            for other in patterns.indices where other > first && !folded.contains(other) && forms[other] == forms[first] {
                guard let differing = Folding.singleDifferingField(patterns[first], patterns[other]) else { continue }
                if field == nil { field = differing }
                if differing == field { group.append(other) }
            }
            guard group.count >= 2, let field, let text = Folding.valueListFold(group.map { patterns[$0] }, field: field) else { continue }
            folded.formUnion(group)
            let names = group.map { "Filters[\($0)]" }.joined(separator: ", ")
            findings.append(
                LintDiagnostic(
                    rule: LintRules.foldFilters,
                    message:
                        "\(names) differ only in the values of `\(FieldPath(field.split(separator: ".").map(String.init)))`: one filter with a value list passes the same records",
                    fix: "use one filter: \(text)", filterIndex: group[0]))
        }
        let remaining = patterns.count - folded.count + findings.count
        if remaining > options.defaultQuota, Set(forms).count == 1, let text = Folding.orFold(patterns) {
            findings.append(
                LintDiagnostic(
                    rule: LintRules.foldFilters,
                    message:
                        "\(patterns.count) filters exceed the default quota of \(options.defaultQuota); one filter with $or passes the same records (\(text.utf16.count) characters)",
                    fix: "use one filter: \(text)"))
        }
        return findings
    }
}

/// Whether one filter passes every record another passes, judged from their conditions alone
/// (conservative: `false` when unsure).
enum Coverage {
    /// Whether `wide` passes every record `narrow` passes.
    static func covers(_ wide: Pattern, _ narrow: Pattern) -> Bool {
        narrow.conjunctions.allSatisfy { narrowCombination in
            wide.conjunctions.contains { implies(narrowCombination, $0) }
        }
    }

    /// Whether every record meeting `narrow` meets `wide`: each field of `wide` is constrained at
    /// least as tightly in `narrow`.
    static func implies(_ narrow: Conjunction, _ wide: Conjunction) -> Bool {
        wide.fields.allSatisfy { wideField in
            narrow.fields.contains { narrowField in
                narrowField.path.dottedName == wideField.path.dottedName
                    && narrowField.alternatives.allSatisfy { condition in wideField.alternatives.contains { within(condition, $0) } }
            }
        }
    }

    /// Whether every value meeting `narrow` meets `wide`.
    static func within(_ narrow: Condition, _ wide: Condition) -> Bool {
        if narrow == wide { return true }
        switch (narrow, wide) {
        case (.equals(.string(let value)), .prefix(let prefix, false)): return value.utf8.starts(with: prefix.utf8)
        case (.equals(.string(let value)), .suffix(let suffix, false)): return value.utf8.reversed().starts(with: suffix.utf8.reversed())
        case (.prefix(let longer, false), .prefix(let shorter, false)): return longer.utf8.starts(with: shorter.utf8)
        case (.equals(.number(let number)), .numeric(let range)): return number.value.map(range.contains) ?? false
        case (.numeric(let inner), .numeric(let outer)): return outer.includes(inner)
        case (.exists(false), _), (_, .exists(false)): return false
        case (_, .exists(true)): return true
        default: return false
        }
    }
}

extension NumericRange {
    /// Whether every number in `inner` is in this range.
    func includes(_ inner: NumericRange) -> Bool {
        let lowOK: Bool
        switch (lower, inner.lower) {
        case (nil, _): lowOK = true
        case (.some, nil): lowOK = false
        case (.some(let mine), .some(let theirs)): lowOK = theirs > mine || (theirs == mine && (lowerInclusive || !inner.lowerInclusive))
        }
        let highOK: Bool
        switch (upper, inner.upper) {
        case (nil, _): highOK = true
        case (.some, nil): highOK = false
        case (.some(let mine), .some(let theirs)): highOK = theirs < mine || (theirs == mine && (upperInclusive || !inner.upperInclusive))
        }
        return lowOK && highOK
    }
}

/// Folding several filters into one that passes the same records.
enum Folding {
    /// The one field two single-combination filters differ in (same fields, same conditions elsewhere).
    static func singleDifferingField(_ a: Pattern, _ b: Pattern) -> String? {
        guard a.conjunctions.count == 1, b.conjunctions.count == 1 else { return nil }
        let fieldsA = Dictionary(
            a.conjunctions[0].fields.map { ($0.path.dottedName, Set($0.alternatives)) }, uniquingKeysWith: { $0.union($1) })
        let fieldsB = Dictionary(
            b.conjunctions[0].fields.map { ($0.path.dottedName, Set($0.alternatives)) }, uniquingKeysWith: { $0.union($1) })
        guard fieldsA.count == a.conjunctions[0].fields.count, fieldsB.count == b.conjunctions[0].fields.count,
            Set(fieldsA.keys) == Set(fieldsB.keys)
        else { return nil }
        let differing = fieldsA.keys.filter { fieldsA[$0] != fieldsB[$0] }
        guard differing.count == 1, let field = differing.first else { return nil }
        // exists: false OR a value is a different meaning once merged with other values? No: OR is OR.
        return field
    }

    /// The first pattern with `field`'s leaf array replaced by every pattern's values, or `nil`
    /// when the result is not a valid pattern within AWS's limits.
    static func valueListFold(_ patterns: [Pattern], field: String) -> String? {
        guard let first = patterns.first,
            let fieldCondition = first.conjunctions.first?.fields.first(where: { $0.path.dottedName == field })
        else { return nil }
        var values: [JSONValue] = []
        for pattern in patterns {
            let places = PatternPlaces(pattern)
            guard let condition = pattern.conjunctions.first?.fields.first(where: { $0.path.dottedName == field }),
                let leaf = places.leaf(at: condition.offset)?.arrayElements
            else { return nil }
            for value in leaf where !values.contains(value) { values.append(value) }
        }
        guard let root = try? JSONParser(maxDepth: 4096).parse(first.text) else { return nil }
        let replaced = replacingArray(at: fieldCondition.offset, in: root, with: .array(values))
        return validated(JSONWriter.write(replaced))
    }

    /// `{"$or": [every pattern]}`, or `nil` when that is not a valid pattern within AWS's limits.
    static func orFold(_ patterns: [Pattern]) -> String? {
        // A branch that is itself a `$or` nests fine; a branch with a reserved key would not be read as a branch.
        guard patterns.allSatisfy({ $0.json.objectMembers?.contains { Keyword.reservedInOr.contains($0.key) } == false }) else {
            return nil
        }
        return validated(JSONWriter.write(.object([JSONMember(Keyword.or, .array(patterns.map(\.json)))])))
    }

    private static func validated(_ text: String) -> String? {
        guard (try? Pattern(parsing: text, dialect: .lambda)) != nil else { return nil }
        return text
    }

    private static func replacingArray(at offset: Int, in node: JSONNode, with replacement: JSONValue) -> JSONValue {
        switch node.kind {
        case .array where node.offset == offset:
            return replacement
        case .array(let elements):
            return .array(elements.map { replacingArray(at: offset, in: $0, with: replacement) })
        case .object(let members):
            return .object(members.map { JSONMember($0.key, replacingArray(at: offset, in: $0.value, with: replacement)) })
        default:
            return node.value
        }
    }
}
