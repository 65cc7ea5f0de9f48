import LambdaFilter

/// A FilterCriteria found in a document, with the mapping or template entry it belongs to.
public struct NamedCriteria: Sendable, Hashable {
    /// `MyMapping`, `MyFunction/Events/MyQueue`, a mapping's UUID, or `FilterCriteria`.
    public var name: String
    /// The CloudFormation logical ID or the mapping UUID, when there is one.
    public var resource: String?
    /// The SAM event name, for criteria on a SAM function event.
    public var event: String?
    /// The mapping's source, when the document says (ARN, SAM event type, referenced resource type).
    public var source: MappingSource?
    /// The criteria, read and checked against the reader's limits.
    public var criteria: FilterCriteria

    package init(name: String, resource: String? = nil, event: String? = nil, source: MappingSource? = nil, criteria: FilterCriteria) {
        self.name = name
        self.resource = resource
        self.event = event
        self.source = source
        self.criteria = criteria
    }
}

/// One FilterCriteria location in a document and what reading it gave.
public struct CriteriaEntry: Sendable, Hashable {
    /// `MyMapping`, `MyFunction/Events/MyQueue`, a mapping's UUID, or `FilterCriteria`.
    public var name: String
    /// The CloudFormation logical ID or the mapping UUID, when there is one.
    public var resource: String?
    /// The SAM event name, for criteria on a SAM function event.
    public var event: String?
    /// The mapping's source, when the document says (ARN, SAM event type, referenced resource type).
    public var source: MappingSource?
    /// The criteria, or the first error of its filters (every error is in `errors`).
    public var result: Result<FilterCriteria, CriteriaError>
    /// Each filter whose `Pattern` text could be read, valid or not, with where it is written.
    public var patterns: [PatternSource] = []
    /// Every error of every filter (`result` holds the first).
    public internal(set) var errors: [CriteriaError] = []
    /// Every warning: of the filters, and for each value computed at deploy time.
    public internal(set) var warnings: [CriteriaWarning] = []

    /// The pattern of filter `index`, when it could be read.
    public func pattern(at index: Int) -> PatternSource? {
        patterns.first { $0.filterIndex == index }
    }
}

/// Reads FilterCriteria back from what users have at hand: the FilterCriteria JSON itself,
/// `aws lambda get-event-source-mapping` / `list-event-source-mappings` output, request bodies,
/// and CloudFormation / SAM templates in JSON or YAML.
///
/// Patterns keep their text exactly as found (`PatternFormatting.asWritten`).
public enum FilterCriteriaReader {
    /// The largest document read by default, in UTF-8 bytes (CloudFormation's own template limit
    /// is 1 MB); `FilterReadOptions.maxDocumentBytes` sets another.
    public static let maxDocumentBytes = 16 * 1024 * 1024

    /// Every FilterCriteria in `text`.
    /// - Throws: the first entry's error (naming the resource and filter), an entry with a
    ///   filter computed at deploy time, or a document-level error.
    public static func read(
        text: String, limits: CriteriaLimits = .raisedQuota, allowsUnsupportedSource: Bool = false
    ) throws(CriteriaError) -> [NamedCriteria] {
        var found: [NamedCriteria] = []
        for entry in try entries(text: text, limits: limits, allowsUnsupportedSource: allowsUnsupportedSource) {
            switch entry.result {
            case .success(let criteria):
                if let unresolved = entry.warnings.first(where: { $0.code == .unresolvedValue }) {
                    throw CriteriaError(
                        code: .unresolvedPattern, message: unresolved.message, origin: entry.name, filterIndex: unresolved.filterIndex)
                }
                found.append(
                    NamedCriteria(name: entry.name, resource: entry.resource, event: entry.event, source: entry.source, criteria: criteria))
            case .failure(let error):
                throw error
            }
        }
        return found
    }

    /// Every FilterCriteria location in `text`, each read independently, so one bad entry does
    /// not hide the others. `limits` defaults to the raised quota: deployed mappings may have it.
    /// `FilterDocument.read` gives the same with the mappings around them.
    /// - Throws: only when the document itself is unreadable or holds no FilterCriteria.
    public static func entries(
        text: String, limits: CriteriaLimits = .raisedQuota, allowsUnsupportedSource: Bool = false
    ) throws(CriteriaError) -> [CriteriaEntry] {
        let document = FilterDocument.read(
            text: text, options: FilterReadOptions(limits: limits, allowsUnsupportedSource: allowsUnsupportedSource))
        if let failure = document.failure { throw failure }
        let entries = document.mappings.filter(\.hasCriteria).map(\.entry)
        if entries.isEmpty {
            throw CriteriaError(
                code: .noCriteriaFound,
                message: "no FilterCriteria found (looked for a FilterCriteria object, mapping output, and template resources)")
        }
        return entries
    }

    /// Reads one FilterCriteria value (`{"Filters":[{"Pattern":"..."}]}` or `{}`), by the rules
    /// `FilterDocument` reads every FilterCriteria with.
    /// - Throws: the first error, or a filter computed at deploy time (`.unresolvedPattern`).
    public static func criteria(
        from value: JSONValue, options: CriteriaOptions = CriteriaOptions(formatting: .asWritten, limits: .raisedQuota)
    ) throws(CriteriaError) -> FilterCriteria {
        var reading = DocumentReading(
            text: "", name: "", options: FilterReadOptions(limits: options.limits, allowsUnsupportedSource: options.allowsUnsupportedSource)
        )
        let (entry, _) = reading.readCriteria(value, path: [], name: "", source: options.source, isPipe: false, resource: nil, event: nil)
        do throws(CriteriaError) {
            if let unresolved = entry.warnings.first(where: { $0.code == .unresolvedValue }) {
                throw CriteriaError(code: .unresolvedPattern, message: unresolved.message, filterIndex: unresolved.filterIndex)
            }
            let criteria = try entry.result.get()
            return options.formatting == .asWritten ? criteria : try FilterCriteria(patterns: criteria.patterns, options: options)
        } catch {
            var unnamed = error
            unnamed.origin = nil
            throw unnamed
        }
    }
}
