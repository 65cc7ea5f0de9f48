/// Word-at-a-time byte searches (SWAR): eight bytes per step, standard library only.
///
/// Each mask has the high bit of a byte lane set where the lane matches. For `equal` the
/// lanes are exact; for `lessThan` the lowest flagged lane is exact (a borrow can only flag a
/// lane above a true one), which is all a "find the first" search needs.
enum ByteSearch {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// Lanes equal to `byte`.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lowBits) &+ lowBits) | x | lowBits)
    }

    /// Lanes below `byte` (which must be at most 0x80).
    @inline(__always)
    static func lessThan(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        (word &- ones &* UInt64(byte)) & ~word & highBits
    }

    /// The lane index of the lowest flagged lane of a non-zero mask.
    @inline(__always)
    static func firstLane(_ mask: UInt64) -> Int {
        mask.trailingZeroBitCount &>> 3
    }

    /// Lanes that end or escape a string, or must not appear in one: `"`, `\`, bytes < 0x20.
    @inline(__always)
    static func stringStops(_ word: UInt64) -> UInt64 {
        equal(word, UInt8(ascii: "\"")) | equal(word, UInt8(ascii: "\\")) | lessThan(word, 0x20)
    }

    /// Lanes that matter when skipping a container: quotes and the four brackets.
    /// `[`/`{` and `]`/`}` differ only in bit 0x20, so two comparisons cover all four.
    @inline(__always)
    static func structural(_ word: UInt64) -> UInt64 {
        let folded = word | (ones &* 0x20)
        return equal(word, UInt8(ascii: "\"")) | equal(folded, UInt8(ascii: "{")) | equal(folded, UInt8(ascii: "}"))
    }
}
