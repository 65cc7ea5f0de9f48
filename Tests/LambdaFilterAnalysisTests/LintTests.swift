import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources
import Testing

/// One SQS record with a JSON body, for the rules that read samples.
private let sqsRecord =
    #"{"messageId": "1", "body": "{\"a\": 1, \"status\": \"OPEN\", \"total\": 42}", "attributes": {"ApproximateReceiveCount": "1"}, "messageAttributes": {}, "eventSource": "aws:sqs"}"#

/// A rule, filters that trigger it, and filters that do not.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var source: EventSource?
    var triggering: [String]
    var clean: [String]
    var samples: [String] = []

    var testDescription: String { rule }
}

private func filters(_ count: Int) -> [String] {
    (0..<count).map { #"{"body": {"n\#($0)": ["x"]}}"# }
}

private let longPattern = #"{"body": {"code": ["# + (0..<700).map { "\"v\($0)\"" }.joined(separator: ",") + "]}}"

@Suite("Lint rules: one pattern that triggers, one that does not")
struct LintRuleTests {
    static let cases: [RuleCase] = [
        RuleCase(rule: "field-not-in-record", source: .sqs, triggering: [#"{"a": [1, 2]}"#], clean: [#"{"body": {"a": [1, 2]}}"#]),
        RuleCase(
            rule: "field-not-in-samples", source: .sqs, triggering: [#"{"body": {"tota": [42]}}"#], clean: [#"{"body": {"total": [42]}}"#],
            samples: [sqsRecord]),
        RuleCase(
            rule: "undocumented-filter-field", source: .dynamodb, triggering: [#"{"eventName": ["INSERT"]}"#],
            clean: [#"{"dynamodb": {"Keys": {"id": {"S": ["1"]}}}}"#]),
        RuleCase(
            rule: "dynamodb-missing-type-key", source: .dynamodb, triggering: [#"{"dynamodb": {"NewImage": {"status": ["OPEN"]}}}"#],
            clean: [#"{"dynamodb": {"NewImage": {"status": {"S": ["OPEN"]}}}}"#]),
        RuleCase(
            rule: "dynamodb-number-on-string-value", source: .dynamodb,
            triggering: [#"{"dynamodb": {"NewImage": {"price": {"N": [{"numeric": [">", 100]}]}}}}"#],
            clean: [#"{"dynamodb": {"NewImage": {"price": {"N": ["101"]}}}}"#]),
        RuleCase(
            rule: "sns-message-not-decoded", source: .sqs, triggering: [#"{"body": {"Message": {"orderId": ["ORD-1"]}}}"#],
            clean: [#"{"body": {"Type": ["Notification"]}}"#]),
        RuleCase(
            rule: "kinesis-gzip-data", source: .kinesis, triggering: [#"{"data": {"logEvents": {"message": [{"prefix": "ERROR"}]}}}"#],
            clean: [#"{"data": {"level": ["ERROR"]}}"#]),
        RuleCase(
            rule: "sqs-message-attributes", source: .sqs, triggering: [#"{"messageAttributes": {"kind": {"stringValue": ["order"]}}}"#],
            clean: [#"{"attributes": {"ApproximateReceiveCount": ["1"]}}"#]),
        RuleCase(rule: "documentdb-not-filtered", source: .documentdb, triggering: [#"{"operationType": ["insert"]}"#], clean: []),
        RuleCase(
            rule: "operator-refused", source: .sqs, triggering: [#"{"body": {"path": [{"wildcard": "*/lib/*"}]}}"#],
            clean: [#"{"body": {"path": [{"prefix": "/lib/"}]}}"#]),
        RuleCase(
            rule: "data-pattern-not-json", source: .kinesis, triggering: [#"{"data": [{"prefix": "ERROR"}]}"#],
            clean: [#"{"data": {"level": ["ERROR"]}}"#]),
        RuleCase(
            rule: "conflicting-conditions", source: .sqs,
            triggering: [#"{"body": {"a": [{"exists": false}]}, "$or": [{"body": {"a": ["x"]}}, {"body": {"b": ["y"]}}]}"#],
            clean: [#"{"body": {"a": [{"exists": false}, "x"]}}"#]),
        RuleCase(
            rule: "string-operator-on-number", source: .sqs, triggering: [#"{"body": {"total": [{"prefix": "4"}]}}"#],
            clean: [#"{"body": {"status": [{"prefix": "OP"}]}}"#], samples: [sqsRecord]),
        RuleCase(
            rule: "exists-false-always", source: .sqs, triggering: [#"{"Body": {"x": [{"exists": false}]}}"#],
            clean: [#"{"body": {"x": [{"exists": false}]}}"#]),
        RuleCase(
            rule: "value-cannot-occur", source: .dynamodb, triggering: [#"{"eventName": ["DELETE"]}"#],
            clean: [#"{"eventName": ["REMOVE"]}"#]),
        RuleCase(
            rule: "anything-but-always", source: .dynamodb, triggering: [#"{"eventName": [{"anything-but": ["DELETE"]}]}"#],
            clean: [#"{"eventName": [{"anything-but": ["REMOVE"]}]}"#]),
        RuleCase(
            rule: "filter-covered", source: .sqs, triggering: [#"{"body": {"s": ["A", "B"]}}"#, #"{"body": {"s": ["A"]}}"#],
            clean: [#"{"body": {"s": ["A"]}}"#, #"{"body": {"s": ["B"]}}"#]),
        RuleCase(rule: "filter-quota", source: .sqs, triggering: filters(6), clean: filters(5)),
        RuleCase(rule: "too-many-filters", source: .sqs, triggering: filters(11), clean: filters(10)),
        RuleCase(rule: "pattern-too-long", source: .sqs, triggering: [longPattern], clean: [#"{"body": {"code": ["v1"]}}"#]),
        RuleCase(
            rule: "fold-filters", source: .sqs, triggering: [#"{"body": {"s": ["A"]}}"#, #"{"body": {"s": ["B"]}}"#],
            clean: [#"{"body": {"s": ["A"]}}"#, #"{"body": {"t": ["B"]}}"#]),
    ]

    @Test(arguments: cases)
    func triggers(_ testCase: RuleCase) throws {
        let samples = try Fixtures.views(testCase.source ?? .sqs, testCase.samples)
        let found = try Fixtures.ruleIDs(testCase.triggering, source: testCase.source, samples: samples)
        #expect(found.contains(testCase.rule), "found \(found)")
        let quiet = try Fixtures.ruleIDs(testCase.clean, source: testCase.source, samples: samples)
        #expect(!quiet.contains(testCase.rule), "found \(quiet)")
    }

    @Test(arguments: cases)
    func ignoring(_ testCase: RuleCase) throws {
        let samples = try Fixtures.views(testCase.source ?? .sqs, testCase.samples)
        let found = try Fixtures.ruleIDs(
            testCase.triggering, source: testCase.source, samples: samples, options: LintOptions(ignoring: [testCase.rule]))
        #expect(!found.contains(testCase.rule))
    }

    @Test func everyRuleHasATableRowAndADocsLine() throws {
        #expect(Set(Self.cases.map(\.rule)) == Set(LintRules.all.map(\.id)))
        let docs = try Fixtures.readFile(Fixtures.packageRoot + "/docs/lint.md")
        #expect(docs.contains(LintRules.markdownTable), "docs/lint.md's table differs from LintRules.markdownTable")
        #expect(Set(LintRules.all.map(\.id)).count == LintRules.all.count)
    }
}

/// The cases the issue quotes, as a user meets them.
@Suite("Lint: the real cases")
struct RealLintCaseTests {
    struct FieldCase: CustomTestStringConvertible, Sendable {
        var source: EventSource
        var pattern: String
        var suggestion: String
        var testDescription: String { "\(pattern) on \(source)" }
    }

    static let neverMatches: [FieldCase] = [
        FieldCase(source: .sqs, pattern: #"{"a": [1, 2]}"#, suggestion: "$.body.a"),
        FieldCase(source: .mq, pattern: #"{"value": {"timeout": [{"numeric": [">", 0]}]}}"#, suggestion: "$.data.timeout"),
        FieldCase(source: .kinesis, pattern: #"{"payload": {"order": {"type": ["buy"]}}}"#, suggestion: "$.data.order.type"),
        FieldCase(source: .sqs, pattern: #"{"Records": {"body": {"status": ["OPEN"]}}}"#, suggestion: "$.body.status"),
        FieldCase(source: .kinesis, pattern: #"{"Records": {"kinesis": {"data": {"level": ["ERROR"]}}}}"#, suggestion: "$.data.level"),
        FieldCase(source: .dynamodb, pattern: #"{"NewImage": {"status": {"S": ["OPEN"]}}}"#, suggestion: "$.dynamodb.NewImage.status.S"),
        FieldCase(source: .dynamodb, pattern: #"{"status": ["OPEN"]}"#, suggestion: "$.dynamodb.NewImage.status.S"),
        FieldCase(
            source: .dynamodb, pattern: #"{"dynamodb": {"newImage": {"status": {"S": ["OPEN"]}}}}"#,
            suggestion: "$.dynamodb.NewImage.status.S"),
        FieldCase(source: .kafka, pattern: #"{"payload": {"device_ID": [{"prefix": "AB"}]}}"#, suggestion: "$.value.device_ID"),
    ]

    @Test(arguments: neverMatches)
    func unknownFieldIsANeverMatchesWarningWithDidYouMean(_ testCase: FieldCase) throws {
        let findings = Linter.lint([try Fixtures.pattern(testCase.pattern)], source: testCase.source)
        let finding = try #require(findings.first { $0.rule.id == "field-not-in-record" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("never matches"))
        #expect(finding.suggestions.map(\.description).contains(testCase.suggestion), "\(finding.suggestions)")
        #expect(finding.location?.line == 1)
    }

    struct NoteCase: CustomTestStringConvertible, Sendable {
        var source: EventSource
        var pattern: String
        var testDescription: String { "\(pattern) on \(source)" }
    }

    static let notes: [NoteCase] = [
        NoteCase(source: .dynamodb, pattern: #"{"eventName": ["INSERT"]}"#),
        NoteCase(source: .dynamodb, pattern: #"{"eventName": ["INSERT", "MODIFY"], "eventSource": ["aws:dynamodb"]}"#),
        NoteCase(source: .kinesis, pattern: #"{"partitionKey": ["checkout"]}"#),
        NoteCase(source: .kafka, pattern: #"{"topic": ["payments"]}"#),
        NoteCase(source: .mq, pattern: #"{"basicProperties": {"appId": ["notifier"]}}"#),
        NoteCase(source: .sqs, pattern: #"{"attributes": {"ApproximateReceiveCount": ["1"]}}"#),
    ]

    @Test(arguments: notes)
    func documentedElsewhereFieldsGetAtMostANote(_ testCase: NoteCase) throws {
        let findings = Linter.lint([try Fixtures.pattern(testCase.pattern)], source: testCase.source)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.severity == .note }, "\(findings)")
        let note = try #require(findings.first { $0.rule.id == "undocumented-filter-field" })
        // Cites the documentation and what was observed.
        #expect(note.message.contains("filtering page"))
        #expect(note.message.contains("documents filtering on"))
    }

    @Test func eventNameNoteCitesTheRecordedRuns() throws {
        let findings = Linter.lint([try Fixtures.pattern(#"{"eventName": ["INSERT"]}"#)], source: .dynamodb)
        #expect(findings.map(\.rule.id) == ["undocumented-filter-field"])
        #expect(findings[0].message.contains("AWS-recorded runs"))
    }

    /// What FilterCriteria used to warn about, now lint's (with the severity the issue asks for).
    @Test(arguments: [
        (#"{"attributes":{"x":["1"]},"messageId":["m"]}"#, EventSource.sqs, ["undocumented-filter-field", "undocumented-filter-field"]),
        (#"{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",100]}]}}}}"#, EventSource.dynamodb, ["dynamodb-number-on-string-value"]),
        // The pattern the former criteria check and lint disagreed on: a number never equals an N value's string.
        (#"{"dynamodb":{"NewImage":{"Price":{"N":[101]}}}}"#, EventSource.dynamodb, ["dynamodb-number-on-string-value"]),
        (#"{"dynamodb":{"ApproximateCreationDateTime":[{"numeric":[">",0]}]}}"#, EventSource.dynamodb, []),
        (#"{"value":{"a":["x"]}}"#, EventSource.kafka, []),
        (#"{"body":{"a":["x"]}}"#, EventSource.sqs, []),
    ])
    func formerCriteriaWarnings(_ pattern: String, _ source: EventSource, _ expected: [String]) throws {
        #expect(try Fixtures.ruleIDs([pattern], source: source) == expected)
    }

    @Test func eventBridgeOperatorsAreRefusedOnlyForAMapping() throws {
        let pattern = #"{"source": [{"wildcard": "aws.*"}]}"#
        #expect(try Fixtures.ruleIDs([pattern], source: nil).isEmpty)
        #expect(try Fixtures.ruleIDs([pattern], source: .sqs).contains("operator-refused"))
    }

    @Test func anEmptyNumericRangeIsAlreadyAParseError() {
        #expect(throws: PatternError.self) { try Pattern(parsing: #"{"n": [{"numeric": [">", 10, "<", 5]}]}"#) }
    }

    @Test func disjointRangesOnOneFieldThroughDottedKeysNeverMatch() throws {
        let ids = try Fixtures.ruleIDs([#"{"body": {"n": [{"numeric": [">", 10]}]}, "body.n": [{"numeric": ["<", 5]}]}"#], source: .sqs)
        #expect(ids.contains("conflicting-conditions"))
        let overlapping = try Fixtures.ruleIDs(
            [#"{"body": {"n": [{"numeric": [">", 1]}]}, "body.n": [{"numeric": ["<", 5]}]}"#], source: .sqs)
        #expect(!overlapping.contains("conflicting-conditions"))
        // Different branches of one $or never hold together: no conflict.
        let branches = try Fixtures.ruleIDs([#"{"$or": [{"n": [{"numeric": [">", 10]}]}, {"n": [{"numeric": ["<", 5]}]}]}"#], source: nil)
        #expect(!branches.contains("conflicting-conditions"))
    }

    @Test func dottedDynamoDBNumbersAreCaught() throws {
        let ids = try Fixtures.ruleIDs([#"{"dynamodb.NewImage.price.N": [101]}"#], source: .dynamodb)
        #expect(ids.contains("dynamodb-number-on-string-value"))
    }

    @Test func existsFalseWithoutTheTypeKeyMatchesEverything() throws {
        let findings = Linter.lint(
            [try Fixtures.pattern(#"{"dynamodb": {"NewImage": {"presentKey": [{"exists": false}]}}}"#)], source: .dynamodb)
        let finding = try #require(findings.first { $0.rule.id == "dynamodb-missing-type-key" })
        #expect(finding.message.contains("matches every record"))
    }

    @Test func typeKeySuggestionComesFromTheSamples() throws {
        let record = try Fixtures.sample("dynamodb/customers.json").map(\.record.view)
        let findings = Linter.lint([try Fixtures.pattern(#"{"NewImage": {"Orders": ["101"]}}"#)], source: .dynamodb, samples: record)
        let finding = try #require(findings.first { $0.rule.id == "field-not-in-record" })
        #expect(finding.suggestions.first?.description == "$.dynamodb.NewImage.Orders.N")
    }

    @Test func coverageHoldsOnKafkaAsOnSQS() throws {
        // A plain-text value mismatches both filters, so neither matches it (the recorded Kafka
        // rule, as on SQS): the first covers the second on Kafka too.
        let patterns = [#"{"value": {"s": ["A", "B"]}}"#, #"{"value": {"s": ["A"]}, "partition": [0]}"#]
        #expect(try Fixtures.ruleIDs(patterns, source: .kafka).contains("filter-covered"))
        #expect(try Fixtures.ruleIDs(patterns, source: .sqs).contains("filter-covered"))
        let sqs = [#"{"body": {"s": ["A", "B"]}}"#, #"{"body": {"s": ["A"]}, "messageId": ["m"]}"#]
        #expect(try Fixtures.ruleIDs(sqs, source: .sqs).contains("filter-covered"))
    }

    @Test func numericRangesCover() throws {
        let ids = try Fixtures.ruleIDs(
            [#"{"body": {"n": [{"numeric": [">", 0]}]}}"#, #"{"body": {"n": [{"numeric": [">=", 5, "<", 9]}], "k": ["x"]}}"#], source: .sqs)
        #expect(ids == ["filter-covered"])
        let disjoint = try Fixtures.ruleIDs(
            [#"{"body": {"n": [{"numeric": [">", 0]}]}}"#, #"{"body": {"n": [{"numeric": ["<", 0]}]}}"#], source: .sqs)
        #expect(!disjoint.contains("filter-covered"))
    }

    @Test func mixedDataFormsAreNotFolded() throws {
        // A JSON body filter and a metadata-only filter treat plain-text bodies differently.
        let ids = try Fixtures.ruleIDs([#"{"body": {"s": ["A"]}}"#, #"{"attributes": {"s": ["A"]}}"#], source: .sqs)
        #expect(!ids.contains("fold-filters"))
    }

    @Test func foldedPatternKeepsTheOtherConditions() throws {
        let findings = Linter.lint(
            [try Fixtures.pattern(#"{"body": {"s": ["A"], "t": [1]}}"#), try Fixtures.pattern(#"{"body": {"s": ["B"], "t": [1]}}"#)],
            source: .sqs)
        let fold = try #require(findings.first { $0.rule.id == "fold-filters" })
        #expect(fold.fix == #"use one filter: {"body":{"s":["A","B"],"t":[1]}}"#)
    }

    @Test func sevenFiltersFoldIntoOr() throws {
        let patterns = try (0..<7).map { try Fixtures.pattern(#"{"body": {"f\#($0)": ["x"], "g": ["\#($0)"]}}"#) }
        let findings = Linter.lint(patterns, source: .sqs)
        let fold = try #require(findings.first { $0.rule.id == "fold-filters" && $0.fix.contains("$or") })
        let text = String(fold.fix.dropFirst("use one filter: ".count))
        let folded = try Fixtures.pattern(text)
        #expect(folded.conjunctions.count == 7)
    }

    @Test func bundledPatternsLintAsExpected() throws {
        // Each bundled pattern against its own folder's source: only the deliberate pitfall and
        // DocumentDB (which AWS does not filter) may warn.
        let folders: [(String, EventSource)] = [
            ("sqs", .sqs), ("kinesis", .kinesis), ("dynamodb", .dynamodb), ("kafka", .kafka), ("mq", .mq), ("documentdb", .documentdb),
        ]
        let manifest = try Fixtures.readFile(Fixtures.packageRoot + "/Patterns/manifest.json")
        var warned: [String] = []
        for (folder, source) in folders {
            let names =
                try Fixtures.json(manifest)["cases"]?.arrayElements?.compactMap { $0["patterns"]?.arrayElements?.compactMap(\.stringValue) }
                .flatMap { $0 } ?? []
            for name in Set(names).sorted() where name.hasPrefix(folder + "/") {
                let findings = Linter.lint([try Fixtures.bundledPattern(name)], source: source)
                if findings.contains(where: { $0.severity != .note }) { warned.append(name) }
            }
        }
        #expect(warned.allSatisfy { $0.hasPrefix("documentdb/") || $0.contains("pitfall") }, "\(warned)")
        #expect(warned.contains("dynamodb/pitfall-numeric-on-number-attribute.json"))
    }
}
