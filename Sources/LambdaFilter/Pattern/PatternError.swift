/// Why a pattern was rejected, and exactly where.
///
/// Errors are data: tests assert on `code`, tools read `path` and `location`, and one renderer
/// (the CLI's `DiagnosticRenderer`) turns them into compiler-style text. `message` is short and
/// names the operator, worded like AWS's own message where that wording is known.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The text is not JSON.
        case invalidJSON = "invalid-json"
        /// The pattern (or a `$or` branch) is JSON but not an object.
        case notAnObject = "not-an-object"
        case emptyObject = "empty-object"
        case emptyArray = "empty-array"
        /// A field's value is a string, number, boolean or null instead of an array or object.
        case valueNotArrayOrObject = "value-not-array-or-object"
        /// An array inside a leaf array.
        case invalidMatchValue = "invalid-match-value"
        /// An object in a leaf array whose key is not an operator.
        case unknownOperator = "unknown-operator"
        /// An operator object with more than one key.
        case multipleOperatorKeys = "multiple-operator-keys"
        /// An operator's operand has the wrong JSON type.
        case invalidOperand = "invalid-operand"
        /// `numeric`'s array does not follow its grammar.
        case invalidNumericExpression = "invalid-numeric-expression"
        /// `anything-but` mixes strings and numbers, or holds other types.
        case invalidAnythingBut = "invalid-anything-but"
        case invalidWildcard = "invalid-wildcard"
        case wildcardTooComplex = "wildcard-too-complex"
        case invalidCIDR = "invalid-cidr"
        /// `$or` is not an array of at least two objects, or a branch names a field like an operator.
        case invalidOr = "invalid-or"
        /// `$or` would expand into more combinations than AWS accepts.
        case tooManyCombinations = "too-many-combinations"
        /// The pattern text is longer than AWS accepts.
        case patternTooLong = "pattern-too-long"
        /// The operator exists, but not in the pattern's dialect.
        case unsupportedInDialect = "unsupported-in-dialect"
    }

    public var code: Code
    /// A short message naming the operator: `prefix match pattern must be a string`.
    public var message: String
    /// Where in the pattern the mistake is, as a JSON path (`$.body.status[0].prefix`).
    public var path: [JSONPathComponent]
    /// Byte offset, line and column in the pattern text.
    public var location: TextLocation

    public init(code: Code, message: String, path: [JSONPathComponent], location: TextLocation) {
        self.code = code
        self.message = message
        self.path = path
        self.location = location
    }

    /// The path rendered as `$.body.status[0]`.
    public var pathDescription: String { JSONPathFormatter.format(path) }

    /// What AWS itself answers for this pattern in `dialect` (Lambda gives no reason).
    public func awsMessage(for dialect: Dialect) -> String {
        switch dialect {
        case .lambda: return dialect.awsRejectionPrefix
        case .eventbridge: return dialect.awsRejectionPrefix + message
        }
    }

    public var description: String { "\(location): \(message) (at \(pathDescription))" }
}

/// Something legal that may not behave as the author expects on AWS.
public struct PatternWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// An operator AWS documents for EventBridge / Pipes but not for Lambda event source mappings.
        case undocumentedForLambda = "undocumented-for-lambda"
        /// A key is repeated; the later leaf replaces the earlier one, as on AWS.
        case duplicateKey = "duplicate-key"
    }

    public var code: Code
    public var message: String
    public var path: [JSONPathComponent]
    public var location: TextLocation

    public init(code: Code, message: String, path: [JSONPathComponent], location: TextLocation) {
        self.code = code
        self.message = message
        self.path = path
        self.location = location
    }

    public var description: String { "\(location): warning: \(message) (at \(JSONPathFormatter.format(path)))" }
}
