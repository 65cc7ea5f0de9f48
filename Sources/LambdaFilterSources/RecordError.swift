import LambdaFilter

/// Where a record stands in the document it came from: `Records[3]`,
/// `records["mytopic-0"][1]`, `rmqMessagesByQueue["q::/"][0]`, `events[2]`, or `$` for a
/// document that is itself one record.
public struct RecordPosition: Sendable, Hashable, CustomStringConvertible {
    /// The path from the document's root to the record; empty for the document itself.
    public var components: [JSONPathComponent] {
        get {
            switch storage {
            case .path(let components): return components
            case .element(let index, let name): return [.key(Self.elementArrayNames[Int(name)]), .index(Int(index))]
            }
        }
        set { storage = .path(newValue) }
    }

    /// `name[index]`, the position of every record of an event (`Records[3]`), is kept without
    /// an array, in the 8 bytes an array takes (`Elements`): building one per record cost an
    /// allocation on the byte path (`RecordBytes`).
    private enum Storage: Sendable {
        case path([JSONPathComponent])
        /// Record `index` of the array named `elementArrayNames[name]`.
        case element(UInt32, name: UInt8)
    }
    private var storage: Storage

    /// The names of the arrays of records (`EventSplitter`'s envelopes that are arrays).
    private static let elementArrayNames = ["Records", "messages", "events"]

    package init(_ components: [JSONPathComponent] = []) {
        storage = .path(components)
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The positions of the records of the array member `name` of a document: `Records[0]`,
    /// `Records[1]`, …, each made without building `components`.
    package struct Elements {
        let name: String
        let code: UInt8?

        package init(of name: String) {
            self.name = name
            code = RecordPosition.elementArrayNames.firstIndex(of: name).map { UInt8($0) }
        }

        /// `name[index]`.
        package subscript(index: Int) -> RecordPosition {
            if let code, let small = UInt32(exactly: index) { return RecordPosition(storage: .element(small, name: code)) }
            return RecordPosition([.key(name), .index(index)])
        }
    }

    /// The whole document.
    public static let root = RecordPosition()

    /// Whether this is the whole document (`components` is empty), without building `components`.
    package var isRoot: Bool {
        if case .path(let components) = storage { return components.isEmpty }
        return false
    }

    /// This position extended by one step.
    package func appending(_ component: JSONPathComponent) -> RecordPosition {
        RecordPosition(components + [component])
    }

    /// Positions are equal when their `components` are (however they are stored).
    public static func == (left: RecordPosition, right: RecordPosition) -> Bool {
        if case .element(let leftIndex, let leftName) = left.storage, case .element(let rightIndex, let rightName) = right.storage {
            // Each name has one code: the stored parts are the components.
            return leftIndex == rightIndex && leftName == rightName
        }
        return left.components == right.components
    }

    /// Hashes `components`, as `==` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(components)
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
