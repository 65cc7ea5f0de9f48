/// Many plain prefixes of one field, found without comparing a value against each of them.
///
/// The prefixes are grouped by length: a value's leading bytes are hashed once, and at each
/// length some prefix has, the hash so far is looked up. So a value costs one pass over its first
/// bytes (up to the longest prefix) and one probe per distinct length, however many prefixes
/// there are: 100 order-id prefixes of one length are one probe instead of 100 comparisons.
///
/// A prefix given for several entries is stored once per entry, so every entry is reported.
struct PrefixIndex: Sendable {
    /// The distinct prefix lengths, ascending.
    private let lengths: [Int]
    /// Open addressing: an index into `keys`, or -1 for an empty slot.
    private let slots: [Int32]
    private let keys: [Key]
    private let keyBytes: [UInt8]
    private let mask: Int

    private struct Key: Sendable {
        var hash: UInt64
        var start: Int32
        var count: Int32
        var entry: Int32
    }

    /// Indexes `prefixes[i]`, reported as `entries[i]`.
    init(prefixes: [[UInt8]], entries: [Int32]) {
        precondition(prefixes.count == entries.count, "one entry per prefix")
        var size = 8
        while size < prefixes.count * 2 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        var keys: [Key] = []
        var keyBytes: [UInt8] = []
        var lengths = Set<Int>()
        for (prefix, entry) in zip(prefixes, entries) {
            let hash = Self.hash(prefix)
            var slot = Self.slot(of: hash, mask: size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(keys.count)
            keys.append(Key(hash: hash, start: Int32(keyBytes.count), count: Int32(prefix.count), entry: entry))
            keyBytes += prefix
            lengths.insert(prefix.count)
        }
        self.lengths = lengths.sorted()
        self.slots = slots
        self.keys = keys
        self.keyBytes = keyBytes
        self.mask = size - 1
    }

    /// Calls `report` with the entry of every prefix `value` starts with.
    /// - Complexity: O(the longest prefix + the prefixes that match + the distinct lengths), expected.
    @inline(__always)
    func forEachPrefix(of value: UnsafeBufferPointer<UInt8>, _ report: (Int32) -> Void) {
        var hash = Self.basis
        var hashed = 0
        for length in lengths {
            if length > value.count { return }
            while hashed < length {
                hash = Self.step(hash, value[hashed])
                hashed &+= 1
            }
            probe(hash, value, length, report)
        }
    }

    @inline(__always)
    private func probe(_ hash: UInt64, _ value: UnsafeBufferPointer<UInt8>, _ length: Int, _ report: (Int32) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                var slot = Self.slot(of: hash, mask: mask)
                while true {
                    let index = Int(slots[slot])
                    if index < 0 { return }
                    let key = keys[index]
                    // Equal prefixes of several entries sit in one probe chain: report them all.
                    if key.hash == hash && Int(key.count) == length && matches(key, value) { report(key.entry) }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private func matches(_ key: Key, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        key.count == 0
            || keyBytes.withUnsafeBufferPointer { stored in
                ByteComparison.memoryEqual(stored.baseAddress! + Int(key.start), value.baseAddress!, Int(key.count))
            }
    }

    private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a, one byte at a time, so the hash of every leading run comes on the way.
    @inline(__always)
    private static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(basis, step)
    }

    /// FNV-1a's low bits are weak for short keys; fold the high bits in before masking.
    @inline(__always)
    private static func slot(of hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash &>> 29) ^ (hash &>> 47)) & mask
    }
}
