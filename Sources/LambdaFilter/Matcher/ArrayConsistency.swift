/// Where a leaf sits among the arrays of its record, and when two leaves may match together.
///
/// AWS refuses a match in which two fields sit in objects that are different elements of the
/// same array (event-ruler's `rulesForJSONEvent`, its `ArrayMembership`):
/// ```
/// {"hypotheses": [{"isBluePrint": true,  "creator": "A123"},     pattern {isBluePrint: [false],
///                 {"isBluePrint": false, "creator": "A234"}]}              creator: ["A123"]}
///                                                                → no match: elements 0 and 1
/// ```
/// A leaf's trail lists, outermost first, each enclosing array (numbered in scan order) and the
/// index of the element it sits in, for the elements that are objects or arrays: a scalar
/// element of an array is in no element's object, so that array is not on its trail
/// (`{"ip": [1, {"n1": "x"}]}`: `ip` = 1 goes with `ip.n1` = "x"). Two trails agree when every
/// array they share has the same index.
///
/// `exists: false` is judged the same way: a field is absent for a choice of leaves when none of
/// its leaves agrees with all of them, so in `{"x": [{"a": 1}, {"c": 0}]}` the element that has
/// `x.a` = 1 has no `x.c`.
struct ArrayTrailStep: Sendable, Hashable {
    var array: Int32
    var index: Int32
}

enum ArrayConsistency {
    typealias Trail = ArraySlice<ArrayTrailStep>

    /// Whether two leaves may count toward one match.
    /// - Complexity: O(min(a, b)) in the trails' lengths.
    @inline(__always)
    static func compatible(_ lhs: Trail, _ rhs: Trail) -> Bool {
        var left = lhs.startIndex, right = rhs.startIndex
        while left < lhs.endIndex && right < rhs.endIndex {
            let a = lhs[left], b = rhs[right]
            // The arrays on the two root-to-leaf paths coincide until the paths part.
            if a.array != b.array { return true }
            if a.index != b.index { return false }
            left += 1
            right += 1
        }
        return true
    }

    /// One field of a conjunction to choose a leaf for.
    struct Choice {
        /// Trails of the leaves that satisfy the field's conditions.
        var candidates: [Trail]
        /// For a field that `exists: false` also satisfies: the trails of all its leaves, any of
        /// which makes it present when it agrees with every chosen leaf. `nil` otherwise.
        var absentUnless: [Trail]?
    }

    /// Whether each field can take a leaf, or be absent where it allows that, so that the chosen
    /// leaves are pairwise compatible and no leaf of an absent field is compatible with them all.
    /// - Complexity: exponential in the number of fields at worst (backtracking); the fields are
    ///   those of one conjunction whose leaves all sit inside arrays, usually 1 to 3.
    static func canChoose(_ choices: [Choice]) -> Bool {
        var chosen: [Trail] = []
        var absent: [Int] = []
        chosen.reserveCapacity(choices.count)
        func absencesHold() -> Bool {
            absent.allSatisfy { field in
                !(choices[field].absentUnless ?? []).contains { leaf in chosen.allSatisfy { compatible($0, leaf) } }
            }
        }
        func search(_ field: Int) -> Bool {
            if field == choices.count { return absencesHold() }
            for candidate in choices[field].candidates where chosen.allSatisfy({ compatible($0, candidate) }) {
                chosen.append(candidate)
                if search(field + 1) { return true }
                chosen.removeLast()
            }
            if choices[field].absentUnless != nil {
                absent.append(field)
                if search(field + 1) { return true }
                absent.removeLast()
            }
            return false
        }
        return search(0)
    }
}
