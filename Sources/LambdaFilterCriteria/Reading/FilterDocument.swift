import LambdaFilter

/// Every place a team keeps a filter, read into the mappings it describes: the one reader behind
/// `check`, `test`, `explain` and `criteria`.
///
/// | document | mappings found | mapping id (`--mapping`) |
/// |---|---|---|
/// | a pattern | none (`kind == .pattern`: the text is one filter) | – |
/// | FilterCriteria `{"Filters":[...]}` | one | `FilterCriteria` |
/// | get/create/update-event-source-mapping output or request | one | its UUID |
/// | list-event-source-mappings output | each item | UUID, or `EventSourceMappings[i]` |
/// | CloudFormation, SAM, `cdk.out` (JSON, YAML) | each `AWS::Lambda::EventSourceMapping`, SAM function event, `AWS::Pipes::Pipe` | logical ID, `Function.Event`, CDK path |
/// | Serverless `serverless.yml` | each `sqs`/`stream`/`msk`/`kafka`/`activemq`/`rabbitmq` event | `function.events[i]` |
/// | Terraform HCL, `terraform show -json` | each `aws_lambda_event_source_mapping` | resource address |
///
/// A mistake in one filter never hides another: every filter of every mapping is read and each
/// problem is kept with its mapping, filter and place. Values computed at deploy time (`!Ref`,
/// `var.x`, `${self:...}`) are warnings naming them. A document that holds no filter says what
/// it looks like instead.
public struct FilterDocument: Sendable {
    /// What the document is, as the reader recognised it; the raw value names it in output.
    public enum Kind: String, Sendable, Hashable {
        /// A bare event pattern.
        case pattern
        /// A `{"Filters": [...]}` FilterCriteria value.
        case filterCriteria = "filter-criteria"
        /// One mapping: get/create/update-event-source-mapping output, or such a request.
        case mapping
        /// A list of mappings (`list-event-source-mappings`).
        case mappingList = "mapping-list"
        /// A CloudFormation or SAM template.
        case cloudFormation = "cloudformation"
        /// A Serverless Framework `serverless.yml`.
        case serverless
        /// Terraform configuration (`.tf`).
        case terraform
        /// A Terraform plan or state as JSON (`terraform show -json`).
        case terraformPlan = "terraform-plan"
        /// A `lambda-filter test` manifest.
        case manifest
        /// Unreadable, or readable but not a place filters live (CDK source code, another YAML file).
        case other
    }

    /// What the document is.
    public var kind: Kind
    /// Every mapping (or pipe) found, in document order; each keeps its own errors.
    public var mappings: [FoundMapping]
    /// Remarks on the document as a whole: a syntax error, a duplicate key, what it holds
    /// instead of filters.
    public var notes: [DocumentNote]
    /// The document's UTF-8 bytes (without a byte-order mark): what every location points into.
    public var bytes: [UInt8]

    /// The error that kept the document from being read, if any (also among `notes`).
    public var failure: CriteriaError?

    /// The mappings with this id (or alias), or every mapping for `nil`.
    public func mappings(matching id: String?) -> [FoundMapping] {
        guard let id else { return mappings }
        return mappings.filter { $0.answers(to: id) }
    }

    /// Reads `text`; `name` (a file name) helps tell formats apart (`.tf`, `serverless.yml`).
    public static func read(text: String, name: String = "", options: FilterReadOptions = FilterReadOptions()) -> FilterDocument {
        var reader = DocumentReading(text: text, name: name, options: options)
        return reader.read()
    }
}

/// Choices for `FilterDocument.read`.
public struct FilterReadOptions: Sendable, Hashable {
    /// Limits for the mappings' filters; deployed mappings may have the raised quota.
    public var limits: CriteriaLimits
    /// Keep filters on a source that ignores them (DocumentDB) as a warning.
    public var allowsUnsupportedSource: Bool
    /// The source of mappings whose document does not say (no ARN, an unresolved reference).
    public var defaultSource: MappingSource?
    /// The largest document read, in UTF-8 bytes; a larger one is an `unreadableDocument` error
    /// naming this setting. Default `FilterCriteriaReader.maxDocumentBytes`.
    public var maxDocumentBytes: Int

    /// Options with the raised quota (10 filters), DocumentDB filters an error, no default source,
    /// and documents up to `maxDocumentBytes` long.
    public init(
        limits: CriteriaLimits = .raisedQuota, allowsUnsupportedSource: Bool = false, defaultSource: MappingSource? = nil,
        maxDocumentBytes: Int = FilterCriteriaReader.maxDocumentBytes
    ) {
        self.limits = limits
        self.allowsUnsupportedSource = allowsUnsupportedSource
        self.defaultSource = defaultSource
        self.maxDocumentBytes = maxDocumentBytes
    }
}

