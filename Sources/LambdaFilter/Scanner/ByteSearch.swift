/// Byte searches a block at a time, standard library only: sixteen bytes per step as a
/// `SIMD16<UInt8>` (one vector register on x86-64 and arm64), then eight as a `UInt64` word
/// (SWAR), then single bytes at the end of the text.
///
/// ```
/// "status":"PAID","channel":"pos"
///  └─16 lanes at once──┘               first flagged lane: the closing quote of "status"
/// ```
/// Each mask has the high bit of a lane set where the lane matches. In a vector the lanes are
/// independent, so every mask is exact; in a word, `firstEqual` lets a borrow flag lanes above a
/// true one, so only the lowest flagged lane is meaningful, which is all a "find the first"
/// search needs. (Vector comparisons such as `.==` are avoided: the compiler turns them into a
/// loop over the lanes, while wrapping arithmetic and bit operations stay single instructions.)
enum ByteSearch {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    typealias Block = SIMD16<UInt8>

    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    @inline(__always)
    static func loadBlock(_ base: UnsafePointer<UInt8>, _ offset: Int) -> Block {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Block.self)
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

    // MARK: Vector masks (every flagged lane exact)

    /// Lanes equal to `byte` (high bit of the lane; the other bits are noise).
    @inline(__always)
    static func equal(_ block: Block, _ byte: UInt8) -> Block {
        let x = block ^ Block(repeating: byte)
        return (x &- Block(repeating: 1)) & ~x
    }

    /// `stringStops` for sixteen lanes.
    @inline(__always)
    static func stringStops(_ block: Block) -> Block {
        equal(block, UInt8(ascii: "\"")) | equal(block, UInt8(ascii: "\\")) | ((block &- Block(repeating: 0x20)) & ~block)
    }

    /// `structural` for sixteen lanes.
    @inline(__always)
    static func structural(_ block: Block) -> Block {
        let folded = block | Block(repeating: 0x20)
        return equal(block, UInt8(ascii: "\"")) | equal(folded, UInt8(ascii: "{")) | equal(folded, UInt8(ascii: "}"))
    }

    /// The index of the first lane whose high bit is set, or nil.
    @inline(__always)
    static func firstFlaggedLane(_ mask: Block) -> Int? {
        let (low, high) = halves(mask)
        if low | high == 0 { return nil }
        return low != 0 ? firstLane(low) : 8 &+ firstLane(high)
    }

    /// The lanes of `block` that a container skip must look at (high bit of the lane; the other
    /// bits are noise): a quote, a bracket, a backslash, or a byte below 0x20. (Outside strings
    /// the last two are passed over; inside, a backslash escapes the next byte and a control byte
    /// is an error.) `|` is flagged too, which the skip passes over: with bit 0x20 set, `[` `\\`
    /// `]` and `{` `|` `}` are the three bytes 0x7B to 0x7D, so one range test covers all five.
    @inline(__always)
    static func containerStopLanes(_ block: Block) -> Block {
        let fromOpen = (block | Block(repeating: 0x20)) &- Block(repeating: UInt8(ascii: "{"))
        let bracketsAndBackslash = (fromOpen &- Block(repeating: 3)) & ~fromOpen  // fromOpen < 3
        let controls = (block &- Block(repeating: 0x20)) & ~block  // block < 0x20
        return equal(block, UInt8(ascii: "\"")) | bracketsAndBackslash | controls
    }

    /// `containerStopLanes` as one bit per lane (bit i: lane i).
    @inline(__always)
    static func containerStops(_ block: Block) -> UInt32 {
        packedHighBits(halves(containerStopLanes(block)))
    }

    /// The high bits of a mask's lanes as two words, lanes 0 to 7 in the low bytes of the first.
    @inline(__always)
    static func halves(_ mask: Block) -> (low: UInt64, high: UInt64) {
        let words = unsafeBitCast(mask & Block(repeating: 0x80), to: SIMD2<UInt64>.self)
        // Lane 0 is the lowest address: the low byte of each word once read as little-endian.
        return (UInt64(littleEndian: words[0]), UInt64(littleEndian: words[1]))
    }

    /// The high bit of each lane packed into bit i for lane i. A multiply gathers the eight high
    /// bits of each half: every lane's bit lands on a distinct position, so nothing carries.
    @inline(__always)
    static func packedHighBits(_ halves: (low: UInt64, high: UInt64)) -> UInt32 {
        let gather: UInt64 = 0x0002_0408_1020_4081
        return UInt32(truncatingIfNeeded: (halves.low &* gather) &>> 56 | ((halves.high &* gather) &>> 48) & 0xFF00)
    }

    /// `containerStops` one byte at a time, for the last bytes of a text (fewer than sixteen).
    @inline(__always)
    static func isContainerStop(_ byte: UInt8) -> Bool {
        isStructural(byte) || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    // MARK: Searches

    /// The offset of the first `"`, `\` or byte below 0x20 at or after `from`, or `count`.
    @inline(__always)
    static func firstStringStop(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int) -> Int {
        var position = from
        while position &+ 16 <= count {
            if let lane = firstFlaggedLane(stringStops(loadBlock(base, position))) { return position &+ lane }
            position &+= 16
        }
        if position &+ 8 <= count {
            let stops = stringStops(load(base, position))
            if stops != 0 { return position &+ firstLane(stops) }
            position &+= 8
        }
        while position < count {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return position }
            position &+= 1
        }
        return count
    }

    /// `firstStringStop` that also stops at every byte of 0x80 and above (the start of a
    /// multi-byte UTF-8 sequence, which a validator must check).
    @inline(__always)
    static func firstStrictStringStop(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int) -> Int {
        var position = from
        while position &+ 16 <= count {
            let block = loadBlock(base, position)
            if let lane = firstFlaggedLane(stringStops(block) | block) { return position &+ lane }
            position &+= 16
        }
        if position &+ 8 <= count {
            let word = load(base, position)
            let stops = stringStops(word) | (word & highBits)
            if stops != 0 { return position &+ firstLane(stops) }
            position &+= 8
        }
        while position < count {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return position }
            position &+= 1
        }
        return count
    }

    /// The offset of the first quote or bracket at or after `from`, or `count`.
    @inline(__always)
    static func firstStructural(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int) -> Int {
        var position = from
        while position &+ 16 <= count {
            if let lane = firstFlaggedLane(structural(loadBlock(base, position))) { return position &+ lane }
            position &+= 16
        }
        if position &+ 8 <= count {
            let hits = structural(load(base, position))
            if hits != 0 { return position &+ firstLane(hits) }
            position &+= 8
        }
        while position < count {
            if isStructural(base[position]) { return position }
            position &+= 1
        }
        return count
    }

    /// A quote or one of the four brackets (`[`/`{` and `]`/`}` differ only in bit 0x20).
    @inline(__always)
    static func isStructural(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || (byte | 0x20) == UInt8(ascii: "{") || (byte | 0x20) == UInt8(ascii: "}")
    }
}
