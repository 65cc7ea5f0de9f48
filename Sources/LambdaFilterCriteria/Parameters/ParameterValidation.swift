import LambdaFilter

extension MappingParameters {
    /// Checks every member against the ranges and per-source rules AWS documents for
    /// `operation` on a mapping of `source` (spec §5.2, §5.3), offline.
    ///
    /// - Parameter fifoQueue: whether an SQS source is a FIFO queue; `nil` reads it from the
    ///   event source ARN (`.fifo`), which update requests do not carry.
    public func validate(for operation: MappingOperation, source: MappingSource, fifoQueue: Bool? = nil) -> [ParameterProblem] {
        var validator = ParameterValidator(
            operation: operation, source: source,
            isFIFO: source == .sqs && (fifoQueue ?? namesFIFOQueue)
        )
        validator.check(self)
        return validator.problems
    }
}

/// The rule set behind `MappingParameters.validate`.
struct ParameterValidator {
    let operation: MappingOperation
    let source: MappingSource
    let isFIFO: Bool
    private(set) var problems: [ParameterProblem] = []

    init(operation: MappingOperation, source: MappingSource, isFIFO: Bool) {
        self.operation = operation
        self.source = source
        self.isFIFO = isFIFO
    }

    var isCreate: Bool { operation == .create }
    private var sourceDescription: String { isFIFO ? "Amazon SQS FIFO queue" : source.displayName }

    /// Sources grouped as the API documentation groups them.
    static let streams: Set<MappingSource> = [.kinesis, .dynamodb]
    static let streamsAndKafka: Set<MappingSource> = [.kinesis, .dynamodb, .msk, .kafka]
    static let kafka: Set<MappingSource> = [.msk, .kafka]
    static let all = Set(MappingSource.allCases)

    /// Which sources each member applies to, and whether only CreateEventSourceMapping may set it.
    static let applicability: [String: (sources: Set<MappingSource>, createOnly: Bool)] = [
        "EventSourceArn": (all.subtracting([.kafka]), true),
        "FunctionName": (all, false),
        "Enabled": (all, false),
        "BatchSize": (all, false),
        "FilterCriteria": (all, false),
        "MaximumBatchingWindowInSeconds": (all, false),
        "ParallelizationFactor": (streams, false),
        "StartingPosition": (streamsAndKafka.union([.documentdb]), true),
        "StartingPositionTimestamp": ([.kinesis, .msk, .kafka, .documentdb], true),
        "DestinationConfig": (streamsAndKafka, false),
        "MaximumRecordAgeInSeconds": (streamsAndKafka, false),
        "BisectBatchOnFunctionError": (streamsAndKafka, false),
        "MaximumRetryAttempts": (streamsAndKafka, false),
        "TumblingWindowInSeconds": (streams, false),
        "Topics": (kafka, true),
        "Queues": ([.mq], true),
        "FunctionResponseTypes": (streamsAndKafka.union([.sqs]), false),
        "ScalingConfig": ([.sqs], false),
        "DocumentDBEventSourceConfig": ([.documentdb], false),
        "KMSKeyArn": (all, false),
        "SourceAccessConfigurations": ([.msk, .kafka, .mq], false),
        "SelfManagedEventSource": ([.kafka], true),
        "AmazonManagedKafkaEventSourceConfig": ([.msk], false),
        "SelfManagedKafkaEventSourceConfig": ([.kafka], false),
        "MetricsConfig": (all, false),
        "LoggingConfig": (kafka, false),
        "ProvisionedPollerConfig": ([.sqs, .msk, .kafka], false),
        "Tags": (all, true),
    ]

    mutating func check(_ parameters: MappingParameters) {
        checkApplicability(parameters)
        checkRequired(parameters)
        checkFunctionName(parameters.functionName)
        checkEventSourceArn(parameters.eventSourceArn)
        checkBatching(parameters)
        range("ParallelizationFactor", parameters.parallelizationFactor, 1...10)
        range("MaximumRetryAttempts", parameters.maximumRetryAttempts, -1...10_000)
        range("TumblingWindowInSeconds", parameters.tumblingWindowInSeconds, 0...900)
        if let age = parameters.maximumRecordAgeInSeconds, age != -1, !(60...604_800).contains(age) {
            // The model allows -1...604800, but AWS rejects 0...59.
            add(.outOfRange, "MaximumRecordAgeInSeconds", "\(age)", allowed: "-1 (no limit) or 60 to 604800", reason: "out of range")
        }
        checkStartingPosition(parameters)
        checkDestination(parameters.destinationConfig)
        checkFunctionResponseTypes(parameters.functionResponseTypes)
        range("ScalingConfig.MaximumConcurrency", parameters.scalingConfig?.maximumConcurrency, 2...1000)
        checkDocumentDB(parameters.documentDBEventSourceConfig)
        checkTopics(parameters.topics)
        checkQueues(parameters.queues)
        checkKMSKeyArn(parameters.kmsKeyArn)
        checkConfigurations(parameters.otherMembers)
    }

