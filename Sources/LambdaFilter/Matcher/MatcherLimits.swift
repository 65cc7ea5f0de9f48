/// The size limits a `Matcher` is built under: how many patterns it compiles and how deeply a
/// record may nest.
///
/// The defaults leave room for any real use: AWS allows 5 filters per event source mapping (10
/// with a raised quota, 20 in CloudFormation's schema), and the largest benchmark compiles 10,000
/// patterns. They exist so that input nobody meant to feed a matcher (a generated file of a
/// million patterns, a record nested a million levels) is refused with a message naming the
/// setting instead of exhausting memory.
public struct MatcherLimits: Sendable, Hashable {
    /// The most patterns one matcher compiles.
    public var maxPatterns: Int
    /// The deepest record nesting accepted (`Matcher.maxDepth`).
    public var maxDepth: Int

    /// The default of `maxPatterns`: ten times the largest benchmark, thousands of times AWS's.
    public static let defaultMaxPatterns = 100_000
    /// The default of `maxDepth`.
    public static let defaultMaxDepth = 512

    /// Limits with the given values; each defaults to the standard one.
    public init(maxPatterns: Int = MatcherLimits.defaultMaxPatterns, maxDepth: Int = MatcherLimits.defaultMaxDepth) {
        self.maxPatterns = maxPatterns
        self.maxDepth = maxDepth
    }

    /// The defaults.
    public static let standard = MatcherLimits()
}

/// A `Matcher` refused because its input passes one of its `MatcherLimits`.
public struct MatcherLimitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How many patterns were given.
    public var patternCount: Int
    /// The limit they pass.
    public var maxPatterns: Int

    /// The error for `patternCount` patterns given to a matcher limited to `maxPatterns`.
    public init(patternCount: Int, maxPatterns: Int) {
        self.patternCount = patternCount
        self.maxPatterns = maxPatterns
    }

    /// The setting that was passed, as its name reads in code.
    public var setting: String { "MatcherLimits.maxPatterns" }

    /// The message the CLI prints: the count, the limit and the setting's name.
    public var description: String {
        "\(patternCount) patterns are more than one matcher compiles: at most \(maxPatterns) (\(setting))"
    }
}

extension Matcher {
    /// Compiles `patterns` under `limits`.
    /// - Throws: `MatcherLimitError` when there are more patterns than `limits.maxPatterns`.
    /// - Complexity: O(n) in the patterns' total size.
    public init(patterns: [Pattern], limits: MatcherLimits) throws(MatcherLimitError) {
        guard patterns.count <= limits.maxPatterns else {
            throw MatcherLimitError(patternCount: patterns.count, maxPatterns: limits.maxPatterns)
        }
        self.init(patterns: patterns, maxDepth: limits.maxDepth)
    }
}