/// A remark about a document as a whole.
public struct DocumentNote: Sendable, Hashable, CustomStringConvertible {
    /// How much a note matters; the raw value is what output shows.
    public enum Severity: String, Sendable, Hashable {
        /// The document could not be read (a syntax error, too large or too deep).
        case error
        /// The document was read, but something in it is suspect (a duplicate key: the later one is used).
        case warning
        /// Not a problem: what the document is, when it holds no filter.
        case note
    }

    /// An error, a warning, or a note on what the document is.
    public var severity: Severity
    /// `syntax-error`, `duplicate-key`, `no-filters`, `cdk-source`...
    public var code: String
    /// The remark, in one line.
    public var message: String
    /// Where it applies in the document, when it concerns one place.
    public var location: TextLocation?

    package init(severity: Severity, code: String, message: String, location: TextLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `line:column: severity: message` (the place only when known).
    public var description: String {
        (location.map { "\($0.line):\($0.column): " } ?? "") + "\(severity.rawValue): \(message)"
    }
}

/// One event source mapping (or pipe) found in a document, with its filters read and checked.
public struct FoundMapping: Sendable {
    /// What `--mapping` and `test` rows call it: `OrdersMapping`, `Orders.Queue`, a UUID,
    /// `aws_lambda_event_source_mapping.orders`, `orders.events[0]`.
    public var id: String
    /// Other names that select it (the SAM form `Function/Events/Event`, a CDK path...).
    public var aliases: [String]
    /// What it is: `AWS::Lambda::EventSourceMapping`, `SAM SQS event`, `AWS::Pipes::Pipe`...
    public var what: String
    /// The source its ARN, event type or resource type names, when known.
    public var source: MappingSource?
    /// A pipe: EventBridge Pipes filters the same way, and forbids the poller-added fields.
    public var isPipe: Bool
    /// Where the mapping is written.
    public var location: TextLocation?
    /// Whether the mapping has a FilterCriteria at all.
    public var hasCriteria: Bool
    /// The FilterCriteria read: the criteria when every readable filter is valid, the first
    /// error otherwise, and each filter's text and place.
    public var entry: CriteriaEntry
    /// For each filter of `entry`'s criteria, its index in the document's `Filters` (they
    /// differ when a filter computed at deploy time is left out).
    public var filterIndices: [Int]
    /// The mapping's other members under their API names, for `MappingParameters` validation.
    public var parameters: FoundParameters?

    /// Whether `name` selects this mapping.
    public func answers(to name: String) -> Bool {
        id == name || aliases.contains(name)
    }

    /// Each parameter AWS would refuse for this mapping's source, in the order they are written
    /// (as a compiler lists them), with where each is written; none when the source is unknown.
    /// - Parameter assumingUpdate: the request to hold the mapping to when its document does not
    ///   say: an UpdateEventSourceMapping (of the mapping whose UUID its resource names, when it
    ///   does) rather than a CreateEventSourceMapping.
    public func parameterProblems(assumingUpdate: Bool = false) -> [(problem: ParameterProblem, location: TextLocation?)] {
        guard let parameters, let source else { return [] }
        let fallback: MappingOperation =
            assumingUpdate
            ? .update(uuid: entry.resource.flatMap { $0.utf16.count == 36 ? $0 : nil } ?? String(repeating: "0", count: 36))
            : .create
        return parameters.problems(source: source, operation: fallback).enumerated()
            .sorted { ($0.element.location?.offset ?? Int.max, $0.offset) < ($1.element.location?.offset ?? Int.max, $1.offset) }
            .map(\.element)
    }

    /// Every error, of every filter.
    public var errors: [CriteriaError] { entry.errors }
    /// Every warning, including values computed at deploy time.
    public var warnings: [CriteriaWarning] { entry.warnings }
}

/// A mapping's members (other than FilterCriteria) under the API's names, where they are
/// written, and which of them the document leaves to deploy time.
public struct FoundParameters: Sendable {
    /// A request object, as `MappingParameters.read(json:)` takes it.
    public var request: JSONValue
    /// Where each top-level member is written.
    public var locations: [String: TextLocation]
    /// The operation the document implies (`nil`: not said; a template creates).
    public var operation: MappingOperation?
    /// Members supplied at deploy time or by the tool (`Ref`, `var.x`, SAM's implied function):
    /// their problems (missing, wrong type) are not the author's.
    public var suppliedElsewhere: Set<String>

    /// Each problem AWS would reject, with where the parameter is written.
    public func problems(
        source: MappingSource, operation fallback: MappingOperation
    ) -> [(problem: ParameterProblem, location: TextLocation?)] {
        let read = MappingParameters.read(json: request)
        let operation = operation ?? read.uuid.map { .update(uuid: $0) } ?? fallback
        let found = read.problems + read.parameters.validate(for: operation, source: source)
        return found.compactMap { problem in
            let top = String(problem.parameter.prefix { $0 != "." && $0 != "[" })
            if suppliedElsewhere.contains(top) { return nil }
            return (problem, locations[top])
        }
    }
}
