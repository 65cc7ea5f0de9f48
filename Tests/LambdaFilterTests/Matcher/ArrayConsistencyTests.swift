import Testing

@testable import LambdaFilter

/// `ArrayConsistency` on hand-made trails: which leaves may match together, and when a field
/// allowed to be absent is absent from the chosen element.
@Suite("Array consistency")
struct ArrayConsistencyTests {
    /// A trail from (array, index) pairs, outermost first.
    static func trail(_ steps: [(Int32, Int32)]) -> ArrayConsistency.Trail {
        steps.map { ArrayTrailStep(array: $0.0, index: $0.1) }[...]
    }

    @Test func trailsAgreeUnlessTheyPartInsideOneArray() {
        #expect(ArrayConsistency.compatible(Self.trail([(0, 0)]), Self.trail([(0, 0)])))
        #expect(!ArrayConsistency.compatible(Self.trail([(0, 0)]), Self.trail([(0, 1)])))
        // Different arrays below a shared element, or no array at all: compatible.
        #expect(ArrayConsistency.compatible(Self.trail([(0, 0), (1, 0)]), Self.trail([(0, 0), (2, 3)])))
        #expect(ArrayConsistency.compatible(Self.trail([]), Self.trail([(0, 1)])))
        #expect(!ArrayConsistency.compatible(Self.trail([(0, 0), (1, 0)]), Self.trail([(0, 1), (2, 0)])))
    }

    @Test func choosesOneLeafPerFieldInOneElement() {
        let a = ArrayConsistency.Choice(candidates: [Self.trail([(0, 0)]), Self.trail([(0, 1)])], absentUnless: nil)
        let b = ArrayConsistency.Choice(candidates: [Self.trail([(0, 1)])], absentUnless: nil)
        let c = ArrayConsistency.Choice(candidates: [Self.trail([(0, 2)])], absentUnless: nil)
        #expect(ArrayConsistency.canChoose([a, b]))
        #expect(!ArrayConsistency.canChoose([b, c]))
        #expect(ArrayConsistency.canChoose([]))
    }

    @Test func anAbsentFieldMayHaveLeavesOnlyInOtherElements() {
        let sibling = ArrayConsistency.Choice(candidates: [Self.trail([(0, 0)])], absentUnless: nil)
        let elsewhere = ArrayConsistency.Choice(candidates: [], absentUnless: [Self.trail([(0, 1)])])
        let alongside = ArrayConsistency.Choice(candidates: [], absentUnless: [Self.trail([(0, 0)])])
        #expect(ArrayConsistency.canChoose([sibling, elsewhere]))
        #expect(ArrayConsistency.canChoose([elsewhere, sibling]))
        #expect(!ArrayConsistency.canChoose([sibling, alongside]))
        // With no sibling to fix an element, any leaf makes the field present.
        #expect(!ArrayConsistency.canChoose([elsewhere]))
        // A field that may take a leaf or be absent: either way works.
        let either = ArrayConsistency.Choice(candidates: [Self.trail([(0, 1)])], absentUnless: [Self.trail([(0, 1)])])
        #expect(ArrayConsistency.canChoose([sibling, either]))
    }
}
