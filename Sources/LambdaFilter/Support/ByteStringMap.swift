/// An immutable hash map from byte strings to small integer lists, looked up by a byte range.
///
/// The scanner looks values up straight from the record's bytes, so the map never needs a
/// `String` or an `Array` key on the hot path. Keys live in one flat buffer; open addressing
/// with linear probing keeps lookups to a hash and (usually) one comparison.
struct ByteStringMap: Sendable {
    private var slots: [Int32]  // index into `entries`, -1 when empty
    private var entries: [Entry] = []
    private var keyBytes: [UInt8] = []
    private var mask: Int

    struct Entry: Sendable {
        var hash: UInt64
        var keyStart: Int32
        var keyLength: Int32
        var values: [Int32]
    }

    init(capacity: Int = 0) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Adds `value` to the list of `key`.
    mutating func append(_ value: Int32, for key: [UInt8]) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if entries[index].hash == hash
                && key.elementsEqual(keyBytes[Int(entries[index].keyStart)..<Int(entries[index].keyStart + entries[index].keyLength)])
            {
                entries[index].values.append(value)
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, keyStart: Int32(keyBytes.count), keyLength: Int32(key.count), values: [value]))
        keyBytes.append(contentsOf: key)
    }

    /// The values stored for the bytes `key`, or nil.
    /// - Complexity: O(n) in the key's length, expected.
    func values(for key: UnsafeBufferPointer<UInt8>) -> [Int32]? {
        if entries.isEmpty { return nil }
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            let entry = entries[index]
            if entry.hash == hash && Int(entry.keyLength) == key.count {
                let equal = keyBytes.withUnsafeBufferPointer { stored in
                    key.isEmpty || ByteComparison.memoryEqual(stored.baseAddress! + Int(entry.keyStart), key.baseAddress!, key.count)
                }
                if equal { return entry.values }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = entries
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (index, entry) in old.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// FNV-1a, 64-bit: simple, and good enough for the short keys patterns hold.
    @inline(__always)
    static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
