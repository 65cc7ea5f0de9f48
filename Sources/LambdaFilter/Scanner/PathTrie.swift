/// A byte trie over the dotted names of every field the patterns name.
///
/// ```
///  root ─d─e─t─a─i─l─●─.─s─t─a─t─e─◉        ● a state reached after a whole key
///                                            ◉ a named field (a path id)
/// ```
/// The scanner walks it key by key: entering an object member consumes `.` (except at the top)
/// and then the key's bytes. AWS names fields by their keys joined with `.`, so `{"a.b": 1}`
/// and `{"a": {"b": 1}}` reach the same state, as they do on AWS. A member whose walk falls
/// off the trie is skipped without looking inside.
struct PathTrie: @unchecked Sendable {
    // Flat tables behind raw pointers: the scanner steps through them for every key byte, so
    // they avoid Array's bounds checks and retains. `storage` owns the memory; it is never
    // written after `init`, which is what makes sharing across threads safe.
    private let storage: Storage
    /// Per node: the first edge index and edge count.
    private let edgeStart: UnsafePointer<Int32>
    private let edgeCount: UnsafePointer<Int32>
    private let edgeBytes: UnsafePointer<UInt8>
    private let edgeTargets: UnsafePointer<Int32>
    /// Per node: the path id when the node ends a named field, else -1.
    private let pathIDs: UnsafePointer<Int32>
    /// Per node: the node after `.`, where the keys of a nested object's members start, or `dead`.
    private let memberStates: UnsafePointer<Int32>
    /// A dense transition table, `transitions[node * classCount + byteClass[byte]]`, when it is
    /// small enough (see `denseLimit`): one load a key byte instead of a search of the edges.
    /// Bytes that appear in no name share class 0, whose column is all `dead`.
    private let transitions: UnsafePointer<Int32>?
    private let byteClass: UnsafePointer<UInt8>
    private let classCount: Int

    /// The most entries the dense table may have (4 bytes each): far more than the field names
    /// of any realistic set of patterns need, so the sparse edges serve only pathological sets.
    static let denseLimit = 1 << 20

    static let root: Int32 = 0
    static let dead: Int32 = -1

    private final class Storage {
        let int32s: UnsafeMutableBufferPointer<Int32>
        let bytes: UnsafeMutableBufferPointer<UInt8>

        init(int32s: [Int32], bytes: [UInt8]) {
            self.int32s = .allocate(capacity: max(int32s.count, 1))
            _ = self.int32s.initialize(from: int32s)
            self.bytes = .allocate(capacity: max(bytes.count, 1))
            _ = self.bytes.initialize(from: bytes)
        }

        deinit {
            int32s.deallocate()
            bytes.deallocate()
        }
    }

    /// Builds the trie; names[i] gets path id i. `denseLimit` caps the dense table's entries
    /// (tests pass 0 to exercise the sparse edges).
    init(names: [[UInt8]], denseLimit: Int = PathTrie.denseLimit) {
        // Build with per-node dictionaries first, then flatten into sorted edge arrays.
        var children: [[UInt8: Int32]] = [[:]]
        var ids: [Int32] = [-1]
        for (pathID, name) in names.enumerated() {
            var node: Int32 = 0
            for byte in name {
                if let next = children[Int(node)][byte] {
                    node = next
                } else {
                    let next = Int32(children.count)
                    children.append([:])
                    ids.append(-1)
                    children[Int(node)][byte] = next
                    node = next
                }
            }
            ids[Int(node)] = Int32(pathID)
        }
        var starts: [Int32] = [], counts: [Int32] = [], bytes: [UInt8] = [], targets: [Int32] = []
        for node in children {
            starts.append(Int32(bytes.count))
            counts.append(Int32(node.count))
            for (byte, target) in node.sorted(by: { $0.key < $1.key }) {
                bytes.append(byte)
                targets.append(target)
            }
        }
        let members: [Int32] = children.map { $0[UInt8(ascii: ".")] ?? Self.dead }
        var classes = [UInt8](repeating: 0, count: 256)
        var classTotal = 1
        for byte in Set(bytes).sorted() where classTotal < 256 {
            classes[Int(byte)] = UInt8(classTotal)
            classTotal += 1
        }
        var dense: [Int32] = []
        let useDense = Set(bytes).count < 256 && children.count * classTotal <= denseLimit
        if useDense {
            dense = [Int32](repeating: Self.dead, count: children.count * classTotal)
            for (node, edges) in children.enumerated() {
                for (byte, target) in edges { dense[node * classTotal + Int(classes[Int(byte)])] = target }
            }
        }
        // One Int32 block: starts | counts | targets | ids | members | dense; one byte block:
        // edge bytes | byte classes.
        let storage = Storage(int32s: starts + counts + targets + ids + members + dense, bytes: bytes + classes)
        let base = UnsafePointer(storage.int32s.baseAddress!)
        self.storage = storage
        edgeStart = base
        edgeCount = base + starts.count
        edgeTargets = base + starts.count + counts.count
        pathIDs = base + starts.count + counts.count + targets.count
        memberStates = pathIDs + ids.count
        transitions = useDense ? memberStates + members.count : nil
        classCount = classTotal
        edgeBytes = UnsafePointer(storage.bytes.baseAddress!)
        byteClass = edgeBytes + bytes.count
    }

    /// The state after consuming `byte` from `state`, or `dead`.
    @inline(__always)
    func step(_ state: Int32, _ byte: UInt8) -> Int32 {
        if let transitions {
            return transitions[Int(state) &* classCount &+ Int(byteClass[Int(byte)])]
        }
        var index = Int(edgeStart[Int(state)])
        let end = index &+ Int(edgeCount[Int(state)])
        while index < end {
            let edge = edgeBytes[index]
            if edge == byte { return edgeTargets[index] }
            if edge > byte { return Self.dead }
            index &+= 1
        }
        return Self.dead
    }

    /// The state after entering member `key` of an object reached in `state`; `atTop` says
    /// whether that object is the document itself. (The state alone cannot tell: after an empty
    /// key, `{"": {"b": 1}}`, the walk is back at the root node, yet AWS names the field `.b`.)
    @inline(__always)
    func enter(_ state: Int32, key: UnsafeBufferPointer<UInt8>, atTop: Bool) -> Int32 {
        var current = atTop ? state : memberStates[Int(state)]
        guard current != Self.dead, var byte = key.baseAddress else { return current }
        let end = byte + key.count
        // Most keys leave the trie at their first byte; a raw pointer walk keeps that short.
        if let transitions {
            // The dense table, with its row width and byte classes read once per key.
            let classes = byteClass, width = classCount
            while byte < end {
                current = transitions[Int(current) &* width &+ Int(classes[Int(byte.pointee)])]
                if current == Self.dead { return Self.dead }
                byte += 1
            }
            return current
        }
        while byte < end {
            current = step(current, byte.pointee)
            if current == Self.dead { return Self.dead }
            byte += 1
        }
        return current
    }

    /// Whether anything can follow `state` (a nested member could still name a field).
    @inline(__always)
    func hasChildren(_ state: Int32) -> Bool {
        edgeCount[Int(state)] > 0
    }

    @inline(__always)
    func pathID(_ state: Int32) -> Int32 {
        pathIDs[Int(state)]
    }
}
