/// The two skips every pass over a record makes, shared by the scanner (`RecordScanner`) and its
/// strict mode: to the end of a string, and to the end of an object or array following only its
/// strings and brackets.
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
    /// Bit i of a 64-bit word says whether open bracket i (counted inward) is `{`; deeper
    /// nesting spills into `spill`, which is left empty on success.
    static func containerEnd(
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
