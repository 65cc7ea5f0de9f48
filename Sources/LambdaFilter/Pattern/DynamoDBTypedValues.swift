/// DynamoDB Streams' typed attribute values as patterns meet them: the one check both the
/// source adapters (`DynamoDBAdapter`, explain) and FilterCriteria lint (`check --source
/// dynamodb`, `criteria`) use, so they cannot disagree.
///
/// Stream records hold `S`, `N`, `B` (and `SS`, `NS`, `BS`) values as JSON strings
/// (`{"N": "101"}`), so a `numeric` condition or a number literal (`[101]`) on them never
/// matches ("DynamoDB event filtering doesn't support the use of numeric operators").
public enum DynamoDBTypedValues {
    /// The keys of `dynamodb` that hold attribute maps.
    public static let imageKeys: Set<String> = ["Keys", "NewImage", "OldImage"]
    /// Descriptors whose values are strings (or lists of strings) in the stream record.
    public static let stringTypedDescriptors: Set<String> = ["S", "N", "B", "SS", "NS", "BS"]

    /// A condition that compares a number with a value the stream record holds as a string.
    public struct NumberCondition: Sendable, Hashable {
        /// The field, e.g. `dynamodb.NewImage.price.N`.
        public var path: FieldPath
        /// The condition that can never hold: `numeric`, or an exact number such as `101`.
        public var condition: Condition
        /// Where the field's leaf array stands in the pattern text.
        public var offset: Int

        public init(path: FieldPath, condition: Condition, offset: Int) {
            self.path = path
            self.condition = condition
            self.offset = offset
        }

        /// Why it never matches, for lint and explain.
        public var explanation: String {
            let descriptor = path.dottedName.split(separator: ".").last.map(String.init) ?? "N"
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

    /// Conditions in `pattern` that compare numbers with string-typed values
    /// (`dynamodb.<Keys|NewImage|OldImage>.<attribute>…<S|N|B|SS|NS|BS>`), in pattern order.
    public static func numberConditions(in pattern: Pattern) -> [NumberCondition] {
        var found: [NumberCondition] = []
        var seen = Set<NumberCondition>()
        for conjunction in pattern.conjunctions {
            for field in conjunction.fields where isStringTypedAttributePath(field.path) {
                for condition in field.alternatives where comparesNumber(condition) {
                    let entry = NumberCondition(path: field.path, condition: condition, offset: field.offset)
                    if seen.insert(entry).inserted { found.append(entry) }
                }
            }
        }
        return found
    }

    /// Whether `path` ends at a string-typed descriptor of an image attribute.
    public static func isStringTypedAttributePath(_ path: FieldPath) -> Bool {
        // AWS joins path segments with "." ({"a.b": ...} names a.b), so split the joined name.
        let segments = path.dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 4, segments[0] == "dynamodb", imageKeys.contains(segments[1]),
            let last = segments.last
        else { return false }
        return stringTypedDescriptors.contains(last)
    }

    private static func comparesNumber(_ condition: Condition) -> Bool {
        switch condition {
        case .numeric, .equals(.number): return true
        default: return false
        }
    }
}
