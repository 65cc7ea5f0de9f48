import LambdaFilter

extension SourceSelection {
    /// The operator set patterns get unless told otherwise: EventBridge's for raw documents
    /// (matched as EventBridge matches an event), Lambda's for records of an event source.
    package var defaultDialect: Dialect { self == .raw ? .eventbridge : .lambda }
}
