import Testing

@testable import LambdaFilter

/// The trie's two representations (the dense table and the sparse edges it falls back to for
/// very large name sets) must walk every key to the same state.
@Suite("PathTrie: dense table and sparse edges agree")
struct PathTrieTests {
    static let names: [[UInt8]] = ["detail.state", "detail.status", "a.b.c", "a", "caf\u{E9}", "", "x.y"].map { Array($0.utf8) }

    struct Walk: Sendable, CustomStringConvertible {
        var keys: [String]
        /// The name the walk ends on, nil when it falls off the trie or ends between names.
        var named: String?
        var description: String { keys.joined(separator: " / ") }
    }

    static let walks: [Walk] = [
        Walk(keys: ["detail", "state"], named: "detail.state"),
        Walk(keys: ["detail", "status"], named: "detail.status"),
        Walk(keys: ["detail.state"], named: "detail.state"),
        Walk(keys: ["detail", "stat"], named: nil),
        Walk(keys: ["detail", "states"], named: nil),
        Walk(keys: ["a"], named: "a"),
        Walk(keys: ["a", "b", "c"], named: "a.b.c"),
        Walk(keys: ["a.b", "c"], named: "a.b.c"),
        Walk(keys: ["caf\u{E9}"], named: "caf\u{E9}"),
        Walk(keys: ["cafe"], named: nil),
        Walk(keys: [""], named: ""),
        Walk(keys: ["x", "y"], named: "x.y"),
        Walk(keys: ["x", "z"], named: nil),
        Walk(keys: ["\u{7F}"], named: nil),
        Walk(keys: ["detail", ""], named: nil),
    ]

    func end(of walk: Walk, in trie: PathTrie) -> Int32 {
        var state = PathTrie.root
        for (index, key) in walk.keys.enumerated() {
            let bytes = Array(key.utf8)
            state = bytes.withUnsafeBufferPointer { trie.enter(state, key: $0, atTop: index == 0) }
            if state == PathTrie.dead { return state }
        }
        return state
    }

    @Test(arguments: walks)
    func bothRepresentationsReachTheSameName(_ walk: Walk) {
        let dense = PathTrie(names: Self.names)
        let sparse = PathTrie(names: Self.names, denseLimit: 0)
        let denseEnd = end(of: walk, in: dense)
        let sparseEnd = end(of: walk, in: sparse)
        #expect(denseEnd == sparseEnd)
        let expected: Int32 = walk.named.flatMap { name in Self.names.firstIndex(of: Array(name.utf8)) }.map(Int32.init) ?? -1
        let reached = denseEnd == PathTrie.dead ? -1 : dense.pathID(denseEnd)
        #expect(reached == expected)
    }
}
