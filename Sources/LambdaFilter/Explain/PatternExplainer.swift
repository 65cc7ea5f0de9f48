/// Explains a verdict: evaluates a pattern against a record field by field, keeping every step.
///
/// ```
/// record ──walk──▶ leaves by dotted name ──▶ per conjunction, per field:
///     leaves at the path × alternatives ──▶ held? reason, hints
///     fields that held ──▶ one leaf each (or, for `exists: false`, none agreeing with the
///     others), all array-consistent? ──▶ conjunction held?
/// ```
/// It works on a parsed `JSONValue` with plain recursive code: the walk and the array rule are
/// its own, while each operator is decided by the compiled matcher's evaluation (`ValueCheck`),
/// so the two cannot drift apart on what an operator means (tests hold them to the same
/// verdicts). It is meant for one record at a time, at a terminal or in a test report, not for
/// throughput.
public enum PatternExplainer {
    /// Explains whether `pattern` matches `record`.
    /// - Complexity: O(n) to list the record's n leaves, then per field the leaves at its path
    ///   times its alternatives; the array-consistency search is exponential in the worst case
    ///   over the fields of one conjunction, as a brute-force check is.
    public static func explain(pattern: Pattern, record: JSONValue) -> Explanation {
        let names = Set(pattern.conjunctions.flatMap { $0.fields.map { Array($0.path.dottedName.utf8) } })
        let leaves = RecordLeaves(record, names: names)
        let conjunctions = pattern.conjunctions.map { explain($0, leaves: leaves, record: record) }
        return Explanation(matched: conjunctions.contains(where: \.held), conjunctions: conjunctions)
    }

    /// The parts of a record that explaining `patterns` reads, for
    /// `JSONParser.parseValue(utf8:keeping:)`: the values at the fields' names and their
    /// `.`-prefixes (the leaves, and the walk of the missing-field hints), the scalars one level
    /// below a field (the nested-value hints), and, as placeholders with their ancestors, the
    /// members whose key is one of the fields' key parts, case ignored (the case hints), or one
    /// of `alsoKeeping` (lowercased). An explanation of the record read so is the same as of the
    /// whole record.
    package static func recordParts(for patterns: [Pattern], alsoKeeping: Set<String> = []) -> JSONKeeping {
        let paths = patterns.flatMap { $0.conjunctions.flatMap { $0.fields.map(\.path) } }
        var keys = alsoKeeping
        for path in paths {
            for part in path.dottedName.split(separator: ".", omittingEmptySubsequences: false) { keys.insert(part.lowercased()) }
        }
        return JSONKeeping(names: Set(paths.map { Array($0.dottedName.utf8) }), keptKeys: keys)
    }

    static func explain(_ conjunction: Conjunction, leaves: RecordLeaves, record: JSONValue) -> ConjunctionExplanation {
        var fields: [FieldExplanation] = conjunction.fields.map { field in
            explain(field, leaves: leaves.byName[Array(field.path.dottedName.utf8)] ?? [], record: record)
        }
        // An `exists: false` field whose leaves all sit in object elements of arrays may still be
        // absent from the element the other fields are met in; the choice below decides.
        let absenceInElements = fields.indices.filter { fields[$0].mayBeAbsentFromAnElement(conjunction.fields[$0]) }
        guard fields.indices.allSatisfy({ fields[$0].held || absenceInElements.contains($0) }) else {
            return ConjunctionExplanation(held: false, fields: fields)
        }
        // Fields held by absence take no leaf; the others must each take one matching leaf, and
        // no two chosen leaves may sit in different elements of the same array.
        var choices: [LeafChoice] = []
        var involved: [FieldPath] = []
        for (index, field) in fields.enumerated() where !field.leaves.isEmpty {
            let indices = Set(field.alternatives.flatMap(\.matchingLeaves)).sorted()
            let absent = absenceInElements.contains(index) ? field.leaves : nil
            choices.append(LeafChoice(field: index, candidates: indices.map { field.leaves[$0] }, absentUnless: absent))
            involved.append(field.path)
        }
        var chosen: [ExplainedLeaf] = [], absent: [LeafChoice] = []
        if choose(choices, from: 0, chosen: &chosen, absent: &absent) {
            for index in absent.map(\.field) where !fields[index].held {
                fields[index].holdByAbsence(from: chosen, condition: conjunction.fields[index])
            }
            return ConjunctionExplanation(held: true, fields: fields)
        }
        // A conflict is worth naming only when every field held on its own.
        return ConjunctionExplanation(held: false, fields: fields, arrayConflict: fields.allSatisfy(\.held) ? involved : nil)
    }

    /// One field's options in the choice of leaves: a matching leaf, or (`absentUnless` set)
    /// being absent, which holds unless one of those leaves agrees with every chosen leaf.
    struct LeafChoice {
        var field: Int
        var candidates: [ExplainedLeaf]
        var absentUnless: [ExplainedLeaf]?
    }

    /// Backtracking search for one leaf per field (or its absence), pairwise consistent; on
    /// success `chosen` holds the leaves and `absent` the choices judged absent.
    static func choose(_ choices: [LeafChoice], from position: Int, chosen: inout [ExplainedLeaf], absent: inout [LeafChoice]) -> Bool {
        guard position < choices.count else {
            return absent.allSatisfy { choice in
                !(choice.absentUnless ?? []).contains { leaf in chosen.allSatisfy { consistent($0, leaf) } }
            }
        }
        let choice = choices[position]
        for leaf in choice.candidates where chosen.allSatisfy({ consistent($0, leaf) }) {
            chosen.append(leaf)
            if choose(choices, from: position + 1, chosen: &chosen, absent: &absent) { return true }
            chosen.removeLast()
        }
        if choice.absentUnless != nil {
            absent.append(choice)
            if choose(choices, from: position + 1, chosen: &chosen, absent: &absent) { return true }
            absent.removeLast()
        }
        return false
    }

