import LambdaFilter
import LambdaFilterCriteria
import Testing

/// The one reader of filters: every format issue 13 lists, and each defect it reports.
@Suite("Reading every place a filter lives")
struct FilterDocumentTests {
    struct FormatCase: Sendable, CustomTestStringConvertible {
        var name: String
        var fileName: String
        var text: String
        var kind: FilterDocument.Kind
        /// Mapping id, then its Pattern strings as AWS receives them.
        var mappings: [String: [String]]
        var testDescription: String { name }
    }

    static let formats: [FormatCase] = [
        FormatCase(
            name: "FilterCriteria", fileName: "c.json", text: #"{"Filters":[{"Pattern":"{\"a\":[1]}"}]}"#, kind: .filterCriteria,
            mappings: ["FilterCriteria": [#"{"a":[1]}"#]]),
        FormatCase(
            name: "FilterCriteria wrapped", fileName: "c.json", text: #"{"FilterCriteria":{"Filters":[{"Pattern":"{\"a\":[1]}"}]}}"#,
            kind: .mapping, mappings: ["FilterCriteria": [#"{"a":[1]}"#]]),
        FormatCase(
            name: "Pipes", fileName: "p.yaml",
            text:
                "Resources:\n  Q: {Type: AWS::SQS::Queue}\n  P:\n    Type: AWS::Pipes::Pipe\n    Properties:\n      Source: !GetAtt Q.Arn\n      SourceParameters:\n        FilterCriteria:\n          Filters:\n            - Pattern: '{\"body\": {\"a\": [\"x\"]}}'\n",
            kind: .cloudFormation, mappings: ["P": [#"{"body": {"a": ["x"]}}"#]]),
        FormatCase(
            name: "Serverless, as JSON.stringify writes it", fileName: "serverless.yml",
            text:
                "service: s\nfunctions:\n  f:\n    events:\n      - sqs:\n          arn: arn:aws:sqs:us-east-1:123456789012:q\n          filterPatterns:\n            - body: {b: [1], a: [\"<&>\"]}\n            - body: {c: [{exists: true}]}\n",
            kind: .serverless, mappings: ["f.events[0]": [#"{"body":{"b":[1],"a":["<&>"]}}"#, #"{"body":{"c":[{"exists":true}]}}"#]]),
        FormatCase(
            name: "Terraform jsonencode sorts keys and escapes <, > and &", fileName: "main.tf",
            text:
                "resource \"aws_lambda_event_source_mapping\" \"m\" {\n  event_source_arn = aws_sqs_queue.q.arn\n  filter_criteria {\n    filter {\n      pattern = jsonencode({ body = { b = [1], a = [\"<&>\"] } })\n    }\n    filter { pattern = \"{\\\"body\\\": {\\\"c\\\": [2]}}\" }\n  }\n}\n",
            kind: .terraform,
            mappings: ["aws_lambda_event_source_mapping.m": [#"{"body":{"a":["\u003c\u0026\u003e"],"b":[1]}}"#, #"{"body": {"c": [2]}}"#]]),
        FormatCase(
            name: "Terraform heredoc", fileName: "main.tf",
            text:
                "resource \"aws_lambda_event_source_mapping\" \"m\" {\n  filter_criteria {\n    filter {\n      pattern = <<-EOT\n        {\"a\": [1]}\n      EOT\n    }\n  }\n}\n",
            kind: .terraform, mappings: ["aws_lambda_event_source_mapping.m": ["{\"a\": [1]}\n"]]),
        FormatCase(
            name: "terraform show -json", fileName: "plan.json",
            text:
                #"{"format_version":"1.2","values":{"root_module":{"child_modules":[{"resources":[{"address":"module.q.aws_lambda_event_source_mapping.m","type":"aws_lambda_event_source_mapping","name":"m","values":{"filter_criteria":[{"filter":[{"pattern":"{\"a\":[1]}"}]}]}}]}]}}}"#,
            kind: .terraformPlan, mappings: ["module.q.aws_lambda_event_source_mapping.m": [#"{"a":[1]}"#]]),
        FormatCase(
            name: "CloudFormation Fn::Join over literals and Fn::Sub without variables", fileName: "t.json",
            text:
                #"{"Resources":{"M":{"Type":"AWS::Lambda::EventSourceMapping","Properties":{"FilterCriteria":{"Filters":[{"Pattern":{"Fn::Join":["",["{\"a\":","[1]}"]]}},{"Pattern":{"Fn::Sub":"{\"b\":[\"${!x}\"]}"}}]}}}}}"#,
            kind: .cloudFormation, mappings: ["M": [#"{"a":[1]}"#, #"{"b":["${x}"]}"#]]),
        FormatCase(
            name: "a fragment: resources without Resources", fileName: "f.yaml",
            text:
                "Worker:\n  Type: AWS::Serverless::Function\n  Properties:\n    Events:\n      Q:\n        Type: SQS\n        Properties:\n          FilterCriteria: {Filters: [{Pattern: '{\"a\": [1]}'}]}\n",
            kind: .cloudFormation, mappings: ["Worker.Q": [#"{"a": [1]}"#]]),
        FormatCase(
            name: "a fragment: one resource", fileName: "f.yaml",
            text: "Type: AWS::Lambda::EventSourceMapping\nProperties:\n  FilterCriteria:\n    Filters:\n      - Pattern: '{\"a\": [2]}'\n",
            kind: .cloudFormation, mappings: ["Resource": [#"{"a": [2]}"#]]),
        FormatCase(
            name: "JSON with a byte-order mark", fileName: "c.json", text: "\u{FEFF}" + #"{"Filters":[{"Pattern":"{\"a\":[1]}"}]}"#,
            kind: .filterCriteria, mappings: ["FilterCriteria": [#"{"a":[1]}"#]]),
    ]

    @Test(arguments: formats)
    func readsEachFormat(_ format: FormatCase) throws {
        let document = FilterDocument.read(text: format.text, name: format.fileName)
        #expect(document.kind == format.kind)
        #expect(document.failure == nil, "\(document.notes)")
        var read: [String: [String]] = [:]
        for mapping in document.mappings {
            let criteria = try mapping.entry.result.get()
            read[mapping.id] = criteria.filters.map(\.patternText)
        }
        #expect(read == format.mappings)
    }

    @Test func everyErrorOfEveryFilterIsReported() throws {
        // Six invalid patterns in two mappings: each is reported, not only the first per mapping.
        let text = """
            Resources:
              A:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FilterCriteria:
                    Filters:
                      - Pattern: '{"a": "x"}'
                      - Pattern: '{"b": [{"prefix": 1}], "c": [{"exists": "yes"}]}'
                      - Pattern: '{"d": []}'
              F:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Q:
                      Type: SQS
                      Properties:
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"e": [{"numeric": [">", "1"]}]}'
                            - Pattern: 'not json'
            """
        let document = FilterDocument.read(text: text, name: "t.yaml")
        let errors = document.mappings.flatMap(\.errors)
        #expect(errors.count == 6, "\(errors)")
        #expect(errors.map(\.filterIndex) == [0, 1, 1, 2, 0, 1])
        // Each error inside a pattern maps to its line in the template.
        let entry = document.mappings[0].entry
        let place = try #require(
            errors[1].patternError.flatMap { entry.pattern(at: 1)?.documentLocation(ofPatternOffset: $0.location.offset) })
        #expect(place.line == 8)
    }

    @Test func intrinsicsAreWarningsAndTheOtherFiltersAreStillChecked() throws {
        let text = """
            Resources:
              M:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FilterCriteria:
                    Filters:
                      - Pattern: !Sub '{"stage": ["${Stage}"]}'
                      - Pattern: !Select [0, !Ref Patterns]
                      - Pattern: '{"a": ["x"]}'
                      - Pattern: '{"b": "bad"}'
            """
        let mapping = try #require(FilterDocument.read(text: text, name: "t.yaml").mappings.first)
        #expect(
            mapping.warnings.filter { $0.code == .unresolvedValue }.map(\.message) == [
                "Pattern is computed by Fn::Sub with variable ${Stage}; it cannot be read offline, so this filter is not checked or tested",
                "Pattern is computed by Fn::Select; it cannot be read offline, so this filter is not checked or tested",
            ])
        #expect(mapping.errors.map(\.filterIndex) == [3])
    }

    @Test func terraformValuesNotKnownOfflineAreNamed() throws {
        let text = """
            locals { other = "{}" }
            resource "aws_lambda_event_source_mapping" "m" {
              filter_criteria {
                filter { pattern = var.pattern }
                filter { pattern = local.p }
                filter { pattern = file("p.json") }
                filter { pattern = jsonencode({ a = [var.x] }) }
                filter { pattern = "{\\"a\\": [\\"${var.x}\\"]}" }
                filter { pattern = jsonencode({ ok = [true, null, 1.5] }) }
                dynamic "filter" {
                  for_each = var.patterns
                  content { pattern = filter.value }
                }
              }
            }
            """
        let mapping = try #require(FilterDocument.read(text: text, name: "main.tf").mappings.first)
        #expect(
            mapping.warnings.map(\.message).map { $0.prefix { $0 != ";" } } == [
                "Pattern is computed by var.pattern", "Pattern is computed by local.p", "Pattern is computed by the function `file()`",
                "Pattern is computed by var.x (inside `jsonencode`)", "Pattern is computed by the interpolation `${var.x}`",
                "Pattern is computed by a `dynamic \"filter\"` block, expanded at plan time",
            ])
        #expect(mapping.warnings.allSatisfy { $0.location != nil })
        #expect(try mapping.entry.result.get().filters.map(\.patternText) == [#"{"ok":[true,null,1.5]}"#])
        #expect(mapping.filterIndices == [5])
    }

    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        var name: String
        var fileName: String
        var text: String
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static let syntaxErrors: [SyntaxCase] = [
        SyntaxCase(name: "YAML", fileName: "t.yaml", text: "Resources:\n  - a\n  b: c\n", line: 3, column: 3),
        SyntaxCase(
            name: "HCL unclosed string", fileName: "main.tf",
            text: "resource \"aws_lambda_event_source_mapping\" \"m\" {\n  batch_size = \"10\n}\n", line: 2, column: 19),
        SyntaxCase(name: "HCL missing brace", fileName: "main.tf", text: "resource \"a\" \"b\" {\n  x = 1\n", line: 3, column: 1),
        SyntaxCase(
            name: "HCL duplicate object key", fileName: "main.tf", text: "locals {\n  a = { k = 1, k = 2 }\n}\n", line: 2, column: 16),
    ]

    @Test(arguments: syntaxErrors)
    func aSyntaxErrorIsOneLocatedDiagnostic(_ testCase: SyntaxCase) throws {
        let document = FilterDocument.read(text: testCase.text, name: testCase.fileName)
        let failure = try #require(document.failure)
        #expect(failure.location?.line == testCase.line)
        #expect(failure.location?.column == testCase.column)
        #expect(document.notes.count == 1)
    }

    @Test func aDuplicateYAMLKeyOutsideTheCriteriaIsAWarning() throws {
        let text =
            "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      BatchSize: 5\n      BatchSize: 10\n      FilterCriteria:\n        Filters:\n          - Pattern: '{\"a\": [\"x\"]}'\n"
        let document = FilterDocument.read(text: text, name: "t.yaml")
        #expect(document.failure == nil)
        #expect(document.notes.map(\.code) == ["duplicate-key"])
        #expect(document.notes.first?.location?.line == 5)
        let mapping = try #require(document.mappings.first)
        #expect(mapping.parameters?.request["BatchSize"] == .number("10"))
        // The pattern's place is still mapped exactly despite the re-read.
        #expect(mapping.entry.pattern(at: 0)?.start?.line == 9)
        #expect(mapping.entry.pattern(at: 0)?.mapsIntoDocument == true)
    }

    struct NotFilterCase: Sendable, CustomTestStringConvertible {
        var fileName: String
        var text: String
        var message: String
        var testDescription: String { fileName }
    }

    static let notFilters: [NotFilterCase] = [
        NotFilterCase(
            fileName: "main.tf", text: "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n",
            message: "this is Terraform HCL with no aws_lambda_event_source_mapping resource and no `filter_criteria`: it holds no filters"),
        NotFilterCase(
            fileName: "lib/stack.ts", text: "import * as lambda from 'aws-cdk-lib/aws-lambda';\n",
            message: "this is CDK source code (TypeScript), not a template: synthesize it (`cdk synth`) and check the template in cdk.out"),
        NotFilterCase(
            fileName: "ci.yml", text: "on: push\njobs: {}\n",
            message: "this YAML is not a CloudFormation/SAM template, a serverless.yml or a FilterCriteria: it holds no filters"),
    ]

    @Test(arguments: notFilters)
    func inputsThatAreNotFiltersSayWhatTheyLookLike(_ testCase: NotFilterCase) {
        let document = FilterDocument.read(text: testCase.text, name: testCase.fileName)
        #expect(document.mappings.allSatisfy { !$0.hasCriteria })
        #expect(document.notes.map(\.message) == [testCase.message])
    }

    /// `FilterReadOptions.maxDocumentBytes` bounds the document read, and its error names it.
    @Test(arguments: [(9, true), (8, false)])
    func documentSizeFollowsTheLimit(_ maxDocumentBytes: Int, _ readable: Bool) {
        let document = FilterDocument.read(
            text: #"{"a":[1]}"#, name: "p.json", options: FilterReadOptions(maxDocumentBytes: maxDocumentBytes))
        if readable {
            #expect(document.kind == .pattern && document.failure == nil)
        } else {
            #expect(document.failure?.code == .unreadableDocument)
            #expect(document.failure?.message == "document is 9 bytes; the reader accepts at most 8 (FilterReadOptions.maxDocumentBytes)")
        }
    }

    @Test func aMappingWithoutCriteriaIsNotReadAsAPattern() throws {
        let text =
            #"{"UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "BatchSize": 10, "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q", "State": "Enabled"}"#
        let document = FilterDocument.read(text: text, name: "get.json")
        #expect(document.kind == .mapping)
        #expect(document.mappings.count == 1 && !document.mappings[0].hasCriteria)
        #expect(document.mappings[0].errors.isEmpty)
    }

    @Test(arguments: [#"{"UUID": ["14e0db71"]}"#, #"{"FunctionName": [{"prefix": "orders-"}], "EventSourceArn": ["x"]}"#])
    func aPatternOnMappingLikeFieldsStaysAPattern(_ text: String) {
        #expect(FilterDocument.read(text: text, name: "p.json").kind == .pattern)
    }

    @Test func oneCriteriaValueReadsByTheSameRules() throws {
        let joined: JSONValue = .object([
            JSONMember(
                "Filters",
                .array([
                    .object([
                        JSONMember(
                            "Pattern",
                            .object([JSONMember("Fn::Join", .array([.string(""), .array([.string(#"{"a":"#), .string("[1]}")])]))]))
                    ])
                ]))
        ])
        #expect(try FilterCriteriaReader.criteria(from: joined).filters.map(\.patternText) == [#"{"a":[1]}"#])
        let computed: JSONValue = .object([
            JSONMember("Filters", .array([.object([JSONMember("Pattern", .object([JSONMember("Ref", .string("P"))]))])]))
        ])
        let error = #expect(throws: CriteriaError.self) { try FilterCriteriaReader.criteria(from: computed) }
        #expect(error?.code == .unresolvedPattern)
        #expect(
            error?.description
                == "Filters[0]: Pattern is computed by Ref P; it cannot be read offline, so this filter is not checked or tested")
    }

    @Test func aSourceGivenForMappingsThatDoNotSayAppliesItsRules() throws {
        let text = #"{"Filters":[{"Pattern":"{\"data\":[{\"prefix\":\"ERR\"}]}"}]}"#
        #expect(FilterDocument.read(text: text, name: "c.json").mappings[0].errors.isEmpty)
        let kinesis = FilterDocument.read(text: text, name: "c.json", options: FilterReadOptions(defaultSource: .kinesis)).mappings[0]
        #expect(kinesis.source == .kinesis)
        #expect(kinesis.errors.map(\.code) == [.dataPatternNotJSON])
    }

    @Test func pipesForbidThePollerFields() throws {
        let text =
            "Resources:\n  P:\n    Type: AWS::Pipes::Pipe\n    Properties:\n      Source: arn:aws:sqs:us-east-1:123456789012:q\n      SourceParameters:\n        FilterCriteria:\n          Filters:\n            - Pattern: '{\"eventSource\": [\"aws:sqs\"]}'\n"
        let mapping = try #require(FilterDocument.read(text: text, name: "p.yaml").mappings.first)
        #expect(mapping.isPipe && mapping.source == .sqs)
        #expect(mapping.errors.map(\.code) == [.reservedPipeField])
    }

    @Test func terraformWarnsWhenNFCWouldChangeAString() throws {
        let text =
            "resource \"aws_lambda_event_source_mapping\" \"m\" {\n  filter_criteria {\n    filter { pattern = jsonencode({ name = [\"Cafe\u{0301}\"] }) }\n  }\n}\n"
        let mapping = try #require(FilterDocument.read(text: text, name: "main.tf").mappings.first)
        #expect(mapping.warnings.map(\.code) == [.unicodeNormalization])
    }

    @Test func theTerraformLengthCountsJSONEncodeEscapes() throws {
        // 1000 `<` become 6000 characters in the Pattern AWS receives.
        let text =
            "resource \"aws_lambda_event_source_mapping\" \"m\" {\n  filter_criteria {\n    filter { pattern = jsonencode({ a = [\"\(String(repeating: "<", count: 1000))\"] }) }\n  }\n}\n"
        let mapping = try #require(FilterDocument.read(text: text, name: "main.tf").mappings.first)
        #expect(mapping.errors.map(\.code) == [.patternTooLong])
    }

    @Test func mappingsAnswerToEveryIDForm() throws {
        let text =
            "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            FilterCriteria: {Filters: [{Pattern: '{\"a\": [1]}'}]}\n"
        let document = FilterDocument.read(text: text, name: "t.yaml")
        for id in ["F.Q", "F/Events/Q"] {
            #expect(document.mappings(matching: id).count == 1, "\(id)")
        }
        #expect(document.mappings(matching: "G.Q").isEmpty)
    }

    @Test func parametersAreCheckedAgainstTheSourcesRanges() throws {
        let update =
            #"{"UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "BatchSize": 0, "MaximumRecordAgeInSeconds": 59, "ParallelizationFactor": 11, "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s"}"#
        let mapping = try #require(FilterDocument.read(text: update, name: "u.json").mappings.first)
        let problems = try #require(mapping.parameters).problems(source: .kinesis, operation: .create)
        let named = Set(problems.map(\.problem.parameter))
        #expect(named.isSuperset(of: ["BatchSize", "MaximumRecordAgeInSeconds", "ParallelizationFactor"]))
        #expect(problems.allSatisfy { $0.location != nil })

        let create =
            "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref F\n      EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q\n      BatchSize: 20000\n      StartingPosition: LATEST\n"
        let template = try #require(FilterDocument.read(text: create, name: "t.yaml").mappings.first)
        let found = try #require(template.parameters).problems(source: .sqs, operation: .create)
        // BatchSize over 10 also needs a batching window on SQS.
        #expect(Set(found.map(\.problem.parameter)) == ["BatchSize", "StartingPosition", "MaximumBatchingWindowInSeconds"])
        #expect(found.first { $0.problem.parameter == "BatchSize" }?.location?.line == 7)
    }

    /// Each pattern's place is found without rescanning or copying the document: reading a
    /// 1 MB template with 4,000 patterns took 116 s when every pattern copied the rest of the
    /// file; linear reading takes about a second here. The bound is far above that.
    @Test func readingManyMappingsIsLinear() {
        var yaml = "Resources:\n"
        var hcl = ""
        for index in 0..<4_000 {
            yaml +=
                "  M\(index):\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q\n"
            yaml += "      FilterCriteria:\n        Filters:\n          - Pattern: '{\"body\": {\"n\": [\(index)]}}'\n"
            hcl +=
                "resource \"aws_lambda_event_source_mapping\" \"m\(index)\" {\n  filter_criteria {\n    filter { pattern = \"{\\\"n\\\": [\(index)]}\" }\n  }\n}\n"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let template = FilterDocument.read(text: yaml, name: "big.yaml")
        let terraform = FilterDocument.read(text: hcl, name: "big.tf")
        let elapsed = clock.now - start
        #expect(template.mappings.count == 4_000 && terraform.mappings.count == 4_000)
        #expect(template.mappings.allSatisfy { $0.errors.isEmpty && $0.entry.pattern(at: 0)?.mapsIntoDocument == true })
        #expect(terraform.mappings.allSatisfy { $0.errors.isEmpty && $0.entry.pattern(at: 0)?.mapsIntoDocument == true })
        #expect(elapsed < .seconds(60), "\(elapsed)")
    }
}

/// What `check` used to decide itself: which request a mapping's parameters are held to, in
/// which order its problems are listed, and how a pattern's length is counted.
@Suite("Mapping parameters and pattern length, as check reports them")
struct CheckRulesTests {
    static let request = """
        {
          "FunctionName": "orders",
          "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders",
          "BatchSize": 20000,
          "StartingPosition": "LATEST"
        }
        """

    static func mapping(_ text: String, source: MappingSource? = nil) throws -> FoundMapping {
        let document = FilterDocument.read(text: text, name: "r.json", options: FilterReadOptions(defaultSource: source))
        return try #require(document.mappings.first)
    }

    @Test func problemsAreListedInTheOrderTheyAreWritten() throws {
        let problems = try Self.mapping(Self.request).parameterProblems()
        #expect(problems.map(\.problem.parameter) == ["BatchSize", "StartingPosition", "MaximumBatchingWindowInSeconds"])
        #expect(problems.map { $0.location?.line } == [4, 5, nil])
    }

    @Test func aRequestWithoutAUUIDIsHeldToUpdateWhenAsked() throws {
        let created = try Self.mapping(Self.request).parameterProblems(assumingUpdate: false)
        let updated = try Self.mapping(Self.request).parameterProblems(assumingUpdate: true)
        #expect(!created.contains { $0.problem.code == .createOnly })
        #expect(updated.contains { $0.problem.code == .createOnly && $0.problem.parameter == "EventSourceArn" })
    }

    @Test func aMappingOfUnknownSourceHasNoParameterProblems() throws {
        let text = #"{"FunctionName": "orders", "BatchSize": 20000, "FilterCriteria": {"Filters": [{"Pattern": "{\"a\":[1]}"}]}}"#
        #expect(try Self.mapping(text).parameterProblems().isEmpty)
        // The source given for files that do not say applies its ranges.
        #expect(try Self.mapping(text, source: .sqs).parameterProblems().contains { $0.problem.parameter == "BatchSize" })
    }

    @Test(arguments: [(PatternFormatting.minified, #"{"a":[1,1.50],"a":["x"]}"#), (.asWritten, "{\"a\": [1, 1.50],\n \"a\": [\"x\"]}")])
    func patternStringKeepsKeysDuplicatesAndNumberText(_ formatting: PatternFormatting, _ expected: String) throws {
        let pattern = try Pattern(parsing: "{\"a\": [1, 1.50],\n \"a\": [\"x\"]}")
        #expect(formatting.patternString(for: pattern) == expected)
    }

    @Test func lengthIsCountedInUTF16CodeUnits() {
        let limits = CriteriaLimits(maxFilters: 5, maxPatternLength: 11)
        #expect(limits.lengthError(ofPatternString: "{\"a\":[\"é\"]}") == nil)  // 12 UTF-8 bytes, 11 UTF-16 units
        let error = limits.lengthError(ofPatternString: "{\"a\":[\"😀\"]}", counted: "minified", filterIndex: 2)
        #expect(error?.code == .patternTooLong && error?.filterIndex == 2)
        #expect(error?.message == "pattern is 12 characters (UTF-16 code units) minified; AWS accepts at most 11")
    }
}