    // MARK: - Which members apply

    private mutating func checkApplicability(_ parameters: MappingParameters) {
        for member in parameters.members {
            guard let rule = Self.applicability[member.key] else {
                if member.key == "UUID" {
                    add(
                        .notApplicable, "UUID", JSONWriter.write(member.value),
                        allowed: "only in UpdateEventSourceMapping (pass it as the operation)",
                        reason: "not a member of \(operation.operationName) parameters")
                } else {
                    add(
                        .unknownParameter, member.key, JSONWriter.write(member.value), allowed: "the members of \(operation.operationName)",
                        reason: "unknown parameter")
                }
                continue
            }
            if !rule.sources.contains(source) {
                let names = MappingSource.allCases.filter(rule.sources.contains).map(\.displayName).joined(separator: ", ")
                add(
                    .notApplicable, member.key, JSONWriter.write(member.value), allowed: "only for \(names)",
                    reason: "does not apply to this source")
            } else if rule.createOnly, !isCreate {
                add(
                    .createOnly, member.key, JSONWriter.write(member.value), allowed: "only in CreateEventSourceMapping",
                    reason: "cannot be changed by UpdateEventSourceMapping")
            }
        }
    }

    private mutating func checkRequired(_ parameters: MappingParameters) {
        if case .update(let uuid) = operation, uuid.utf16.count != 36 {
            add(
                .invalidValue, "UUID", JSONWriter.quote(uuid), allowed: "exactly 36 characters (the mapping's UUID)",
                reason: "wrong length \(uuid.utf16.count)")
        }
        guard isCreate else { return }
        if parameters.functionName == nil {
            add(.missing, "FunctionName", "(missing)", allowed: "a function name or ARN", reason: "required by CreateEventSourceMapping")
        }
        if source != .kafka, parameters.eventSourceArn == nil {
            add(
                .missing, "EventSourceArn", "(missing)", allowed: "the \(source.displayName) ARN",
                reason: "required by CreateEventSourceMapping")
        }
        if Self.streamsAndKafka.contains(source), parameters.startingPosition == nil {
            add(
                .missing, "StartingPosition", "(missing)",
                allowed: "TRIM_HORIZON, LATEST" + (source == .dynamodb ? "" : " or AT_TIMESTAMP"), reason: "required for this source")
        }
        if Self.kafka.contains(source), parameters.topics == nil {
            add(.missing, "Topics", "(missing)", allowed: "exactly one topic name", reason: "required for this source")
        }
        if source == .mq, parameters.queues == nil {
            add(.missing, "Queues", "(missing)", allowed: "exactly one queue name", reason: "required for this source")
        }
        if source == .kafka, !parameters.otherMembers.contains(where: { $0.key == "SelfManagedEventSource" }) {
            add(
                .missing, "SelfManagedEventSource", "(missing)", allowed: "{\"Endpoints\":{\"KAFKA_BOOTSTRAP_SERVERS\":[\"host:port\"]}}",
                reason: "required for this source")
        }
        if source == .documentdb, parameters.documentDBEventSourceConfig?.databaseName == nil {
            add(
                .missing, "DocumentDBEventSourceConfig.DatabaseName", "(missing)", allowed: "the database to read change streams from",
                reason: "required for this source")
        }
    }

    // MARK: - Individual members

    private mutating func checkFunctionName(_ name: String?) {
        guard let name else { return }
        if let reason = FunctionNameFormat.problem(name) {
            add(.invalidValue, "FunctionName", JSONWriter.quote(name), allowed: FunctionNameFormat.allowed, reason: reason)
        }
    }

    private mutating func checkEventSourceArn(_ arn: String?) {
        guard let arn else { return }
        let quoted = JSONWriter.quote(arn)
        guard arn.utf16.count <= ARNFormat.maxLength, let parts = ARNFormat(arn) else {
            let reason = arn.utf16.count > ARNFormat.maxLength ? "longer than \(ARNFormat.maxLength) characters" : "not an ARN"
            add(
                .invalidValue, "EventSourceArn", quoted, allowed: "an ARN (\(ARNFormat.shape)), at most \(ARNFormat.maxLength) characters",
                reason: reason)
            return
        }
        let allowed = source.eventSourceArnShape
        if let named = MappingSource(eventSourceArn: arn), named != source {
            add(.conflict, "EventSourceArn", quoted, allowed: allowed, reason: "names \(named.displayName), not \(source.displayName)")
        } else if MappingSource(eventSourceArn: arn) == nil {
            add(
                .conflict, "EventSourceArn", quoted, allowed: allowed,
                reason: "names the \(parts.service) service, which is not an event source")
        } else if let problem = source.eventSourceResourceProblem(parts.resource) {
            add(.invalidValue, "EventSourceArn", quoted, allowed: allowed, reason: problem)
        }
    }

