import LambdaFilter
import LambdaFilterCriteria
import Testing

/// Requests for the rules on members `MappingParameters` carries as JSON.
enum ConfigurationRequests {
    static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka-auth"
    static let bootstrap = #""SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b-1.example.com:9092","10.0.0.5:9092"]}}"#
    /// A create request for self-managed Kafka, complete but for `SelfManagedEventSource`.
    static let kafkaCreate = MappingParameters(functionName: "f", startingPosition: "LATEST", topics: ["orders"])

    /// `base` with the members of the JSON object `members` added as `otherMembers`, read the way
    /// a request body is read; text that does not parse becomes a member that fails the case.
    static func with(_ members: String, _ base: MappingParameters = MappingParameters()) -> MappingParameters {
        var parameters = base
        guard let json = try? JSONParser().parseValue("{" + members + "}") else {
            parameters.otherMembers.append(JSONMember("UnparsableTestInput", .string(members)))
            return parameters
        }
        parameters.otherMembers += MappingParameters.read(json: json).parameters.otherMembers
        return parameters
    }

    static func modified(_ base: MappingParameters, _ change: (inout MappingParameters) -> Void) -> MappingParameters {
        var parameters = base
        change(&parameters)
        return parameters
    }

    static let allSourceAccessTypes =
        "BASIC_AUTH, VPC_SUBNET, VPC_SECURITY_GROUP, SASL_SCRAM_256_AUTH, SASL_SCRAM_512_AUTH, VIRTUAL_HOST, CLIENT_CERTIFICATE_TLS_AUTH, SERVER_ROOT_CA_CERTIFICATE"
    static let mskSourceAccessTypes = "SASL_SCRAM_512_AUTH, CLIENT_CERTIFICATE_TLS_AUTH"
    static let twentyFourSubnets =
        "[" + Array(repeating: #"{"Type":"VPC_SUBNET","URI":"subnet:subnet-1"}"#, count: 24).joined(separator: ",") + "]"
    static let longName = String(repeating: "g", count: 201)
}

@Suite("Create/UpdateEventSourceMapping configuration members")
struct ConfigurationValidationTests {
    typealias R = ConfigurationRequests

