import LambdaFilter

/// Filters with their payload-key conditions removed, for Kafka and Amazon MQ records whose
/// payload format does not match a filter ("Lambda processes metadata filters only", KAFF/MQF).
///
/// Each `$or` alternative (conjunction) of a filter keeps its conditions outside the payload key
/// and is compiled as its own pattern; the filter passes when every part of one alternative
/// matches. Two rules where AWS documents nothing (CAVEATS.md):
/// - an alternative left with no conditions cannot match, so a filter that only looks at the
///   payload never passes a mismatched record (rather than passing every one);
/// - conditions on the same field, or on a field and its parent, are compiled as separate parts
///   that must all match, since one pattern object cannot hold both.
struct MetadataOnlyFilters: Sendable {
    /// The compiled parts of every filter.
    private let matcher: Matcher
    /// Per filter, per alternative: indices of the parts (patterns of `matcher`) that must all match.
    private let alternatives: [[[Int]]]

    init(filters: [Pattern], dataKey: String) {
        var parts: [Pattern] = []
        var alternatives: [[[Int]]] = []
        for filter in filters {
            let leaves = Self.leafArrays(of: filter)
            var filterAlternatives: [[Int]] = []
            for conjunction in filter.conjunctions {
                let kept = conjunction.fields.filter { DataKeyPath.relation(of: $0.path, to: dataKey) == .outside }
                guard !kept.isEmpty else { continue }
                var indices: [Int] = []
                var complete = true
                for group in Self.nonConflictingGroups(kept) {
                    guard let part = Self.render(group, leaves: leaves, like: filter) else {
                        complete = false
                        break
                    }
                    indices.append(parts.count)
                    parts.append(part)
                }
                if complete { filterAlternatives.append(indices) }
            }
            alternatives.append(filterAlternatives)
        }
        self.matcher = Matcher(patterns: parts)
        self.alternatives = alternatives
    }

    /// Indices of the parts matching `document`.
    func matchingParts(in document: JSONValue) -> Set<Int> {
        Set(matcher.matchingPatterns(in: document))
    }

    /// Whether filter `index` passes, given the matching parts.
    func filterMatches(_ index: Int, parts: Set<Int>) -> Bool {
        alternatives[index].contains { $0.allSatisfy(parts.contains) }
    }

    /// The leaf arrays of `pattern`'s text, by byte offset (`FieldCondition.offset`).
    private static func leafArrays(of pattern: Pattern) -> [Int: JSONValue] {
        guard let root = try? JSONParser(maxDepth: 4096).parse(pattern.text) else { return [:] }
        var leaves: [Int: JSONValue] = [:]
        var stack = [root]
        while let node = stack.popLast() {
            switch node.kind {
            case .array(let elements):
                leaves[node.offset] = node.value
                stack += elements
            case .object(let members):
                stack += members.map(\.value)
            default:
                break
            }
        }
        return leaves
    }

    /// Splits fields into groups where no field equals or contains another.
    private static func nonConflictingGroups(_ fields: [FieldCondition]) -> [[FieldCondition]] {
        var groups: [[FieldCondition]] = []
        for field in fields {
            let name = field.path.dottedName
            if let slot = groups.firstIndex(where: { group in
                !group.contains { other in
                    let otherName = other.path.dottedName
                    return otherName == name || otherName.hasPrefix(name + ".") || name.hasPrefix(otherName + ".")
                }
            }) {
                groups[slot].append(field)
            } else {
                groups.append([field])
            }
        }
        return groups
    }

    /// One pattern holding `fields`, their leaf arrays copied from the original text.
    private static func render(_ fields: [FieldCondition], leaves: [Int: JSONValue], like original: Pattern) -> Pattern? {
        var root: [JSONMember] = []
        for field in fields {
            guard let leaf = leaves[field.offset] else { return nil }
            insert(leaf, at: field.path.segments[...], into: &root)
        }
        let text = JSONWriter.write(.object(root))
        let limits = PatternLimits(maxLength: nil, maxCombinations: Int.max, maxDepth: 4096)
        return try? Pattern(parsing: text, dialect: original.dialect, limits: limits)
    }

    private static func insert(_ leaf: JSONValue, at path: ArraySlice<String>, into members: inout [JSONMember]) {
        guard let key = path.first else { return }
        let rest = path.dropFirst()
        if rest.isEmpty {
            members.append(JSONMember(key, leaf))
            return
        }
        if let index = members.firstIndex(where: { $0.key == key }), case .object(var nested) = members[index].value {
            insert(leaf, at: rest, into: &nested)
            members[index].value = .object(nested)
        } else {
            var nested: [JSONMember] = []
            insert(leaf, at: rest, into: &nested)
            members.append(JSONMember(key, .object(nested)))
        }
    }
}
