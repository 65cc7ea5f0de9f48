import LambdaFilter

/// Renderings of a whole request: the JSON body, the AWS CLI line, boto3 and JavaScript SDK input.
enum RequestRendering {
    /// `{ "UUID": ..., ..., "FilterCriteria": {...} }`, pretty-printed (the `--cli-input-json` shape;
    /// over HTTP the UUID travels in the URL instead).
    static func requestBody(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        let members = context.parameters.requestMembers(for: context.operation, filterCriteria: criteria)
        return JSONWriter.write(.object(members), options: .pretty) + "\n"
    }

    /// `aws lambda update-event-source-mapping --uuid ... --filter-criteria '...'`, one option per
    /// line; every value quoted for a POSIX shell.
    static func awsCLI(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        let command: String
        switch context.operation {
        case .create: command = "aws lambda create-event-source-mapping"
        case .update: command = "aws lambda update-event-source-mapping"
        }
        var lines = [command]
        for member in context.parameters.requestMembers(for: context.operation, filterCriteria: criteria) {
            let option = "--" + cliOptionName(member.key)
            switch member.value {
            case .bool(let flag):
                lines.append(flag ? option : "--no-" + option.dropFirst(2))
            case .string(let text):
                lines.append(option + " " + Quoting.shellWord(text))
            case .number(let text):
                lines.append(option + " " + Quoting.shellWord(text))
            case .array(let elements) where elements.allSatisfy({ $0.stringValue != nil }):
                lines.append(option + " " + elements.compactMap(\.stringValue).map(Quoting.shellWord).joined(separator: " "))
            default:
                // Structures (and lists of them) go as JSON, which the CLI accepts for any parameter.
                lines.append(option + " " + Quoting.shellWord(JSONWriter.write(member.value)))
            }
        }
        return lines.joined(separator: " \\\n  ") + "\n"
    }

    /// The CLI's option name for an API member: `KMSKeyArn` → `kms-key-arn`, `UUID` → `uuid`.
    static func cliOptionName(_ member: String) -> String {
        let scalars = Array(member.unicodeScalars)
        var output = ""
        for (index, scalar) in scalars.enumerated() {
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper, index > 0 {
                let previous = scalars[index - 1]
                let nextIsLower = index + 1 < scalars.count && ("a"..."z").contains(scalars[index + 1])
                let previousIsUpper = ("A"..."Z").contains(previous)
                // A word starts at a capital after a lower-case letter, or at the last capital of an acronym.
                if !previousIsUpper || nextIsLower { output += "-" }
            }
            output += String(scalar).lowercased()
        }
        return output
    }

    /// A Python dict of boto3 keyword arguments, with the call it is meant for.
    static func boto3(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        let members = context.parameters.requestMembers(for: context.operation, filterCriteria: criteria)
        let method = snakeCase(context.operation.operationName)
        let variable = method + "_kwargs"
        return """
            # boto3.client("lambda").\(method)(**\(variable))
            \(variable) = \(LiteralWriter.python.write(.object(members)))

            """
    }

    /// An AWS SDK for JavaScript v3 command with its input object.
    static func javaScriptSDK(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        let members = context.parameters.requestMembers(for: context.operation, filterCriteria: criteria)
        let command = context.operation.operationName + "Command"
        return """
            import { LambdaClient, \(command) } from "@aws-sdk/client-lambda";

            const input = \(LiteralWriter.javaScript.write(.object(members)));
            const response = await new LambdaClient({}).send(new \(command)(input));

            """
    }

    /// `UpdateEventSourceMapping` → `update_event_source_mapping`.
    static func snakeCase(_ name: String) -> String {
        cliOptionName(name).replacingAll("-", with: "_")
    }
}
