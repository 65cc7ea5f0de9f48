import LambdaFilter

/// Serverless Framework `serverless.yml`: each function's `sqs`, `stream`, `msk`, `kafka`,
/// `activemq` and `rabbitmq` events. The framework writes each `filterPatterns` entry as
/// `{Pattern: JSON.stringify(entry)}` (lib/plugins/aws/package/compile/events/*.js), so the
/// Pattern AWS receives is the entry as minified JSON, its keys in the order written (array-index
/// keys first, as JavaScript orders them) and its numbers as JavaScript prints them
/// (`JavaScriptYAML`: the file is read as js-yaml reads it).
extension DocumentReading {
    /// Event keys that become event source mappings, and the source each stands for.
    static let serverlessEvents: [String: MappingSource?] = [
        "sqs": .sqs, "stream": nil, "msk": .msk, "kafka": .kafka, "activemq": .mq, "rabbitmq": .mq,
    ]

    /// Serverless event options under their API names (the framework's own spellings).
    static let serverlessParameters: [String: String] = [
        "batchSize": "BatchSize", "maximumBatchingWindow": "MaximumBatchingWindowInSeconds",
        "batchWindow": "MaximumBatchingWindowInSeconds",
        "enabled": "Enabled", "startingPosition": "StartingPosition", "parallelizationFactor": "ParallelizationFactor",
        "maximumRetryAttempts": "MaximumRetryAttempts", "maximumRecordAgeInSeconds": "MaximumRecordAgeInSeconds",
        "bisectBatchOnFunctionError": "BisectBatchOnFunctionError", "tumblingWindowInSeconds": "TumblingWindowInSeconds",
        "arn": "EventSourceArn", "kmsKeyArn": "KMSKeyArn",
    ]

    mutating func readServerless(_ root: JSONValue) -> [FoundMapping] {
        var found: [FoundMapping] = []
        let resources = root["resources"]?["Resources"] ?? .object([])
        for function in root["functions"]?.objectMembers ?? [] {
            for (index, event) in (function.value["events"]?.arrayElements ?? []).enumerated() {
                guard case .object(let members) = event, members.count == 1, let kind = members.first?.key,
                    let known = Self.serverlessEvents[kind]
                else { continue }
                let config = members[0].value
                let path = ["functions", function.key, "events", String(index), kind]
                let id = "\(function.key).events[\(index)]"
                let source = known ?? Self.streamSource(config, resources: resources)
                var mapping = FoundMapping(
                    id: id, aliases: ["\(function.key).event[\(index)]", "\(function.key).\(kind)"], what: "Serverless \(kind) event",
                    source: source, isPipe: false,
                    location: location(path), hasCriteria: false,
                    entry: CriteriaEntry(
                        name: id, resource: function.key, event: "events[\(index)]", source: source, result: .success(.removingAllFilters)),
                    filterIndices: [], parameters: serverlessParameters(config, kind: kind, path: path))
                if let patterns = config["filterPatterns"] {
                    mapping.hasCriteria = true
                    var specs: [FilterSpec] = []
                    var structural: [CriteriaError] = []
                    if let entries = patterns.arrayElements {
                        for (filterIndex, entry) in entries.enumerated() {
                            let entryPath = path + ["filterPatterns", String(filterIndex)]
                            specs.append(serverlessFilter(entry, index: filterIndex, path: entryPath).located(location(entryPath)))
                        }
                    } else {
                        structural.append(
                            CriteriaError(
                                code: .malformedCriteria,
                                message: "filterPatterns must be a list of pattern objects, got \(patterns.typeName)"))
                    }
                    (mapping.entry, mapping.filterIndices) = Self.evaluate(
                        specs, structural: structural, name: id, source: source, isPipe: false,
                        resource: function.key, event: "events[\(index)]", options: options)
                }
                found.append(mapping)
            }
        }
        if found.isEmpty {
            notes.append(
                DocumentNote(
                    severity: .note, code: "no-filters",
                    message: "this serverless.yml has no sqs, stream, msk, kafka, activemq or rabbitmq event: it holds no filters"))
        }
        return found
    }

