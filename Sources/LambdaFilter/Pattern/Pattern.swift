/// A validated filter pattern.
///
/// Parsing (`Pattern(parsing:dialect:)`) checks every rule AWS applies and expands `$or` into
/// `conjunctions`: the record matches the pattern when it satisfies every field condition of
/// at least one conjunction.
public struct Pattern: Sendable, Hashable {
    /// The pattern text exactly as given.
    public let text: String
    /// The pattern as JSON (for re-encoding in FilterCriteria).
    public let json: JSONValue
    /// The dialect it was validated in (`lambda` refuses what Lambda refuses).
    public let dialect: Dialect
    /// `$or` expanded: alternatives, each a list of field conditions that must all hold.
    public let conjunctions: [Conjunction]
    /// Legal but questionable constructs.
    public let warnings: [PatternWarning]

    /// Parses and validates `text`.
    /// - Throws: `PatternError` for the first rule the pattern breaks.
    public init(parsing text: String, dialect: Dialect = .lambda, limits: PatternLimits = .aws) throws(PatternError) {
        var parser = PatternParser(text: text, dialect: dialect, limits: limits)
        let parsed = try parser.parse()
        self.text = text
        self.json = parsed.json
        self.dialect = dialect
        self.conjunctions = parsed.conjunctions
        self.warnings = parsed.warnings
    }

    private init(text: String, dialect: Dialect, parsed: PatternParser.Parsed) {
        self.text = text
        self.json = parsed.json
        self.dialect = dialect
        self.conjunctions = parsed.conjunctions
        self.warnings = parsed.warnings
    }

    /// Parses `text` and returns every error found, not just the first (for diagnostics).
    public static func diagnose(
        _ text: String, dialect: Dialect = .lambda, limits: PatternLimits = .aws
    ) -> (pattern: Pattern?, errors: [PatternError], warnings: [PatternWarning]) {
        var parser = PatternParser(text: text, dialect: dialect, limits: limits)
        parser.collectsAllErrors = true
        do {
            let parsed = try parser.parse()
            return (Pattern(text: text, dialect: dialect, parsed: parsed), [], parsed.warnings)
        } catch {
            return (nil, parser.collectedErrors.isEmpty ? [error] : parser.collectedErrors, [])
        }
    }

    /// Every field path the pattern names, in first-seen order.
    public var fieldPaths: [FieldPath] {
        var seen = Set<FieldPath>()
        var paths: [FieldPath] = []
        for conjunction in conjunctions {
            for field in conjunction.fields where seen.insert(field.path).inserted {
                paths.append(field.path)
            }
        }
        return paths
    }
}

/// Conditions that must all hold together (one expansion of a pattern's `$or`s).
public struct Conjunction: Sendable, Hashable {
    /// The field conditions that must all hold.
    public var fields: [FieldCondition]

    package init(fields: [FieldCondition]) {
        self.fields = fields
    }
}

/// The conditions on one field: the field matches when any of `alternatives` holds.
public struct FieldCondition: Sendable, Hashable {
    /// The field the conditions apply to.
    public var path: FieldPath
    /// The conditions; the field matches when any one holds.
    public var alternatives: [Condition]
    /// Where the leaf array stands in the pattern text.
    public var offset: Int

    package init(path: FieldPath, alternatives: [Condition], offset: Int = 0) {
        self.path = path
        self.alternatives = alternatives
        self.offset = offset
    }
}

/// The size limits applied when parsing.
public struct PatternLimits: Sendable, Hashable {
    /// The longest pattern text, in UTF-16 code units as AWS counts (4096 for a Lambda filter).
    public var maxLength: Int?
    /// The most `$or` combinations (EventBridge rejects more than 1000).
    public var maxCombinations: Int
    /// The deepest JSON nesting read.
    public var maxDepth: Int
    /// The highest wildcard complexity accepted per field (`WildcardComplexity`; AWS rejects
    /// more than `WildcardComplexity.limit` with "Rule is too complex").
    public var maxWildcardComplexity: Int

    /// Limits as given; the defaults are AWS's.
    public init(
        maxLength: Int? = 4096, maxCombinations: Int = 1000, maxDepth: Int = 128, maxWildcardComplexity: Int = WildcardComplexity.limit
    ) {
        self.maxLength = maxLength
        self.maxCombinations = maxCombinations
        self.maxDepth = maxDepth
        self.maxWildcardComplexity = maxWildcardComplexity
    }

    /// AWS's limits.
    public static let aws = PatternLimits()
}
