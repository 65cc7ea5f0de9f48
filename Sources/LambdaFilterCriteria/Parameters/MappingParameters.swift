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
    /// `EventSourceArn`: the queue, stream, cluster or broker the mapping reads.
    public var eventSourceArn: String?
    /// `FunctionName`: the function's name, ARN or alias ARN.
    public var functionName: String?
    /// `Enabled`: whether the mapping polls (AWS's default is true).
    public var enabled: Bool?
    /// `BatchSize`: the most records per invocation.
    public var batchSize: Int?
    /// `MaximumBatchingWindowInSeconds`: how long records are gathered before an invocation.
    public var maximumBatchingWindowInSeconds: Int?
    /// `ParallelizationFactor` (Kinesis, DynamoDB): batches per shard processed at once.
    public var parallelizationFactor: Int?
    /// `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`.
    public var startingPosition: String?
    /// Seconds since the epoch, as text (the API takes a timestamp).
    public var startingPositionTimestamp: String?
    /// `DestinationConfig`: where records are sent once processing gives up on them.
    public var destinationConfig: DestinationConfig?
    /// `MaximumRecordAgeInSeconds` (streams): records older than this are discarded (-1: never).
    public var maximumRecordAgeInSeconds: Int?
    /// `BisectBatchOnFunctionError` (streams): split a failing batch in two and retry.
    public var bisectBatchOnFunctionError: Bool?
    /// `MaximumRetryAttempts` (streams): retries of a failing batch (-1: until the record expires).
    public var maximumRetryAttempts: Int?
    /// `TumblingWindowInSeconds` (streams): the aggregation window.
    public var tumblingWindowInSeconds: Int?
    /// `FunctionResponseTypes`: `["ReportBatchItemFailures"]` for partial batch responses.
    public var functionResponseTypes: [String]?
    /// `ScalingConfig` (SQS): the most concurrent invocations.
    public var scalingConfig: ScalingConfig?
    /// `DocumentDBEventSourceConfig` (DocumentDB): the database, collection and full-document mode.
    public var documentDBEventSourceConfig: DocumentDBEventSourceConfig?
    /// `Topics` (Kafka): the topic to read (one).
    public var topics: [String]?
    /// `Queues` (Amazon MQ): the queue to read (one).
    public var queues: [String]?
    /// `KMSKeyArn`: the customer managed key that encrypts the filter criteria.
    public var kmsKeyArn: String?
    /// Members this type does not model (`SourceAccessConfigurations`, `MetricsConfig`...), sent
    /// as given; validation checks that they apply to the source and operation and checks the
    /// contents AWS documents (types, ranges, enums) of the ones it knows.
    public var otherMembers: [JSONMember]

    /// Parameters with only the given members set; the others are not sent.
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
        /// `OnSuccess.Destination`: the destination ARN for successful invocations (part of the API shape).
        public var onSuccessDestination: String?
        /// `OnFailure.Destination`: the destination ARN (a queue, topic or bucket) for records given up on.
        public var onFailureDestination: String?

        /// A destination config with only the given destinations.
        public init(onSuccessDestination: String? = nil, onFailureDestination: String? = nil) {
            self.onSuccessDestination = onSuccessDestination
            self.onFailureDestination = onFailureDestination
        }

        var json: JSONValue {
            var members: [JSONMember] = []
            if let onSuccessDestination {
                members.append(JSONMember("OnSuccess", .object([JSONMember("Destination", .string(onSuccessDestination))])))
            }
            if let onFailureDestination {
                members.append(JSONMember("OnFailure", .object([JSONMember("Destination", .string(onFailureDestination))])))
            }
            return .object(members)
        }
    }

    /// `ScalingConfig` (SQS only).
    public struct ScalingConfig: Sendable, Hashable {
        /// `MaximumConcurrency`: between 2 and 1000 concurrent invocations.
        public var maximumConcurrency: Int?

        /// A scaling config, unset unless `maximumConcurrency` is given.
        public init(maximumConcurrency: Int? = nil) {
            self.maximumConcurrency = maximumConcurrency
        }

        var json: JSONValue {
            .object(maximumConcurrency.map { [JSONMember("MaximumConcurrency", .number(String($0)))] } ?? [])
        }
    }

    /// `DocumentDBEventSourceConfig` (DocumentDB only).
    public struct DocumentDBEventSourceConfig: Sendable, Hashable {
        /// `DatabaseName`: the database whose change stream the mapping reads.
        public var databaseName: String?
        /// `CollectionName`: one collection of that database; `nil` reads all of them.
        public var collectionName: String?
        /// `UpdateLookup` or `Default`.
        public var fullDocument: String?

        /// A DocumentDB config with only the given members set.
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
            let position =
                parameters.firstIndex { !["EventSourceArn", "FunctionName", "Enabled", "BatchSize"].contains($0.key) } ?? parameters.count
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
