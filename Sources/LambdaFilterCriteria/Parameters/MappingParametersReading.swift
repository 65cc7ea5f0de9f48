import LambdaFilter

extension MappingParameters {
    /// A Create/UpdateEventSourceMapping request read from its JSON (a request body or
    /// `--cli-input-json` file): the UUID when present, the parameters, and type problems.
    /// `FilterCriteria` is left to `FilterCriteriaReader`.
    public struct ReadRequest: Sendable, Hashable {
        /// The `UUID` member, present in an UpdateEventSourceMapping request.
        public var uuid: String?
        /// The members read; a member of the wrong type is left unset and reported in `problems`.
        public var parameters: MappingParameters
        /// Members of the wrong JSON type, in the order they appear.
        public var problems: [ParameterProblem]

        /// `.update(uuid:)` when the request names a UUID, else `.create`.
        public var operation: MappingOperation { uuid.map { .update(uuid: $0) } ?? .create }
    }

    /// Reads the members of a request object; members of the wrong JSON type become problems.
    public static func read(json request: JSONValue) -> ReadRequest {
        var reader = MemberReader()
        var parameters = MappingParameters()
        var uuid: String?
        guard case .object(let members) = request else {
            reader.problem("(request)", request, expected: "an object of request members")
            return ReadRequest(uuid: nil, parameters: parameters, problems: reader.problems)
        }
        for member in members {
            let value = member.value
            switch member.key {
            case "UUID": uuid = reader.string(member.key, value)
            case "FilterCriteria": continue
            case "EventSourceArn": parameters.eventSourceArn = reader.string(member.key, value)
            case "FunctionName": parameters.functionName = reader.string(member.key, value)
            case "Enabled": parameters.enabled = reader.bool(member.key, value)
            case "BatchSize": parameters.batchSize = reader.integer(member.key, value)
            case "MaximumBatchingWindowInSeconds": parameters.maximumBatchingWindowInSeconds = reader.integer(member.key, value)
            case "ParallelizationFactor": parameters.parallelizationFactor = reader.integer(member.key, value)
            case "StartingPosition": parameters.startingPosition = reader.string(member.key, value)
            case "StartingPositionTimestamp":
                if case .number(let text) = value {
                    parameters.startingPositionTimestamp = text
                } else {
                    reader.problem(member.key, value, expected: "a number of seconds since the epoch")
                }
            case "DestinationConfig":
                parameters.destinationConfig = DestinationConfig(
                    onSuccessDestination: value["OnSuccess"].flatMap {
                        reader.string("DestinationConfig.OnSuccess.Destination", $0["Destination"] ?? .null)
                    },
                    onFailureDestination: value["OnFailure"].flatMap {
                        reader.string("DestinationConfig.OnFailure.Destination", $0["Destination"] ?? .null)
                    }
                )
            case "MaximumRecordAgeInSeconds": parameters.maximumRecordAgeInSeconds = reader.integer(member.key, value)
            case "BisectBatchOnFunctionError": parameters.bisectBatchOnFunctionError = reader.bool(member.key, value)
            case "MaximumRetryAttempts": parameters.maximumRetryAttempts = reader.integer(member.key, value)
            case "TumblingWindowInSeconds": parameters.tumblingWindowInSeconds = reader.integer(member.key, value)
            case "FunctionResponseTypes": parameters.functionResponseTypes = reader.strings(member.key, value)
            case "ScalingConfig":
                parameters.scalingConfig = ScalingConfig(
                    maximumConcurrency: value["MaximumConcurrency"].flatMap { reader.integer("ScalingConfig.MaximumConcurrency", $0) })
            case "DocumentDBEventSourceConfig":
                parameters.documentDBEventSourceConfig = DocumentDBEventSourceConfig(
                    databaseName: value["DatabaseName"].flatMap { reader.string("DocumentDBEventSourceConfig.DatabaseName", $0) },
                    collectionName: value["CollectionName"].flatMap { reader.string("DocumentDBEventSourceConfig.CollectionName", $0) },
                    fullDocument: value["FullDocument"].flatMap { reader.string("DocumentDBEventSourceConfig.FullDocument", $0) }
                )
            case "Topics": parameters.topics = reader.strings(member.key, value)
            case "Queues": parameters.queues = reader.strings(member.key, value)
            case "KMSKeyArn": parameters.kmsKeyArn = reader.string(member.key, value)
            default: parameters.otherMembers.append(member)
            }
        }
        return ReadRequest(uuid: uuid, parameters: parameters, problems: reader.problems)
    }
}

/// Typed reads of request members, recording a problem for each wrong type.
private struct MemberReader {
    var problems: [ParameterProblem] = []

    mutating func problem(_ name: String, _ value: JSONValue, expected: String) {
        problems.append(
            ParameterProblem(
                code: .wrongType, parameter: name, sourceDescription: "any source", value: JSONWriter.write(value),
                allowed: expected, reason: "wrong type \(value.typeName)"
            ))
    }

    mutating func string(_ name: String, _ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        problem(name, value, expected: "a string")
        return nil
    }

    mutating func bool(_ name: String, _ value: JSONValue) -> Bool? {
        if case .bool(let flag) = value { return flag }
        problem(name, value, expected: "true or false")
        return nil
    }

    mutating func integer(_ name: String, _ value: JSONValue) -> Int? {
        if case .number(let text) = value, let number = Int(text) { return number }
        problem(name, value, expected: "an integer")
        return nil
    }

    mutating func strings(_ name: String, _ value: JSONValue) -> [String]? {
        if case .array(let elements) = value {
            let texts = elements.compactMap(\.stringValue)
            if texts.count == elements.count { return texts }
        }
        problem(name, value, expected: "a list of strings")
        return nil
    }
}
