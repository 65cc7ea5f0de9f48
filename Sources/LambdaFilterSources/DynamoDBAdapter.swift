import LambdaFilter

/// Amazon DynamoDB Streams records as Lambda's filter sees them.
///
/// Follows "Filtering events from a DynamoDB event source"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html) and spec §2.3:
/// - the filter sees the whole `Records[]` item (`eventName`, `eventSource`, `dynamodb`...);
/// - `dynamodb.Keys`, `NewImage` and `OldImage` keep their typed attribute values as they are
///   (`{"S": "x"}`, `{"N": "101"}`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS`, `BS`), so a pattern
///   names the type: `{"dynamodb": {"NewImage": {"price": {"N": ["101"]}}}}`;
/// - `N` values are JSON strings, so `numeric` never matches them, exactly as on AWS
///   ("DynamoDB event filtering doesn't support the use of numeric operators");
///   `numberConditionsOnTypedValues(in:)` finds such conditions so lint and explain can say so.
///
/// The adapter checks the typed values it reads, so a hand-edited sample with `"price": 101`
/// instead of `"price": {"N": "101"}` is an error, not a silent non-match.
public enum DynamoDBAdapter {
    /// The attribute-value type descriptors DynamoDB uses.
    package static let typeDescriptors: Set<String> = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]
    /// Descriptors whose values are strings (or lists of strings) in the stream record.
    package static let stringTypedDescriptors: Set<String> = ["S", "N", "B", "SS", "NS", "BS"]
    /// The keys of `dynamodb` that hold attribute maps.
    package static let imageKeys: Set<String> = ["Keys", "NewImage", "OldImage"]

    /// The view of one DynamoDB Streams record.
    public static func view(
        of record: JSONValue, at position: RecordPosition = .root, limits: PayloadLimits = .aws
    ) throws(RecordError) -> FilterView {
        _ = try RecordFields.object(record, field: "", position: position)
        guard let streamRecord = record["dynamodb"] else {
            throw RecordError(position: position, field: "dynamodb", reason: .missingField)
        }
        let members = try RecordFields.object(streamRecord, field: "dynamodb", position: position)
        for member in members where imageKeys.contains(member.key) {
            let field = "dynamodb." + member.key
            let attributes = try RecordFields.object(member.value, field: field, position: position)
            for attribute in attributes {
                try checkAttributeValue(attribute.value, field: field + "." + attribute.key, position: position)
            }
        }
        return FilterView(source: .dynamodb, document: record, dataKey: "dynamodb", payload: .json)
    }

    /// Checks that `value` is a typed attribute value (one descriptor, right JSON type), recursing
    /// into `M` and `L`.
    static func checkAttributeValue(_ value: JSONValue, field: String, position: RecordPosition) throws(RecordError) {
        func fail(_ detail: String) -> RecordError {
            RecordError(position: position, field: field, reason: .invalidAttributeValue(detail))
        }
        guard let members = value.objectMembers else {
            throw fail("expected a typed attribute value such as {\"S\": \"text\"} or {\"N\": \"101\"}, found \(value.typeName)")
        }
        guard members.count == 1, let member = members.first else {
            throw fail("a typed attribute value has exactly one type descriptor, found \(members.count) keys")
        }
        let inner = member.value
        let typeField = field + "." + member.key
        func expect(_ condition: Bool, _ what: String) throws(RecordError) {
            if !condition {
                throw RecordError(
                    position: position, field: typeField,
                    reason: .wrongType(expected: what, found: inner.typeName))
            }
        }
        switch member.key {
        case "S", "N", "B":
            try expect(inner.stringValue != nil, "a string (DynamoDB streams write \(member.key) values as strings)")
        case "BOOL":
            try expect(inner.isBool, "a boolean")
        case "NULL":
            try expect(inner == .bool(true), "true")
        case "SS", "NS", "BS":
            try expect(inner.arrayElements?.allSatisfy { $0.stringValue != nil } == true, "an array of strings")
        case "M":
            guard let entries = inner.objectMembers else {
                throw RecordError(position: position, field: typeField, reason: .wrongType(expected: "an object", found: inner.typeName))
            }
            for entry in entries {
                try checkAttributeValue(entry.value, field: typeField + "." + entry.key, position: position)
            }
        case "L":
            guard let elements = inner.arrayElements else {
                throw RecordError(position: position, field: typeField, reason: .wrongType(expected: "an array", found: inner.typeName))
            }
            for (index, element) in elements.enumerated() {
                try checkAttributeValue(element, field: typeField + "[\(index)]", position: position)
            }
        default:
            throw fail("unknown type descriptor \"\(member.key)\"; expected one of S, N, B, BOOL, NULL, M, L, SS, NS, BS")
        }
    }

    /// A condition that compares a number with a DynamoDB value the stream record holds as a string.
    package struct TypedValueNumberCondition: Sendable, Hashable {
        /// The field, e.g. `dynamodb.NewImage.price.N`.
        package var path: FieldPath
        /// The condition that can never hold: `numeric`, or an exact number such as `101`.
        package var condition: Condition
        /// Where the field's leaf array stands in the pattern text.
        package var offset: Int

        /// Why it never matches, for lint and explain.
        package var explanation: String {
            let descriptor = path.segments.last ?? "N"
            let form: String
            switch condition {
            case .numeric: form = "a numeric condition"
            default: form = "the number \(describe(condition))"
            }
            return "\(path.dottedName): \(form) never matches: DynamoDB Streams records hold \(descriptor) values as strings "
                + "(e.g. {\"N\": \"101\"}), and \"DynamoDB event filtering doesn't support the use of numeric operators\"; "
                + "match the string instead, e.g. [\"101\"]"
        }

        private func describe(_ condition: Condition) -> String {
            if case .equals(.number(let number)) = condition { return number.text }
            return condition.operatorName
        }
    }

    /// Conditions in `pattern` that compare numbers with string-typed DynamoDB values
    /// (`Keys`/`NewImage`/`OldImage` … `N`, `S`, `NS`...): they never match on AWS.
    package static func numberConditionsOnTypedValues(in pattern: Pattern) -> [TypedValueNumberCondition] {
        var found: [TypedValueNumberCondition] = []
        var seen = Set<TypedValueNumberCondition>()
        for conjunction in pattern.conjunctions {
            for field in conjunction.fields where isStringTypedAttributePath(field.path) {
                for condition in field.alternatives where comparesNumber(condition) {
                    let entry = TypedValueNumberCondition(path: field.path, condition: condition, offset: field.offset)
                    if seen.insert(entry).inserted { found.append(entry) }
                }
            }
        }
        return found
    }

    /// `dynamodb.<Keys|NewImage|OldImage>.<attribute>...<S|N|B|SS|NS|BS>`: a value the stream
    /// record holds as a string (dotted forms included).
    package static func isStringTypedAttributePath(_ path: FieldPath) -> Bool {
        // AWS joins path segments with "." ({"a.b": ...} names a.b), so split the joined name.
        let segments = path.dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 4, segments[0] == "dynamodb", imageKeys.contains(segments[1]),
            let last = segments.last
        else { return false }
        return stringTypedDescriptors.contains(last)
    }

    private static func comparesNumber(_ condition: Condition) -> Bool {
        switch condition {
        case .numeric: return true
        case .equals(.number): return true
        default: return false
        }
    }
}

extension JSONValue {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
