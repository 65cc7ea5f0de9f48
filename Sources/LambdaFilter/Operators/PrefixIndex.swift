/// Many plain prefixes of one field, found without comparing a value against each of them.
///
/// The prefixes are grouped by length: at each length some prefix has, the value's leading bytes
/// of that length are looked up in one hash map. So a value costs one probe per distinct prefix
/// length, however many prefixes there are: 100 order-id prefixes of one length are one probe
/// instead of 100 comparisons.
///
/// A prefix given for several entries maps to all of them, so every entry is reported.
struct PrefixIndex: Sendable {
    /// The distinct prefix lengths, ascending.
    private let lengths: [Int]
    private let entriesByPrefix: ByteStringMap

    /// Indexes `prefixes[i]`, reported as `entries[i]`.
    init(prefixes: [[UInt8]], entries: [Int32]) {
        precondition(prefixes.count == entries.count, "one entry per prefix")
        var map = ByteStringMap(capacity: prefixes.count)
        for (prefix, entry) in zip(prefixes, entries) { map.append(entry, for: prefix) }
        lengths = Set(prefixes.map(\.count)).sorted()
        entriesByPrefix = map
    }

    /// Calls `report` with the entry of every prefix `value` starts with.
    /// - Complexity: O(the distinct lengths × their size + the prefixes that match), expected.
    @inline(__always)
    func forEachPrefix(of value: UnsafeBufferPointer<UInt8>, _ report: (Int32) -> Void) {
        for length in lengths {
            if length > value.count { return }
            // The map's lookup is a call (as for exact strings): inlining a probe per length
            // here grew the scan's hot function until the compiler stopped inlining even
            // `Array.count` in it (measured).
            if let entries = entriesByPrefix.values(for: UnsafeBufferPointer(rebasing: value[0..<length])) {
                for entry in entries { report(entry) }
            }
        }
    }
}
