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

    /// Lanes equal to `byte`, cheaply: only the lowest flagged lane is exact (a borrow can flag
    /// lanes above a true one), which is all a "find the first" search needs, also after OR-ing
    /// several such masks together.
    @inline(__always)
    static func firstEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x
    }

    /// The first lane that ends or escapes a string, or must not appear in one: `"`, `\`, or a
    /// byte below 0x20. Only the lowest flagged lane is meaningful.
    @inline(__always)
    static func stringStops(_ word: UInt64) -> UInt64 {
        (firstEqual(word, UInt8(ascii: "\"")) | firstEqual(word, UInt8(ascii: "\\")) | ((word &- ones &* 0x20) & ~word)) & highBits
    }

    /// The first lane that matters when skipping a container: a quote or one of the four
    /// brackets. `[`/`{` and `]`/`}` differ only in bit 0x20, so two comparisons cover all four.
    /// Only the lowest flagged lane is meaningful.
    @inline(__always)
    static func structural(_ word: UInt64) -> UInt64 {
        let folded = word | (ones &* 0x20)
        return (firstEqual(word, UInt8(ascii: "\"")) | firstEqual(folded, UInt8(ascii: "{")) | firstEqual(folded, UInt8(ascii: "}")))
            & highBits
    }

    /// Whether all eight lanes hold bytes of numbers and separators (`+ , - . /` and digits,
    /// 0x2B...0x39), none of which is structural: arrays of numbers are skipped a word a step
    /// at about half the cost of `structural`.
    @inline(__always)
    static func allNumberBytes(_ word: UInt64) -> Bool {
        let belowPlus = (word &- ones &* 0x2B) & ~word & highBits  // exact "none" test (see lessThan)
        let aboveNine = ((word &+ ones &* 0x46) | word) & highBits  // lanes >= 0x3A; no carries below 0x80
        return belowPlus | aboveNine == 0
    }
}
