import LambdaFilter

/// The filters of one FilterCriteria, compiled once, giving each record its verdict as Lambda
/// would, format-mismatch rules included (spec §2.2, §3.1).
///
/// Filters are OR'ed: a record is delivered when any filter passes it. Before matching, each
/// filter's form at the payload key (`DataPatternForm`) is compared with the record's payload
/// format (`PayloadFormat`); when they differ, that filter does not match, whatever its other
/// conditions say:
///
/// | source | same form, or filter does not name the key | forms differ |
/// |---|---|---|
/// | SQS | match normally | the filter does not match ("Lambda drops the message") |
/// | Kinesis, DynamoDB | match normally | the filter does not match; a plain-string data pattern is refused by AWS at create/update |
/// | Kafka, Amazon MQ | match normally | the filter does not match, its metadata conditions included |
/// | DocumentDB, raw | match normally (no payload key) | – |
///
/// Kafka and Amazon MQ: the docs say "if the message format doesn't match the FilterCriteria
/// format, Lambda processes metadata filters only", i.e. only filters without a payload
/// condition are evaluated. AWS's recorded MSK run (aws-samples/serverless-patterns,
/// `lambda-esm-msk-filters-sam/README.md`, results table) delivered none of four JSON messages
/// to `{"topic": [{"prefix": "ESMFiltersDemoTopic"}], "value": [{"prefix": "Order"}]}` on that
/// very topic, and this one rule agrees with all 40 outcomes recorded there.
///
/// A payload that is not UTF-8, or absent, differs from every data pattern form.
public struct FilterSet: Sendable {
    /// The filters, in FilterCriteria order; verdicts refer to them by index.
    public var filters: [Pattern] { matcher.patterns }
    /// The source the set was compiled for (`nil`: raw documents).
    public var source: EventSource? { rules.source }
    /// Each filter's form at the source's payload key.
    public var dataForms: [DataPatternForm] { rules.dataForms }
    /// The compiled filters (source-independent: sets for several sources may share one).
    package let matcher: Matcher
    /// What the source's rules make of each filter, behind one reference: a set is copied out
    /// of a dictionary per record, and each reference it holds costs a retain and a release.
    private let rules: Rules

    private final class Rules: Sendable {
        let source: EventSource?
        let dataForms: [DataPatternForm]
        /// Per filter, whether AWS refuses it for this source.
        let refused: [Bool]
        /// The filters that cannot pass a payload of each format (refused, or of another
        /// form): JSON, plain string, anything else. Worked out once, so a verdict allocates nothing.
        let unmatchableWhenJSON: [Int], unmatchableWhenPlain: [Int], unmatchableOtherwise: [Int]

        init(source: EventSource?, filters: [Pattern]) {
            self.source = source
            let dataKey = source?.dataKey
            let dataForms = filters.map { DataPatternForm(of: $0, dataKey: dataKey) }
            self.dataForms = dataForms
            let refused = dataForms.map { source?.refuses($0) == true }
            self.refused = refused
            func unmatchable(_ format: PayloadFormat) -> [Int] {
                dataForms.indices.filter { refused[$0] || !FilterSet.formsAgree(format, dataForms[$0]) }
            }
            unmatchableWhenJSON = unmatchable(.json)
            unmatchableWhenPlain = unmatchable(.plainString)
            unmatchableOtherwise = unmatchable(.absent)
        }
    }

    /// Compiles `filters` for records of `source`, however many (`init(filters:source:limits:)`
    /// caps them, for filters read from outside).
    public init(filters: [Pattern], source: EventSource?) {
        self.init(source: source, matcher: Matcher(patterns: filters))
    }

    /// Compiles `filters` for records of `source` under `limits`.
    /// - Throws: `MatcherLimitError` when there are more filters than `limits.maxPatterns`.
    public init(filters: [Pattern], source: EventSource?, limits: MatcherLimits) throws(MatcherLimitError) {
        self.init(source: source, matcher: try Matcher(patterns: filters, limits: limits))
    }

    /// A set for `source` around an already compiled `matcher` (its patterns are the filters),
    /// so that one compilation serves every source.
    package init(source: EventSource?, matcher: Matcher) {
        self.matcher = matcher
        self.rules = Rules(source: source, filters: matcher.patterns)
    }

    /// Indices of filters AWS refuses when the mapping is created or updated: a plain-string
    /// pattern on Kinesis `data` or DynamoDB `dynamodb` (DDBF: "exception at ... creation").
    public var filtersRefusedByAWS: [Int] {
        guard let source else { return [] }
        return dataForms.indices.filter { source.refuses(dataForms[$0]) }
    }

    /// How each filter treats `view`.
    public func outcomes(for view: FilterView) -> [FilterOutcome] {
        guard view.source == source else {
            // A view of another source: that source's rules, around the same compiled matcher.
            return FilterSet(source: view.source, matcher: matcher).outcomes(for: view)
        }
        return outcomes(matched: matcher.matchingPatterns(in: view.document), payload: view.payload)
    }

    /// The record's verdict: which filter passed it, or why it was not delivered.
    public func verdict(for view: FilterView) -> Verdict {
        guard !filters.isEmpty else { return .unfiltered }
        return Verdict(outcomes: outcomes(for: view))
    }

