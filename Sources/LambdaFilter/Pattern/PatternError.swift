/// Why a pattern was rejected, and exactly where.
///
/// Errors are data: tests assert on `code`, tools read `path` and `location`, and one renderer
/// (the CLI's `DiagnosticRenderer`) turns them into compiler-style text. `message` is short and
/// names the operator, worded like AWS's own message where that wording is known.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule the pattern breaks; stable for tests and tools, and its raw value (`empty-array`) is what JSON output shows.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The text is not JSON.
        case invalidJSON = "invalid-json"
        /// The pattern (or a `$or` branch) is JSON but not an object.
        case notAnObject = "not-an-object"
        /// An object with no members (the pattern, a `$or` branch or a nested field).
        case emptyObject = "empty-object"
        /// A leaf array with no elements: a field that could never match.
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
        /// A `wildcard` operand that is not a valid wildcard (consecutive `*`s, a bad escape).
        case invalidWildcard = "invalid-wildcard"
        /// A field's wildcards are more complex than AWS accepts ("Rule is too complex").
        case wildcardTooComplex = "wildcard-too-complex"
        /// A `cidr` operand that is not an IPv4 or IPv6 block in CIDR notation (`/bits` required).
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

    /// The rule broken.
    public var code: Code
    /// A short message naming the operator: `prefix match pattern must be a string`.
    public var message: String
    /// Where in the pattern the mistake is, as a JSON path (`$.body.status[0].prefix`).
    public var path: [JSONPathComponent]
    /// Byte offset, line and column in the pattern text.
    public var location: TextLocation

    package init(code: Code, message: String, path: [JSONPathComponent], location: TextLocation) {
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

    /// `line:column: message (at $.path)`.
    public var description: String { "\(location): \(message) (at \(pathDescription))" }
}

/// Something legal that may not behave as the author expects on AWS.
public struct PatternWarning: Sendable, Hashable, CustomStringConvertible {
    /// What the warning is about; its raw value (`duplicate-key`) is what JSON output shows.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// An operator AWS documents for EventBridge / Pipes but not for Lambda event source mappings.
        case undocumentedForLambda = "undocumented-for-lambda"
        /// A key is repeated; the later leaf replaces the earlier one, as on AWS.
        case duplicateKey = "duplicate-key"
    }

    /// The construct found.
    public var code: Code
    /// What may behave unexpectedly, in a short sentence.
    public var message: String
    /// Where in the pattern, as JSON path components.
    public var path: [JSONPathComponent]
    /// Where in the pattern text.
    public var location: TextLocation

    package init(code: Code, message: String, path: [JSONPathComponent], location: TextLocation) {
        self.code = code
        self.message = message
        self.path = path
        self.location = location
    }

    /// `line:column: warning: message (at $.path)`.
    public var description: String { "\(location): warning: \(message) (at \(JSONPathFormatter.format(path)))" }
}
