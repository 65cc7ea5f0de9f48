import LambdaFilter

/// Checks of the members `MappingParameters` carries as JSON (`otherMembers`): source access,
/// metrics, logging, provisioned pollers, Kafka configs and self-managed endpoints (spec §5.2).
extension ParameterValidator {
    /// Which source access `Type` each source takes.
    static let sourceAccessTypes: [(type: String, sources: Set<MappingSource>)] = [
        ("BASIC_AUTH", [.mq, .kafka]),
        ("VPC_SUBNET", [.kafka]),
        ("VPC_SECURITY_GROUP", [.kafka]),
        ("SASL_SCRAM_256_AUTH", [.kafka]),
        ("SASL_SCRAM_512_AUTH", [.msk, .kafka]),
        ("VIRTUAL_HOST", [.mq]),
        ("CLIENT_CERTIFICATE_TLS_AUTH", [.msk, .kafka]),
        ("SERVER_ROOT_CA_CERTIFICATE", [.kafka]),
    ]

    static let metrics = ["EventCount", "ErrorCount", "KafkaMetrics"]
    /// Metrics other than these apply to Kafka sources only.
    static let metricsForEverySource: Set<String> = ["EventCount"]

    /// `[a-zA-Z0-9-\/*:_+=.@-]*`, ConsumerGroupId's characters.
    static let consumerGroupCharacters = "a-z A-Z 0-9 - / * : _ + = . @"
    static let maxBootstrapServers = 10

    mutating func checkConfigurations(_ members: [JSONMember]) {
        for member in members {
            // A member that does not apply was reported once already; its contents would only add noise.
            guard let rule = Self.applicability[member.key], rule.sources.contains(source) else { continue }
            switch member.key {
            case "SourceAccessConfigurations": checkSourceAccessConfigurations(member.value)
            case "MetricsConfig": checkMetricsConfig(member.value)
            case "LoggingConfig": checkLoggingConfig(member.value)
            case "ProvisionedPollerConfig": checkProvisionedPollerConfig(member.value)
            case "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig": checkKafkaConfig(member.key, member.value)
            case "SelfManagedEventSource": checkSelfManagedEventSource(member.value)
            default: break
            }
        }
    }

    // MARK: - Members

    private mutating func checkSourceAccessConfigurations(_ value: JSONValue) {
        let name = "SourceAccessConfigurations"
        guard let entries = list(name, value, count: 0...23, allowed: "0 to 23 entries", noun: "entries") else { return }
        let typesHere = Self.sourceAccessTypes.filter { $0.sources.contains(source) }.map(\.type)
        for (index, entry) in entries.enumerated() {
            let path = "\(name)[\(index)]"
            guard let entry = object(path, entry, members: ["Type", "URI"]) else { continue }
            if let type = oneOf(
                path + ".Type", entry["Type"], Self.sourceAccessTypes.map(\.type), noun: "source access type", required: true)
            {
                if !typesHere.contains(type) {
                    add(
                        .notApplicable, path + ".Type", JSONWriter.quote(type), allowed: typesHere.joined(separator: ", "),
                        reason: "does not apply to this source")
                } else if type == "VIRTUAL_HOST", !isCreate {
                    add(
                        .createOnly, path + ".Type", JSONWriter.quote(type), allowed: "only in CreateEventSourceMapping",
                        reason: "cannot be changed by UpdateEventSourceMapping")
                }
            }
            text(path + ".URI", entry["URI"], length: 1...200, required: true)
        }
    }

    private mutating func checkMetricsConfig(_ value: JSONValue) {
        guard let config = object("MetricsConfig", value, members: ["Metrics"]), let metrics = config["Metrics"] else { return }
        let allowedList = "0 to 3 of " + Self.metrics.joined(separator: ", ")
        guard let entries = list("MetricsConfig.Metrics", metrics, count: 0...3, allowed: allowedList, noun: "metrics") else { return }
        for (index, entry) in entries.enumerated() {
            let path = "MetricsConfig.Metrics[\(index)]"
            guard let metric = oneOf(path, entry, Self.metrics, noun: "metric") else { continue }
            if !Self.metricsForEverySource.contains(metric), !Self.kafka.contains(source) {
                add(
                    .notApplicable, path, JSONWriter.quote(metric),
                    allowed: "only for Amazon MSK, self-managed Apache Kafka; EventCount for every source",
                    reason: "does not apply to this source")
            }
        }
    }

    private mutating func checkLoggingConfig(_ value: JSONValue) {
        guard let config = object("LoggingConfig", value, members: ["SystemLogLevel"]) else { return }
        oneOf("LoggingConfig.SystemLogLevel", config["SystemLogLevel"], ["DEBUG", "INFO", "WARN"], noun: "system log level")
    }