    static let sourceAccessCases: [ParameterCase] = [
        ParameterCase(
            "source access MSK SCRAM", .msk, R.with(#""SourceAccessConfigurations":[{"Type":"SASL_SCRAM_512_AUTH","URI":"\#(R.secret)"}]"#),
            []),
        ParameterCase(
            "source access self-managed VPC", .kafka,
            R.with(
                #""SourceAccessConfigurations":[{"Type":"VPC_SUBNET","URI":"subnet:subnet-1"},{"Type":"VPC_SECURITY_GROUP","URI":"security_group:sg-1"},{"Type":"SERVER_ROOT_CA_CERTIFICATE","URI":"\#(R.secret)"}]"#
            ), []),
        ParameterCase(
            "source access MQ basic auth", .mq, R.with(#""SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"\#(R.secret)"}]"#), []),
        ParameterCase(
            "source access 24 entries", .kafka, R.with(#""SourceAccessConfigurations":\#(R.twentyFourSubnets)"#),
            ["SourceAccessConfigurations = \(R.twentyFourSubnets) (self-managed Apache Kafka): 24 entries; allowed: 0 to 23 entries"]),
        ParameterCase(
            "source access not a list", .mq, R.with(#""SourceAccessConfigurations":{"Type":"BASIC_AUTH"}"#),
            [#"SourceAccessConfigurations = {"Type":"BASIC_AUTH"} (Amazon MQ): wrong type object; allowed: a list"#]),
        ParameterCase(
            "source access entry not an object", .mq, R.with(#""SourceAccessConfigurations":["BASIC_AUTH"]"#),
            [#"SourceAccessConfigurations[0] = "BASIC_AUTH" (Amazon MQ): wrong type string; allowed: an object with Type, URI"#]),
        ParameterCase(
            "source access unknown type", .msk, R.with(#""SourceAccessConfigurations":[{"Type":"SASL_PLAIN","URI":"\#(R.secret)"}]"#),
            [
                #"SourceAccessConfigurations[0].Type = "SASL_PLAIN" (Amazon MSK): not a source access type; allowed: \#(R.allSourceAccessTypes)"#
            ]),
        ParameterCase(
            "source access type missing", .msk, R.with(#""SourceAccessConfigurations":[{"URI":"\#(R.secret)"}]"#),
            ["SourceAccessConfigurations[0].Type = (missing) (Amazon MSK): required; allowed: \(R.allSourceAccessTypes)"]),
        ParameterCase(
            "source access unknown member", .msk,
            R.with(#""SourceAccessConfigurations":[{"Type":"SASL_SCRAM_512_AUTH","Uri":"\#(R.secret)"}]"#),
            [
                #"SourceAccessConfigurations[0].Uri = "\#(R.secret)" (Amazon MSK): unknown parameter; allowed: Type, URI"#,
                "SourceAccessConfigurations[0].URI = (missing) (Amazon MSK): required; allowed: 1 to 200 characters",
            ]),
        ParameterCase(
            "BASIC_AUTH on MSK", .msk, R.with(#""SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"\#(R.secret)"}]"#),
            [
                #"SourceAccessConfigurations[0].Type = "BASIC_AUTH" (Amazon MSK): does not apply to this source; allowed: \#(R.mskSourceAccessTypes)"#
            ]),
        ParameterCase(
            "VPC_SUBNET on MSK", .msk, R.with(#""SourceAccessConfigurations":[{"Type":"VPC_SUBNET","URI":"subnet:subnet-1"}]"#),
            [
                #"SourceAccessConfigurations[0].Type = "VPC_SUBNET" (Amazon MSK): does not apply to this source; allowed: \#(R.mskSourceAccessTypes)"#
            ]),
        ParameterCase(
            "SASL_SCRAM_256_AUTH on MSK", .msk,
            R.with(#""SourceAccessConfigurations":[{"Type":"SASL_SCRAM_256_AUTH","URI":"\#(R.secret)"}]"#),
            [
                #"SourceAccessConfigurations[0].Type = "SASL_SCRAM_256_AUTH" (Amazon MSK): does not apply to this source; allowed: \#(R.mskSourceAccessTypes)"#
            ]),
        ParameterCase(
            "client certificate on MQ", .mq,
            R.with(#""SourceAccessConfigurations":[{"Type":"CLIENT_CERTIFICATE_TLS_AUTH","URI":"\#(R.secret)"}]"#),
            [
                #"SourceAccessConfigurations[0].Type = "CLIENT_CERTIFICATE_TLS_AUTH" (Amazon MQ): does not apply to this source; allowed: BASIC_AUTH, VIRTUAL_HOST"#
            ]),
        ParameterCase(
            "VIRTUAL_HOST on self-managed Kafka", .kafka,
            R.with(#""SourceAccessConfigurations":[{"Type":"VIRTUAL_HOST","URI":"/orders"}]"#),
            [
                #"SourceAccessConfigurations[0].Type = "VIRTUAL_HOST" (self-managed Apache Kafka): does not apply to this source; allowed: BASIC_AUTH, VPC_SUBNET, VPC_SECURITY_GROUP, SASL_SCRAM_256_AUTH, SASL_SCRAM_512_AUTH, CLIENT_CERTIFICATE_TLS_AUTH, SERVER_ROOT_CA_CERTIFICATE"#
            ]),
        ParameterCase(
            "VIRTUAL_HOST on create", .mq, on: .create,
            R.with(#""SourceAccessConfigurations":[{"Type":"VIRTUAL_HOST","URI":"/orders"}]"#, Samples.createParameters(for: .mq)), []),
        ParameterCase(
            "VIRTUAL_HOST on update", .mq,
            R.with(#""SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"\#(R.secret)"},{"Type":"VIRTUAL_HOST","URI":"/orders"}]"#),
            [
                #"SourceAccessConfigurations[1].Type = "VIRTUAL_HOST" (Amazon MQ): cannot be changed by UpdateEventSourceMapping; allowed: only in CreateEventSourceMapping"#
            ]),
        ParameterCase(
            "source access empty URI", .mq, R.with(#""SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":""}]"#),
            [#"SourceAccessConfigurations[0].URI = "" (Amazon MQ): length 0; allowed: 1 to 200 characters"#]),
        ParameterCase(
            "source access long URI", .mq,
            R.with(#""SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"\#(String(repeating: "u", count: 201))"}]"#),
            [
                #"SourceAccessConfigurations[0].URI = "\#(String(repeating: "u", count: 201))" (Amazon MQ): length 201; allowed: 1 to 200 characters"#
            ]),
        ParameterCase(
            "source access on SQS", .sqs, R.with(#""SourceAccessConfigurations":[{"Type":"BASIC_AUTH"}]"#),
            [
                #"SourceAccessConfigurations = [{"Type":"BASIC_AUTH"}] (Amazon SQS): does not apply to this source; allowed: only for Amazon MSK, self-managed Apache Kafka, Amazon MQ"#
            ]),
    ]

    static let metricsLoggingPollerCases: [ParameterCase] = [
        ParameterCase("event count on SQS", .sqs, R.with(#""MetricsConfig":{"Metrics":["EventCount"]}"#), []),
        ParameterCase("Kafka metrics on MSK", .msk, R.with(#""MetricsConfig":{"Metrics":["EventCount","ErrorCount","KafkaMetrics"]}"#), []),
        ParameterCase(
            "error count on SQS", .sqs, R.with(#""MetricsConfig":{"Metrics":["EventCount","ErrorCount"]}"#),
            [
                #"MetricsConfig.Metrics[1] = "ErrorCount" (Amazon SQS): does not apply to this source; allowed: only for Amazon MSK, self-managed Apache Kafka; EventCount for every source"#
            ]),
        ParameterCase(
            "Kafka metrics on Kinesis", .kinesis, R.with(#""MetricsConfig":{"Metrics":["KafkaMetrics"]}"#),
            [
                #"MetricsConfig.Metrics[0] = "KafkaMetrics" (Amazon Kinesis): does not apply to this source; allowed: only for Amazon MSK, self-managed Apache Kafka; EventCount for every source"#
            ]),
        ParameterCase(
            "unknown metric", .kinesis, R.with(#""MetricsConfig":{"Metrics":["Invocations"]}"#),
            [#"MetricsConfig.Metrics[0] = "Invocations" (Amazon Kinesis): not a metric; allowed: EventCount, ErrorCount, KafkaMetrics"#]),
        ParameterCase(
            "four metrics", .msk, R.with(#""MetricsConfig":{"Metrics":["EventCount","ErrorCount","KafkaMetrics","EventCount"]}"#),
            [
                #"MetricsConfig.Metrics = ["EventCount","ErrorCount","KafkaMetrics","EventCount"] (Amazon MSK): 4 metrics; allowed: 0 to 3 of EventCount, ErrorCount, KafkaMetrics"#
            ]),
        ParameterCase(
            "metrics not a list", .sqs, R.with(#""MetricsConfig":{"Metrics":"EventCount"}"#),
            [#"MetricsConfig.Metrics = "EventCount" (Amazon SQS): wrong type string; allowed: a list"#]),
        ParameterCase(
            "metrics config unknown member", .sqs, R.with(#""MetricsConfig":{"Metric":["EventCount"]}"#),
            [#"MetricsConfig.Metric = ["EventCount"] (Amazon SQS): unknown parameter; allowed: Metrics"#]),
        ParameterCase("log level ok", .kafka, R.with(#""LoggingConfig":{"SystemLogLevel":"WARN"}"#), []),
        ParameterCase(
            "log level unknown", .msk, R.with(#""LoggingConfig":{"SystemLogLevel":"TRACE"}"#),
            [#"LoggingConfig.SystemLogLevel = "TRACE" (Amazon MSK): not a system log level; allowed: DEBUG, INFO, WARN"#]),
        ParameterCase(
            "logging on SQS", .sqs, R.with(#""LoggingConfig":{"SystemLogLevel":"INFO"}"#),
            [
                #"LoggingConfig = {"SystemLogLevel":"INFO"} (Amazon SQS): does not apply to this source; allowed: only for Amazon MSK, self-managed Apache Kafka"#
            ]),
        ParameterCase(
            "pollers ok", .msk,
            R.with(#""ProvisionedPollerConfig":{"MinimumPollers":1,"MaximumPollers":200,"PollerGroupName":"orders-group_1"}"#), []),
        ParameterCase("SQS pollers ok", .sqs, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":2,"MaximumPollers":2}"#), []),
        ParameterCase(
            "SQS minimum pollers", .sqs, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":1}"#),
            ["ProvisionedPollerConfig.MinimumPollers = 1 (Amazon SQS): out of range; allowed: 2 to 200"]),
        ParameterCase(
            "SQS maximum pollers", .sqs, R.with(#""ProvisionedPollerConfig":{"MaximumPollers":1}"#),
            ["ProvisionedPollerConfig.MaximumPollers = 1 (Amazon SQS): out of range; allowed: 2 to 10000"]),
        ParameterCase(
            "minimum pollers zero", .msk, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":0}"#),
            ["ProvisionedPollerConfig.MinimumPollers = 0 (Amazon MSK): out of range; allowed: 1 to 200"]),
        ParameterCase(
            "minimum pollers over", .kafka, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":201}"#),
            ["ProvisionedPollerConfig.MinimumPollers = 201 (self-managed Apache Kafka): out of range; allowed: 1 to 200"]),
        ParameterCase(
            "maximum pollers over", .msk, R.with(#""ProvisionedPollerConfig":{"MaximumPollers":10001}"#),
            ["ProvisionedPollerConfig.MaximumPollers = 10001 (Amazon MSK): out of range; allowed: 1 to 10000"]),
        ParameterCase(
            "minimum above maximum", .msk, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":10,"MaximumPollers":5}"#),
            ["ProvisionedPollerConfig.MinimumPollers = 10 (Amazon MSK): more than MaximumPollers 5; allowed: at most MaximumPollers"]),
        ParameterCase(
            "pollers as text", .msk, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":"2"}"#),
            [#"ProvisionedPollerConfig.MinimumPollers = "2" (Amazon MSK): wrong type string; allowed: an integer"#]),
        ParameterCase(
            "poller group characters", .msk, R.with(#""ProvisionedPollerConfig":{"PollerGroupName":"orders group"}"#),
            [
                #"ProvisionedPollerConfig.PollerGroupName = "orders group" (Amazon MSK): contains " "; allowed: 0 to 128 characters of a-z A-Z 0-9 - _"#
            ]),
        ParameterCase(
            "poller group length", .msk, R.with(#""ProvisionedPollerConfig":{"PollerGroupName":"\#(String(repeating: "p", count: 129))"}"#),
            [
                #"ProvisionedPollerConfig.PollerGroupName = "\#(String(repeating: "p", count: 129))" (Amazon MSK): length 129; allowed: 0 to 128 characters of a-z A-Z 0-9 - _"#
            ]),
        ParameterCase(
            "pollers on Kinesis", .kinesis, R.with(#""ProvisionedPollerConfig":{"MinimumPollers":1}"#),
            [
                #"ProvisionedPollerConfig = {"MinimumPollers":1} (Amazon Kinesis): does not apply to this source; allowed: only for Amazon SQS, Amazon MSK, self-managed Apache Kafka"#
            ]),
    ]

    static let kafkaCases: [ParameterCase] = [
        ParameterCase(
            "consumer group on create", .msk, on: .create,
            R.with(
                #""AmazonManagedKafkaEventSourceConfig":{"ConsumerGroupId":"orders/consumer:1@team.example"}"#,
                Samples.createParameters(for: .msk)), []),
        ParameterCase(
            "consumer group empty", .msk, on: .create,
            R.with(#""AmazonManagedKafkaEventSourceConfig":{"ConsumerGroupId":""}"#, Samples.createParameters(for: .msk)),
            [
                #"AmazonManagedKafkaEventSourceConfig.ConsumerGroupId = "" (Amazon MSK): length 0; allowed: 1 to 200 characters of a-z A-Z 0-9 - / * : _ + = . @"#
            ]),
        ParameterCase(
            "consumer group long", .kafka, on: .create,
            R.with(#"\#(R.bootstrap),"SelfManagedKafkaEventSourceConfig":{"ConsumerGroupId":"\#(R.longName)"}"#, R.kafkaCreate),
            [
                #"SelfManagedKafkaEventSourceConfig.ConsumerGroupId = "\#(R.longName)" (self-managed Apache Kafka): length 201; allowed: 1 to 200 characters of a-z A-Z 0-9 - / * : _ + = . @"#
            ]),
        ParameterCase(
            "consumer group characters", .kafka, on: .create,
            R.with(#"\#(R.bootstrap),"SelfManagedKafkaEventSourceConfig":{"ConsumerGroupId":"orders#1"}"#, R.kafkaCreate),
            [
                ##"SelfManagedKafkaEventSourceConfig.ConsumerGroupId = "orders#1" (self-managed Apache Kafka): contains "#"; allowed: 1 to 200 characters of a-z A-Z 0-9 - / * : _ + = . @"##
            ]),
        ParameterCase(
            "consumer group on update", .kafka, R.with(#""SelfManagedKafkaEventSourceConfig":{"ConsumerGroupId":"orders"}"#),
            [
                #"SelfManagedKafkaEventSourceConfig.ConsumerGroupId = "orders" (self-managed Apache Kafka): cannot be changed after creation; allowed: only in CreateEventSourceMapping"#
            ]),
        ParameterCase(
            "Kafka config unknown member", .msk, R.with(#""AmazonManagedKafkaEventSourceConfig":{"ConsumerGroupID":"orders"}"#),
            [
                #"AmazonManagedKafkaEventSourceConfig.ConsumerGroupID = "orders" (Amazon MSK): unknown parameter; allowed: ConsumerGroupId, SchemaRegistryConfig"#
            ]),
        ParameterCase(
            "self-managed config on MSK", .msk, R.with(#""SelfManagedKafkaEventSourceConfig":{}"#),
            [
                "SelfManagedKafkaEventSourceConfig = {} (Amazon MSK): does not apply to this source; allowed: only for self-managed Apache Kafka"
            ]),
        ParameterCase(
            "schema registry ok", .msk,
            R.with(
                #""AmazonManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{"SchemaRegistryURI":"arn:aws:glue:us-east-1:123456789012:registry/orders","EventRecordFormat":"JSON","AccessConfigs":[{"Type":"BASIC_AUTH","URI":"\#(R.secret)"}],"SchemaValidationConfigs":[{"Attribute":"KEY"},{"Attribute":"VALUE"}]}}"#
            ), []),
        ParameterCase(
            "schema registry URI empty", .msk,
            R.with(#""AmazonManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{"SchemaRegistryURI":""}}"#),
            [
                #"AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig.SchemaRegistryURI = "" (Amazon MSK): length 0; allowed: 1 to 10000 characters"#
            ]),
        ParameterCase(
            "event record format", .kafka,
            R.with(#""SelfManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{"EventRecordFormat":"AVRO"}}"#),
            [
                #"SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig.EventRecordFormat = "AVRO" (self-managed Apache Kafka): not an event record format; allowed: JSON, SOURCE"#
            ]),
        ParameterCase(
            "registry access type", .msk,
            R.with(
                #""AmazonManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{"AccessConfigs":[{"Type":"SASL_SCRAM_512_AUTH","URI":"\#(R.secret)"}]}}"#
            ),
            [
                #"AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig.AccessConfigs[0].Type = "SASL_SCRAM_512_AUTH" (Amazon MSK): not a schema registry access type; allowed: BASIC_AUTH, CLIENT_CERTIFICATE_TLS_AUTH, SERVER_ROOT_CA_CERTIFICATE"#
            ]),
        ParameterCase(
            "registry access URI", .msk,
            R.with(
                #""AmazonManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{"AccessConfigs":[{"Type":"BASIC_AUTH","URI":"kafka-auth"}]}}"#
            ),
            [
                #"AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig.AccessConfigs[0].URI = "kafka-auth" (Amazon MSK): not an ARN; allowed: a secret's ARN (arn:partition:service:region:account:resource)"#
            ]),
        ParameterCase(
            "schema validation attribute", .msk,
            R.with(
                #""AmazonManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{"SchemaValidationConfigs":[{"Attribute":"HEADERS"}]}}"#),
            [
                #"AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig.SchemaValidationConfigs[0].Attribute = "HEADERS" (Amazon MSK): not a schema validation attribute; allowed: KEY, VALUE"#
            ]),
        ParameterCase("bootstrap servers ok", .kafka, on: .create, R.with(R.bootstrap, R.kafkaCreate), []),
        ParameterCase(
            "bootstrap servers missing", .kafka, on: .create, R.with(#""SelfManagedEventSource":{"Endpoints":{}}"#, R.kafkaCreate),
            [
                "SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS = (missing) (self-managed Apache Kafka): required; allowed: 1 to 10 host:port entries"
            ]),
        ParameterCase(
            "endpoints missing", .kafka, on: .create, R.with(#""SelfManagedEventSource":{}"#, R.kafkaCreate),
            [
                #"SelfManagedEventSource.Endpoints = (missing) (self-managed Apache Kafka): required; allowed: {"KAFKA_BOOTSTRAP_SERVERS":["host:port"]}"#
            ]),
        ParameterCase(
            "endpoint kind unknown", .kafka, on: .create,
            R.with(
                #""SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b-1.example.com:9092"],"BROKERS":["b-2.example.com:9092"]}}"#,
                R.kafkaCreate),
            [
                #"SelfManagedEventSource.Endpoints.BROKERS = ["b-2.example.com:9092"] (self-managed Apache Kafka): unknown parameter; allowed: KAFKA_BOOTSTRAP_SERVERS"#
            ]),
        ParameterCase(
            "eleven bootstrap servers", .kafka, on: .create,
            R.with(
                #""SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":[\#((1...11).map { "\"b-\($0).example.com:9092\"" }.joined(separator: ","))]}}"#,
                R.kafkaCreate),
            [
                #"SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS = [\#((1...11).map { "\"b-\($0).example.com:9092\"" }.joined(separator: ","))] (self-managed Apache Kafka): 11 servers; allowed: 1 to 10 host:port entries"#
            ]),
        ParameterCase(
            "bootstrap server without port", .kafka, on: .create,
            R.with(#""SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b-1.example.com"]}}"#, R.kafkaCreate),
            [
                #"SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS[0] = "b-1.example.com" (self-managed Apache Kafka): no :port; allowed: host:port (DNS name or IPv4 address, port of 1 to 5 digits), 1 to 300 characters"#
            ]),
        ParameterCase(
            "bootstrap server port", .kafka, on: .create,
            R.with(#""SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b-1.example.com:kafka"]}}"#, R.kafkaCreate),
            [
                #"SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS[0] = "b-1.example.com:kafka" (self-managed Apache Kafka): the port must be 1 to 5 digits; allowed: host:port (DNS name or IPv4 address, port of 1 to 5 digits), 1 to 300 characters"#
            ]),
        ParameterCase(
            "bootstrap server host", .kafka, on: .create,
            R.with(#""SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["-b1.example.com:9092"]}}"#, R.kafkaCreate),
            [
                #"SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS[0] = "-b1.example.com:9092" (self-managed Apache Kafka): the host must be dot-separated letters, digits and inner hyphens; allowed: host:port (DNS name or IPv4 address, port of 1 to 5 digits), 1 to 300 characters"#
            ]),
    ]

    static let topicQueueArnCases: [ParameterCase] = [
        ParameterCase(
            "topic ok", .kafka, on: .create, R.with(R.bootstrap, R.modified(R.kafkaCreate) { $0.topics = ["orders.v1-eu_west"] }), []),
        ParameterCase(
            "no topic", .msk, on: .create, R.modified(Samples.createParameters(for: .msk)) { $0.topics = [] },
            [#"Topics = [] (Amazon MSK): 0 topics; allowed: exactly one topic of 2 to 249 characters: [^.] then [a-zA-Z0-9-_.]"#]),
        ParameterCase(
            "topic starts with a dot", .msk, on: .create, R.modified(Samples.createParameters(for: .msk)) { $0.topics = [".orders"] },
            [
                #"Topics = [".orders"] (Amazon MSK): not a topic name; allowed: exactly one topic of 2 to 249 characters: [^.] then [a-zA-Z0-9-_.]"#
            ]),
        ParameterCase(
            "topic characters", .msk, on: .create, R.modified(Samples.createParameters(for: .msk)) { $0.topics = ["orders/eu"] },
            [
                #"Topics = ["orders/eu"] (Amazon MSK): not a topic name; allowed: exactly one topic of 2 to 249 characters: [^.] then [a-zA-Z0-9-_.]"#
            ]),
        ParameterCase(
            "topic length", .msk, on: .create,
            R.modified(Samples.createParameters(for: .msk)) { $0.topics = [String(repeating: "t", count: 250)] },
            [
                #"Topics = ["\#(String(repeating: "t", count: 250))"] (Amazon MSK): not a topic name; allowed: exactly one topic of 2 to 249 characters: [^.] then [a-zA-Z0-9-_.]"#
            ]),
        ParameterCase(
            "two queues", .mq, on: .create, R.modified(Samples.createParameters(for: .mq)) { $0.queues = ["a", "b"] },
            [#"Queues = ["a","b"] (Amazon MQ): not a single queue name; allowed: exactly one queue name of 1 to 1000 characters"#]),
        ParameterCase(
            "empty queue name", .mq, on: .create, R.modified(Samples.createParameters(for: .mq)) { $0.queues = [""] },
            [#"Queues = [""] (Amazon MQ): not a single queue name; allowed: exactly one queue name of 1 to 1000 characters"#]),
        ParameterCase(
            "long queue name", .mq, on: .create,
            R.modified(Samples.createParameters(for: .mq)) { $0.queues = [String(repeating: "q", count: 1001)] },
            [
                #"Queues = ["\#(String(repeating: "q", count: 1001))"] (Amazon MQ): not a single queue name; allowed: exactly one queue name of 1 to 1000 characters"#
            ]),
        ParameterCase(
            "KMS key ARN ok", .sqs,
            MappingParameters(kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"), []),
        ParameterCase("KMS key reset", .sqs, MappingParameters(kmsKeyArn: ""), []),
        ParameterCase(
            "KMS key partition", .sqs, MappingParameters(kmsKeyArn: "arn:AWS:kms:us-east-1:123456789012:key/k"),
            [
                #"KMSKeyArn = "arn:AWS:kms:us-east-1:123456789012:key/k" (Amazon SQS): not a key ARN; allowed: "" (use an AWS owned key) or a KMS key ARN (arn:partition:kms:...), at most 10000 characters"#
            ]),
        ParameterCase(
            "KMS key length", .sqs,
            MappingParameters(kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/" + String(repeating: "k", count: 9962)),
            [
                #"KMSKeyArn = "arn:aws:kms:us-east-1:123456789012:key/\#(String(repeating: "k", count: 9962))" (Amazon SQS): longer than 10000 characters; allowed: "" (use an AWS owned key) or a KMS key ARN (arn:partition:kms:...), at most 10000 characters"#
            ]),
        ParameterCase(
            "event source not an ARN", .sqs, on: .create, R.modified(Samples.createParameters(for: .sqs)) { $0.eventSourceArn = "orders" },
            [
                #"EventSourceArn = "orders" (Amazon SQS): not an ARN; allowed: an ARN (arn:partition:service:region:account:resource), at most 10000 characters"#
            ]),
        ParameterCase(
            "event source region", .sqs, on: .create,
            R.modified(Samples.createParameters(for: .sqs)) { $0.eventSourceArn = "arn:aws:sqs:useast1:123456789012:orders" },
            [
                #"EventSourceArn = "arn:aws:sqs:useast1:123456789012:orders" (Amazon SQS): not an ARN; allowed: an ARN (arn:partition:service:region:account:resource), at most 10000 characters"#
            ]),
        ParameterCase(
            "event source length", .sqs, on: .create,
            R.modified(Samples.createParameters(for: .sqs)) {
                $0.eventSourceArn = "arn:aws:sqs:us-east-1:123456789012:" + String(repeating: "q", count: 9966)
            },
            [
                #"EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:\#(String(repeating: "q", count: 9966))" (Amazon SQS): longer than 10000 characters; allowed: an ARN (arn:partition:service:region:account:resource), at most 10000 characters"#
            ]),
        ParameterCase(
            "event source of another service", .sqs, on: .create,
            R.modified(Samples.createParameters(for: .sqs)) { $0.eventSourceArn = "arn:aws:s3:::orders" },
            [
                #"EventSourceArn = "arn:aws:s3:::orders" (Amazon SQS): names the s3 service, which is not an event source; allowed: arn:aws:sqs:REGION:ACCOUNT:QUEUE"#
            ]),
        ParameterCase(
            "DynamoDB table instead of stream", .dynamodb, on: .create,
            R.modified(Samples.createParameters(for: .dynamodb)) {
                $0.eventSourceArn = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"
            },
            [
                #"EventSourceArn = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders" (Amazon DynamoDB Streams): names a table, not its stream; allowed: arn:aws:dynamodb:REGION:ACCOUNT:table/TABLE/stream/LABEL"#
            ]),
        ParameterCase(
            "Kinesis consumer ARN", .kinesis, on: .create,
            R.modified(Samples.createParameters(for: .kinesis)) {
                $0.eventSourceArn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/app:1700000000"
            }, []),
        ParameterCase(
            "MQ ARN of a configuration", .mq, on: .create,
            R.modified(Samples.createParameters(for: .mq)) { $0.eventSourceArn = "arn:aws:mq:us-east-1:123456789012:configuration:c-1" },
            [
                #"EventSourceArn = "arn:aws:mq:us-east-1:123456789012:configuration:c-1" (Amazon MQ): not a broker ARN; allowed: arn:aws:mq:REGION:ACCOUNT:broker:NAME:ID"#
            ]),
    ]

    @Test(arguments: sourceAccessCases)
    func sourceAccess(_ testCase: ParameterCase) {
        #expect(testCase.parameters.validate(for: testCase.operation, source: testCase.source).map(\.description) == testCase.problems)
    }

    @Test(arguments: metricsLoggingPollerCases)
    func metricsLoggingAndPollers(_ testCase: ParameterCase) {
        #expect(testCase.parameters.validate(for: testCase.operation, source: testCase.source).map(\.description) == testCase.problems)
    }

    @Test(arguments: kafkaCases)
    func kafka(_ testCase: ParameterCase) {
        #expect(testCase.parameters.validate(for: testCase.operation, source: testCase.source).map(\.description) == testCase.problems)
    }

    @Test(arguments: topicQueueArnCases)
    func topicsQueuesAndArns(_ testCase: ParameterCase) {
        #expect(testCase.parameters.validate(for: testCase.operation, source: testCase.source).map(\.description) == testCase.problems)
    }

    /// Every member the new rules read goes through `read(json:)` and the request renderer unchanged.
    @Test func configurationMembersRoundTrip() throws {
        let body =
            #"{"FunctionName":"f","BatchSize":100,"StartingPosition":"LATEST","Topics":["orders"],"KMSKeyArn":"arn:aws:kms:us-east-1:123456789012:key/k","#
            + #""SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"\#(R.secret)"}],"MetricsConfig":{"Metrics":["EventCount","KafkaMetrics"]},"#
            + #""LoggingConfig":{"SystemLogLevel":"INFO"},"ProvisionedPollerConfig":{"MinimumPollers":1,"MaximumPollers":3,"PollerGroupName":"g"},"#
            + #""SelfManagedKafkaEventSourceConfig":{"ConsumerGroupId":"orders","SchemaRegistryConfig":{"SchemaRegistryURI":"https://registry.example.com","EventRecordFormat":"SOURCE"}},"#
            + R.bootstrap + "}"
        let request = MappingParameters.read(json: try JSONParser().parseValue(body))
        #expect(request.problems.isEmpty)
        #expect(request.parameters.validate(for: request.operation, source: .kafka).isEmpty)
        let rendered = FilterCriteria.removingAllFilters.render(.request, RenderContext(operation: .create, parameters: request.parameters))
        let reread = MappingParameters.read(json: try JSONParser().parseValue(rendered))
        #expect(reread.parameters == request.parameters)
        #expect(JSONWriter.write(.object(reread.parameters.members)) == JSONWriter.write(.object(request.parameters.members)))
    }
}
