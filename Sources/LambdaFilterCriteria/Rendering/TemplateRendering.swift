import LambdaFilter

/// CloudFormation and SAM templates carrying the criteria, in YAML or JSON.
enum TemplateRendering {
    /// A template with one `AWS::Lambda::EventSourceMapping` resource.
    static func cloudFormation(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        var properties = context.parameters.requestMembers(for: .create, filterCriteria: criteria)
        properties = properties.map(cloudFormationProperty)
        let resource = JSONValue.object([
            JSONMember("Type", "AWS::Lambda::EventSourceMapping"),
            JSONMember("Properties", .object(properties)),
        ])
        let template = JSONValue.object([
            JSONMember("AWSTemplateFormatVersion", "2010-09-09"),
            JSONMember("Resources", .object([JSONMember(context.logicalID ?? "EventSourceMapping", resource)])),
        ])
        return write(template, context.syntax)
    }

    /// A SAM template whose function has one event of the source's type carrying the criteria.
    /// Merge the event into the function's own `Events`.
    static func sam(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        let source = context.resolvedSource
        var eventProperties: [JSONMember] = []
        for member in context.parameters.requestMembers(for: .create, filterCriteria: criteria) {
            switch member.key {
            case "FunctionName":
                continue // the event belongs to the function resource itself
            case "EventSourceArn":
                if let property = source.samSourceProperty { eventProperties.append(JSONMember(property, member.value)) }
            default:
                eventProperties.append(cloudFormationProperty(member))
            }
        }
        let event = JSONValue.object([
            JSONMember("Type", .string(source.samEventType)),
            JSONMember("Properties", .object(eventProperties)),
        ])
        let function = JSONValue.object([
            JSONMember("Type", "AWS::Serverless::Function"),
            JSONMember("Properties", .object([
                JSONMember("Events", .object([JSONMember(context.eventName ?? source.samEventType + "Event", event)])),
            ])),
        ])
        let template = JSONValue.object([
            JSONMember("AWSTemplateFormatVersion", "2010-09-09"),
            JSONMember("Transform", "AWS::Serverless-2016-10-31"),
            JSONMember("Resources", .object([JSONMember(context.logicalID ?? "Function", function)])),
        ])
        return write(template, context.syntax)
    }

    /// The API member under its CloudFormation property name (only the KMS key differs).
    private static func cloudFormationProperty(_ member: JSONMember) -> JSONMember {
        member.key == "KMSKeyArn" ? JSONMember("KmsKeyArn", member.value) : member
    }

    private static func write(_ template: JSONValue, _ syntax: TemplateSyntax) -> String {
        switch syntax {
        case .yaml: return YAMLWriter.write(template)
        case .json: return JSONWriter.write(template, options: .pretty) + "\n"
        }
    }
}