    /// The verdict of a record of this set's source whose view matched the filters `matched`
    /// (ascending, as `MatchScratch.matchedPatterns`) and whose payload is `payload`.
    /// It is `Verdict(outcomes: outcomes(matched:payload:))`, without building the outcomes:
    /// it runs once per record.
    package func verdict(matched: [Int], payload: PayloadFormat) -> Verdict {
        guard !filters.isEmpty else { return .unfiltered }
        // `matched` is ascending, so the first filter that passes is the lowest.
        let rules = rules
        for index in matched where index < rules.refused.count && !rules.refused[index] && Self.formsAgree(payload, rules.dataForms[index])
        {
            return .passed(filter: index)
        }
        let unmatchable: [Int]
        switch payload {
        case .json: unmatchable = rules.unmatchableWhenJSON
        case .plainString: unmatchable = rules.unmatchableWhenPlain
        case .notUTF8, .absent: unmatchable = rules.unmatchableOtherwise
        }
        return unmatchable.isEmpty ? .filtered : .droppedFormatMismatch(filters: unmatchable)
    }

    /// How each filter treats a record of this set's source whose view matched the filters
    /// `matched` (ascending) and whose payload is `payload`.
    package func outcomes(matched: [Int], payload: PayloadFormat) -> [FilterOutcome] {
        var next = 0
        var outcomes: [FilterOutcome] = []
        outcomes.reserveCapacity(filters.count)
        for index in filters.indices {
            while next < matched.count && matched[next] < index { next += 1 }
            if rules.refused[index] {
                outcomes.append(.refusedByAWS)
            } else if !Self.formsAgree(payload, dataForms[index]) {
                outcomes.append(.formatMismatch)
            } else {
                outcomes.append(next < matched.count && matched[next] == index ? .matched : .notMatched)
            }
        }
        return outcomes
    }

    /// Whether a payload of `format` is matched normally by a filter of `form`.
    fileprivate static func formsAgree(_ format: PayloadFormat, _ form: DataPatternForm) -> Bool {
        switch (format, form) {
        case (_, .absent): return true
        case (.json, .json), (.plainString, .plainString): return true
        default: return false
        }
    }
}

/// How one filter treats one record.
public enum FilterOutcome: Sendable, Hashable {
    /// The filter matched.
    case matched
    /// The filter was evaluated and did not match.
    case notMatched
    /// The payload's format differs from the filter's data pattern, so the filter does not
    /// match (any source; on Kafka and Amazon MQ its metadata conditions do not count either).
    case formatMismatch
    /// AWS refuses this filter when the mapping is created (a plain-string data pattern on
    /// Kinesis or DynamoDB), so it never passes anything.
    case refusedByAWS

    /// Whether this filter passes the record.
    public var passes: Bool {
        switch self {
        case .matched: return true
        default: return false
        }
    }
}

/// What Lambda does with a record, given all filters of the FilterCriteria.
public enum Verdict: Sendable, Hashable, CustomStringConvertible {
    /// Delivered: `filter` is the first filter that matched.
    case passed(filter: Int)
    /// Not delivered: every filter was evaluated and none matched.
    case filtered
    /// Not delivered: no filter matched, and the payload's format differs from the data pattern
    /// of `filters` (or AWS refuses those filters), which therefore did not match.
    case droppedFormatMismatch(filters: [Int])
    /// No filters: Lambda delivers every record.
    case unfiltered

    /// Combines per-filter outcomes (filters are OR'ed; the first passing filter is reported).
    public init(outcomes: [FilterOutcome]) {
        guard !outcomes.isEmpty else {
            self = .unfiltered
            return
        }
        if let first = outcomes.firstIndex(where: \.passes) {
            self = .passed(filter: first)
            return
        }
        let mismatched = outcomes.indices.filter { outcomes[$0] == .formatMismatch || outcomes[$0] == .refusedByAWS }
        self = mismatched.isEmpty ? .filtered : .droppedFormatMismatch(filters: mismatched)
    }

    /// Whether Lambda delivers the record to the function.
    public var isDelivered: Bool {
        switch self {
        case .passed, .unfiltered: return true
        case .filtered, .droppedFormatMismatch: return false
        }
    }

    /// The verdict's word in output, expectations files and manifests: `passed` (no filters
    /// included, as Lambda delivers the record), `filtered`, `dropped`.
    public var word: VerdictWord {
        switch self {
        case .passed, .unfiltered: return .passed
        case .filtered: return .filtered
        case .droppedFormatMismatch: return .dropped
        }
    }

    /// A short name that tells the no-filters case apart: `passed`, `filtered`, `dropped`, `unfiltered`.
    public var name: String {
        self == .unfiltered ? "unfiltered" : word.rawValue
    }

    /// A sentence for people: `passed by filter 0`, `filtered (no filter matched)`, `dropped: ...`.
    public var description: String {
        switch self {
        case .passed(let filter): return "passed by filter \(filter)"
        case .filtered: return "filtered (no filter matched)"
        case .droppedFormatMismatch(let filters):
            return
                "dropped: the payload's format does not match the data pattern of filter(s) \(filters.map(String.init).joined(separator: ", "))"
        case .unfiltered: return "passed (no filters)"
        }
    }
}
