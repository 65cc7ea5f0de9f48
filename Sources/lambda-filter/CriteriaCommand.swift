import ArgumentParser
import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterCriteria

extension CriteriaFormat: ExpressibleByArgument {}
extension TemplateSyntax: ExpressibleByArgument {}

/// `lambda-filter criteria`: the FilterCriteria for the patterns, for a deployment tool.
struct CriteriaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criteria",
        abstract: "Print the FilterCriteria for the patterns, ready for the API, the CLI, an SDK or a template.",
        discussion: """
            Each --pattern is one filter. The patterns are validated (Lambda dialect) and \
            checked against AWS's limits (5 filters, or 10 with --raised-quota; 4096 characters \
            each) and the source's rules; warnings go to stderr.

            Examples:
              lambda-filter criteria -p a.json -p b.json
              lambda-filter criteria -p a.json --format aws-cli --function-name orders \\
                --event-source-arn arn:aws:sqs:us-east-1:123456789012:orders
              lambda-filter criteria -p a.json --format sam --syntax json --source dynamodb
              lambda-filter criteria -p a.json --format request --update <mapping-uuid>
            """,
        aliases: ["emit"]
    )

    @OptionGroup var patternOptions: PatternOptions

    @OptionGroup var mappingOptions: MappingOptions

    @Option(name: .long, help: "The rendering.")
    var format: CriteriaFormat = .json

    @Option(
        name: .long,
        help:
            "The mapping's source: applies its rules (payload key, DynamoDB numbers) and names the SAM event type (auto: from --event-source-arn, else SQS)."
    )
    var source: SourceSelection?

    @Option(name: .long, help: "YAML or JSON, for cloudformation and sam.")
    var syntax: TemplateSyntax = .yaml

    @Option(name: .long, help: "Render an UpdateEventSourceMapping of the mapping with this UUID (request, aws-cli, boto3, js-sdk).")
    var update: String?

    @Option(name: .long, help: "The FunctionName member of the request or resource.")
    var functionName: String?

    @Option(name: .long, help: "The EventSourceArn member of the request or resource.")
    var eventSourceArn: String?

    @Option(
        name: .long, help: "The StartingPosition member (TRIM_HORIZON, LATEST or AT_TIMESTAMP), required for Kinesis, DynamoDB and MSK.")
    var startingPosition: String?

    @Option(name: .long, help: "The CloudFormation logical ID (of the mapping, or the SAM function).")
    var logicalId: String?

    @Flag(name: .long, help: "Allow 10 filters (the raised quota) instead of 5.")
    var raisedQuota = false

    @Flag(
        name: .long,
        help: "Keep each pattern's text as written instead of minifying it (the 4096-character limit then counts it as written).")
    var asWritten = false

    @OptionGroup var documentLimitOptions: DocumentLimitOptions

    @Argument(
        help: "More inputs, as with --pattern: pattern files, FilterCriteria, mapping output, templates.",
        completion: .file(extensions: ["json", "yaml", "yml", "tf"]))
    var inputs: [String] = []

    func validate() throws {
        try UsageChecks.rejectUnknownOptions(Self.self)
        if patternOptions.pattern.isEmpty && inputs.isEmpty { throw ValidationError("Give at least one --pattern.") }
        if update != nil && !format.usesOperation {
            throw ValidationError("--update applies to request, aws-cli, boto3 and js-sdk, not \(format.rawValue).")
        }
    }

    /// Why the rendering will be refused without `member`, and the option that supplies it.
    static func missingMemberWarning(_ member: String, format: CriteriaFormat) -> String {
        let options = [
            "FunctionName": "--function-name", "EventSourceArn": "--event-source-arn", "StartingPosition": "--starting-position",
        ]
        let option = options[member] ?? "it"
        return "the \(format.rawValue) output has no \(member), which its consumer requires to create a mapping; give \(option)"
    }

    func run() throws {
        try reportingFailures {
            let patterns = try PatternLoading.load(
                patternOptions.pattern + inputs, dialect: .lambda, mapping: mappingOptions.mapping,
                maxDocumentBytes: documentLimitOptions.maxDocumentBytes)
            let source = source?.mappingSource
            let options = CriteriaOptions(
                formatting: asWritten ? .asWritten : .minified, limits: raisedQuota ? .raisedQuota : .aws, source: source)
            let criteria: FilterCriteria
            do throws(CriteriaError) {
                criteria = try FilterCriteria(patterns: patterns.map(\.pattern), options: options)
            } catch {
                let name = error.filterIndex.map { patterns.indices.contains($0) ? patterns[$0].name + ": " : "" } ?? ""
                throw CommandFailure.invalid("\(name)\(error.message) [\(error.code.rawValue)]")
            }
            for warning in criteria.warnings {
                let name = warning.filterIndex.map { patterns.indices.contains($0) ? patterns[$0].name + ": " : "" } ?? ""
                printError("\(name)warning: \(warning.message) [\(warning.code.rawValue)]")
            }
            // The source's lint rules (the errors among them already stopped the build above).
            for finding in Linter.lint(criteria.patterns, source: source?.eventSource) where finding.severity != .error {
                let name = finding.filterIndex.map { patterns.indices.contains($0) ? patterns[$0].name + ": " : "" } ?? ""
                printError("\(name)\(finding.severity.rawValue): \(finding.fullMessage) [\(finding.rule.id)]")
            }
            let parameters = MappingParameters(
                eventSourceArn: eventSourceArn, functionName: functionName, startingPosition: startingPosition)
            let context = RenderContext(
                operation: update.map { .update(uuid: $0) } ?? .create, parameters: parameters, syntax: syntax,
                source: source, logicalID: logicalId)
            for member in context.missingRequiredMembers(for: format) {
                printError("warning: \(Self.missingMemberWarning(member, format: format)) [missing-member]")
            }
            let output = OutputStream()
            output.write(criteria.render(format, context))
            output.flush()
        }
    }
}