    private mutating func checkBatching(_ parameters: MappingParameters) {
        let maxBatch = isFIFO ? 10 : 10_000
        range("BatchSize", parameters.batchSize, 1...maxBatch)
        range("MaximumBatchingWindowInSeconds", parameters.maximumBatchingWindowInSeconds, 0...300)
        guard source == .sqs else { return }
        if isFIFO, let window = parameters.maximumBatchingWindowInSeconds, window > 0 {
            add(
                .notApplicable, "MaximumBatchingWindowInSeconds", "\(window)", allowed: "standard queues only",
                reason: "batching windows apply to standard queues", severity: .warning)
        }
        guard let batch = parameters.batchSize, batch > 10, !isFIFO else { return }
        switch parameters.maximumBatchingWindowInSeconds {
        case .some(let window) where window < 1:
            add(
                .conflict, "MaximumBatchingWindowInSeconds", "\(window)", allowed: "1 to 300 when BatchSize is greater than 10",
                reason: "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
        case .none where isCreate:
            add(
                .conflict, "MaximumBatchingWindowInSeconds", "(missing, default 0)", allowed: "1 to 300 when BatchSize is greater than 10",
                reason: "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
        case .none:
            add(
                .conflict, "MaximumBatchingWindowInSeconds", "(missing)", allowed: "1 to 300 when BatchSize is greater than 10",
                reason: "BatchSize \(batch) needs a batching window of at least 1 second; fine only if the mapping already has one",
                severity: .warning)
        default:
            break
        }
    }

    private mutating func checkStartingPosition(_ parameters: MappingParameters) {
        if let position = parameters.startingPosition {
            let allowedHere = source == .dynamodb ? ["TRIM_HORIZON", "LATEST"] : ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]
            if !["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"].contains(position) || !allowedHere.contains(position) {
                add(
                    .invalidValue, "StartingPosition", JSONWriter.quote(position), allowed: allowedHere.joined(separator: ", "),
                    reason: "not a starting position for this source")
            }
        }
        let atTimestamp = parameters.startingPosition == "AT_TIMESTAMP"
        if atTimestamp, parameters.startingPositionTimestamp == nil {
            add(
                .missing, "StartingPositionTimestamp", "(missing)", allowed: "seconds since the epoch, not in the future",
                reason: "required when StartingPosition is AT_TIMESTAMP")
        }
        if let timestamp = parameters.startingPositionTimestamp {
            if !atTimestamp {
                add(
                    .conflict, "StartingPositionTimestamp", timestamp, allowed: "only with StartingPosition AT_TIMESTAMP",
                    reason: "given without AT_TIMESTAMP")
            } else if Double(timestamp).map({ $0 < 0 || !$0.isFinite }) ?? true {
                add(
                    .invalidValue, "StartingPositionTimestamp", timestamp, allowed: "seconds since the epoch, not in the future",
                    reason: "not a timestamp")
            }
        }
    }

    private mutating func checkDestination(_ config: MappingParameters.DestinationConfig?) {
        guard let config else { return }
        if let success = config.onSuccessDestination {
            add(
                .notApplicable, "DestinationConfig.OnSuccess", JSONWriter.quote(success), allowed: "OnFailure only",
                reason: "OnSuccess is not supported in CreateEventSourceMapping or UpdateEventSourceMapping")
        }
        guard let failure = config.onFailureDestination else { return }
        let kafkaTopic = failure.hasPrefix("kafka://")
        let service = failure.split(separator: ":", omittingEmptySubsequences: false).dropFirst(2).first.map(String.init)
        let allowedServices = ["sqs", "sns", "s3"]
        let allowed =
            "\"\" (remove), an SQS queue, SNS topic or S3 bucket ARN" + (Self.kafka.contains(source) ? ", or kafka://<topic>" : "")
            + "; at most 350 characters"
        if failure.utf16.count > 350 {
            add(
                .invalidValue, "DestinationConfig.OnFailure.Destination", JSONWriter.quote(failure), allowed: allowed,
                reason: "longer than 350 characters")
        } else if failure.isEmpty {
            return
        } else if kafkaTopic
            ? !Self.kafka.contains(source) || failure.count <= "kafka://".count
            : !(failure.hasPrefix("arn:") && service.map(allowedServices.contains) == true)
        {
            add(
                .invalidValue, "DestinationConfig.OnFailure.Destination", JSONWriter.quote(failure), allowed: allowed,
                reason: "not a failure destination for this source")
        }
    }

    private mutating func checkFunctionResponseTypes(_ types: [String]?) {
        guard let types else { return }
        let value = JSONWriter.write(.array(types.map(JSONValue.string)))
        if types.count > 1 || types.contains(where: { $0 != "ReportBatchItemFailures" }) {
            add(
                .invalidValue, "FunctionResponseTypes", value, allowed: "[] or [\"ReportBatchItemFailures\"]",
                reason: "not a function response type list")
        }
    }

    private mutating func checkDocumentDB(_ config: MappingParameters.DocumentDBEventSourceConfig?) {
        guard let config else { return }
        if let database = config.databaseName {
            let length = database.utf16.count
            if !(1...63).contains(length) || database.contains(where: { " /\\.$\"".contains($0) }) {
                add(
                    .invalidValue, "DocumentDBEventSourceConfig.DatabaseName", JSONWriter.quote(database),
                    allowed: "1 to 63 characters, none of space / \\ . $ \"", reason: "not a database name")
            }
        }
        if let collection = config.collectionName {
            let length = collection.utf16.count
            let firstOK =
                collection.first.map { $0.isASCIIDigit || $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) } ?? false
            if !(1...57).contains(length) || !firstOK || collection.hasPrefix("system.") || collection.contains("$") {
                add(
                    .invalidValue, "DocumentDBEventSourceConfig.CollectionName", JSONWriter.quote(collection),
                    allowed: "1 to 57 characters, starting with a letter, digit or _, not with system., no $",
                    reason: "not a collection name")
            }
        }
        if let fullDocument = config.fullDocument, !["UpdateLookup", "Default"].contains(fullDocument) {
            add(
                .invalidValue, "DocumentDBEventSourceConfig.FullDocument", JSONWriter.quote(fullDocument), allowed: "UpdateLookup, Default",
                reason: "not a FullDocument setting")
        }
    }

