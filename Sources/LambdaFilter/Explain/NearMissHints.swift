/// Hints for a field that failed: what in the record looks like what the pattern wanted.
///
/// Each hint names the record's value and the pattern change (or record change) that would make
/// it match. Hints never change a verdict; they are only offered for fields that failed.
enum NearMissHints {
    /// DynamoDB's attribute type keys: a value under one of these is a typed DynamoDB value.
    static let dynamoDBTypeKeys: Set<String> = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]

    static func hints(for field: FieldCondition, leaves: [ExplainedLeaf], record: JSONValue) -> [String] {
        var hints: [String] = []
        if leaves.isEmpty {
            hints += missingFieldHints(field, record: record)
        } else {
            for leaf in leaves.prefix(20) {
                for condition in field.alternatives {
                    if let hint = valueHint(condition, leaf: leaf), !hints.contains(hint) { hints.append(hint) }
                }
            }
        }
        return hints
    }

    // MARK: A value is there but no condition held

    static func valueHint(_ condition: Condition, leaf: ExplainedLeaf) -> String? {
        let place = leaf.locationDescription
        let value = leaf.value
        switch (condition, value) {
        case (.exists(false), _):
            return "\(place) is present (\(JSONWriter.write(value))); exists: false holds only when the field has no value"
        case (.numeric, .string(let text)), (.equals(.number), .string(let text)):
            guard let number = Double(text.trimmingWhitespace), number.isFinite else { return nil }
            return "\(place) is the string \(JSONWriter.quote(text)), not a number: \(condition.summary) only matches JSON numbers"
        case (.numeric, .number(let text)):
            guard !ValueCheck.isComparableNumber(value) else { return nil }
            return "\(place) is \(text), which is not exactly a double, so AWS's engine never compares it by value"
        case (.equals(.number(let expected)), .number(let text)):
            guard expected.value != nil, !ValueCheck.isComparableNumber(value), let near = Double(text), near == expected.value else {
                return nil
            }
            return
                "\(place) is \(text), which is not exactly a double, so AWS's engine compares it only by its text, and \(expected.text) is another text"
        case (.equals(.string(let expected)), .number(let text)):
            guard let wanted = Double(expected), let actual = Double(text), wanted == actual else { return nil }
            return
                "\(place) is the number \(text) but the pattern has the string \(JSONWriter.quote(expected)); write [\(text)] (a string never equals a number)"
        case (.equals(.string(let expected)), .bool(let flag)):
            guard expected == String(flag) else { return nil }
            return "\(place) is the boolean \(flag) but the pattern has the string \(JSONWriter.quote(expected)); write [\(flag)]"
        case (.equals(.bool(let flag)), .string(let text)):
            guard text == String(flag) else { return nil }
            return "\(place) is the string \(JSONWriter.quote(text)), not the boolean \(flag)"
        case (.equals(.null), .string(let text)):
            guard text == "null" else { return nil }
            return "\(place) is the string \"null\", not null"
        case (.equals(.string(let expected)), .string(let actual)):
            return stringHint(
                expected: expected, actual: actual, place: place, fix: "{\"equals-ignore-case\": \(JSONWriter.quote(expected))}")
        case (.prefix(let prefix, false), .string(let actual)):
            guard ValueCheck.holds(.prefix(prefix, ignoringCase: true), for: value) else { return nil }
            return
                "\(place) is \(JSONWriter.quote(actual)): it starts with \(JSONWriter.quote(prefix)) only when case is ignored ({\"prefix\": {\"equals-ignore-case\": \(JSONWriter.quote(prefix))}})"
        case (.suffix(let suffix, false), .string(let actual)):
            guard ValueCheck.holds(.suffix(suffix, ignoringCase: true), for: value) else { return nil }
            return
                "\(place) is \(JSONWriter.quote(actual)): it ends with \(JSONWriter.quote(suffix)) only when case is ignored ({\"suffix\": {\"equals-ignore-case\": \(JSONWriter.quote(suffix))}})"
        case (.equalsIgnoreCase(let expected), .string(let actual)):
            guard actual.trimmingWhitespace.lowercased() == expected.lowercased() || actual == expected else { return nil }
            return stringHint(expected: expected, actual: actual, place: place, fix: nil)
        case (.anythingBut(let exclusion), _):
            return "\(place) is \(JSONWriter.write(value)), which \(exclusion.summary) rules out"
        default:
            return nil
        }
    }

    /// Two strings that differ only in case, Unicode normalisation or surrounding whitespace.
    static func stringHint(expected: String, actual: String, place: String, fix: String?) -> String? {
        let quoted = JSONWriter.quote(actual)
        // The same bytes: nothing differs (a value found one level deeper than the pattern expects
        // reaches here with the very text the pattern names).
        if Array(actual.utf8) == Array(expected.utf8) { return nil }
        if actual == expected {
            // Swift's == is canonical equivalence; the bytes differ, and AWS compares bytes.
            return
                "\(place) is \(quoted), the same text as \(JSONWriter.quote(expected)) in another Unicode normalization form; AWS compares bytes"
        }
        if let fix, actual.lowercased() == expected.lowercased() {
            return
                "\(place) is \(quoted), which differs from \(JSONWriter.quote(expected)) only in case; exact matching is case-sensitive (\(fix) ignores case)"
        }
        if actual.trimmingWhitespace == expected.trimmingWhitespace
            || actual.trimmingWhitespace.lowercased() == expected.trimmingWhitespace.lowercased()
        {
            return "\(place) is \(quoted), which differs from \(JSONWriter.quote(expected)) by surrounding whitespace"
        }
        return nil
    }

    // MARK: No value at the path

    static func missingFieldHints(_ field: FieldCondition, record: JSONValue) -> [String] {
        var hints: [String] = []
        let segments = field.path.segments
        // Walk down the path as far as the record goes, through arrays' elements.
        var current: [(value: JSONValue, location: [JSONPathComponent])] = [(record, [])]
        for (depth, segment) in segments.enumerated() {
            var next: [(value: JSONValue, location: [JSONPathComponent])] = []
            for (value, location) in current {
                for (element, elementLocation) in objectsAndScalars(value, location) {
                    if case .object(let members) = element {
                        for member in members where member.key == segment {
                            next.append((member.value, elementLocation + [.key(member.key)]))
                        }
                        if !members.contains(where: { $0.key == segment }) {
                            for member in members where member.key.lowercased() == segment.lowercased() {
                                hints.append(
                                    "\(JSONPathFormatter.format(elementLocation + [.key(member.key)])) exists; keys are case-sensitive and the pattern names \(JSONWriter.quote(segment))"
                                )
                            }
                        }
                    } else {
                        hints.append(scalarInTheWayHint(element, location: elementLocation, remaining: Array(segments[depth...])))
                    }
                }
            }
            if next.isEmpty { return unique(hints) }
            current = next
        }
        // The path exists, but holds no leaf: objects, or empty arrays.
        for (value, location) in current {
            hints += containerHints(value, location: location, field: field)
        }
        return unique(hints)
    }

    /// The values reached through `value`'s arrays (an array's elements share its name).
    static func objectsAndScalars(_ value: JSONValue, _ location: [JSONPathComponent]) -> [(JSONValue, [JSONPathComponent])] {
        guard case .array(let elements) = value else { return [(value, location)] }
        return elements.enumerated().flatMap { objectsAndScalars($0.element, location + [.index($0.offset)]) }
    }

    static func scalarInTheWayHint(_ value: JSONValue, location: [JSONPathComponent], remaining: [String]) -> String {
        let place = JSONPathFormatter.format(location)
        let looking = remaining.joined(separator: ".")
        if case .string(let text) = value, let first = text.trimmingWhitespace.first, first == "{" || first == "[" {
            return
                "\(place) is a string holding JSON text; the filter does not decode it, so \(JSONWriter.quote(looking)) inside it is not a field"
        }
        return
            "\(place) is \(article(value.typeName)) \(value.typeName) (\(JSONWriter.write(value).prefix(60))), not an object, so it has no field \(JSONWriter.quote(looking))"
    }

    static func containerHints(_ value: JSONValue, location: [JSONPathComponent], field: FieldCondition) -> [String] {
        let place = JSONPathFormatter.format(location)
        switch value {
        case .array(let elements) where elements.isEmpty:
            return ["\(place) is an empty array, which has no values"]
        case .object(let members):
            var hints: [String] = []
            let wantsPresence = field.alternatives.contains(.exists(true))
            hints.append("\(place) is an object, not a value: \(wantsPresence ? "exists: true" : "conditions") apply to leaf values only")
            // A value nested one level deeper than the pattern expects (a DynamoDB type key, say).
            for member in members {
                let deeper = ExplainedLeaf(location: location + [.key(member.key)], value: member.value)
                guard member.value.isScalar else { continue }
                let holding = field.alternatives.filter { ValueCheck.holds($0, for: member.value) && $0 != .exists(true) }
                let nearMiss = field.alternatives.compactMap { valueHint($0, leaf: deeper) }.first
                guard !holding.isEmpty || nearMiss != nil || dynamoDBTypeKeys.contains(member.key) else { continue }
                let pathText = (field.path.segments + [member.key]).map { JSONWriter.quote($0) }.joined(separator: ": {")
                var hint =
                    "\(deeper.locationDescription) holds \(JSONWriter.write(member.value)), one level deeper than the pattern expects"
                if dynamoDBTypeKeys.contains(member.key) {
                    let closing = String(repeating: "}", count: field.path.segments.count + 1)
                    hint += " (a DynamoDB typed value: name its type key, {\(pathText): [...]\(closing)"
                    hint += member.key == "N" ? "; N values are strings, so numeric conditions never match them)" : ")"
                }
                hints.append(hint)
                if let nearMiss { hints.append(nearMiss) }
            }
            return hints
        default:
            return []
        }
    }

    static func article(_ word: String) -> String {
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    static func unique(_ hints: [String]) -> [String] {
        var seen = Set<String>()
        return hints.filter { seen.insert($0).inserted }
    }
}

extension JSONValue {
    /// Whether this is a string, number, boolean or null.
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
