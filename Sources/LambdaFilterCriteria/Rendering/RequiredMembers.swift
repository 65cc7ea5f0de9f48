import LambdaFilter

extension RenderContext {
    /// The request members that `format`'s consumer requires and this context leaves out, under
    /// their API names (`EventSourceArn`, `FunctionName`, `StartingPosition`), in request order.
    ///
    /// A rendering without them is still printed (a team may fill them in by hand), but the tool
    /// that reads it refuses it: the AWS CLI, boto3 and the JavaScript SDK fail their parameter
    /// validation, CloudFormation its resource schema, SAM its event's source property (`Queue`,
    /// `Stream`...) and the Terraform AWS provider its `function_name` argument. Only creating a
    /// mapping needs them; an update names the mapping by UUID. Self-managed Kafka has no event
    /// source ARN (its brokers go in `SelfManagedEventSource`), so only the function is required there.
    /// Stream sources (Kinesis, DynamoDB, MSK) also need a `StartingPosition`.
    public func missingRequiredMembers(for format: CriteriaFormat) -> [String] {
        let source = resolvedSource
        let needsFunction: Bool
        let needsSourceArn: Bool
        // "Required for Amazon Kinesis, Amazon DynamoDB, and Amazon MSK stream sources" (API reference).
        let needsStartingPosition = [.kinesis, .dynamodb, .msk].contains(source)
        switch format {
        case .json, .cdk:
            return []
        case .request, .awsCLI, .boto3, .javaScriptSDK:
            guard operation == .create else { return [] }
            needsFunction = true
            needsSourceArn = source != .kafka
        case .cloudformation:
            needsFunction = true
            needsSourceArn = source != .kafka
        case .sam:
            // The function is the resource the event sits in; the source property is required.
            needsFunction = false
            needsSourceArn = source.samSourceProperty != nil
        case .terraform:
            needsFunction = true
            needsSourceArn = false
        }
        var missing: [String] = []
        if needsSourceArn, parameters.eventSourceArn == nil { missing.append("EventSourceArn") }
        if needsFunction, parameters.functionName == nil { missing.append("FunctionName") }
        if needsStartingPosition, parameters.startingPosition == nil { missing.append("StartingPosition") }
        return missing
    }
}
