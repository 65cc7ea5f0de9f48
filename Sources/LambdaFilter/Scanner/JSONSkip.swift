/// The skips every pass over a record makes, shared by the scanner (`RecordScanner`), its strict
/// mode and the strict cursor: past whitespace, to the end of a string, and to the end of an
/// object or array following only its strings and brackets.
///
/// ```
/// {"pk":{"S":"USER#97196"},"n":[1,2,[3]]}
/// ^      └──string──┘        └brackets┘   ^ containerEnd: just past the matching `}`
/// ```
/// Both are static functions over a base pointer and a local offset, so callers' loops keep
/// the cursor in a register, and both search sixteen bytes a step (`ByteSearch`).
enum JSONSkip {
    /// Why `containerEnd` stopped short; the caller turns it into its own located error.
    enum Failure: Error {
        /// The text ended inside the container (`offset`: the end).
        case truncated(offset: Int)
        /// A bracket at `offset` opened more than the allowed levels.
        case tooDeep(offset: Int)
        /// A closing bracket at `offset` does not match the kind of the open one
        /// (`openedObject`: the open one is `{`).
        case mismatched(offset: Int, openedObject: Bool)
        /// A string inside is malformed.
        case string(JSONSyntaxError)
    }

    /// The offset of the first byte at or after `from` that is not JSON whitespace, or `count`.
    @inline(__always)
    static func afterWhitespace(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int) -> Int {
        var position = from
        while position < count {
            let byte = base[position]
            // Every whitespace byte is at most 0x20: one comparison settles dense JSON.
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return position }
            position &+= 1
        }
        return count
    }

    /// The offset just past the closing quote of the string opened at `open`, searching from
    /// `from` (inside the string, not inside an escape), and whether an escape was met.
    @inline(__always)
    static func stringEnd(
        _ base: UnsafePointer<UInt8>, _ count: Int, from: Int, open: Int
    ) throws(JSONSyntaxError) -> (end: Int, escaped: Bool) {
        var escaped = false
        var position = from
        while true {
            position = ByteSearch.firstStringStop(base, count, from: position)
            guard position < count else { break }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") { return (position &+ 1, escaped) }
            guard byte == UInt8(ascii: "\\") else {
                throw JSONSyntaxError(offset: position, reason: "raw control character in string")
            }
            escaped = true
            position &+= 2
        }
        throw JSONSyntaxError(offset: open, reason: "unterminated string")
    }

    /// The offset just past the object or array whose opening bracket is at `start`, matching
    /// brackets by kind; at most `levelLimit` levels may open (the outer one included).
    ///
    /// The common container (valid, at most 64 levels) takes `blockContainerEnd`; anything else,
    /// an error included, is done again by `containerEndByStops` from the start, so every answer
    /// and every error is the one that byte-exact walk gives.
    @inline(__always)
    static func containerEnd(
        _ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, levelLimit: Int, spill: inout [Bool]
    ) throws(Failure) -> Int {
        if let end = blockContainerEnd(base, count, from: start, levelLimit: levelLimit) { return end }
        return try containerEndByStops(base, count, from: start, levelLimit: levelLimit, spill: &spill)
    }

    /// The end of an object of one member whose key is one byte and whose value is a string
    /// without escapes, as DynamoDB's typed attributes (`{"S":"USER#97196"}`, `{"N":"574"}`),
    /// or nil for any other container (the caller then runs the block skip).
    ///
    /// ```
    /// {"S":"USER#97196"}
    /// └head┘└─search─┘└ `"}`: the end
    /// ```
    /// One word compare for the head and one sixteen-byte search for the value, where the block
    /// skip sets up and packs a whole block for these few bytes. The bytes it accepts are a valid
    /// object that the byte walk crosses in the same way, so its end is that walk's.
    @inline(__always)
    static func typedAttributeEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, levelLimit: Int) -> Int? {
        guard levelLimit >= 1, start &+ 8 <= count, hasTypedAttributeHead(ByteSearch.load(base, start)) else { return nil }
        let key = base[start &+ 2]
        guard key >= 0x20, key != UInt8(ascii: "\""), key != UInt8(ascii: "\\") else { return nil }
        let close = ByteSearch.firstStringStop(base, count, from: start &+ 6)
        guard close &+ 1 < count, base[close] == UInt8(ascii: "\""), base[close &+ 1] == UInt8(ascii: "}") else { return nil }
        return close &+ 2
    }

    /// The end of an object of typed attributes, as DynamoDB's images
    /// (`{"pk":{"S":"USER#97196"},"n":{"N":"574"}}`), crossed member by member, or nil for any
    /// other container (the caller then runs the block skip).
    ///
    /// ```
    /// {"pk":{"S":"USER#97196"},"sk":{"S":"…"}}
    ///  └key┘└typedAttributeEnd┘ └key┘└──────┘└ `}`: the end
    /// ```
    /// A member costs a key search, a word compare and a value search, where the block skip packs
    /// about a block of masks per member. The bytes it accepts are a valid object (plain keys, no
    /// whitespace) that the byte walk crosses in the same way, so its end is that walk's.
    @inline(__always)
    static func typedImageEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, levelLimit: Int) -> Int? {
        // The image and its attributes take two levels.
        guard levelLimit >= 2, start &+ 1 < count, base[start] == UInt8(ascii: "{"), base[start &+ 1] == UInt8(ascii: "\"") else {
            return nil
        }
        var member = start &+ 1  // the opening quote of a member's key
        while true {
            let keyEnd = ByteSearch.firstStringStop(base, count, from: member &+ 1)
            guard keyEnd &+ 1 < count, base[keyEnd] == UInt8(ascii: "\""), base[keyEnd &+ 1] == UInt8(ascii: ":"),
                let end = typedAttributeEnd(base, count, from: keyEnd &+ 2, levelLimit: levelLimit &- 1), end < count
            else { return nil }
            let next = base[end]
            if next == UInt8(ascii: "}") { return end &+ 1 }
            guard next == UInt8(ascii: ","), end &+ 1 < count, base[end &+ 1] == UInt8(ascii: "\"") else { return nil }
            member = end &+ 1
        }
    }

    /// Whether the eight bytes read at a container's start (`ByteSearch.load`) open as a typed
    /// attribute does: `{"`, any byte, `":"` (the key byte is `typedAttributeEnd`'s to check).
    /// A mask and a compare, cheap enough for the scanner to test every skipped object with.
    @inline(__always)
    static func hasTypedAttributeHead(_ word: UInt64) -> Bool {
        // Little-endian: byte 0 is the lowest; byte 2 (the key) and bytes 6 and 7 are masked out.
        word & 0x0000_FFFF_FF00_FFFF == 0x0000_223A_2200_227B
    }

    /// `containerEndByStops` sixteen bytes a step, or nil where it would fail or nest past 64
    /// levels (the caller then runs that walk).
    ///
    /// ```
    /// {"pk":{"S":"USER#97196"},"sk":…
    /// ^ ^  ^^ ^ ^          ^^^  ^     one bit per stop, from one vector of sixteen lanes
    /// ```
    /// Each block yields a mask of the bytes that can matter (`ByteSearch.containerStops`), and
    /// only those are visited, lowest first: the same state machine as the byte walk (in a string:
    /// a quote ends it, a backslash escapes the next byte, a control byte is an error; outside:
    /// a quote opens a string, brackets nest, anything else is passed over), without a search
    /// call per string. Short strings, as in DynamoDB's `{"S":"…"}`, no longer cost a search each.
    @inline(__always)
    static func blockContainerEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, levelLimit: Int) -> Int? {
        let limit = UInt64(truncatingIfNeeded: min(levelLimit, 64))
        var kinds: UInt64 = 0  // bit i: open bracket i is `{`
        var level: UInt64 = 0
        var inString = false
        var block = start
        var escapedFirst: UInt32 = 0  // 1 when the previous block ended with an escaping backslash
        while block < count {
            var stops: UInt32
            var width = 16
            if block &+ 32 <= count {
                // Two vectors a step: in long runs of numbers (a GeoJSON polygon) whole steps
                // have nothing to look at.
                let low = ByteSearch.loadBlock(base, block), high = ByteSearch.loadBlock(base, block &+ 16)
                let first = ByteSearch.halves(ByteSearch.containerStopLanes(low))
                let second = ByteSearch.halves(ByteSearch.containerStopLanes(high))
                if first.low | first.high | second.low | second.high == 0 {
                    escapedFirst = 0
                    block &+= 32
                    continue
                }
                stops = ByteSearch.packedHighBits(first) | ByteSearch.packedHighBits(second) &<< 16
                width = 32
                if escapedFirst == 0 {
                    // Which stops lie inside strings follows from the quotes alone (a running XOR
                    // of the quote bits, as in simdjson's first stage) unless a backslash or a
                    // control byte sits inside one: then the stop walk below decides.
                    let lowQuotes = ByteSearch.halves(ByteSearch.equal(low, UInt8(ascii: "\"")))
                    let highQuotes = ByteSearch.halves(ByteSearch.equal(high, UInt8(ascii: "\"")))
                    var quotes: UInt32 = 0
                    var inside: UInt32 = inString ? ~0 : 0
                    // Runs of numbers (a GeoJSON polygon) have no quote to account for.
                    if lowQuotes.low | lowQuotes.high | highQuotes.low | highQuotes.high != 0 {
                        quotes = ByteSearch.packedHighBits(lowQuotes) | ByteSearch.packedHighBits(highQuotes) &<< 16
                        var running = quotes
                        running ^= running &<< 1
                        running ^= running &<< 2
                        running ^= running &<< 4
                        running ^= running &<< 8
                        running ^= running &<< 16
                        inside ^= running
                    }
                    // Brackets, backslashes, `|` and control bytes: none of them inside a string.
                    var others = stops & ~quotes
                    if others & inside == 0 {
                        inString = inside &>> 31 != 0
                        while others != 0 {
                            let lane = others.trailingZeroBitCount
                            others &= others &- 1
                            let byte = base[block &+ lane]
                            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                                guard level < limit else { return nil }
                                let bit: UInt64 = 1 &<< level
                                kinds = byte == UInt8(ascii: "{") ? kinds | bit : kinds & ~bit
                                level &+= 1
                            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                                level &-= 1
                                guard (kinds &>> level) & 1 == (byte == UInt8(ascii: "}") ? 1 : 0) else { return nil }
                                if level == 0 { return block &+ lane &+ 1 }
                            }  // else a backslash, `|` or control byte between values, which the walk passes over
                        }
                        block &+= 32
                        continue
                    }
                }
            } else if block &+ 16 <= count {
                stops = ByteSearch.containerStops(ByteSearch.loadBlock(base, block))
            } else {
                // The last bytes: the same mask, built a byte at a time (never reads past the end).
                stops = 0
                for lane in 0..<(count &- block) where ByteSearch.isContainerStop(base[block &+ lane]) {
                    stops |= 1 &<< UInt32(truncatingIfNeeded: lane)
                }
            }
            stops &= ~escapedFirst
            escapedFirst = 0
            while stops != 0 {
                let lane = stops.trailingZeroBitCount
                stops &= stops &- 1
                let byte = base[block &+ lane]
                if inString {
                    if byte == UInt8(ascii: "\"") {
                        inString = false
                    } else if byte == UInt8(ascii: "\\") {
                        // The escaped byte is never a stop, whatever it is.
                        if lane == width &- 1 { escapedFirst = 1 } else { stops &= ~(2 &<< UInt32(truncatingIfNeeded: lane)) }
                    } else if byte < 0x20 {
                        return nil  // a raw control character: an error
                    }  // else a bracket inside the string
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if (byte | 0x20) == UInt8(ascii: "{") {
                    guard level < limit else { return nil }
                    let bit: UInt64 = 1 &<< level
                    kinds = byte == UInt8(ascii: "{") ? kinds | bit : kinds & ~bit
                    level &+= 1
                } else if (byte | 0x20) == UInt8(ascii: "}") {
                    level &-= 1
                    // Wraps to a huge level only when the first stop closes, which it cannot (it is `start`'s bracket).
                    guard (kinds &>> level) & 1 == (byte == UInt8(ascii: "}") ? 1 : 0) else { return nil }
                    if level == 0 { return block &+ lane &+ 1 }
                }  // else a backslash, `|` or control byte between values, which the walk passes over
            }
            block &+= width
        }
        return nil  // the text ended inside the container
    }

    /// The offset just past the object or array whose opening bracket is at `start`, matching
    /// brackets by kind, searching from stop to stop: the reference for `blockContainerEnd` and
    /// the walk that reports every failure. Bit i of a 64-bit word says whether open bracket i
    /// (counted inward) is `{`; deeper nesting spills into `spill`, which is left empty on success.
    static func containerEndByStops(
        _ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, levelLimit: Int, spill: inout [Bool]
    ) throws(Failure) -> Int {
        var kinds: UInt64 = 0
        var level = 0
        var at = start
        while true {
            guard at < count else { throw .truncated(offset: at) }
            var byte = base[at]
            if !ByteSearch.isStructural(byte) {
                // In dense JSON the run is often one byte (`:` or `,` before a quote or a
                // bracket): look at the next byte before searching sixteen at a time.
                at &+= 1
                if at < count && !ByteSearch.isStructural(base[at]) {
                    at = ByteSearch.firstStructural(base, count, from: at &+ 1)
                }
                guard at < count else { throw .truncated(offset: at) }
                byte = base[at]
            }
            if byte == UInt8(ascii: "\"") {
                // In dense JSON a string is often followed by `:` or `,` and another string
                // (`"key":"value"`, `"a","b"`): go straight on to it.
                while true {
                    do {
                        at = try stringEnd(base, count, from: at &+ 1, open: at).end
                    } catch {
                        throw .string(error)
                    }
                    guard at &+ 1 < count, base[at &+ 1] == UInt8(ascii: "\""),
                        base[at] == UInt8(ascii: ":") || base[at] == UInt8(ascii: ",")
                    else { break }
                    at &+= 1
                }
            } else if (byte | 0x20) == UInt8(ascii: "{") {
                guard level < levelLimit else { throw .tooDeep(offset: at) }
                let isObject = byte == UInt8(ascii: "{")
                if level < 64 {
                    if isObject { kinds |= 1 << UInt64(level) } else { kinds &= ~(1 << UInt64(level)) }
                } else {
                    spill.append(isObject)
                }
                level &+= 1
                at &+= 1
            } else {  // } or ]
                level &-= 1
                let openedObject = level < 64 ? (kinds >> UInt64(level)) & 1 == 1 : spill.removeLast()
                guard openedObject == (byte == UInt8(ascii: "}")) else {
                    throw .mismatched(offset: at, openedObject: openedObject)
                }
                at &+= 1
                if level == 0 { return at }
            }
        }
    }
}
