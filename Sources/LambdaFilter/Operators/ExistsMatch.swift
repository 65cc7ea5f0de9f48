/// `exists`: whether a field has a leaf value.
///
/// ```json
/// {"ProductName": [{"exists": true}], "Discount": [{"exists": false}]}
/// ```
/// Only leaves count: a field whose value is an object (an intermediate node) does not "exist"
/// for `exists: true`, and so satisfies `exists: false`, as AWS recorded for DynamoDB images.
/// A `null` value is a leaf and exists.
enum ExistsMatch {
    static func parse(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        guard case .bool(let present) = operand.kind else {
            throw context.error(.invalidOperand, "exists match pattern must be either true or false.", at: operand)
        }
        return .exists(present)
    }
}
