import LambdaFilter

/// Why a FilterCriteria cannot be built or read, naming where: the mapping or template entry
/// (`origin`) and the filter (`filterIndex`, 0-based as in `Filters[2]`).
public struct CriteriaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable for tests and tools; its raw value (`pattern-too-long`) is what JSON output shows.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A pattern fails the core's validation (`patternError` says why).
        case invalidPattern = "invalid-pattern"
        /// A pattern, as it would be sent, is longer than AWS accepts.
        case patternTooLong = "pattern-too-long"
        /// More filters than the mapping's quota.
        case tooManyFilters = "too-many-filters"
        /// The source does not apply filters (DocumentDB).
        case filteringUnsupported = "filtering-unsupported"
        /// Kinesis or DynamoDB pattern whose data key is not matched as a JSON object.
        case dataPatternNotJSON = "data-pattern-not-json"
        /// The FilterCriteria value does not have the `{"Filters":[{"Pattern":"..."}]}` shape.
        case malformedCriteria = "malformed-criteria"
        /// A pattern is computed by a CloudFormation intrinsic function (`!Sub`, `!Ref`...).
        case unresolvedPattern = "unresolved-pattern"
        /// AWS did not return the criteria (KMS-encrypted in list output, or a FilterCriteriaError).
        case criteriaNotReturned = "criteria-not-returned"
        /// The text is neither JSON nor YAML, or is too large or deep.
        case unreadableDocument = "unreadable-document"
        /// The document holds no FilterCriteria the reader recognises.
        case noCriteriaFound = "no-criteria-found"
        /// An EventBridge Pipes pattern names a field the poller adds (`eventSource`...).
        case reservedPipeField = "reserved-pipe-field"
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, without the origin or filter prefix.
    public var message: String
    /// The mapping or template entry: `MyMapping`, `MyFunction/Events/MyQueue`, a mapping UUID.
    public var origin: String?
    /// The filter, 0-based.
    public var filterIndex: Int?
    /// The core's error when `code` is `.invalidPattern`.
    public var patternError: PatternError?
    /// Where in the document the problem is, for a syntax error in the document itself.
    public var location: TextLocation?

    package init(
        code: Code, message: String, origin: String? = nil, filterIndex: Int? = nil, patternError: PatternError? = nil,
        location: TextLocation? = nil
    ) {
        self.code = code
        self.message = message
        self.origin = origin
        self.filterIndex = filterIndex
        self.patternError = patternError
        self.location = location
    }

    /// `MyMapping: Filters[1]: pattern is 4100 characters; AWS accepts at most 4096`.
    public var description: String {
        var prefix = ""
        if let origin { prefix += origin + ": " }
        if let filterIndex { prefix += "Filters[\(filterIndex)]: " }
        return prefix + message
    }

    /// The same error attributed to `origin`.
    func named(_ origin: String) -> CriteriaError {
        var copy = self
        copy.origin = origin
        return copy
    }
}

/// Something AWS accepts but that may not behave as the author expects.
public struct CriteriaWarning: Sendable, Hashable, CustomStringConvertible {
    /// The kind of warning; its raw value (`unicode-normalization`) is what JSON output shows.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A warning from the core pattern parser (`undocumented-for-lambda`, `duplicate-key`...).
        case pattern = "pattern"
        /// Criteria kept for a source that ignores them (DocumentDB, when allowed).
        case filteringIgnored = "filtering-ignored"
        /// A value computed at deploy time (`!Ref`, `Fn::Sub` with variables, `var.x`): not read.
        case unresolvedValue = "unresolved-value"
        /// Terraform normalises strings to NFC, which changes a decomposed string.
        case unicodeNormalization = "unicode-normalization"
        /// Terraform `count`/`for_each` (or a `dynamic` block's `for_each`) not known offline: the
        /// filters are read once, for instances that are not known.
        case instancesNotKnown = "instances-not-known"
    }

    /// The kind of warning.
    public var code: Code
    /// What may not behave as expected, without the filter prefix.
    public var message: String
    /// The filter it concerns, 0-based; `nil` for the FilterCriteria as a whole.
    public var filterIndex: Int?
    /// Where in the document the warning applies, when it concerns a filter whose pattern is not read (a computed value).
    public var location: TextLocation?

    package init(code: Code, message: String, filterIndex: Int? = nil, location: TextLocation? = nil) {
        self.code = code
        self.message = message
        self.filterIndex = filterIndex
        self.location = location
    }

    /// `Filters[1]: warning: message` (the filter prefix only when there is one).
    public var description: String {
        (filterIndex.map { "Filters[\($0)]: " } ?? "") + "warning: " + message
    }
}
