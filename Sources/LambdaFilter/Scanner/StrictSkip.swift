/// The strict cursor's fast path: one loop that checks a whole value against the JSON grammar
/// with no calls and no error values, and answers only *whether* the value is valid and where it
/// ends.
///
/// `StrictJSONCursor.skipValue` and `finishContainer` run it first; when it gives up they run
/// their reference walk from the same place, which throws the error (offset, message, kind)
/// exactly as before, or accepts what the fast path declined (nesting past 64 levels inside one
/// skip). So the fast path may decline anything, but it must never accept what the reference
/// rejects, nor end anywhere else: the table tests compare the two on valid and malformed texts.
///
/// Why it is cheaper: the dense JSON of records has no whitespace, so one `<= 0x20` test per
/// token skips it; `true`/`null`/`false` are one word compare; a `,` or `:` is checked where it
/// is expected instead of going round a dispatch again; strings use the sixteen-byte stop search
/// and only come back to the loop at an escape or a non-ASCII byte.
package enum StrictSkip {
    /// What the walks return when they give up.
    package static let declined = -1

    /// The offset just past the value at `start` (whitespace before it allowed), or `declined`.
    /// `depth` counts the containers open around it, as in `StrictJSONCursor.skipValue`.
    package static func value(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, depth: Int, maxDepth: Int) -> Int {
        walk(base, count, from: start, outerDepth: depth, level: 0, kinds: 0, expectingValue: true, maxDepth: maxDepth)
    }

    /// The offset just past the string at `position` when it is plain ASCII (its closing quote
    /// is its first quote, backslash, control or non-ASCII byte), or `declined` (also when
    /// `position` is not at a quote).
    @inline(__always)
    package static func plainString(_ base: UnsafePointer<UInt8>, _ count: Int, at position: Int) -> Int {
        guard position < count, base[position] == UInt8(ascii: "\"") else { return declined }
        let stop = ByteSearch.firstStrictStringStop(base, count, from: position &+ 1)
        return stop < count && base[stop] == UInt8(ascii: "\"") ? stop &+ 1 : declined
    }

    /// The offset just past the closing bracket of the container whose members the cursor is
    /// among (just after one of them), or `declined`; `depth` is that of its members, as in
    /// `StrictJSONCursor.finishContainer`.
    static func rest(
        ofContainer isObject: Bool, _ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, depth: Int, maxDepth: Int
    ) -> Int {
        // The container itself is open level 0 of the walk, one level above its members.
        walk(
            base, count, from: start, outerDepth: depth &- 1, level: 1, kinds: isObject ? 1 : 0, expectingValue: false,
            maxDepth: maxDepth)
    }

    /// The walk. `level` containers are open inside it (bit `i` of `kinds` set when open
    /// container `i`, counted inward, is an object); `outerDepth + level` is the nesting depth
    /// the parser's limit applies to. Past 64 open levels it declines (the reference handles
    /// any depth). Keys and string values share one string loop, written out here: as a call it
    /// cost a spill of every register the walk holds.
    @inline(__always)
    private static func walk(
        _ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, outerDepth: Int, level startLevel: Int, kinds startKinds: UInt64,
        expectingValue: Bool, maxDepth: Int
    ) -> Int {
        var position = start
        var level = startLevel
        var kinds = startKinds
        // What comes next: a value (`expectingValue`), an object key (`expectingKey`), or, when
        // neither, what follows a value.
        var expectingValue = expectingValue
        var expectingKey = false
        while true {
            if expectingValue || expectingKey {
                guard position < count else { return declined }
                var byte = base[position]
                if byte <= 0x20 {
                    position = JSONSkip.afterWhitespace(base, count, from: position)
                    guard position < count else { return declined }
                    byte = base[position]
                }
                if byte == UInt8(ascii: "\"") {
                    // The string loop: sixteen bytes at a time to the next quote, backslash,
                    // control or non-ASCII byte.
                    position &+= 1
                    string: while true {
                        position = ByteSearch.firstStrictStringStop(base, count, from: position)
                        guard position < count else { return declined }
                        let stop = base[position]
                        if stop == UInt8(ascii: "\"") {
                            position &+= 1
                            break string
                        }
                        if stop == UInt8(ascii: "\\") {
                            guard position &+ 1 < count else { return declined }
                            switch base[position &+ 1] {
                            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                                position &+= 2
                            case UInt8(ascii: "u"):
                                guard position &+ 6 <= count, isHex4(base, position &+ 2) else { return declined }
                                position &+= 6
                            default:
                                return declined
                            }
                        } else if stop >= 0x80 {
                            guard let length = UTF8Validation.sequenceLength(base, at: position, count: count) else { return declined }
                            position &+= length
                        } else {
                            return declined  // a raw control byte
                        }
                    }
                    if expectingKey {
                        // Dense JSON has the colon right after the key.
                        guard position < count else { return declined }
                        if base[position] != UInt8(ascii: ":") {
                            position = JSONSkip.afterWhitespace(base, count, from: position)
                            guard position < count, base[position] == UInt8(ascii: ":") else { return declined }
                        }
                        position &+= 1
                        expectingKey = false
                        expectingValue = true
                        continue
                    }
                } else if expectingKey {
                    return declined
                } else {
                    switch byte {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        guard outerDepth &+ level < maxDepth, level < 64 else { return declined }
                        position &+= 1
                        if position < count && base[position] <= 0x20 { position = JSONSkip.afterWhitespace(base, count, from: position) }
                        guard position < count else { return declined }
                        if base[position] == byte &+ 2 {  // `}` is `{` + 2, `]` is `[` + 2
                            position &+= 1
                        } else {
                            if byte == UInt8(ascii: "{") {
                                kinds |= 1 &<< UInt64(level)
                                expectingKey = true
                                expectingValue = false
                            } else {
                                kinds &= ~(1 &<< UInt64(level))
                            }
                            level &+= 1
                            continue
                        }
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        position = afterNumber(base, count, from: position)
                        guard position >= 0 else { return declined }
                    case UInt8(ascii: "t"):
                        guard position &+ 4 <= count, word(base, position) == word("true") else { return declined }
                        position &+= 4
                    case UInt8(ascii: "n"):
                        guard position &+ 4 <= count, word(base, position) == word("null") else { return declined }
                        position &+= 4
                    case UInt8(ascii: "f"):
                        guard position &+ 5 <= count, word(base, position &+ 1) == word("alse") else { return declined }
                        position &+= 5
                    default:
                        return declined
                    }
                }
            }
            // A value ended: close the containers it completes, or go on to the next member.
            while true {
                if level == 0 { return position }
                guard position < count else { return declined }
                var byte = base[position]
                if byte <= 0x20 {
                    position = JSONSkip.afterWhitespace(base, count, from: position)
                    guard position < count else { return declined }
                    byte = base[position]
                }
                let isObject = (kinds &>> UInt64(level &- 1)) & 1 != 0
                if byte == UInt8(ascii: ",") {
                    position &+= 1
                    expectingKey = isObject
                    expectingValue = !isObject
                    break
                }
                guard byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return declined }
                position &+= 1
                level &-= 1
            }
        }
    }

    /// Whether the four bytes at `offset` are hex digits.
    @inline(__always)
    private static func isHex4(_ base: UnsafePointer<UInt8>, _ offset: Int) -> Bool {
        StrictJSONCursor.isHexDigit(base[offset]) && StrictJSONCursor.isHexDigit(base[offset &+ 1])
            && StrictJSONCursor.isHexDigit(base[offset &+ 2]) && StrictJSONCursor.isHexDigit(base[offset &+ 3])
    }

    /// Four bytes at `offset`, as one word.
    @inline(__always)
    private static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt32 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt32.self)
    }

    /// The first four bytes of `text`, as `word(_:_:)` loads them.
    @inline(__always)
    private static func word(_ text: StaticString) -> UInt32 {
        UnsafeRawPointer(text.utf8Start).loadUnaligned(as: UInt32.self)
    }

    /// From the first byte of a number (`-` or a digit), past the number (`NumberSyntax`'s
    /// grammar), or `declined`.
    @inline(__always)
    private static func afterNumber(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int {
        let (end, failure) = NumberSyntax.scan(base, count, from: start)
        return failure == nil ? end : declined
    }
}
