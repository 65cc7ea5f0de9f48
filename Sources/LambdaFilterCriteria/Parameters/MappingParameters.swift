import LambdaFilter

/// Which request a rendering or validation is for.
public enum MappingOperation: Sendable, Hashable {
    /// `CreateEventSourceMapping`.
    case create
    /// `UpdateEventSourceMapping` of the mapping with this UUID.
    case update(uuid: String)

    /// The API operation's name.
    public var operationName: String {
        switch self {
        case .create: return "CreateEventSourceMapping"
        case .update: return "UpdateEventSourceMapping"
        }
    }
}

/// The members of a Create/UpdateEventSourceMapping request other than `UUID` and
/// `FilterCriteria`, under their API names. Every member is optional: only the ones set are sent.
public struct MappingParameters: Sendable, Hashable {
    public var eventSourceArn: String?
    public var functionName: String?
    public var enabled: Bool?
    public var batchSize: Int?
    public var maximumBatchingWindowInSeconds: Int?
    public var parallelizationFactor: Int?
    /// `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`.
    public var startingPosition: String?
    /// Seconds since the epoch, as text (the API takes a timestamp).
    public var startingPositionTimestamp: String?
    public var destinationConfig: DestinationConfig?
    public var maximumRecordAgeInSeconds: Int?
    public var bisectBatchOnFunctionError: Bool?
    public var maximumRetryAttempts: Int?
    public var tumblingWindowInSeconds: Int?
    public var functionResponseTypes: [String]?
    public var scalingConfig: ScalingConfig?
    public var documentDBEventSourceConfig: DocumentDBEventSourceConfig?
    public var topics: [String]?
    public var queues: [String]?
    public var kmsKeyArn: String?
    /// Members this type does not model (`SourceAccessConfigurations`, `MetricsConfig`...), sent
    /// as given; validation checks that they apply to the source and operation and checks the
    /// contents AWS documents (types, ranges, enums) of the ones it knows.
    public var otherMembers: [JSONMember]

    public init(
        eventSourceArn: String? = nil, functionName: String? = nil, enabled: Bool? = nil, batchSize: Int? = nil,
        maximumBatchingWindowInSeconds: Int? = nil, parallelizationFactor: Int? = nil, startingPosition: String? = nil,
        startingPositionTimestamp: String? = nil, destinationConfig: DestinationConfig? = nil,
        maximumRecordAgeInSeconds: Int? = nil, bisectBatchOnFunctionError: Bool? = nil, maximumRetryAttempts: Int? = nil,
        tumblingWindowInSeconds: Int? = nil, functionResponseTypes: [String]? = nil, scalingConfig: ScalingConfig? = nil,
        documentDBEventSourceConfig: DocumentDBEventSourceConfig? = nil, topics: [String]? = nil, queues: [String]? = nil,
        kmsKeyArn: String? = nil, otherMembers: [JSONMember] = []
    ) {
        self.eventSourceArn = eventSourceArn
        self.functionName = functionName
        self.enabled = enabled
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.parallelizationFactor = parallelizationFactor
        self.startingPosition = startingPosition
        self.startingPositionTimestamp = startingPositionTimestamp
        self.destinationConfig = destinationConfig
        self.maximumRecordAgeInSeconds = maximumRecordAgeInSeconds
        self.bisectBatchOnFunctionError = bisectBatchOnFunctionError
        self.maximumRetryAttempts = maximumRetryAttempts
        self.tumblingWindowInSeconds = tumblingWindowInSeconds
        self.functionResponseTypes = functionResponseTypes
        self.scalingConfig = scalingConfig
        self.documentDBEventSourceConfig = documentDBEventSourceConfig
        self.topics = topics
        self.queues = queues
        self.kmsKeyArn = kmsKeyArn
        self.otherMembers = otherMembers
    }

    /// `DestinationConfig`: where Lambda sends records it gives up on (and, in the API shape, on success).
    public struct DestinationConfig: Sendable, Hashable {
        public var onSuccessDestination: String?
        public var onFailureDestination: String?

        public init(onSuccessDestination: String? = nil, onFailureDestination: String? = nil) {
            self.onSuccessDestination = onSuccessDestination
            self.onFailureDestination = onFailureDestination
        }

        var json: JSONValue {
            var members: [JSONMember] = []
            if let onSuccessDestination { members.append(JSONMember("OnSuccess", .object([JSONMember("Destination", .string(onSuccessDestination))]))) }
            if let onFailureDestination { members.append(JSONMember("OnFailure", .object([JSONMember("Destination", .string(onFailureDestination))]))) }
            return .object(members)
        }
    }

