import LambdaFilter
import LambdaFilterSources

/// Between plain items and DynamoDB's typed attribute values, for authoring stream filters.
///
/// A stream record holds `{"status": {"S": "OPEN"}, "price": {"N": "101"}}`, so a filter names the
/// type key: `{"dynamodb": {"NewImage": {"status": {"S": ["OPEN"]}}}}`. `typed` converts a pattern
/// written against the plain item; `plain` shows a record's images as plain items.
public enum DynamoDBTyping {
    /// A converted pattern and what could not be converted faithfully.
    public struct Conversion: Sendable, Hashable {
        /// The typed pattern, minified.
        public var pattern: String
        /// One line per condition whose meaning changed or that still never matches.
        public var warnings: [String]
    }

    /// Why a pattern cannot be converted.
    public struct ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, in one line: the pattern is not JSON or not an object, or a type key is unknown.
        public var message: String
        /// `message`, so the error prints as its one-line reason.
        public var description: String { message }
    }

    /// Converts a pattern written against plain items into the typed form.
    ///
    /// Conditions under `NewImage`, `OldImage` and `Keys` (with or without the `dynamodb`
    /// wrapper) get a type key: the attribute's type in `sample` (a stream record or whole event)
    /// if it has one, else `types[attribute]` (dotted for nested maps: `address.city`), else the
    /// type the values imply (strings S, numbers N, booleans BOOL, null NULL), else `defaultType`.
    /// Nested objects become `M`. Already typed attributes are kept.
    public static func typed(
        _ patternText: String, sample: JSONValue? = nil, types: [String: String] = [:], defaultType: String? = nil
    ) throws(ConversionError) -> Conversion {
        let root: JSONValue
        do {
            root = try JSONParser().parseValue(patternText)
        } catch {
            throw ConversionError(message: "the pattern is not JSON: \(error.reason) (byte \(error.offset))")
        }
        guard root.objectMembers != nil else { throw ConversionError(message: "the pattern is not a JSON object") }
        for (name, type) in types where !DynamoDBAdapter.typeDescriptors.contains(type) {
            throw ConversionError(message: "--type \(name)=\(type): the type must be one of S, N, B, BOOL, NULL, M, L, SS, NS, BS")
        }
        if let defaultType, !DynamoDBAdapter.typeDescriptors.contains(defaultType) {
            throw ConversionError(message: "the default type \(defaultType) must be one of S, N, B, BOOL, NULL, SS, NS, BS")
        }
        var converter = Converter(sampleImages: sample.map(sampleImages) ?? [], types: types, defaultType: defaultType)
        let converted = converter.convertRoot(root)
        if !converter.sawImage {
            converter.warnings.append("the pattern names no NewImage, OldImage or Keys: nothing to convert")
        } else if root["dynamodb"] == nil {
            converter.warnings.append(
                "a stream record holds the images under `dynamodb`: wrap the pattern as {\"dynamodb\": ...} to filter a DynamoDB mapping")
        }
        return Conversion(pattern: JSONWriter.write(converted), warnings: converter.warnings)
    }

    /// The record with every typed attribute value in `dynamodb.Keys`, `NewImage` and `OldImage`
    /// unwrapped: `{"S": "x"}` → `"x"`, `{"N": "101"}` → `101`, `M` → object, `L` → array...
    public static func plain(_ record: JSONValue) -> JSONValue {
        guard case .object(let members) = record else { return record }
        return .object(
            members.map { member in
                guard member.key == "dynamodb", case .object(let stream) = member.value else { return member }
                return JSONMember(
                    member.key,
                    .object(
                        stream.map { part in
                            guard DynamoDBAdapter.imageKeys.contains(part.key), case .object(let attributes) = part.value else {
                                return part
                            }
                            return JSONMember(part.key, .object(attributes.map { JSONMember($0.key, plainValue($0.value)) }))
                        }))
            })
    }

    /// One typed attribute value unwrapped (values that are not typed stay as they are).
    public static func plainValue(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value, members.count == 1, let member = members.first else { return value }
        switch (member.key, member.value) {
        case ("S", .string), ("B", .string), ("BOOL", .bool): return member.value
        case ("N", .string(let text)): return Double(text) != nil ? .number(text) : member.value
        case ("NULL", _): return .null
        case ("M", .object(let entries)): return .object(entries.map { JSONMember($0.key, plainValue($0.value)) })
        case ("L", .array(let elements)): return .array(elements.map(plainValue))
        case ("SS", .array), ("BS", .array): return member.value
        case ("NS", .array(let elements)):
            return .array(
                elements.map { element in
                    if case .string(let text) = element, Double(text) != nil { return .number(text) }
                    return element
                })
        default: return value
        }
    }

    /// The type key conditions imply: strings S, numbers N, booleans BOOL, null NULL; `nil` when
    /// they say nothing (only `exists`) or disagree.
    package static func descriptor(for conditions: [Condition]) -> String? {
        var found = Set<String>()
        for condition in conditions {
            switch condition {
            case .equals(.string), .prefix, .suffix, .equalsIgnoreCase, .wildcard, .anythingBut(.prefixes), .anythingBut(.suffixes),
                .anythingBut(.equalsIgnoreCase), .anythingBut(.wildcards):
                found.insert("S")
            case .equals(.number), .numeric: found.insert("N")
            case .equals(.bool): found.insert("BOOL")
            case .equals(.null): found.insert("NULL")
            case .anythingBut(.values(let values)):
                if case .number = values.first { found.insert("N") } else { found.insert("S") }
            case .exists, .cidr: break
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The images (`NewImage`, `OldImage`, `Keys`) of every record in `sample`.
    static func sampleImages(_ sample: JSONValue) -> [[JSONMember]] {
        var images: [[JSONMember]] = []
        func visit(_ value: JSONValue) {
            if let stream = value["dynamodb"] {
                for key in ["NewImage", "OldImage", "Keys"] {
                    if let members = stream[key]?.objectMembers { images.append(members) }
                }
            } else if let records = value["Records"]?.arrayElements {
                records.forEach(visit)
            } else if let elements = value.arrayElements {
                elements.forEach(visit)
            }
        }
        visit(sample)
        return images
    }
}

/// The conversion's walk over one pattern.
private struct Converter {
    let sampleImages: [[JSONMember]]
    let types: [String: String]
    let defaultType: String?
    var warnings: [String] = []
    var sawImage = false

    init(sampleImages: [[JSONMember]], types: [String: String], defaultType: String?) {
        self.sampleImages = sampleImages
        self.types = types
        self.defaultType = defaultType
    }

    mutating func convertRoot(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(
            members.map { member in
                switch member.key {
                case "dynamodb": return JSONMember(member.key, convertStream(member.value))
                case "NewImage", "OldImage", "Keys": return JSONMember(member.key, convertImage(member.value, prefix: []))
                case Keyword.or: return JSONMember(member.key, mapBranches(member.value) { $0.convertRoot($1) })
                default: return member
                }
            })
    }

    mutating func convertStream(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(
            members.map { member in
                switch member.key {
                case "NewImage", "OldImage", "Keys": return JSONMember(member.key, convertImage(member.value, prefix: []))
                case Keyword.or: return JSONMember(member.key, mapBranches(member.value) { $0.convertStream($1) })
                default: return member
                }
            })
    }

    mutating func convertImage(_ value: JSONValue, prefix: [String]) -> JSONValue {
        sawImage = true
        guard case .object(let members) = value else { return value }
        return .object(
            members.map { member in
                if member.key == Keyword.or {
                    return JSONMember(member.key, mapBranches(member.value) { $0.convertImage($1, prefix: prefix) })
                }
                return JSONMember(member.key, convertAttribute(member.value, path: prefix + [member.key]))
            })
    }

    mutating func mapBranches(_ value: JSONValue, _ transform: (inout Converter, JSONValue) -> JSONValue) -> JSONValue {
        guard case .array(let branches) = value else { return value }
        var converted: [JSONValue] = []
        for branch in branches { converted.append(transform(&self, branch)) }
        return .array(converted)
    }

    mutating func convertAttribute(_ value: JSONValue, path: [String]) -> JSONValue {
        let name = path.joined(separator: ".")
        switch value {
        case .object(let members):
            if !members.isEmpty, members.allSatisfy({ DynamoDBAdapter.typeDescriptors.contains($0.key) }) { return value }
            // A nested object of the plain item is a map.
            return .object([JSONMember("M", convertImage(value, prefix: path))])
        case .array(let leaf):
            let conditions =
                (try? Pattern(parsing: JSONWriter.write(.object([JSONMember("x", value)])), dialect: .eventbridge))?.conjunctions.first?
                .fields.first?.alternatives ?? []
            let descriptor = sampleType(of: path) ?? types[name] ?? DynamoDBTyping.descriptor(for: conditions) ?? defaultType
            guard let descriptor else {
                warnings.append("`\(name)`: no sample, --type or value says its type; written as S (give --type \(name)=N to change it)")
                return .object([JSONMember("S", value)])
            }
            return typedLeaf(leaf, descriptor: descriptor, name: name)
        default:
            return value
        }
    }

    /// The leaf under its type key, values rewritten as the record holds them.
    mutating func typedLeaf(_ leaf: [JSONValue], descriptor: String, name: String) -> JSONValue {
        switch descriptor {
        case "N", "S", "B", "SS", "NS", "BS":
            let converted = leaf.map { stringified($0, descriptor: descriptor, name: name) }
            return .object([JSONMember(descriptor, .array(converted))])
        case "BOOL":
            return .object([
                JSONMember(
                    descriptor,
                    .array(
                        leaf.map { value in
                            if case .string(let text) = value, let flag = Bool(text) { return .bool(flag) }
                            return value
                        }))
            ])
        case "NULL":
            return .object([JSONMember(descriptor, .array(leaf.map { $0 == .null ? .bool(true) : $0 }))])
        case "L":
            // A list's elements are typed values: crush through them with the element type the values imply.
            let conditions =
                (try? Pattern(parsing: JSONWriter.write(.object([JSONMember("x", .array(leaf))])), dialect: .eventbridge))?.conjunctions
                .first?.fields.first?.alternatives ?? []
            let element = DynamoDBTyping.descriptor(for: conditions) ?? "S"
            return .object([JSONMember("L", typedLeaf(leaf, descriptor: element, name: name))])
        default:
            warnings.append("`\(name)` is \(descriptor) in the sample, which holds an object, not a value: the condition is left as it was")
            return .array(leaf)
        }
    }

    /// A number becomes its text (stream records hold N as strings); `numeric` cannot be expressed.
    mutating func stringified(_ value: JSONValue, descriptor: String, name: String) -> JSONValue {
        switch value {
        case .number(let text):
            return .string(text)
        case .object(let members) where members.first?.key == Keyword.numeric:
            if case .array(let terms) = members[0].value, terms.count == 2, terms[0] == .string("="), case .number(let text) = terms[1] {
                warnings.append(
                    "`\(name)`: numeric [\"=\", \(text)] became the string \"\(text)\": it matches that text exactly (not \(text).0 or other spellings)"
                )
                return .string(text)
            }
            warnings.append(
                "`\(name)`: \(JSONWriter.write(value)) cannot be expressed: DynamoDB streams hold \(descriptor) values as strings and AWS does not support numeric operators on them; it is kept and never matches (list the exact values, or filter in the function)"
            )
            return value
        case .object(let members) where members.first?.key == Keyword.anythingBut:
            guard case .array(let values) = members[0].value else {
                if case .number(let text) = members[0].value { return .object([JSONMember(Keyword.anythingBut, .string(text))]) }
                return value
            }
            return .object([
                JSONMember(
                    Keyword.anythingBut, .array(values.map { if case .number(let text) = $0 { return .string(text) } else { return $0 } }))
            ])
        default:
            return value
        }
    }

    /// The attribute's type key in the first sample image that has it (following `M`).
    func sampleType(of path: [String]) -> String? {
        for image in sampleImages {
            var members = image
            var descriptor: String?
            for (depth, segment) in path.enumerated() {
                guard let typed = members.last(where: { $0.key == segment })?.value.objectMembers, let first = typed.first else {
                    descriptor = nil
                    break
                }
                descriptor = first.key
                if depth < path.count - 1 {
                    guard first.key == "M", let inner = first.value.objectMembers else { descriptor = nil; break }
                    members = inner
                }
            }
            if let descriptor { return descriptor }
        }
        return nil
    }
}