    private func serverlessFilter(_ entry: JSONValue, index: Int, path: [String]) -> FilterSpec {
        if let variable = Self.serverlessVariable(in: entry) {
            return .unresolved("the Serverless variable `\(variable)`, resolved at deploy time")
        }
        if Intrinsics.functionName(entry) != nil { return .unresolved(Intrinsics.describe(entry)) }
        guard case .object = entry else {
            return .malformed(
                CriteriaError(
                    code: .malformedCriteria,
                    message:
                        "each filterPatterns entry must be a pattern object (the framework writes it with JSON.stringify), got \(entry.typeName)",
                    filterIndex: index))
        }
        // JSON.stringify puts array-index keys ("2", "10") first; numbers are already JavaScript's text.
        let text = JSONWriter.write(JavaScriptYAML.stringifyOrder(entry))
        return .text(text, PatternSource(filterIndex: index, text: text, start: location(path), style: .generated))
    }

    /// The first `${...}` variable in a value, if any.
    static func serverlessVariable(in value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            guard let start = Substring(text).range(of: "${") else { return nil }
            let rest = text[start.lowerBound...]
            return String(rest.prefix { $0 != "}" }) + "}"
        case .object(let members): return members.lazy.compactMap { serverlessVariable(in: $0.value) }.first
        case .array(let elements): return elements.lazy.compactMap { serverlessVariable(in: $0) }.first
        default: return nil
        }
    }

    /// A `stream` event's source: its `type`, or its ARN.
    private static func streamSource(_ config: JSONValue, resources: JSONValue) -> MappingSource? {
        if let type = config["type"]?.stringValue { return type == "dynamodb" ? .dynamodb : type == "kinesis" ? .kinesis : nil }
        let arn = config.stringValue.map(JSONValue.string) ?? config["arn"]
        return arn.flatMap { sourceOf($0, types: resourceTypes(resources)) }
    }

    private func serverlessParameters(_ config: JSONValue, kind: String, path: [String]) -> FoundParameters {
        var request: [JSONMember] = []
        var locations: [String: TextLocation] = [:]
        var supplied: Set<String> = ["FunctionName"]
        func add(_ key: String, _ value: JSONValue, _ written: String) {
            locations[key] = location(path + [written])
            if Intrinsics.functionName(value) != nil || value.containsIntrinsic || Self.serverlessVariable(in: value) != nil {
                supplied.insert(key)
            } else {
                request.append(JSONMember(key, value))
            }
        }
        guard case .object(let members) = config else {
            if config.stringValue != nil { supplied.insert("EventSourceArn") }
            return FoundParameters(
                request: .object([]), locations: [:], operation: .create, suppliedElsewhere: supplied.union(["StartingPosition"]))
        }
        for member in members {
            if let key = Self.serverlessParameters[member.key] {
                add(key, member.value, member.key)
            } else if member.key == "functionResponseType" {
                add("FunctionResponseTypes", .array([member.value]), member.key)
            } else if member.key == "maximumConcurrency" {
                add("ScalingConfig", .object([JSONMember("MaximumConcurrency", member.value)]), member.key)
            } else if member.key == "topic" {
                add("Topics", .array([member.value]), member.key)
            } else if member.key == "queue" {
                add("Queues", .array([member.value]), member.key)
            }
        }
        // The framework fills in the ARN of msk/kafka brokers and a default starting position.
        if kind != "sqs" && config["startingPosition"] == nil && kind != "activemq" && kind != "rabbitmq" {
            request.append(JSONMember("StartingPosition", "TRIM_HORIZON"))
        }
        if kind == "kafka" || kind == "msk" || kind == "activemq" || kind == "rabbitmq" { supplied.insert("EventSourceArn") }
        return FoundParameters(request: .object(request), locations: locations, operation: .create, suppliedElsewhere: supplied)
    }
}
