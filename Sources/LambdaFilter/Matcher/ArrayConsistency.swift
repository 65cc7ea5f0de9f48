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
/// element index it sits in. Two trails agree when every array they share has the same index.
struct ArrayTrailStep: Sendable, Hashable {
    var array: Int32
    var index: Int32
}

enum ArrayConsistency {
    /// Whether two leaves may count toward one match.
    /// - Complexity: O(min(a, b)) in the trails' lengths.
    @inline(__always)
    static func compatible(_ lhs: ArraySlice<ArrayTrailStep>, _ rhs: ArraySlice<ArrayTrailStep>) -> Bool {
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

    /// Whether one leaf can be picked per group so that all picks are pairwise compatible.
    /// - Complexity: exponential in the number of groups at worst (backtracking); groups are the
    ///   fields of one conjunction whose matching leaves all sit inside arrays, usually 1 to 3.
    static func canChoose(_ groups: [[ArraySlice<ArrayTrailStep>]]) -> Bool {
        var chosen: [ArraySlice<ArrayTrailStep>] = []
        chosen.reserveCapacity(groups.count)
        func search(_ group: Int) -> Bool {
            if group == groups.count { return true }
            for candidate in groups[group] where chosen.allSatisfy({ compatible($0, candidate) }) {
                chosen.append(candidate)
                if search(group + 1) { return true }
                chosen.removeLast()
            }
            return false
        }
        return search(0)
    }
}