    static func explain(_ field: FieldCondition, leaves: [ExplainedLeaf], record: JSONValue) -> FieldExplanation {
        let holding = ValueCheck.holding(field.alternatives, for: leaves.map(\.value))
        let results = zip(field.alternatives, holding).map { condition, matching in
            let heldByAbsence = condition == .exists(false) && leaves.isEmpty
            return AlternativeResult(condition: condition, matchingLeaves: matching, held: !matching.isEmpty || heldByAbsence)
        }
        let held = results.contains(where: \.held)
        let reason = Reasons.describe(field: field, leaves: leaves, results: results, held: held)
        let hints = held ? [] : NearMissHints.hints(for: field, leaves: leaves, record: record)
        return FieldExplanation(path: field.path, leaves: leaves, alternatives: results, held: held, reason: reason, hints: hints)
    }

    /// Two leaves can match together unless they lie in different object (or array) elements
    /// of one array.
    ///
    /// Their locations agree up to the first step where they part; they part inside one array
    /// exactly when that step is an index on both sides. A scalar that is itself an element of
    /// that array (its location ends there) belongs to no element's object and agrees with all.
    static func consistent(_ first: ExplainedLeaf, _ second: ExplainedLeaf) -> Bool {
        for (position, (a, b)) in zip(first.location, second.location).enumerated() where a != b {
            guard case .index = a, case .index = b else { return true }
            let scalarElement = position == first.location.count - 1 || position == second.location.count - 1
            return scalarElement
        }
        return true
    }
}

/// The leaves of a record at some names, grouped by the name AWS matches on (key segments joined with `.`).
struct RecordLeaves {
    /// Keyed by the name's bytes: AWS tells "é" and "e\u{301}" apart, Swift's `==` would not.
    var byName: [[UInt8]: [ExplainedLeaf]] = [:]

    /// Every dotted name the walk may go through: the wanted names and their `.`-prefixes.
    private let reachable: Set<[UInt8]>

    /// The leaves of `record` at the dotted `names` a pattern asks about. Other subtrees are
    /// not walked, so a huge record costs its matching leaves, not one entry per leaf.
    init(_ record: JSONValue, names: Set<[UInt8]>) {
        var reachable = names
        for name in names {
            for (index, byte) in name.enumerated() where byte == UInt8(ascii: ".") {
                reachable.insert(Array(name[..<index]))
            }
        }
        self.reachable = reachable
        walk(record, names: [], location: [])
    }

    private mutating func walk(_ value: JSONValue, names: [String], location: [JSONPathComponent]) {
        switch value {
        case .object(let members):
            for member in members {
                let inner = names + [member.key]
                guard reachable.contains(Array(inner.joined(separator: ".").utf8)) else { continue }
                walk(member.value, names: inner, location: location + [.key(member.key)])
            }
        case .array(let elements):
            // Array elements share the array's name; nested arrays flatten the same way.
            for (index, element) in elements.enumerated() {
                walk(element, names: names, location: location + [.index(index)])
            }
        default:
            // A scalar at the top is no field at all.
            guard !names.isEmpty else { return }
            byName[Array(names.joined(separator: ".").utf8), default: []].append(ExplainedLeaf(location: location, value: value))
        }
    }
}

/// The one-sentence reason of a field's outcome.
enum Reasons {
    static func describe(field: FieldCondition, leaves: [ExplainedLeaf], results: [AlternativeResult], held: Bool) -> String {
        let wanted = field.alternatives.map(\.summary).joined(separator: " or ")
        if leaves.isEmpty {
            return held ? "absent, as exists: false requires" : "missing, needs \(wanted)"
        }
        if held, let result = results.first(where: \.held), let index = result.matchingLeaves.first {
            let leaf = leaves[index]
            let place = leaves.count > 1 ? " at \(leaf.locationDescription)" : ""
            return "\(result.condition.summary) held: \(JSONWriter.write(leaf.value))\(place)"
        }
        let values = leaves.prefix(5).map { JSONWriter.write($0.value) }.joined(separator: ", ")
        let more = leaves.count > 5 ? " and \(leaves.count - 5) more" : ""
        if field.alternatives.count == 1 {
            return "\(wanted) failed: \(values)\(more)"
        }
        return "none of \(wanted) held: \(values)\(more)"
    }
}

extension FieldExplanation {
    /// Whether `exists: false` could hold for this field within one array element: the field
    /// allows it and every leaf sits in an object (or array) element of some array.
    func mayBeAbsentFromAnElement(_ condition: FieldCondition) -> Bool {
        condition.alternatives.contains(.exists(false)) && !leaves.isEmpty && leaves.allSatisfy(\.isInAnElement)
    }

    /// Marks the field as held by `exists: false` in the element the `chosen` leaves sit in.
    mutating func holdByAbsence(from chosen: [ExplainedLeaf], condition: FieldCondition) {
        held = true
        hints = []
        for index in alternatives.indices where alternatives[index].condition == .exists(false) {
            alternatives[index].held = true
        }
        let place = chosen.first.map { " of \($0.locationDescription)" } ?? ""
        let elsewhere = leaves.prefix(3).map { "\(JSONWriter.write($0.value)) at \($0.locationDescription)" }.joined(separator: ", ")
        reason = "exists: false held in the array element\(place); present only in other elements: \(elsewhere)"
    }
}

extension ExplainedLeaf {
    /// Whether the leaf sits inside an object or array that is an element of an array (a scalar
    /// that is itself an array element does not count: it is in no element's object).
    var isInAnElement: Bool {
        location.dropLast().contains { if case .index = $0 { return true } else { return false } }
    }
}
