import Foundation
import LambdaFilter
import LambdaFilterCriteria
import Testing

/// One rendering of one fixture, compared with `Golden/Renderings/<fixture>/<format>.<ext>`.
struct RenderingCase: Sendable, CustomStringConvertible {
    var fixture: String
    var format: CriteriaFormat
    var syntax: TemplateSyntax?

    var description: String { "\(fixture) \(format.rawValue)" + (syntax.map { " \($0.rawValue)" } ?? "") }

    var goldenPath: String {
        let fileExtension: String
        switch format {
        case .json, .request: fileExtension = "json"
        case .awsCLI: fileExtension = "sh"
        case .boto3: fileExtension = "py"
        case .javaScriptSDK: fileExtension = "mjs"
        case .cloudformation, .sam: fileExtension = syntax?.rawValue ?? "yaml"
        case .terraform: fileExtension = "tf"
        case .cdk: fileExtension = "ts"
        }
        return "Renderings/\(fixture)/\(format.rawValue).\(fileExtension)"
    }

    /// Every format, with both syntaxes where there is a choice.
    static func all(for fixture: String) -> [RenderingCase] {
        CriteriaFormat.allCases.flatMap { format in
            format.hasSyntaxChoice
                ? TemplateSyntax.allCases.map { RenderingCase(fixture: fixture, format: format, syntax: $0) }
                : [RenderingCase(fixture: fixture, format: format)]
        }
    }
}

/// The criteria each golden fixture name stands for.
enum GoldenCriteria {
    /// Three SQS filters in one mapping.
    static let combined = ["sqs-orders", "sqs-plain-body", "escaping"]

    static var names: [String] { PatternFixtures.fixtures.map(\.name) + ["sqs-three-filters", "no-filters"] }

    static func criteria(_ name: String) throws -> (FilterCriteria, MappingSource) {
        switch name {
        case "no-filters":
            return (FilterCriteria.removingAllFilters, .sqs)
        case "sqs-three-filters":
            let texts = combined.compactMap { fixture in PatternFixtures.fixtures.first { $0.name == fixture }?.text }
            return (try FilterCriteria(patternTexts: texts, options: CriteriaOptions(source: .sqs)), .sqs)
        default:
            let fixture = try #require(PatternFixtures.fixtures.first { $0.name == name })
            return (try FilterCriteria(patternTexts: [fixture.text], options: CriteriaOptions(source: fixture.source)), fixture.source)
        }
    }
}

@Suite("Renderings against golden files")
struct RenderingGoldenTests {
    static let cases = GoldenCriteria.names.flatMap(RenderingCase.all(for:))

    @Test(arguments: cases)
    func matchesGoldenFile(_ testCase: RenderingCase) throws {
        let (criteria, source) = try GoldenCriteria.criteria(testCase.fixture)
        let context = Samples.context(for: testCase.format, source: source, syntax: testCase.syntax ?? .yaml)
        let actual = criteria.render(testCase.format, context)
        let expected = Golden.expected(testCase.goldenPath, actual: actual)
        #expect(expected != nil, "missing golden file \(testCase.goldenPath); record with LAMBDA_FILTER_RECORD_GOLDEN=1")
        #expect(actual == expected)
    }

    @Test func fixtureSetIsPresent() {
        #expect(PatternFixtures.fixtures.count >= 9)
    }

    @Test func everyFormatHasAUniqueRawValue() {
        let rawValues = CriteriaFormat.allCases.map(\.rawValue)
        #expect(Set(rawValues).count == rawValues.count)
        #expect(rawValues == ["json", "request", "aws-cli", "boto3", "js-sdk", "cloudformation", "sam", "terraform", "cdk"])
    }
}

@Suite("Rendering details")
struct RenderingDetailTests {
    static func criteria(_ texts: String..., source: MappingSource = .sqs) throws -> FilterCriteria {
        try FilterCriteria(patternTexts: texts, options: CriteriaOptions(source: source))
    }