    /// `ScalingConfig` (SQS only).
    public struct ScalingConfig: Sendable, Hashable {
        public var maximumConcurrency: Int?

        public init(maximumConcurrency: Int? = nil) {
            self.maximumConcurrency = maximumConcurrency
        }

        var json: JSONValue {
            .object(maximumConcurrency.map { [JSONMember("MaximumConcurrency", .number(String($0)))] } ?? [])
        }
    }

    /// `DocumentDBEventSourceConfig` (DocumentDB only).
    public struct DocumentDBEventSourceConfig: Sendable, Hashable {
        public var databaseName: String?
        public var collectionName: String?
        /// `UpdateLookup` or `Default`.
        public var fullDocument: String?

        public init(databaseName: String? = nil, collectionName: String? = nil, fullDocument: String? = nil) {
            self.databaseName = databaseName
            self.collectionName = collectionName
            self.fullDocument = fullDocument
        }

        var json: JSONValue {
            var members: [JSONMember] = []
            if let databaseName { members.append(JSONMember("DatabaseName", .string(databaseName))) }
            if let collectionName { members.append(JSONMember("CollectionName", .string(collectionName))) }
            if let fullDocument { members.append(JSONMember("FullDocument", .string(fullDocument))) }
            return .object(members)
        }
    }

    /// Whether no member is set.
    public var isEmpty: Bool { members.isEmpty }

    /// The members that are set, under their API names, in the API model's order.
    public var members: [JSONMember] {
        var members: [JSONMember] = []
        func add(_ name: String, _ value: JSONValue?) {
            if let value { members.append(JSONMember(name, value)) }
        }
        add("EventSourceArn", eventSourceArn.map(JSONValue.string))
        add("FunctionName", functionName.map(JSONValue.string))
        add("Enabled", enabled.map(JSONValue.bool))
        add("BatchSize", batchSize.map { .number(String($0)) })
        add("MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds.map { .number(String($0)) })
        add("ParallelizationFactor", parallelizationFactor.map { .number(String($0)) })
        add("StartingPosition", startingPosition.map(JSONValue.string))
        add("StartingPositionTimestamp", startingPositionTimestamp.map(JSONValue.number))
        add("DestinationConfig", destinationConfig?.json)
        add("MaximumRecordAgeInSeconds", maximumRecordAgeInSeconds.map { .number(String($0)) })
        add("BisectBatchOnFunctionError", bisectBatchOnFunctionError.map(JSONValue.bool))
        add("MaximumRetryAttempts", maximumRetryAttempts.map { .number(String($0)) })
        add("TumblingWindowInSeconds", tumblingWindowInSeconds.map { .number(String($0)) })
        add("Topics", topics.map { .array($0.map(JSONValue.string)) })
        add("Queues", queues.map { .array($0.map(JSONValue.string)) })
        add("FunctionResponseTypes", functionResponseTypes.map { .array($0.map(JSONValue.string)) })
        add("ScalingConfig", scalingConfig?.json)
        add("DocumentDBEventSourceConfig", documentDBEventSourceConfig?.json)
        add("KMSKeyArn", kmsKeyArn.map(JSONValue.string))
        return members + otherMembers
    }

    /// The request's members: `UUID` (on update), these parameters, and `FilterCriteria` when given.
    public func requestMembers(for operation: MappingOperation, filterCriteria: FilterCriteria?) -> [JSONMember] {
        var result: [JSONMember] = []
        if case .update(let uuid) = operation { result.append(JSONMember("UUID", .string(uuid))) }
        var parameters = members
        if let filterCriteria {
            // FilterCriteria sits after BatchSize, as in the API model.
            let position = parameters.firstIndex { !["EventSourceArn", "FunctionName", "Enabled", "BatchSize"].contains($0.key) } ?? parameters.count
            parameters.insert(JSONMember("FilterCriteria", filterCriteria.json), at: position)
        }
        return result + parameters
    }

    /// The source the event source ARN points at, when it is set and recognisable.
    public var inferredSource: MappingSource? {
        eventSourceArn.flatMap(MappingSource.init(eventSourceArn:))
    }

    /// Whether the event source ARN names an SQS FIFO queue (`...:name.fifo`).
    public var namesFIFOQueue: Bool {
        guard let eventSourceArn, inferredSource == .sqs else { return false }
        return eventSourceArn.hasSuffix(".fifo")
    }
}
