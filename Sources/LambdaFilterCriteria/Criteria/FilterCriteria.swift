import LambdaFilter

/// How a pattern's text is written into a filter's `Pattern` string.
public enum PatternFormatting: String, Sendable, Hashable, CaseIterable {
    /// Re-written without whitespace; keys, duplicates and number text stay as authored.
    case minified
    /// The author's text, byte for byte.
    case asWritten = "as-written"
}

extension PatternFormatting {
    /// The `Pattern` string a filter carries for `pattern`: minified (keys, duplicates and number
    /// text as authored), or the pattern's text as written.
    public func patternString(for pattern: Pattern) -> String {
        self == .minified ? JSONText.minified(pattern.text, value: pattern.json) : pattern.text
    }
}

/// The limits AWS puts on a mapping's FilterCriteria.
public struct CriteriaLimits: Sendable, Hashable {
    /// Filters per mapping: 5 by default; AWS raises the quota to at most 10 on request.
    public var maxFilters: Int
    /// Characters per `Pattern`, counted in UTF-16 code units as AWS's string lengths are.
    public var maxPatternLength: Int

    /// Limits of `maxFilters` filters of at most `maxPatternLength` UTF-16 code units; the defaults are AWS's.
    public init(maxFilters: Int = 5, maxPatternLength: Int = 4096) {
        self.maxFilters = maxFilters
        self.maxPatternLength = maxPatternLength
    }

    /// The default quota.
    public static let aws = CriteriaLimits()
    /// The highest quota AWS documents (10 filters).
    public static let raisedQuota = CriteriaLimits(maxFilters: 10)

    /// The error AWS gives a `Pattern` string longer than `maxPatternLength` UTF-16 code units,
    /// or `nil` when it fits.
    /// - Parameter counted: how the string was counted, for the message (`as sent`).
    public func lengthError(ofPatternString text: String, counted: String = "as sent", filterIndex: Int? = nil) -> CriteriaError? {
        let length = text.utf16.count
        guard length > maxPatternLength else { return nil }
        return CriteriaError(
            code: .patternTooLong,
            message: "pattern is \(length) characters (UTF-16 code units) \(counted); AWS accepts at most \(maxPatternLength)",
            filterIndex: filterIndex)
    }
}

/// Choices made when building a FilterCriteria.
public struct CriteriaOptions: Sendable, Hashable {
    /// How each pattern's text becomes the `Pattern` string (minified by default).
    public var formatting: PatternFormatting
    /// The quota and pattern length checked (AWS's defaults unless raised).
    public var limits: CriteriaLimits
    /// The mapping's source, when known: enables the per-source checks and warnings.
    public var source: MappingSource?
    /// Keep filters for a source that ignores them (DocumentDB) with a warning instead of an error.
    public var allowsUnsupportedSource: Bool

    /// Options for a mapping of unknown source, minified patterns and AWS's default limits, unless given.
    public init(
        formatting: PatternFormatting = .minified, limits: CriteriaLimits = .aws, source: MappingSource? = nil,
        allowsUnsupportedSource: Bool = false
    ) {
        self.formatting = formatting
        self.limits = limits
        self.source = source
        self.allowsUnsupportedSource = allowsUnsupportedSource
    }
}

/// The FilterCriteria of an event source mapping: `{"Filters":[{"Pattern":"<pattern JSON>"}]}`,
/// or `{}`, which removes every filter.
///
/// Built only from patterns the core has validated, and only within AWS's limits, so every
/// value of this type is one AWS accepts. Renderings live in `render(_:)`.
public struct FilterCriteria: Sendable, Hashable {
    /// One filter: its validated pattern and the exact string sent as `Pattern`.
    public struct Filter: Sendable, Hashable {
        /// The validated pattern, as the core parsed it.
        public let pattern: Pattern
        /// The `Pattern` string as sent to AWS.
        public let patternText: String

        /// The pattern minified with object keys sorted (by UTF-8 bytes; duplicates keep their order).
        public var canonicalPatternText: String {
            JSONWriter.write(pattern.json, options: JSONWriter.Options(sortKeys: true))
        }
    }

    /// The filters, in the order given; a record passes when any of them matches.
    public let filters: [Filter]
    /// Legal but doubtful constructs found while building.
    public let warnings: [CriteriaWarning]

    /// The empty criteria, `{}`, which UpdateEventSourceMapping reads as "remove all filters".
    public static let removingAllFilters = FilterCriteria(filters: [], warnings: [])

    private init(filters: [Filter], warnings: [CriteriaWarning]) {
        self.filters = filters
        self.warnings = warnings
    }

    /// Builds criteria from validated patterns, checking AWS's limits and the source's rules.
    /// - Throws: the first `CriteriaError` (`FilterCriteria.check` lists them all).
    public init(patterns: [Pattern], options: CriteriaOptions = CriteriaOptions()) throws(CriteriaError) {
        let outcome = FilterCriteria.check(patterns: patterns, options: options)
        if let first = outcome.errors.first { throw first }
        self.init(filters: outcome.filters, warnings: outcome.warnings)
    }

