import LambdaFilter
import LambdaFilterSources

/// The fields sample records have, by dotted name, with the JSON types of their values.
///
/// Arrays are looked through, as the filter does ("crushed" arrays: `a.b` names `b` in every
/// element of `a`). Built once per lint run; cost is linear in the samples' size.
package struct SampleIndex: Sendable, Hashable {
    /// Leaf fields and the JSON types their values took (`number`, `string`...).
    private(set) var leafTypes: [String: Set<String>] = [:]
    /// Fields that hold an object in some sample.
    private(set) var containers: Set<String> = []
    /// Every dotted name, in first-seen order (for suggestions).
    private(set) var names: [String] = []
    /// Whether some sample's payload is gzip (a CloudWatch Logs subscription's data).
    package private(set) var hasGzipPayload = false
    /// How many samples were read.
    package private(set) var count = 0

    package init(views: [FilterView] = []) {
        for view in views { add(view) }
    }

    package var isEmpty: Bool { count == 0 }

    mutating func add(_ view: FilterView) {
        count += 1
        if case .notUTF8 = view.payload, let key = view.dataKey, let text = view.document[key]?.stringValue, text.hasPrefix("H4sI") {
            // Base64 of the gzip magic bytes 1f 8b 08.
            hasGzipPayload = true
        }
        walk(view.document, name: nil)
    }

    private mutating func walk(_ value: JSONValue, name: String?) {
        switch value {
        case .object(let members):
            if let name { record(name, container: true, type: nil) }
            for member in members {
                walk(member.value, name: name.map { $0 + "." + member.key } ?? member.key)
            }
        case .array(let elements):
            for element in elements { walk(element, name: name) }
        default:
            if let name { record(name, container: false, type: value.typeName) }
        }
    }

    private mutating func record(_ name: String, container: Bool, type: String?) {
        if leafTypes[name] == nil && !containers.contains(name) { names.append(name) }
        if container {
            containers.insert(name)
        } else if let type {
            leafTypes[name, default: []].insert(type)
        }
    }

    /// Whether some sample has the field (as a value or an object).
    package func has(_ name: String) -> Bool {
        leafTypes[name] != nil || containers.contains(name)
    }

    /// The JSON types of the field's values across the samples (empty when no leaf).
    package func types(of name: String) -> Set<String> {
        leafTypes[name] ?? []
    }

    /// Sample fields whose last segments equal `segments` (case-insensitively), nearest first.
    func fields(endingWith segments: [String]) -> [String] {
        guard let last = segments.last?.lowercased() else { return [] }
        let wanted = segments.map { $0.lowercased() }
        var scored: [(name: String, score: Int)] = []
        for name in names {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map { $0.lowercased() }
            guard parts.last == last else { continue }
            var matched = 0
            while matched < min(parts.count, wanted.count), parts[parts.count - 1 - matched] == wanted[wanted.count - 1 - matched] {
                matched += 1
            }
            scored.append((name, matched * 100 - parts.count))
        }
        return scored.sorted { $0.score > $1.score }.map(\.name)
    }
}

/// "Did you mean": the fields a record has that a pattern's unknown field probably meant.
///
/// One implementation for lint and explain. Candidates come from the source's record shape
/// (the envelope dropped, another source's payload key replaced, the payload key added, case
/// fixed) and, when samples are given, from the samples' own fields.
package enum FieldSuggestions {
    /// Keys (lowercased) whose fields the suggestions and the field rules look up in samples
    /// besides the keys a pattern names: DynamoDB's type keys (`typedChild`) and SNS's
    /// `body.Message`. A sample read with `PatternExplainer.recordParts` keeps these.
    package static let keysReadBeyondFields: Set<String> = Set((typeDescriptors + ["Message"]).map { $0.lowercased() })

    /// DynamoDB's attribute type keys that hold a value, in the order `typedChild` tries them.
    static let typeDescriptors = ["S", "N", "BOOL", "B", "NULL", "SS", "NS", "BS"]

    /// Suggestions for `path`, best first (at most two).
    package static func suggestions(for path: FieldPath, source: EventSource?, samples: SampleIndex) -> [FieldPath] {
        let segments = path.dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var candidates: [[String]] = []
        if let source {
            candidates = shapeCandidates(segments, shape: .of(source))
        }
        if !samples.isEmpty {
            // Keep what the samples confirm, completing a DynamoDB attribute with its type key.
            let fromSamples = samples.fields(endingWith: segments).map {
                $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            }
            let confirmed = (candidates + fromSamples).compactMap { candidate -> [String]? in
                let name = candidate.joined(separator: ".")
                guard samples.has(name) else { return nil }
                if samples.types(of: name).isEmpty, let typed = typedChild(of: name, samples: samples) {
                    return typed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                }
                return candidate
            }
            // Samples that lack every candidate do not refute the record shape's suggestion.
            if !confirmed.isEmpty { candidates = confirmed }
        }
        var seen = Set<[String]>()
        return candidates.filter { $0 != segments && seen.insert($0).inserted }.prefix(2).map(FieldPath.init)
    }

    /// `dynamodb.NewImage.status.S` for `dynamodb.NewImage.status`, when a sample has it.
    private static func typedChild(of name: String, samples: SampleIndex) -> String? {
        for descriptor in typeDescriptors where !samples.types(of: name + "." + descriptor).isEmpty {
            return name + "." + descriptor
        }
        return nil
    }

    static func shapeCandidates(_ segments: [String], shape: RecordShape) -> [[String]] {
        guard let first = segments.first else { return [] }
        let rest = Array(segments.dropFirst())
        // The filter sees one record, never the event around it.
        if RecordShape.envelopeKeys.contains(first), !rest.isEmpty {
            return shape.knows(rest) ? [rest] : shapeCandidates(rest, shape: shape).nonEmpty ?? [rest]
        }
        if shape.source == .kinesis, first == "kinesis", !rest.isEmpty {
            return shape.knows(rest) ? [rest] : shapeCandidates(rest, shape: shape)
        }
        var candidates: [[String]] = []
        if let known = shape.fields.first(where: { $0.lowercased() == first.lowercased() && $0 != first }) {
            candidates.append([known] + rest)
        }
        // A fixed second level (DynamoDB's `dynamodb.NewImage`) written in another case.
        if let children = shape.children[first], let second = rest.first, !children.contains(second),
            let known = children.first(where: { $0.lowercased() == second.lowercased() })
        {
            candidates.append([first, known] + rest.dropFirst())
        }
        if let dataKey = shape.dataKey, shape.payloadIsFreeForm {
            if RecordShape.payloadLikeKeys.contains(first), first != dataKey {
                // Another source's payload key: this source's, with the same conditions below it.
                candidates.append([dataKey] + rest)
            } else if !shape.fields.contains(first) {
                candidates.append([dataKey] + segments)
            }
        }
        if shape.source == .dynamodb {
            let streamFields = shape.children["dynamodb"] ?? []
            if let known = streamFields.first(where: { $0.lowercased() == first.lowercased() }) {
                candidates.append(["dynamodb", known] + rest)
            } else if !shape.fields.contains(first) {
                candidates.append(["dynamodb", "NewImage"] + segments)
            }
        }
        if shape.source == .documentdb, !shape.fields.contains(first) {
            candidates.append(["fullDocument"] + segments)
        }
        return candidates
    }
}

extension Array {
    fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
