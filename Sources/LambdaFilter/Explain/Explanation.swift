/// Why a pattern matched a record or not, conjunction by conjunction and field by field.
///
/// Built by `PatternExplainer.explain(pattern:record:)`. The verdict (`matched`) is the same as
/// the compiled `Matcher`'s; the rest is for people: which leaves the record has at each path,
/// which condition held on which leaf, and hints for near misses.
public struct Explanation: Sendable, Hashable {
    /// Whether the pattern matches the record (some conjunction holds).
    public var matched: Bool
    /// One entry per conjunction of the pattern (`$or` expanded), in the pattern's order.
    public var conjunctions: [ConjunctionExplanation]

    package init(matched: Bool, conjunctions: [ConjunctionExplanation]) {
        self.matched = matched
        self.conjunctions = conjunctions
    }
}

/// The outcome of one conjunction: every field must hold, on leaves that are array-consistent.
public struct ConjunctionExplanation: Sendable, Hashable {
    /// Whether every field holds and a consistent choice of leaves exists.
    public var held: Bool
    /// One entry per field condition of the conjunction, in the pattern's order.
    public var fields: [FieldExplanation]
    /// Set when every field holds on its own but only on leaves from different elements of one
    /// array, which AWS does not accept: the paths of the fields that could not be reconciled.
    public var arrayConflict: [FieldPath]?

    package init(held: Bool, fields: [FieldExplanation], arrayConflict: [FieldPath]? = nil) {
        self.held = held
        self.fields = fields
        self.arrayConflict = arrayConflict
    }
}

/// The outcome of one field condition.
public struct FieldExplanation: Sendable, Hashable {
    /// The field the condition is about.
    public var path: FieldPath
    /// Every leaf of the record at this path (array elements are separate leaves).
    public var leaves: [ExplainedLeaf]
    /// One result per alternative of the field's leaf array, in the pattern's order.
    public var alternatives: [AlternativeResult]
    /// Whether some alternative holds (on a leaf, or by the field's absence for `exists: false`).
    public var held: Bool
    /// One sentence: `numeric [">", 100] failed: 99.5`, `missing, needs exists: true`...
    public var reason: String
    /// Near-miss hints: what in the record looks like what the pattern wanted.
    public var hints: [String]

    package init(path: FieldPath, leaves: [ExplainedLeaf], alternatives: [AlternativeResult], held: Bool, reason: String, hints: [String]) {
        self.path = path
        self.leaves = leaves
        self.alternatives = alternatives
        self.held = held
        self.reason = reason
        self.hints = hints
    }
}

/// One leaf value of the record, with its exact place.
public struct ExplainedLeaf: Sendable, Hashable {
    /// Where the value stands, with array indices: `$.items[2].sku`.
    public var location: [JSONPathComponent]
    /// The leaf's value: a string, number, boolean or null (objects and arrays are walked into).
    public var value: JSONValue

    package init(location: [JSONPathComponent], value: JSONValue) {
        self.location = location
        self.value = value
    }

    /// The location rendered as `$.items[2].sku`.
    public var locationDescription: String { JSONPathFormatter.format(location) }
}

/// How one alternative of a field's leaf array fared.
public struct AlternativeResult: Sendable, Hashable {
    /// The alternative, as the pattern states it.
    public var condition: Condition
    /// Indices into the field's `leaves` of the leaves this condition holds for.
    public var matchingLeaves: [Int]
    /// Whether it holds: on some leaf, or (for `exists: false`) because the field is absent.
    public var held: Bool

    package init(condition: Condition, matchingLeaves: [Int], held: Bool) {
        self.condition = condition
        self.matchingLeaves = matchingLeaves
        self.held = held
    }
}
