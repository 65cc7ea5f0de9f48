import LambdaFilter

/// Where a record stands in the document it came from: `Records[3]`,
/// `records["mytopic-0"][1]`, `rmqMessagesByQueue["q::/"][0]`, `events[2]`, or `$` for a
/// document that is itself one record.
public struct RecordPosition: Sendable, Hashable, CustomStringConvertible {
    /// The path from the document's root to the record; empty for the document itself.
    public var components: [JSONPathComponent]

    package init(_ components: [JSONPathComponent] = []) {
        self.components = components
    }

    /// The whole document.
    public static let root = RecordPosition()

    /// This position extended by one step.
    package func appending(_ component: JSONPathComponent) -> RecordPosition {
        RecordPosition(components + [component])
    }

    /// `Records[3]`; map keys after the first step are always quoted (`records["t-0"][1]`).
    public var description: String {
        guard !components.isEmpty else { return "$" }
        var text = ""
        for (index, component) in components.enumerated() {
            switch component {
            case .index(let position):
                text += "[\(position)]"
            case .key(let key):
                text += index == 0 ? key : "[" + JSONWriter.quote(key) + "]"
            }
        }
        return text
    }
}

/// Why one record (or a whole document) could not be turned into what Lambda's filter sees.
///
/// Each error names the record's position, the field inside the record and the reason, so a
/// batch with one broken record still gives verdicts for the others.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// A field the source always has is missing.
        case missingField
        /// A field has the wrong JSON type.
        case wrongType(expected: String, found: String)
        /// A base64 payload does not decode.
        case invalidBase64(Base64Error)
        /// A decoded payload is JSON nested deeper than the parser accepts.
        case payloadTooDeep(JSONSyntaxError)
        /// A payload larger than its source allows (`PayloadLimits`).
        case payloadTooLarge(bytes: Int, limit: Int, setting: String)
        /// A DynamoDB attribute value is not a typed value such as `{"N": "101"}`.
        case invalidAttributeValue(String)
        /// The document's source cannot be recognised; `expected` lists what would be.
        case unrecognizedDocument(expected: String)
        /// The document looks like more than one source.
        case ambiguousDocument(candidates: [EventSource])
    }

    /// The record (or `.root` for the whole document).
    public var position: RecordPosition
    /// The field inside the record, dotted (`kinesis.data`, `dynamodb.NewImage.price`); empty
    /// when the error concerns the record as a whole.
    public var field: String
    /// What went wrong.
    public var reason: Reason

    package init(position: RecordPosition, field: String, reason: Reason) {
        self.position = position
        self.field = field
        self.reason = reason
    }

    /// The reason in words.
    public var message: String {
        switch reason {
        case .missingField:
            return "missing field"
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .invalidBase64(let error):
            return "invalid base64: \(error)"
        case .payloadTooDeep(let error):
            return "decoded payload is too deeply nested: \(error.reason) (at byte \(error.offset))"
        case .payloadTooLarge(let bytes, let limit, let setting):
            return "payload is \(bytes) bytes, more than the source allows (\(setting) = \(limit) bytes)"
        case .invalidAttributeValue(let detail):
            return detail
        case .unrecognizedDocument(let expected):
            return "cannot tell the event source; expected \(expected)"
        case .ambiguousDocument(let candidates):
            let names = candidates.map(\.rawValue).joined(separator: ", ")
            return "the document fits several event sources (\(names)); choose one with --source"
        }
    }

    /// `Records[3]: kinesis.data: invalid base64: ...`
    public var description: String {
        field.isEmpty ? "\(position): \(message)" : "\(position): \(field): \(message)"
    }
}