    private mutating func checkTopics(_ topics: [String]?) {
        guard let topics else { return }
        let value = JSONWriter.write(.array(topics.map(JSONValue.string)))
        let allowed = "exactly one topic of 2 to 249 characters: [^.] then [a-zA-Z0-9-_.]"
        guard topics.count == 1, let topic = topics.first else {
            add(.invalidValue, "Topics", value, allowed: allowed, reason: "\(topics.count) topics")
            return
        }
        let rest = topic.unicodeScalars.dropFirst()
        let restOK =
            !rest.isEmpty
            && rest.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
            }
        if topic.utf16.count > 249 || topic.hasPrefix(".") || !restOK {
            add(.invalidValue, "Topics", value, allowed: allowed, reason: "not a topic name")
        }
    }

    private mutating func checkQueues(_ queues: [String]?) {
        guard let queues else { return }
        let value = JSONWriter.write(.array(queues.map(JSONValue.string)))
        if queues.count != 1 || !(1...1000).contains(queues[0].utf16.count) {
            add(
                .invalidValue, "Queues", value, allowed: "exactly one queue name of 1 to 1000 characters", reason: "not a single queue name"
            )
        }
    }

    private mutating func checkKMSKeyArn(_ arn: String?) {
        guard let arn else { return }
        let allowed = "\"\" (use an AWS owned key) or a KMS key ARN (arn:partition:kms:...), at most \(ARNFormat.maxLength) characters"
        if arn.utf16.count > ARNFormat.maxLength {
            add(
                .invalidValue, "KMSKeyArn", JSONWriter.quote(arn), allowed: allowed, reason: "longer than \(ARNFormat.maxLength) characters"
            )
        } else if !ARNFormat.isKMSKeyArn(arn) {
            add(.invalidValue, "KMSKeyArn", JSONWriter.quote(arn), allowed: allowed, reason: "not a key ARN")
        }
    }

    // MARK: - Helpers

    mutating func range(_ parameter: String, _ value: Int?, _ allowed: ClosedRange<Int>) {
        guard let value, !allowed.contains(value) else { return }
        add(.outOfRange, parameter, "\(value)", allowed: "\(allowed.lowerBound) to \(allowed.upperBound)", reason: "out of range")
    }

    mutating func add(
        _ code: ParameterProblem.Code, _ parameter: String, _ value: String, allowed: String, reason: String,
        severity: ParameterProblem.Severity = .error
    ) {
        problems.append(
            ParameterProblem(
                code: code, severity: severity, parameter: parameter, sourceDescription: sourceDescription, value: value, allowed: allowed,
                reason: reason))
    }
}
