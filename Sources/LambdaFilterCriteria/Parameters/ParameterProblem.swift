/// A parameter of a Create/UpdateEventSourceMapping request that AWS would reject (or that
/// likely does not do what was meant), naming the parameter, source, value and what is allowed.
public struct ParameterProblem: Sendable, Hashable, CustomStringConvertible {
    /// Whether AWS rejects the request (`error`) or accepts it and it likely does not do what was meant (`warning`).
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        /// AWS rejects the request.
        case error
        /// AWS accepts the request, but it likely does not do what was meant.
        case warning
    }

    /// The kind of problem; its raw value (`out-of-range`) is what JSON output shows.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A number outside its range.
        case outOfRange = "out-of-range"
        /// A value of the right type but not an allowed one (enum, format, length).
        case invalidValue = "invalid-value"
        /// A value of the wrong JSON type.
        case wrongType = "wrong-type"
        /// The parameter does not apply to this source or operation.
        case notApplicable = "not-applicable"
        /// The parameter can only be set by CreateEventSourceMapping.
        case createOnly = "create-only"
        /// A required parameter is missing.
        case missing = "missing"
        /// Parameters that contradict each other.
        case conflict = "conflict"
        /// A name the API does not have.
        case unknownParameter = "unknown-parameter"
    }

    /// The kind of problem.
    public var code: Code
    /// Whether AWS would reject the request or only likely misread it.
    public var severity: Severity
    /// The API name, with a path for nested members: `ScalingConfig.MaximumConcurrency`.
    public var parameter: String
    /// The source as named in the message: `Amazon SQS FIFO queue`, or `any source`.
    public var sourceDescription: String
    /// The value as given (JSON text), or `(missing)`.
    public var value: String
    /// What is allowed: `1 to 10`, `-1 or 60 to 604800`, `Amazon Kinesis, DynamoDB Streams`.
    public var allowed: String
    /// What is wrong: `out of range`, `does not apply`...
    public var reason: String

    package init(
        code: Code, severity: Severity = .error, parameter: String, sourceDescription: String, value: String, allowed: String,
        reason: String
    ) {
        self.code = code
        self.severity = severity
        self.parameter = parameter
        self.sourceDescription = sourceDescription
        self.value = value
        self.allowed = allowed
        self.reason = reason
    }

    /// `BatchSize = 20 (Amazon SQS FIFO queue): out of range; allowed: 1 to 10`.
    public var description: String {
        (severity == .warning ? "warning: " : "") + "\(parameter) = \(value) (\(sourceDescription)): \(reason); allowed: \(allowed)"
    }
}