    /// Parses each text as a pattern (errors name the filter index), then builds the criteria.
    public init(patternTexts: [String], dialect: Dialect = .lambda, options: CriteriaOptions = CriteriaOptions()) throws(CriteriaError) {
        var patterns: [Pattern] = []
        for (index, text) in patternTexts.enumerated() {
            patterns.append(try FilterCriteria.parsePattern(text, dialect: dialect, filterIndex: index))
        }
        try self.init(patterns: patterns, options: options)
    }

    /// Every error and warning `init(patterns:options:)` would find, with the filters it would build.
    public static func check(
        patterns: [Pattern], options: CriteriaOptions = CriteriaOptions()
    ) -> (filters: [Filter], errors: [CriteriaError], warnings: [CriteriaWarning]) {
        var errors: [CriteriaError] = []
        var warnings: [CriteriaWarning] = []
        if patterns.count > options.limits.maxFilters {
            errors.append(
                CriteriaError(
                    code: .tooManyFilters,
                    message:
                        "\(patterns.count) filters; the mapping's quota allows \(options.limits.maxFilters) (5 by default, AWS raises it to at most 10 on request)"
                ))
        }
        if let source = options.source, !source.supportsFiltering, !patterns.isEmpty {
            let message =
                "\(source.displayName) mappings do not apply FilterCriteria: AWS documents that Lambda doesn't support event filtering for this source, so every record would reach the function"
            if options.allowsUnsupportedSource {
                warnings.append(CriteriaWarning(code: .filteringIgnored, message: message))
            } else {
                errors.append(CriteriaError(code: .filteringUnsupported, message: message))
            }
        }
        var filters: [Filter] = []
        for (index, pattern) in patterns.enumerated() {
            if pattern.dialect != .lambda {
                // An EventBridge pattern may use operators Lambda rejects; hold it to Lambda's rules.
                do {
                    _ = try Pattern(parsing: pattern.text, dialect: .lambda, limits: PatternLimits(maxLength: nil))
                } catch {
                    errors.append(invalidPatternError(error, filterIndex: index))
                }
            }
            let text = options.formatting.patternString(for: pattern)
            if let tooLong = options.limits.lengthError(ofPatternString: text, filterIndex: index) { errors.append(tooLong) }
            warnings += pattern.warnings.map { CriteriaWarning(code: .pattern, message: $0.description, filterIndex: index) }
            if let source = options.source {
                errors += SourceRules.check(pattern, source: source, filterIndex: index)
            }
            filters.append(Filter(pattern: pattern, patternText: text))
        }
        return (filters, errors, warnings)
    }

    /// Parses one pattern for filter `filterIndex`; length is checked later, on the text as sent.
    static func parsePattern(_ text: String, dialect: Dialect, filterIndex: Int) throws(CriteriaError) -> Pattern {
        do {
            return try Pattern(parsing: text, dialect: dialect, limits: PatternLimits(maxLength: nil))
        } catch {
            throw invalidPatternError(error, filterIndex: filterIndex)
        }
    }

    static func invalidPatternError(_ error: PatternError, filterIndex: Int) -> CriteriaError {
        CriteriaError(
            code: .invalidPattern,
            message:
                "invalid pattern: \(error.message) at \(error.pathDescription) (line \(error.location.line), column \(error.location.column))",
            filterIndex: filterIndex,
            patternError: error
        )
    }

    /// Whether there are no filters (the `{}` form).
    public var isEmpty: Bool { filters.isEmpty }

    /// The patterns, in filter order.
    public var patterns: [Pattern] { filters.map(\.pattern) }

    /// The value as the Lambda API takes it: `{"Filters":[{"Pattern":"..."}]}`, or `{}` when empty.
    public var json: JSONValue {
        if filters.isEmpty { return .object([]) }
        return .object([JSONMember("Filters", .array(filters.map { .object([JSONMember("Pattern", .string($0.patternText))]) }))])
    }

    /// `json` minified: the text for `--filter-criteria`.
    public var apiJSON: String { JSONWriter.write(json) }

    /// A canonical text for diffs and equality: patterns minified with sorted keys, filters
    /// sorted by that text (their order never changes which records pass).
    public var canonicalJSON: String {
        if filters.isEmpty { return "{}" }
        let patterns = filters.map(\.canonicalPatternText).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return JSONWriter.write(.object([JSONMember("Filters", .array(patterns.map { .object([JSONMember("Pattern", .string($0))]) }))]))
    }

    /// Whether both criteria pass exactly the same records (same canonical form).
    public func isEquivalent(to other: FilterCriteria) -> Bool {
        canonicalJSON == other.canonicalJSON
    }
}