    private mutating func checkProvisionedPollerConfig(_ value: JSONValue) {
        let name = "ProvisionedPollerConfig"
        guard let config = object(name, value, members: ["MinimumPollers", "MaximumPollers", "PollerGroupName"]) else { return }
        // SQS runs at least two pollers; Kafka sources at least one.
        let fewest = source == .sqs ? 2 : 1
        let minimum = config["MinimumPollers"].flatMap { integer(name + ".MinimumPollers", $0) }
        let maximum = config["MaximumPollers"].flatMap { integer(name + ".MaximumPollers", $0) }
        range(name + ".MinimumPollers", minimum, fewest...200)
        range(name + ".MaximumPollers", maximum, fewest...10_000)
        if let minimum, let maximum, minimum > maximum {
            add(
                .conflict, name + ".MinimumPollers", "\(minimum)", allowed: "at most MaximumPollers",
                reason: "more than MaximumPollers \(maximum)")
        }
        text(
            name + ".PollerGroupName", config["PollerGroupName"], length: 0...128, characters: "a-z A-Z 0-9 - _",
            isAllowed: { Self.isWordCharacter($0) || $0 == "-" })
    }

    private mutating func checkKafkaConfig(_ name: String, _ value: JSONValue) {
        guard let config = object(name, value, members: ["ConsumerGroupId", "SchemaRegistryConfig"]) else { return }
        if let group = config["ConsumerGroupId"] {
            if isCreate {
                text(
                    name + ".ConsumerGroupId", group, length: 1...200, characters: Self.consumerGroupCharacters,
                    isAllowed: { Self.isWordCharacter($0) || "-/*:+=.@".unicodeScalars.contains($0) })
            } else {
                add(
                    .createOnly, name + ".ConsumerGroupId", JSONWriter.write(group), allowed: "only in CreateEventSourceMapping",
                    reason: "cannot be changed after creation")
            }
        }
        if let registry = config["SchemaRegistryConfig"] {
            checkSchemaRegistry(name + ".SchemaRegistryConfig", registry)
        }
    }

    private mutating func checkSchemaRegistry(_ name: String, _ value: JSONValue) {
        guard
            let config = object(
                name, value, members: ["SchemaRegistryURI", "EventRecordFormat", "AccessConfigs", "SchemaValidationConfigs"])
        else { return }
        text(name + ".SchemaRegistryURI", config["SchemaRegistryURI"], length: 1...10_000)
        oneOf(name + ".EventRecordFormat", config["EventRecordFormat"], ["JSON", "SOURCE"], noun: "event record format")
        if let accessConfigs = config["AccessConfigs"], let entries = list(name + ".AccessConfigs", accessConfigs) {
            for (index, entry) in entries.enumerated() {
                let path = "\(name).AccessConfigs[\(index)]"
                guard let entry = object(path, entry, members: ["Type", "URI"]) else { continue }
                oneOf(
                    path + ".Type", entry["Type"], ["BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH", "SERVER_ROOT_CA_CERTIFICATE"],
                    noun: "schema registry access type", required: true)
                if let uri = entry["URI"].flatMap({ string(path + ".URI", $0) }),
                    ARNFormat(uri) == nil || uri.utf16.count > ARNFormat.maxLength
                {
                    add(
                        .invalidValue, path + ".URI", JSONWriter.quote(uri), allowed: "a secret's ARN (\(ARNFormat.shape))",
                        reason: "not an ARN")
                }
            }
        }
        if let validations = config["SchemaValidationConfigs"], let entries = list(name + ".SchemaValidationConfigs", validations) {
            for (index, entry) in entries.enumerated() {
                let path = "\(name).SchemaValidationConfigs[\(index)]"
                guard let entry = object(path, entry, members: ["Attribute"]) else { continue }
                oneOf(path + ".Attribute", entry["Attribute"], ["KEY", "VALUE"], noun: "schema validation attribute", required: true)
            }
        }
    }

    private mutating func checkSelfManagedEventSource(_ value: JSONValue) {
        let name = "SelfManagedEventSource"
        guard let config = object(name, value, members: ["Endpoints"]) else { return }
        guard let endpoints = config["Endpoints"] else {
            add(.missing, name + ".Endpoints", "(missing)", allowed: "{\"KAFKA_BOOTSTRAP_SERVERS\":[\"host:port\"]}", reason: "required")
            return
        }
        guard let kinds = object(name + ".Endpoints", endpoints, members: ["KAFKA_BOOTSTRAP_SERVERS"]) else { return }
        guard let servers = kinds["KAFKA_BOOTSTRAP_SERVERS"] else {
            add(
                .missing, name + ".Endpoints.KAFKA_BOOTSTRAP_SERVERS", "(missing)",
                allowed: "1 to \(Self.maxBootstrapServers) host:port entries", reason: "required")
            return
        }
        let path = name + ".Endpoints.KAFKA_BOOTSTRAP_SERVERS"
        guard
            let entries = list(
                path, servers, count: 1...Self.maxBootstrapServers, allowed: "1 to \(Self.maxBootstrapServers) host:port entries",
                noun: "servers")
        else { return }
        for (index, entry) in entries.enumerated() {
            guard let server = string("\(path)[\(index)]", entry) else { continue }
            if let problem = Self.bootstrapServerProblem(server) {
                add(
                    .invalidValue, "\(path)[\(index)]", JSONWriter.quote(server),
                    allowed: "host:port (DNS name or IPv4 address, port of 1 to 5 digits), 1 to 300 characters", reason: problem)
            }
        }
    }

