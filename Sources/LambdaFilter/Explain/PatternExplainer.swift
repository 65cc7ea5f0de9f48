/// Explains a verdict: evaluates a pattern against a record field by field, keeping every step.
///
/// ```
/// record ──walk──▶ leaves by dotted name ──▶ per conjunction, per field:
///     leaves at the path × alternatives ──▶ held? reason, hints
///     fields that held ──▶ one leaf each, all array-consistent? ──▶ conjunction held?
/// ```
/// It works on a parsed `JSONValue` with plain recursive code, independent of the compiled
/// `Matcher` (tests hold the two to the same verdicts). It is meant for one record at a time,
/// at a terminal or in a test report, not for throughput.
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

    static func explain(_ conjunction: Conjunction, leaves: RecordLeaves, record: JSONValue) -> ConjunctionExplanation {
        let fields = conjunction.fields.map { explain($0, leaves: leaves.byName[Array($0.path.dottedName.utf8)] ?? [], record: record) }
        guard fields.allSatisfy(\.held) else {
            return ConjunctionExplanation(held: false, fields: fields)
        }
        // Fields held by absence take no leaf; the others must each take one matching leaf, and
        // no two chosen leaves may sit in different elements of the same array.
        var candidates: [[ExplainedLeaf]] = []
        var involved: [FieldPath] = []
        for field in fields where !field.leaves.isEmpty {
            let indices = Set(field.alternatives.flatMap(\.matchingLeaves)).sorted()
            candidates.append(indices.map { field.leaves[$0] })
            involved.append(field.path)
        }
        if canChooseConsistently(candidates, chosen: []) {
            return ConjunctionExplanation(held: true, fields: fields)
        }
        return ConjunctionExplanation(held: false, fields: fields, arrayConflict: involved)
    }

    static func explain(_ field: FieldCondition, leaves: [ExplainedLeaf], record: JSONValue) -> FieldExplanation {
        let results = field.alternatives.map { condition in
            let matching = leaves.indices.filter { ValueCheck.holds(condition, for: leaves[$0].value) }
            let heldByAbsence = condition == .exists(false) && leaves.isEmpty
            return AlternativeResult(condition: condition, matchingLeaves: matching, held: !matching.isEmpty || heldByAbsence)
        }
        let held = results.contains(where: \.held)
        let reason = Reasons.describe(field: field, leaves: leaves, results: results, held: held)
        let hints = held ? [] : NearMissHints.hints(for: field, leaves: leaves, record: record)
        return FieldExplanation(path: field.path, leaves: leaves, alternatives: results, held: held, reason: reason, hints: hints)
    }

    /// Backtracking search for one leaf per field, pairwise consistent.
    static func canChooseConsistently(_ candidates: [[ExplainedLeaf]], chosen: [ExplainedLeaf]) -> Bool {
        guard let first = candidates.first else { return true }
        for leaf in first where chosen.allSatisfy({ consistent($0, leaf) }) {
            if canChooseConsistently(Array(candidates.dropFirst()), chosen: chosen + [leaf]) { return true }
        }
        return false
    }

    /// Two leaves can match together unless they lie in different elements of one array.
    ///
    /// Their locations agree up to the first step where they part; they part inside one array
    /// exactly when that step is an index on both sides.
    static func consistent(_ first: ExplainedLeaf, _ second: ExplainedLeaf) -> Bool {
        for (a, b) in zip(first.location, second.location) where a != b {
            if case .index = a, case .index = b { return false }
            return true
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
