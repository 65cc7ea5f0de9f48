import LambdaFilter

/// The tools a FilterCriteria can be rendered for (the CLI's `--format` values).
public enum CriteriaFormat: String, Sendable, Hashable, CaseIterable {
    /// The API value, minified: what `--filter-criteria` takes.
    case json
    /// A whole Create/UpdateEventSourceMapping request (the `--cli-input-json` shape).
    case request
    /// An `aws lambda create-/update-event-source-mapping` command line for a POSIX shell.
    case awsCLI = "aws-cli"
    /// boto3 keyword arguments as a Python dict.
    case boto3
    /// AWS SDK for JavaScript v3 command input.
    case javaScriptSDK = "js-sdk"
    /// An `AWS::Lambda::EventSourceMapping` resource (YAML or JSON).
    case cloudformation
    /// A SAM function event carrying `FilterCriteria` (YAML or JSON).
    case sam
    /// An `aws_lambda_event_source_mapping` resource.
    case terraform
    /// CDK TypeScript `FilterCriteria.filter(...)` calls.
    case cdk

    /// Whether the format comes in YAML and JSON (`RenderContext.syntax` picks).
    public var hasSyntaxChoice: Bool { self == .cloudformation || self == .sam }

    /// Whether the format uses `RenderContext.operation` (create or update, with the UUID).
    public var usesOperation: Bool { [.request, .awsCLI, .boto3, .javaScriptSDK].contains(self) }
}

/// The notation of a template rendering.
public enum TemplateSyntax: String, Sendable, Hashable, CaseIterable {
    /// YAML, as templates are usually written.
    case yaml
    /// JSON, for `.json` templates.
    case json
}

/// What a rendering needs besides the criteria. Each format reads only the fields it uses.
public struct RenderContext: Sendable, Hashable {
    /// Create or update (with the UUID), for request, aws-cli, boto3 and js-sdk.
    public var operation: MappingOperation
    /// The other request members, included by every format that carries them.
    public var parameters: MappingParameters
    /// YAML or JSON, for cloudformation and sam.
    public var syntax: TemplateSyntax
    /// The source, for the SAM event type; defaults to the one the event source ARN names, else SQS.
    public var source: MappingSource?
    /// The CloudFormation logical ID of the mapping, or of the SAM function.
    public var logicalID: String?
    /// The SAM event's name (default `<Type>Event`, e.g. `SQSEvent`).
    public var eventName: String?
    /// The Terraform resource name.
    public var terraformName: String

    /// A context for a CreateEventSourceMapping with no other members, YAML templates and the Terraform resource `this`.
    public init(
        operation: MappingOperation = .create, parameters: MappingParameters = MappingParameters(),
        syntax: TemplateSyntax = .yaml, source: MappingSource? = nil, logicalID: String? = nil,
        eventName: String? = nil, terraformName: String = "this"
    ) {
        self.operation = operation
        self.parameters = parameters
        self.syntax = syntax
        self.source = source
        self.logicalID = logicalID
        self.eventName = eventName
        self.terraformName = terraformName
    }

    /// The source to render for: explicit, else from the ARN, else SQS.
    var resolvedSource: MappingSource { source ?? parameters.inferredSource ?? .sqs }
}

extension FilterCriteria {
    /// The criteria as text for `format`, ending with a newline, ready to paste or pipe.
    ///
    /// A pure function of the criteria and `context`.
    public func render(_ format: CriteriaFormat, _ context: RenderContext = RenderContext()) -> String {
        switch format {
        case .json: return apiJSON + "\n"
        case .request: return RequestRendering.requestBody(self, context)
        case .awsCLI: return RequestRendering.awsCLI(self, context)
        case .boto3: return RequestRendering.boto3(self, context)
        case .javaScriptSDK: return RequestRendering.javaScriptSDK(self, context)
        case .cloudformation: return TemplateRendering.cloudFormation(self, context)
        case .sam: return TemplateRendering.sam(self, context)
        case .terraform: return TerraformRendering.resource(self, context)
        case .cdk: return CDKRendering.filters(self)
        }
    }
}
