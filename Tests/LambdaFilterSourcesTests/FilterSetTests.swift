import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources
import Testing

/// The spec's format-mismatch tables (§2.2), row by row, through the adapters and the core matcher.
@Suite("Verdicts and format mismatches")
struct FilterSetTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var source: EventSource
        var record: String
        var patterns: [String]
        var verdict: Verdict
        var testDescription: String { "\(source.rawValue): \(name)" }
    }

    static func sqs(_ body: String) -> String {
        #"{"messageId": "m1", "body": \#(JSONWriter.quote(body)), "attributes": {"ApproximateReceiveCount": "2"}, "eventSource": "aws:sqs", "awsRegion": "us-east-1"}"#
    }
    static func kinesis(_ bytes: [UInt8]) -> String {
        #"{"kinesis": {"partitionKey": "pk-1", "sequenceNumber": "1", "data": "\#(Fixtures.base64(bytes))"}, "eventSource": "aws:kinesis"}"#
    }
    static func kafka(_ bytes: [UInt8]?) -> String {
        let value = bytes.map { JSONWriter.quote(Fixtures.base64($0)) } ?? "null"
        return
            #"{"topic": "orders", "partition": 0, "offset": 7, "timestamp": 1, "timestampType": "CREATE_TIME", "value": \#(value), "headers": []}"#
    }
    static func mq(_ bytes: [UInt8]) -> String {
        #"{"messageID": "ID:1", "messageType": "jms/text-message", "data": "\#(Fixtures.base64(bytes))", "properties": {"doAlarm": "true"}}"#
    }
    static let jsonBody = #"{"status": "OK", "n": 5}"#
    static let plainBody = "status OK"
    static let notUTF8: [UInt8] = [0xC3, 0x28]

    static let rows: [Row] = [
        // SQS (SQSF table): mismatch drops; no body pattern skips the check.
        Row(
            name: "plain body, plain pattern", source: .sqs, record: sqs(plainBody), patterns: [#"{"body": [{"prefix": "status"}]}"#],
            verdict: .passed(filter: 0)),
        Row(
            name: "plain body, plain pattern, no match", source: .sqs, record: sqs(plainBody), patterns: [#"{"body": ["x"]}"#],
            verdict: .filtered),
        Row(
            name: "plain body, no body pattern", source: .sqs, record: sqs(plainBody), patterns: [#"{"awsRegion": ["us-east-1"]}"#],
            verdict: .passed(filter: 0)),
        Row(
            name: "plain body, JSON pattern", source: .sqs, record: sqs(plainBody), patterns: [#"{"body": {"status": ["OK"]}}"#],
            verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "JSON body, plain pattern", source: .sqs, record: sqs(jsonBody), patterns: [#"{"body": [{"prefix": "{"}]}"#],
            verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "JSON body, no body pattern", source: .sqs, record: sqs(jsonBody),
            patterns: [#"{"attributes": {"ApproximateReceiveCount": ["2"]}}"#], verdict: .passed(filter: 0)),
        Row(
            name: "JSON body, JSON pattern", source: .sqs, record: sqs(jsonBody), patterns: [#"{"body": {"n": [{"numeric": [">", 4]}]}}"#],
            verdict: .passed(filter: 0)),
        Row(
            name: "JSON body, JSON pattern, no match", source: .sqs, record: sqs(jsonBody),
            patterns: [#"{"body": {"n": [{"numeric": [">", 5]}]}}"#], verdict: .filtered),
        Row(
            name: "second filter passes after a mismatch", source: .sqs, record: sqs(plainBody),
            patterns: [#"{"body": {"status": ["OK"]}}"#, #"{"body": ["status OK"]}"#], verdict: .passed(filter: 1)),
        Row(
            name: "mismatch and a plain non-match", source: .sqs, record: sqs(plainBody),
            patterns: [#"{"body": ["nope"]}"#, #"{"body": {"status": ["OK"]}}"#], verdict: .droppedFormatMismatch(filters: [1])),
        Row(
            name: "$or branches on body and metadata", source: .sqs, record: sqs(jsonBody),
            patterns: [#"{"$or": [{"body": {"status": ["FAIL"]}}, {"awsRegion": ["us-east-1"]}]}"#], verdict: .passed(filter: 0)),
        // Kinesis (KINF/DDBF table): non-JSON data with a JSON pattern drops; a plain data pattern is refused by AWS.
        Row(
            name: "JSON data, JSON pattern", source: .kinesis, record: kinesis(Array(jsonBody.utf8)),
            patterns: [#"{"data": {"status": ["OK"]}}"#], verdict: .passed(filter: 0)),
        Row(
            name: "JSON data, no data pattern", source: .kinesis, record: kinesis(Array(jsonBody.utf8)),
            patterns: [#"{"partitionKey": ["pk-1"]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "JSON data, plain pattern (refused at create)", source: .kinesis, record: kinesis(Array(jsonBody.utf8)),
            patterns: [#"{"data": [{"exists": true}]}"#],
            verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "plain data, JSON pattern", source: .kinesis, record: kinesis(Array(plainBody.utf8)),
            patterns: [#"{"data": {"status": ["OK"]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "plain data, no data pattern", source: .kinesis, record: kinesis(Array(plainBody.utf8)),
            patterns: [#"{"partitionKey": ["pk-1"]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "not-UTF-8 data, JSON pattern", source: .kinesis, record: kinesis(notUTF8), patterns: [#"{"data": {"status": ["OK"]}}"#],
            verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "not-UTF-8 data, no data pattern", source: .kinesis, record: kinesis(notUTF8),
            patterns: [#"{"partitionKey": [{"prefix": "pk"}]}"#], verdict: .passed(filter: 0)),
        // DynamoDB: dynamodb is always JSON; a plain dynamodb pattern is refused by AWS.
        Row(
            name: "JSON pattern", source: .dynamodb, record: #"{"eventName": "MODIFY", "dynamodb": {"Keys": {"id": {"S": "a"}}}}"#,
            patterns: [#"{"dynamodb": {"Keys": {"id": {"S": ["a"]}}}}"#], verdict: .passed(filter: 0)),
        Row(
            name: "plain pattern (refused at create)", source: .dynamodb,
            record: #"{"eventName": "MODIFY", "dynamodb": {"Keys": {"id": {"S": "a"}}}}"#,
            patterns: [#"{"dynamodb": [{"exists": true}]}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "metadata pattern", source: .dynamodb, record: #"{"eventName": "MODIFY", "dynamodb": {"Keys": {"id": {"S": "a"}}}}"#,
            patterns: [#"{"eventName": ["INSERT"]}"#], verdict: .filtered),
        // Kafka (KAFF table; recorded on MSK, aws-samples/serverless-patterns lambda-esm-msk-filters-sam):
        // a format mismatch means that filter does not match, even when its metadata conditions hold.
        Row(
            name: "plain value, plain pattern", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"value": [{"prefix": "status"}]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "plain value, no value pattern", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"topic": ["orders"]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "plain value, JSON pattern whose metadata holds", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"topic": ["orders"], "value": {"status": ["NOPE"]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "plain value, JSON pattern, metadata fails", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"topic": ["payments"], "value": {"status": ["OK"]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "plain value, JSON pattern without metadata", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"value": {"status": ["OK"]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "JSON value, plain pattern whose metadata holds (recorded: not delivered)", source: .kafka,
            record: kafka(Array(jsonBody.utf8)),
            patterns: [#"{"topic": [{"prefix": "ord"}], "value": [{"prefix": "Order"}]}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "plain value, the same pattern (recorded: delivered)", source: .kafka, record: kafka(Array("OrderNumber:12345".utf8)),
            patterns: [#"{"topic": [{"prefix": "ord"}], "value": [{"prefix": "Order"}]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "JSON value, plain pattern without metadata", source: .kafka, record: kafka(Array(jsonBody.utf8)),
            patterns: [#"{"value": [{"prefix": "Order"}]}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "JSON value, no value pattern", source: .kafka, record: kafka(Array(jsonBody.utf8)),
            patterns: [#"{"offset": [{"numeric": [">", 5]}]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "JSON value, JSON pattern", source: .kafka, record: kafka(Array(jsonBody.utf8)),
            patterns: [#"{"value": {"status": ["OK"]}}"#], verdict: .passed(filter: 0)),
        Row(
            name: "not-UTF-8 value, JSON pattern whose metadata holds", source: .kafka, record: kafka(notUTF8),
            patterns: [#"{"timestampType": ["CREATE_TIME"], "value": {"status": ["OK"]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "not-UTF-8 value, plain pattern whose metadata holds", source: .kafka, record: kafka(notUTF8),
            patterns: [#"{"topic": ["orders"], "value": [{"prefix": "s"}]}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "not-UTF-8 value, no value pattern", source: .kafka, record: kafka(notUTF8), patterns: [#"{"topic": ["orders"]}"#],
            verdict: .passed(filter: 0)),
        Row(
            name: "tombstone, JSON pattern whose metadata holds", source: .kafka, record: kafka(nil),
            patterns: [#"{"topic": ["orders"], "value": {"status": ["OK"]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "$or: a metadata-only branch does not rescue a mismatched filter", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"$or": [{"value": {"status": ["OK"]}}, {"partition": [0]}]}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "a matching filter passes beside a mismatched one", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"topic": ["orders"], "value": {"a": ["b"]}}"#, #"{"value": ["status OK"]}"#], verdict: .passed(filter: 1)),
        Row(
            name: "a metadata-only filter passes beside a mismatched one", source: .kafka, record: kafka(Array(plainBody.utf8)),
            patterns: [#"{"topic": ["orders"], "value": {"a": ["b"]}}"#, #"{"partition": [0]}"#], verdict: .passed(filter: 1)),
        // Amazon MQ (MQF table): same rules as Kafka on data.
        Row(
            name: "plain data, plain pattern", source: .mq, record: mq(Array("Result: ok".utf8)),
            patterns: [#"{"data": [{"prefix": "Result: "}]}"#], verdict: .passed(filter: 0)),
        Row(
            name: "JSON data, plain pattern whose properties hold", source: .mq, record: mq(Array(jsonBody.utf8)),
            patterns: [#"{"properties": {"doAlarm": ["true"]}, "data": [{"prefix": "Result: "}]}"#],
            verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "JSON data, properties only", source: .mq, record: mq(Array(jsonBody.utf8)),
            patterns: [#"{"properties": {"doAlarm": ["true"]}}"#], verdict: .passed(filter: 0)),
        Row(
            name: "not-UTF-8 data, JSON pattern without metadata", source: .mq, record: mq(notUTF8),
            patterns: [#"{"data": {"timeout": [{"numeric": [">", 0]}]}}"#], verdict: .droppedFormatMismatch(filters: [0])),
        Row(
            name: "JSON data, JSON pattern", source: .mq, record: mq(Array(#"{"timeout": 3}"#.utf8)),
            patterns: [#"{"data": {"timeout": [{"numeric": [">", 0]}]}}"#], verdict: .passed(filter: 0)),
        // No filters: Lambda delivers everything.
        Row(name: "no filters", source: .sqs, record: sqs(plainBody), patterns: [], verdict: .unfiltered),
    ]

    @Test(arguments: rows)
    func followsTheFormatMismatchTables(_ row: Row) throws {
        let verdict = try Fixtures.verdict(source: row.source, record: row.record, patterns: row.patterns)
        #expect(verdict == row.verdict, "\(verdict)")
    }

    struct FormCase: Sendable, CustomTestStringConvertible {
        var pattern: String
        var dataKey: String?
        var form: DataPatternForm
        var testDescription: String { pattern }
    }

    @Test(arguments: [
        FormCase(pattern: #"{"body": {"a": ["b"]}}"#, dataKey: "body", form: .json),
        FormCase(pattern: #"{"body": ["b"]}"#, dataKey: "body", form: .plainString),
        FormCase(pattern: #"{"attributes": {"a": ["b"]}}"#, dataKey: "body", form: .absent),
        FormCase(pattern: #"{"body.a": ["b"]}"#, dataKey: "body", form: .json),
        FormCase(pattern: #"{"bodyguard": ["b"]}"#, dataKey: "body", form: .absent),
        FormCase(pattern: #"{"$or": [{"value": ["x"]}, {"topic": ["t"]}]}"#, dataKey: "value", form: .plainString),
        FormCase(pattern: #"{"$or": [{"value": ["x"]}, {"value": {"a": ["b"]}}]}"#, dataKey: "value", form: .json),
        FormCase(pattern: #"{"operationType": ["insert"]}"#, dataKey: nil, form: .absent),
    ])
    func readsTheDataPatternForm(_ example: FormCase) throws {
        #expect(DataPatternForm(of: try Fixtures.pattern(example.pattern), dataKey: example.dataKey) == example.form)
    }

    @Test func reportsFiltersAWSRefuses() throws {
        let filters = try [#"{"data": ["x"]}"#, #"{"data": {"a": ["b"]}}"#, #"{"partitionKey": ["p"]}"#].map { try Fixtures.pattern($0) }
        #expect(FilterSet(filters: filters, source: .kinesis).filtersRefusedByAWS == [0])
        #expect(FilterSet(filters: filters, source: .mq).filtersRefusedByAWS == [])
    }

    /// `init(filters:source:limits:)` refuses more filters than `MatcherLimits.maxPatterns`.
    @Test(arguments: [(2, true), (3, false)])
    func filterCountIsCapped(_ count: Int, _ accepted: Bool) throws {
        let filters = try (0..<count).map { try Fixtures.pattern(#"{"body": {"n": [\#($0)]}}"#) }
        let limits = MatcherLimits(maxPatterns: 2)
        if accepted {
            #expect(try FilterSet(filters: filters, source: .sqs, limits: limits).filters.count == count)
        } else {
            #expect(throws: MatcherLimitError(patternCount: count, maxPatterns: 2)) {
                try FilterSet(filters: filters, source: .sqs, limits: limits)
            }
        }
    }

    /// The byte path's verdict (built without the per-filter outcomes) is the verdict of those
    /// outcomes, for every source, payload format and set of matched filters, over filters of
    /// every data-pattern form (JSON, plain string, none) on every payload key.
    @Test(arguments: EventSource.allCases)
    func verdictsFromMatchedFiltersAreTheOutcomesVerdict(_ source: EventSource) throws {
        let filters = try [
            #"{"body": ["x"]}"#, #"{"data": {"a": ["b"]}}"#, #"{"value": ["v"]}"#, #"{"dynamodb": {"k": ["v"]}}"#, #"{"id": [1]}"#,
            #"{"data": ["x"]}"#, #"{"body": {"a": ["b"]}}"#,
        ].map { try Fixtures.pattern($0) }
        let set = FilterSet(filters: filters, source: source)
        let formats: [PayloadFormat] = [.json, .plainString, .notUTF8(firstInvalidByte: 3), .absent]
        for format in formats {
            for subset in 0..<(1 << filters.count) {
                let matched = filters.indices.filter { subset & (1 << $0) != 0 }
                #expect(
                    set.verdict(matched: matched, payload: format) == Verdict(outcomes: set.outcomes(matched: matched, payload: format)),
                    "\(format) \(matched)")
            }
        }
        #expect(FilterSet(filters: [], source: source).verdict(matched: [], payload: .json) == .unfiltered)
    }

    @Test func perFilterOutcomesExplainTheVerdict() throws {
        let view = try SourceAdapter.view(of: Fixtures.json(Self.kafka(Array("status OK".utf8))), source: .kafka)
        let filters = try [#"{"value": ["nope"]}"#, #"{"partition": [0], "value": {"a": ["b"]}}"#, #"{"topic": ["other"]}"#]
            .map { try Fixtures.pattern($0) }
        let set = FilterSet(filters: filters, source: .kafka)
        #expect(set.outcomes(for: view) == [.notMatched, .formatMismatch, .notMatched])
        #expect(set.verdict(for: view) == .droppedFormatMismatch(filters: [1]))
        #expect(!set.verdict(for: view).isDelivered)
    }

    @Test func viewsOfAnotherSourceAreEvaluatedWithThatSourcesRules() throws {
        // A set compiled for SQS still reads a Kafka view's payload at `value`.
        let view = try SourceAdapter.view(of: Fixtures.json(Self.kafka(Array("plain".utf8))), source: .kafka)
        let set = FilterSet(filters: [try Fixtures.pattern(#"{"topic": ["orders"], "value": {"a": ["b"]}}"#)], source: .sqs)
        #expect(set.verdict(for: view) == .droppedFormatMismatch(filters: [0]))
    }

    @Test func rawDocumentsMatchAsTheyAre() throws {
        let document = try Fixtures.json(#"{"body": "{\"a\": 1}"}"#)
        let set = FilterSet(filters: [try Fixtures.pattern(#"{"body": {"a": [1]}}"#)], source: nil)
        #expect(set.verdict(for: .raw(document)) == .filtered)
    }

    @Test(arguments: [
        (Verdict.passed(filter: 0), true, "passed"), (Verdict.filtered, false, "filtered"),
        (Verdict.droppedFormatMismatch(filters: [0]), false, "dropped"),
        (Verdict.unfiltered, true, "unfiltered"),
    ])
    func verdictNamesAndDelivery(_ verdict: Verdict, _ delivered: Bool, _ name: String) {
        #expect(verdict.isDelivered == delivered)
        #expect(verdict.name == name)
    }
}

/// The refusal of a plain-string data pattern is one rule (`EventSource.refuses`): FilterCriteria
/// refuses to build exactly the filters whose verdicts treat them as refused. They used to differ
/// on a filter whose `$or` branches use both forms (criteria refused it, verdicts read it as
/// JSON, as README's differences table says), and on a dotted key.
@Suite("One refusal rule for criteria and verdicts")
struct RefusalRuleTests {
    @Test(arguments: [
        (#"{"data": ["x"]}"#, EventSource.kinesis, true),
        (#"{"data": [{"prefix": "x"}], "partitionKey": ["p"]}"#, .kinesis, true),
        (#"{"$or": [{"data": ["x"]}, {"data": {"a": ["y"]}}]}"#, .kinesis, false),
        (#"{"data": {"a": ["y"]}}"#, .kinesis, false),
        (#"{"data.a": ["y"]}"#, .kinesis, false),
        (#"{"dynamodb": ["x"]}"#, .dynamodb, true),
        (#"{"$or": [{"dynamodb": ["x"]}, {"dynamodb": {"Keys": {"k": {"S": ["v"]}}}}]}"#, .dynamodb, false),
        (#"{"body": ["x"]}"#, .sqs, false),
        (#"{"value": ["x"]}"#, .kafka, false),
        (#"{"data": ["x"]}"#, .mq, false),
    ])
    func criteriaAndVerdictsAgree(_ text: String, _ source: EventSource, _ refused: Bool) throws {
        let pattern = try Fixtures.pattern(text)
        #expect(FilterSet(filters: [pattern], source: source).filtersRefusedByAWS == (refused ? [0] : []))
        let errors = FilterCriteria.check(patterns: [pattern], options: CriteriaOptions(source: MappingSource(source))).errors
        #expect(errors.map(\.code) == (refused ? [.dataPatternNotJSON] : []))
    }
}