    /// Why `server` does not match the model's `host:port` pattern, or `nil`.
    static func bootstrapServerProblem(_ server: String) -> String? {
        guard (1...300).contains(server.utf16.count) else { return "length \(server.utf16.count)" }
        guard let colon = server.lastIndex(of: ":") else { return "no :port" }
        let host = server[..<colon]
        let port = server[server.index(after: colon)...]
        guard (1...5).contains(port.count), port.allSatisfy(\.isASCIIDigit) else { return "the port must be 1 to 5 digits" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let labelsOK = labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { (isWordCharacter($0) && $0 != "_") || $0 == "-" }
        }
        return labelsOK ? nil : "the host must be dot-separated letters, digits and inner hyphens"
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    // MARK: - Typed reads that report what is wrong

    /// `value` when it is an object; a wrong type, or a member the API does not have, is a problem.
    private mutating func object(_ parameter: String, _ value: JSONValue, members known: [String]) -> JSONValue? {
        guard let members = value.objectMembers else {
            add(
                .wrongType, parameter, JSONWriter.write(value), allowed: "an object with " + known.joined(separator: ", "),
                reason: "wrong type \(value.typeName)")
            return nil
        }
        for member in members where !known.contains(member.key) {
            add(
                .unknownParameter, parameter + "." + member.key, JSONWriter.write(member.value), allowed: known.joined(separator: ", "),
                reason: "unknown parameter")
        }
        return value
    }

    /// The elements of a list, reporting a wrong type or a count outside `count`.
    private mutating func list(
        _ parameter: String, _ value: JSONValue, count: ClosedRange<Int>? = nil, allowed: String = "", noun: String = ""
    ) -> [JSONValue]? {
        guard let elements = value.arrayElements else {
            add(.wrongType, parameter, JSONWriter.write(value), allowed: "a list", reason: "wrong type \(value.typeName)")
            return nil
        }
        if let count, !count.contains(elements.count) {
            add(.outOfRange, parameter, JSONWriter.write(value), allowed: allowed, reason: "\(elements.count) \(noun)")
        }
        return elements
    }

    private mutating func string(_ parameter: String, _ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        add(.wrongType, parameter, JSONWriter.write(value), allowed: "a string", reason: "wrong type \(value.typeName)")
        return nil
    }

    private mutating func integer(_ parameter: String, _ value: JSONValue) -> Int? {
        if case .number(let text) = value, let number = Int(text) { return number }
        add(.wrongType, parameter, JSONWriter.write(value), allowed: "an integer", reason: "wrong type \(value.typeName)")
        return nil
    }

    /// One of `choices`; anything else (or nothing, when `required`) is a problem.
    @discardableResult
    private mutating func oneOf(
        _ parameter: String, _ value: JSONValue?, _ choices: [String], noun: String, required: Bool = false
    ) -> String? {
        guard let value else {
            if required { add(.missing, parameter, "(missing)", allowed: choices.joined(separator: ", "), reason: "required") }
            return nil
        }
        guard let text = string(parameter, value) else { return nil }
        guard choices.contains(text) else {
            let article = noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            add(
                .invalidValue, parameter, JSONWriter.quote(text), allowed: choices.joined(separator: ", "), reason: "not \(article) \(noun)"
            )
            return nil
        }
        return text
    }

    /// A string of `length` UTF-16 units made of allowed characters.
    private mutating func text(
        _ parameter: String, _ value: JSONValue?, length: ClosedRange<Int>, required: Bool = false,
        characters: String? = nil, isAllowed: (Unicode.Scalar) -> Bool = { _ in true }
    ) {
        let allowed = "\(length.lowerBound) to \(length.upperBound) characters" + (characters.map { " of \($0)" } ?? "")
        guard let value else {
            if required { add(.missing, parameter, "(missing)", allowed: allowed, reason: "required") }
            return
        }
        guard let text = string(parameter, value) else { return }
        if !length.contains(text.utf16.count) {
            add(.invalidValue, parameter, JSONWriter.quote(text), allowed: allowed, reason: "length \(text.utf16.count)")
        } else if let bad = text.unicodeScalars.first(where: { !isAllowed($0) }) {
            add(.invalidValue, parameter, JSONWriter.quote(text), allowed: allowed, reason: "contains \(JSONWriter.quote(String(bad)))")
        }
    }
}
