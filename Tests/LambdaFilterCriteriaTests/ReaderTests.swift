import LambdaFilter
import LambdaFilterCriteria
import Testing

@Suite("Reading FilterCriteria back")
struct ReaderTests {
    @Test func readsGetEventSourceMappingOutput() throws {
        let text = """
            {"UUID": "\(Samples.uuid)", "BatchSize": 10, "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders",
             "FilterCriteria": {"Filters": [{"Pattern": "{ \\"body\\" : { \\"RequestCode\\" : [ \\"BBBB\\" ] } }"}]}, "State": "Enabled"}
            """
        let found = try FilterCriteriaReader.read(text: text)
        #expect(found.map(\.name) == [Samples.uuid])
        #expect(found[0].source == .sqs)
        // The deployed text is kept as it is.
        #expect(found[0].criteria.filters[0].patternText == #"{ "body" : { "RequestCode" : [ "BBBB" ] } }"#)
    }

    @Test func readsListOutputAndReportsWithheldCriteria() throws {
        let text = """
            {"EventSourceMappings": [
              {"UUID": "a", "FilterCriteria": {"Filters": [{"Pattern": "{\\"body\\":{\\"a\\":[\\"1\\"]}}"}]}},
              {"UUID": "b"},
              {"UUID": "c", "KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k", "FilterCriteria": null},
              {"UUID": "d", "FilterCriteriaError": {"ErrorCode": "KMSAccessDeniedException", "Message": "denied"}}
            ]}
            """
        let entries = try FilterCriteriaReader.entries(text: text)
        #expect(entries.map(\.name) == ["a", "c", "d"])
        #expect((try? entries[0].result.get())?.filters.count == 1)
        let errors = entries.dropFirst().compactMap { entry -> String? in
            if case .failure(let error) = entry.result { return error.description }
            return nil
        }
        #expect(
            errors == [
                "c: FilterCriteria is not returned because it is encrypted with KMSKeyArn (list output never shows it); read it with get-event-source-mapping",
                "d: AWS returned a FilterCriteriaError instead of the criteria: KMSAccessDeniedException: denied",
            ])
        #expect(throws: CriteriaError.self) { try FilterCriteriaReader.read(text: text) }
    }

    static let yamlTemplate = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage: {Type: String}
        Resources:
          Orders:
            Type: AWS::SQS::Queue
          Mapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties:
              EventSourceArn: !GetAtt Orders.Arn
              FunctionName: !Ref Worker
              FilterCriteria:
                Filters:
                  - Pattern: '{"body": {"stage": ["prod"]}}'
                  - Pattern: !Sub '{"body": {"literal": ["${!NotAVariable}"]}}'
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: index.handler
              Environment:
                Variables:
                  TABLE: !ImportValue shared-table
              Events:
                Stream:
                  Type: Kinesis
                  Properties:
                    Stream: !GetAtt [Events, Arn]
                    StartingPosition: LATEST
                    FilterCriteria:
                      Filters:
                        - Pattern: >-
                            {"data": {"kind": ["order"]}}
                Api:
                  Type: Api
                  Properties: {Path: /, Method: get}
        """

    @Test func readsEveryCriteriaInAYAMLTemplateWithShortFormTags() throws {
        let found = try FilterCriteriaReader.read(text: Self.yamlTemplate)
        #expect(found.map(\.name) == ["Mapping", "Worker/Events/Stream"])
        #expect(found.map(\.source) == [.sqs, .kinesis])
        #expect(
            found[0].criteria.filters.map(\.patternText) == [
                #"{"body": {"stage": ["prod"]}}"#, #"{"body": {"literal": ["${NotAVariable}"]}}"#,
            ])
        #expect(found[1].resource == "Worker" && found[1].event == "Stream")
    }

    struct ErrorCase: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var message: String
        var description: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            name: "Sub with a variable",
            text:
                "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FilterCriteria:\n        Filters:\n          - Pattern: '{\"a\":[\"x\"]}'\n          - Pattern: !Sub '{\"stage\":[\"${Stage}\"]}'\n",
            message:
                "M: Filters[1]: Pattern is computed by Fn::Sub with variable ${Stage}; it cannot be read offline, so this filter is not checked or tested"
        ),
        ErrorCase(
            name: "unquoted YAML pattern",
            text:
                "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            FilterCriteria:\n              Filters:\n                - Pattern: {\"body\": {\"a\": [\"x\"]}}\n",
            message: "F/Events/Q: Filters[0]: Pattern must be a string holding the pattern's JSON, got object (in YAML, quote the pattern)"
        ),
        ErrorCase(
            name: "invalid pattern in a JSON template",
            text:
                #"{"Resources":{"M":{"Type":"AWS::Lambda::EventSourceMapping","Properties":{"FilterCriteria":{"Filters":[{"Pattern":"{\"a\":[\"x\"]}"},{"Pattern":"{\"a\":\"x\"}"}]}}}}}"#,
            message:
                "M: Filters[1]: invalid pattern: \"a\" must be an object or an array (write [\"x\"] to match this value) at $.a (line 1, column 6)"
        ),
        ErrorCase(
            name: "lower-case member names",
            text: #"{"filters":[{"pattern":"{}"}]}"#,
            message: "no FilterCriteria found (looked for a FilterCriteria object, mapping output, and template resources)"
        ),
        ErrorCase(
            name: "lower-case member names in a mapping",
            text: #"{"UUID":"u","FilterCriteria":{"filters":[]}}"#,
            message: "u: unknown FilterCriteria member `filters` (the API's names are `Filters` and `Pattern`)"
        ),
        ErrorCase(
            name: "pattern not a string",
            text: #"{"Filters":[{"Pattern":{"a":["x"]}}]}"#,
            message:
                "FilterCriteria: Filters[0]: Pattern must be a string holding the pattern's JSON, got object (in YAML, quote the pattern)"
        ),
        ErrorCase(
            name: "DocumentDB event with filters",
            text:
                "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        D:\n          Type: DocumentDB\n          Properties:\n            FilterCriteria:\n              Filters:\n                - Pattern: '{\"a\":[\"x\"]}'\n",
            message:
                "F/Events/D: Amazon DocumentDB mappings do not apply FilterCriteria: AWS documents that Lambda doesn't support event filtering for this source, so every record would reach the function"
        ),
        ErrorCase(
            name: "malformed JSON", text: "{\"Filters\": [",
            message: "invalid JSON at line 1, column 14: unexpected end of input inside an array"),
        ErrorCase(
            name: "malformed YAML", text: "Resources:\n  - a\n  b: c\n",
            message: "invalid YAML: did not find expected '-' indicator at line 3, column 3"),
        ErrorCase(
            name: "deep JSON", text: String(repeating: "[", count: 100_000),
            message: "invalid JSON at line 1, column 513: nesting deeper than 512 levels"),
        ErrorCase(
            name: "deep YAML flow", text: "a: " + String(repeating: "[", count: 100_000),
            message: "YAML nested deeper than 256 levels (line 1)"),
        ErrorCase(
            name: "deep YAML blocks", text: (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"),
            message: "YAML nested deeper than 256 levels (line 257)"),
        ErrorCase(name: "empty", text: " \n", message: "document is empty"),
        ErrorCase(
            name: "nothing there", text: "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
            message: "no FilterCriteria found (looked for a FilterCriteria object, mapping output, and template resources)"),
    ]

    @Test(arguments: errorCases)
    func errorsNameTheResourceAndFilter(_ testCase: ErrorCase) {
        let error = #expect(throws: CriteriaError.self) { try FilterCriteriaReader.read(text: testCase.text) }
        #expect(error?.description == testCase.message)
    }

    @Test func aliasBombIsRefused() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...7 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        #expect(throws: CriteriaError.self) { try FilterCriteriaReader.read(text: lines.joined(separator: "\n")) }
    }

    @Test func emptyFiltersListReadsAsRemoval() throws {
        let found = try FilterCriteriaReader.read(text: #"{"Filters":[]}"#)
        #expect(found.count == 1 && found[0].criteria.isEmpty)
    }
}

/// Reading and locating every filter of a large document must cost O(size): each filter's place
/// was once recounted from the start of the file (10,000 filters took 51 s, so 30,000 would take
/// about 8 minutes). The bound is about 100 times what linear code takes in a debug build.
@Suite("Reading large documents")
struct LargeDocumentTests {
    static let filterCount = 30_000

    static let documents: [(name: String, text: String, lastLine: Int)] = {
        let json =
            "{\"Filters\": [\n" + (0..<filterCount).map { "  {\"Pattern\": \"{\\\"a\\\": [\\\"\($0)\\\"]}\"}" }.joined(separator: ",\n")
            + "\n]}"
        var yaml = "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FilterCriteria:\n        Filters:\n"
        for index in 0..<filterCount { yaml += "          - Pattern: '{\"a\": [\"\(index)\"]}'\n" }
        return [("json", json, filterCount + 1), ("yaml", yaml, filterCount + 6)]
    }()

    @Test(arguments: [0, 1])
    func locatesThirtyThousandFiltersInLinearTime(_ which: Int) throws {
        let (name, text, lastLine) = Self.documents[which]
        let clock = ContinuousClock()
        var entries: [CriteriaEntry] = []
        let elapsed = try clock.measure { entries = try FilterCriteriaReader.entries(text: text) }
        #expect(entries.count == 1)
        let patterns = entries.first?.patterns ?? []
        #expect(patterns.count == Self.filterCount)
        let last = entries.first?.pattern(at: Self.filterCount - 1)
        #expect(last?.text == "{\"a\": [\"\(Self.filterCount - 1)\"]}")
        #expect(last?.start?.line == lastLine, "\(name)")
        #expect(last?.mapsIntoDocument == true)
        #expect(elapsed < .seconds(120), "\(name): reading \(Self.filterCount) filters took \(elapsed)")
    }
}