    @Test func terraformEscapesTemplateSequences() throws {
        let rendered = try Self.criteria(#"{"body":{"user":["${aws:username}","%{x}","$${y}","100%"]}}"#).render(.terraform)
        #expect(rendered.contains(#"["$${aws:username}", "%%{x}", "$$${y}", "100%"]"#))
    }

    struct ObjectFormCase: Sendable, CustomStringConvertible {
        var pattern: String
        var terraformKeepsString: Bool
        var cdkKeepsString: Bool
        var description: String { pattern }
    }

    static let objectFormCases: [ObjectFormCase] = [
        ObjectFormCase(pattern: #"{"a":[1.5, -2, 0, 0.25]}"#, terraformKeepsString: false, cdkKeepsString: false),
        ObjectFormCase(pattern: #"{"a":[1.50]}"#, terraformKeepsString: true, cdkKeepsString: true),
        ObjectFormCase(pattern: #"{"a":[3.0e2]}"#, terraformKeepsString: true, cdkKeepsString: true),
        ObjectFormCase(pattern: #"{"a":[-0]}"#, terraformKeepsString: true, cdkKeepsString: true),
        ObjectFormCase(pattern: #"{"a":[12345678901234567890]}"#, terraformKeepsString: false, cdkKeepsString: true),
        ObjectFormCase(pattern: #"{"a":[0.0000001]}"#, terraformKeepsString: false, cdkKeepsString: true),
        ObjectFormCase(pattern: #"{"a":["x"],"a":["y"]}"#, terraformKeepsString: true, cdkKeepsString: true),
        ObjectFormCase(pattern: #"{"__proto__":["x"]}"#, terraformKeepsString: false, cdkKeepsString: true),
    ]

    /// Numbers whose text a tool would rewrite, and repeated keys, stay exact strings.
    @Test(arguments: objectFormCases)
    func objectFormFallsBackToStringWhenNotExact(_ testCase: ObjectFormCase) throws {
        let criteria = try Self.criteria(testCase.pattern)
        #expect(criteria.render(.terraform).contains("jsonencode(") == !testCase.terraformKeepsString)
        #expect(criteria.render(.cdk).contains("FilterCriteria.filter(") == !testCase.cdkKeepsString)
    }

    @Test func requestBodyPutsUUIDFirstAndCriteriaAfterBatchSize() throws {
        let criteria = try Self.criteria(#"{"body":{"a":["b"]}}"#)
        let context = RenderContext(
            operation: .update(uuid: Samples.uuid),
            parameters: MappingParameters(functionName: "f", batchSize: 5, maximumBatchingWindowInSeconds: 1))
        let value = try JSONParser().parseValue(criteria.render(.request, context))
        #expect(
            value.objectMembers?.map(\.key) == ["UUID", "FunctionName", "BatchSize", "FilterCriteria", "MaximumBatchingWindowInSeconds"])
    }

    @Test func awsCLIUsesCreateCommandAndNegatedFlags() throws {
        let criteria = try Self.criteria(#"{"body":{"a":["b"]}}"#)
        let context = RenderContext(
            operation: .create,
            parameters: MappingParameters(eventSourceArn: Samples.arns[.sqs], functionName: "f", enabled: false, kmsKeyArn: ""))
        let line = criteria.render(.awsCLI, context)
        #expect(line.hasPrefix("aws lambda create-event-source-mapping \\\n  --event-source-arn arn:aws:sqs:us-east-1:123456789012:orders"))
        #expect(line.contains("--no-enabled"))
        #expect(line.contains("--kms-key-arn ''"))
    }

    // MARK: - What the consumers of a rendering require (scripts/check-renderings.py runs the consumers)

    struct MissingMemberCase: Sendable, CustomStringConvertible {
        var format: CriteriaFormat
        var operation: MappingOperation = .create
        var parameters: MappingParameters
        var source: MappingSource? = nil
        var missing: [String]
        var description: String { "\(format.rawValue) \(operation) \(parameters.members.map(\.key)) \(source?.rawValue ?? "-")" }
    }

    static let sqsArn = "arn:aws:sqs:us-east-1:123456789012:orders"
    static let kinesisArn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders"

    static let missingMemberCases: [MissingMemberCase] = [
        MissingMemberCase(format: .awsCLI, parameters: MappingParameters(), missing: ["EventSourceArn", "FunctionName"]),
        MissingMemberCase(format: .boto3, parameters: MappingParameters(functionName: "f"), missing: ["EventSourceArn"]),
        MissingMemberCase(format: .javaScriptSDK, parameters: MappingParameters(eventSourceArn: sqsArn), missing: ["FunctionName"]),
        MissingMemberCase(format: .request, parameters: MappingParameters(eventSourceArn: sqsArn, functionName: "f"), missing: []),
        MissingMemberCase(format: .cloudformation, parameters: MappingParameters(), missing: ["EventSourceArn", "FunctionName"]),
        MissingMemberCase(
            format: .cloudformation, parameters: MappingParameters(eventSourceArn: kinesisArn, functionName: "f"),
            missing: ["StartingPosition"]),
        MissingMemberCase(
            format: .cloudformation,
            parameters: MappingParameters(eventSourceArn: kinesisArn, functionName: "f", startingPosition: "LATEST"), missing: []),
        // An update names the mapping by UUID: nothing else is required.
        MissingMemberCase(format: .awsCLI, operation: .update(uuid: "u"), parameters: MappingParameters(), missing: []),
        // The SAM event sits in the function: only its source property is required.
        MissingMemberCase(format: .sam, parameters: MappingParameters(), missing: ["EventSourceArn"]),
        MissingMemberCase(format: .sam, parameters: MappingParameters(), source: .kafka, missing: []),
        MissingMemberCase(format: .terraform, parameters: MappingParameters(eventSourceArn: sqsArn), missing: ["FunctionName"]),
        // Self-managed Kafka names its brokers instead of an ARN.
        MissingMemberCase(format: .boto3, parameters: MappingParameters(functionName: "f"), source: .kafka, missing: []),
        MissingMemberCase(format: .json, parameters: MappingParameters(), missing: []),
        MissingMemberCase(format: .cdk, parameters: MappingParameters(), missing: []),
    ]

    @Test(arguments: missingMemberCases)
    func missingRequiredMembers(_ testCase: MissingMemberCase) {
        let context = RenderContext(operation: testCase.operation, parameters: testCase.parameters, source: testCase.source)
        #expect(context.missingRequiredMembers(for: testCase.format) == testCase.missing)
    }

    /// cfn-lint reads JSON templates as YAML, which refuses these characters raw.
    @Test(arguments: [CriteriaFormat.cloudformation, .sam])
    func templateJSONEscapesWhatYAMLReadersRefuse(_ format: CriteriaFormat) throws {
        let criteria = try Self.criteria(#"{"body":{"text":["del\u007f", "c1\u0085\u009f", "nonchar\ufffe\uffff"]}}"#)
        let context = RenderContext(parameters: MappingParameters(eventSourceArn: Self.sqsArn, functionName: "f"), syntax: .json)
        let rendered = criteria.render(format, context)
        let refused = rendered.unicodeScalars.filter { (0x7F...0x9F).contains($0.value) || $0.value >= 0xFFFE }
        #expect(refused.isEmpty, "raw \(refused.map { String($0.value, radix: 16) })")
        #expect(rendered.contains(#"del\\u007f"#) || rendered.contains(#"del\u007f"#))
        // Still the same pattern once read back.
        let template = try JSONParser().parseValue(rendered)
        #expect(JSONWriter.write(template).contains("del\u{7F}"))
    }

    /// `terraform fmt` aligns the `=` of adjacent one-line arguments and object items, and does
    /// not pad a line whose value goes on over several lines.
    @Test func terraformAlignsEqualsAsTerraformFmtDoes() throws {
        let criteria = try Self.criteria(#"{"body":{"a":["x"],"bcd":[1],"longer":[{"prefix":"p"}]}}"#)
        let context = RenderContext(parameters: MappingParameters(eventSourceArn: Self.sqsArn, functionName: "f", batchSize: 10))
        #expect(
            criteria.render(.terraform, context) == """
                resource "aws_lambda_event_source_mapping" "this" {
                  event_source_arn = "arn:aws:sqs:us-east-1:123456789012:orders"
                  function_name    = "f"
                  batch_size       = 10
                  filter_criteria {
                    filter {
                      pattern = jsonencode({
                        "body" = {
                          "a"   = ["x"]
                          "bcd" = [1]
                          "longer" = [
                            {
                              "prefix" = "p"
                            },
                          ]
                        }
                      })
                    }
                  }
                }

                """)
    }

    /// A quoted key holding ` = ` is one name: its own `=` is not the argument's.
    @Test func terraformAlignmentReadsQuotedKeysWhole() throws {
        let rendered = try Self.criteria(#"{"body":{"a = b":["x"],"c":["y"]}}"#).render(.terraform)
        #expect(rendered.contains("\"a = b\" = [\"x\"]\n          \"c\"     = [\"y\"]"))
    }

    /// The SAM output is a whole function whose code properties are labelled placeholders.
    @Test(arguments: TemplateSyntax.allCases)
    func samFunctionIsWholeAndSaysWhatIsPlaceholder(_ syntax: TemplateSyntax) throws {
        let criteria = try Self.criteria(#"{"body":{"a":["b"]}}"#)
        let rendered = criteria.render(.sam, RenderContext(parameters: MappingParameters(eventSourceArn: Self.sqsArn), syntax: syntax))
        if syntax == .yaml {
            for line in [
                "      CodeUri: s3://your-bucket/function.zip", "      Handler: app.handler", "      Runtime: python3.12", "      Events:",
            ] {
                #expect(rendered.contains("\n" + line + "\n"), "\(line)")
            }
            #expect(
                rendered.contains("\nDescription: 'Generated by lambda-filter. The function''s CodeUri, Handler, Runtime are placeholders"))
            return
        }
        let template = try JSONParser().parseValue(rendered)
        let properties = try #require(template["Resources"]?["Function"]?["Properties"])
        for key in ["CodeUri", "Handler", "Runtime", "Events"] { #expect(properties[key] != nil, "\(key)") }
        let description = try #require(template["Description"]?.stringValue)
        #expect(description.contains("CodeUri, Handler, Runtime are placeholders"))
        #expect(description.contains("Events.SQSEvent"))
    }
}
