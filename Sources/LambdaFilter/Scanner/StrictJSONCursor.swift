/// A cursor over UTF-8 bytes that checks everything it passes over against the JSON grammar and
/// builds nothing: strings (escapes and UTF-8 included), numbers, literals, brackets, commas,
/// colons and nesting depth.
///
/// It accepts exactly the texts `JSONParser(maxDepth:)` accepts, so a record it passes needs no
/// separate parse. Its errors say *where* validation stopped, not always in the parser's words;
/// code that shows them runs `JSONParser` on the (rare) failing text for the located message
/// (`StrictJSONCursor.parserError(in:maxDepth:fallback:)`).
///
/// The scanner's strict mode (`MatchScratch.strict`) uses it for the subtrees no pattern names
/// and for what follows an early stop; the source adapters' byte path uses it to walk envelopes
/// and records.
package struct StrictJSONCursor {
    package let base: UnsafePointer<UInt8>
    package let count: Int
    package var position: Int
    package let maxDepth: Int

    package init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int = 0, maxDepth: Int = 512) {
        // An empty buffer has no address; with `count` 0 the cursor never reads through it.
        self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.count = bytes.count
        self.position = position
        self.maxDepth = maxDepth
    }

    /// The byte at the cursor, or nil at the end.
    @inline(__always)
    package var current: UInt8? { position < count ? base[position] : nil }

    @inline(__always)
    package mutating func skipWhitespace() {
        position = JSONSkip.afterWhitespace(base, count, from: position)
    }

    /// Checks that only whitespace is left.
    package mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < count { throw JSONSyntaxError(offset: position, reason: "unexpected content after the JSON value") }
    }

    /// Checks the value at the cursor and moves past it. `depth` counts the arrays and objects
    /// already open around it (the parser's limit applies to their sum).
    package mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        // The commonest member value, a plain ASCII string, needs none of the walk.
        let end = StrictSkip.plainString(base, count, at: position)
        if end != StrictSkip.declined {
            position = end
            return
        }
        try skipValueByWalking(depth: depth)
    }

    /// `skipValue` without its plain-string shortcut, for callers that tried it themselves.
    mutating func skipValueByWalking(depth: Int) throws(JSONSyntaxError) {
        let end = StrictSkip.value(base, count, from: position, depth: depth, maxDepth: maxDepth)
        if end != StrictSkip.declined {
            position = end
            return
        }
        // Invalid (or nested past the fast path's reach): the reference walk says where and why.
        try referenceSkipValue(depth: depth)
    }

    /// `skipValue` token by token: the definition `StrictSkip` must agree with, and the source
    /// of its errors.
    package mutating func referenceSkipValue(depth: Int) throws(JSONSyntaxError) {
        // Bit i of `kinds` says whether open container i (counted inward) is an object; deeper
        // nesting than 64 spills into `spill`.
        var kinds: UInt64 = 0
        var spill: [Bool] = []
        var level = 0
        while true {
            skipWhitespace()
            guard position < count else { throw end("a value") }
            switch base[position] {
            case UInt8(ascii: "{"):
                guard depth + level < maxDepth else { throw tooDeep() }
                position &+= 1
                skipWhitespace()
                if current == UInt8(ascii: "}") {
                    position &+= 1
                } else {
                    if level < 64 { kinds |= 1 << UInt64(level) } else { spill.append(true) }
                    level += 1
                    try skipKeyAndColon()
                    continue
                }
            case UInt8(ascii: "["):
                guard depth + level < maxDepth else { throw tooDeep() }
                position &+= 1
                skipWhitespace()
                if current == UInt8(ascii: "]") {
                    position &+= 1
                } else {
                    if level < 64 { kinds &= ~(1 << UInt64(level)) } else { spill.append(false) }
                    level += 1
                    continue
                }
            default:
                try skipScalar()
            }
            // A value ended: close every container it completes, or move to the next value.
            closing: while true {
                if level == 0 { return }
                skipWhitespace()
                guard position < count else { throw end("',' or a closing bracket") }
                let isObject = level <= 64 ? (kinds >> UInt64(level - 1)) & 1 == 1 : spill[spill.count - 1]
                let byte = base[position]
                if byte == UInt8(ascii: ",") {
                    position &+= 1
                    if isObject {
                        skipWhitespace()
                        try skipKeyAndColon()
                    }
                    break closing
                }
                guard byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw unexpected(isObject ? "',' or '}' in object" : "',' or ']' in array")
                }
                position &+= 1
                level -= 1
                if level >= 64 { spill.removeLast() }
            }
        }
    }

    /// Finishes an object or array whose earlier members were read by someone else: from just
    /// after a member value to just past the closing bracket. `depth` is that of its members.
    package mutating func finishContainer(isObject: Bool, depth: Int) throws(JSONSyntaxError) {
        let end = StrictSkip.rest(ofContainer: isObject, base, count, from: position, depth: depth, maxDepth: maxDepth)
        if end != StrictSkip.declined {
            position = end
            return
        }
        try referenceFinishContainer(isObject: isObject, depth: depth)
    }

    /// `finishContainer` token by token (see `referenceSkipValue`).
    package mutating func referenceFinishContainer(isObject: Bool, depth: Int) throws(JSONSyntaxError) {
        while true {
            skipWhitespace()
            guard position < count else { throw end("',' or a closing bracket") }
            let byte = base[position]
            if byte == UInt8(ascii: ",") {
                position &+= 1
                if isObject {
                    skipWhitespace()
                    try skipKeyAndColon()
                }
                try referenceSkipValue(depth: depth)
                continue
            }
            guard byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                throw unexpected(isObject ? "',' or '}' in object" : "',' or ']' in array")
            }
            position &+= 1
            return
        }
    }

    /// Walks the object at the cursor (at `{`; `depth` counts the containers open around it).
    /// For each member, `visit` gets the key's content range (escapes undecoded) and whether it
    /// has escapes, with the cursor at the value; it must move the cursor past the value, by
    /// `skipValue(depth: depth + 1)` or by reading it.
    package mutating func forEachMember(
        depth: Int, _ visit: (inout StrictJSONCursor, _ key: Range<Int>, _ escaped: Bool) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard current == UInt8(ascii: "{") else { throw unexpected("an object") }
        guard depth < maxDepth else { throw tooDeep() }
        position &+= 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position &+= 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw unexpected("'\"' to start an object key") }
            let keyStart = position + 1
            let escaped = try skipString()
            let key = keyStart..<(position - 1)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected("':' after the object key") }
            position &+= 1
            skipWhitespace()
            guard position < count else { throw end("a value") }
            try visit(&self, key, escaped)
            skipWhitespace()
            guard let byte = current else { throw end("',' or '}' in object") }
            position &+= 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else {
                position &-= 1
                throw unexpected("',' or '}' in object")
            }
            skipWhitespace()
        }
    }

    /// Walks the array at the cursor (at `[`) as `forEachMember` walks an object; `visit` gets
    /// each element's index with the cursor at the element.
    package mutating func forEachElement(
        depth: Int, _ visit: (inout StrictJSONCursor, _ index: Int) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard current == UInt8(ascii: "[") else { throw unexpected("an array") }
        guard depth < maxDepth else { throw tooDeep() }
        position &+= 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position &+= 1
            return
        }
        var index = 0
        while true {
            guard position < count else { throw end("a value") }
            try visit(&self, index)
            index += 1
            skipWhitespace()
            guard let byte = current else { throw end("',' or ']' in array") }
            position &+= 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else {
                position &-= 1
                throw unexpected("',' or ']' in array")
            }
            skipWhitespace()
        }
    }

    /// Whether `range` of the text holds exactly the ASCII bytes of `word`.
    @inline(__always)
    package func bytes(_ range: Range<Int>, equal word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<range.count where base[range.lowerBound + index] != expected[index] { return false }
        return true
    }

    /// Reads an object key (at its quote), the whitespace after it and the colon.
    @inline(__always)
    package mutating func skipKeyAndColon() throws(JSONSyntaxError) {
        guard current == UInt8(ascii: "\"") else { throw unexpected("'\"' to start an object key") }
        _ = try skipString()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw unexpected("':' after the object key") }
        position &+= 1
    }

    /// A string, number or literal at the cursor.
    @inline(__always)
    mutating func skipScalar() throws(JSONSyntaxError) {
        switch base[position] {
        case UInt8(ascii: "\""):
            _ = try skipString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            position = try NumberSyntax.end(of: UnsafeBufferPointer(start: base, count: count), from: position)
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        default: throw unexpected("a JSON value")
        }
    }

    @inline(__always)
    mutating func skipLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard position + length <= count else { throw unexpected("a JSON value") }
        let expected = word.utf8Start
        for index in 0..<length where base[position + index] != expected[index] { throw unexpected("a JSON value") }
        position += length
    }

    /// Checks the string at the cursor (its opening quote) and moves past its closing quote.
    /// - Returns: whether it holds escapes (its content then differs from its bytes).
    @inline(__always)
    package mutating func skipString() throws(JSONSyntaxError) -> Bool {
        let open = position
        position &+= 1
        var escaped = false
        while true {
            position = ByteSearch.firstStrictStringStop(base, count, from: position)
            guard position < count else { throw JSONSyntaxError(offset: open, reason: "unterminated string") }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position &+= 1
                return escaped
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape(open: open)
            } else if byte >= 0x80 {
                try skipMultiByteCharacter()
            } else if byte < 0x20 {
                throw JSONSyntaxError(offset: position, reason: "raw control character in string")
            } else {
                position &+= 1
            }
        }
    }

    /// `skipString` that also writes the string's decoded content to `output` (escapes decoded
    /// as `JSONParser` decodes them: an unpaired surrogate becomes `?`, as in AWS's engine), in the same pass.
    /// `output` must have room for `count - position` bytes (decoding never lengthens).
    /// - Returns: the decoded length.
    package mutating func decodeString(into output: UnsafeMutablePointer<UInt8>) throws(JSONSyntaxError) -> Int {
        // Locals, not `self`'s fields: `output` might alias `self` as far as the compiler knows,
        // so each store through it would otherwise reload them.
        let base = self.base, count = self.count
        let open = position
        var index = open &+ 1
        var written = 0
        blocks: while true {
            if index &+ 16 <= count {
                // Copy and search in one step: the block is stored whole and only the part
                // before its first stop counts. The store stays within `output`'s room
                // (`written` trails `index - open`, and sixteen bytes of text are left); what it
                // writes past the stop is overwritten later or lies past the decoded length.
                let block = ByteSearch.loadBlock(base, index)
                UnsafeMutableRawPointer(output + written).storeBytes(of: block, as: ByteSearch.Block.self)
                // The block's stops, one bit per byte; `known` bytes from `index` on are covered.
                var stops = ByteSearch.packedHighBits(ByteSearch.halves(ByteSearch.stringStops(block) | block))
                var known = 16
                while true {
                    if stops == 0 {
                        index &+= known
                        written &+= known
                        continue blocks
                    }
                    let lane = stops.trailingZeroBitCount
                    index &+= lane
                    written &+= lane
                    // `\"`, `\\` and `\/`, the escapes a JSON text quoted into a string (an SQS
                    // body) is full of, decoded here with the block's other stops still known:
                    // the bytes after the escape are stored again one place back.
                    guard base[index] == UInt8(ascii: "\\"), index &+ 1 < count else { break }
                    let code = base[index &+ 1]
                    guard code == UInt8(ascii: "\"") || code == UInt8(ascii: "\\") || code == UInt8(ascii: "/") else { break }
                    output[written] = code
                    written &+= 1
                    index &+= 2
                    let used = lane &+ 2
                    guard used < known, index &+ 16 <= count else { continue blocks }
                    known &-= used
                    stops &>>= UInt32(used)
                    let rest = ByteSearch.loadBlock(base, index)
                    UnsafeMutableRawPointer(output + written).storeBytes(of: rest, as: ByteSearch.Block.self)
                }
            } else {
                while index < count {
                    let byte = base[index]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                    output[written] = byte
                    written &+= 1
                    index &+= 1
                }
                guard index < count else {
                    position = index
                    throw JSONSyntaxError(offset: open, reason: "unterminated string")
                }
            }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                position = index &+ 1
                return written
            }
            if byte == UInt8(ascii: "\\") {
                // `\"`, `\\` and `\/`, the escapes a JSON text quoted into a string (an SQS
                // body) is full of, stand for their second byte: decoded inline.
                if index &+ 1 < count {
                    let code = base[index &+ 1]
                    if code == UInt8(ascii: "\"") || code == UInt8(ascii: "\\") || code == UInt8(ascii: "/") {
                        output[written] = code
                        written &+= 1
                        index &+= 2
                        continue
                    }
                }
                position = index
                try skipEscape(open: open)
                written += Self.decodeEscape(base + index, upTo: base + count, into: output + written, consumed: &position, from: index)
                index = position
            } else if byte >= 0x80 {
                guard let length = UTF8Validation.sequenceLength(base, at: index, count: count) else {
                    position = index
                    throw invalidUTF8()
                }
                for offset in 0..<length { output[written &+ offset] = base[index &+ offset] }
                index &+= length
                written &+= length
            } else {
                position = index
                throw JSONSyntaxError(offset: index, reason: "raw control character in string")
            }
        }
    }

    /// Decodes the (valid) escape at `escape` into `output`; moves `position` past it (and past
    /// the low surrogate it pairs with). Returns the bytes written.
    private static func decodeEscape(
        _ escape: UnsafePointer<UInt8>, upTo end: UnsafePointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
        consumed position: inout Int, from start: Int
    ) -> Int {
        func hex4(_ at: UnsafePointer<UInt8>) -> UInt32 {
            var value: UInt32 = 0
            for index in 0..<4 {
                let byte = at[index]
                let digit: UInt8 = byte <= UInt8(ascii: "9") ? byte &- 0x30 : (byte | 0x20) &- 0x61 &+ 10
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        let code = escape[1]
        switch code {
        case UInt8(ascii: "b"): output[0] = 0x08
        case UInt8(ascii: "f"): output[0] = 0x0C
        case UInt8(ascii: "n"): output[0] = 0x0A
        case UInt8(ascii: "r"): output[0] = 0x0D
        case UInt8(ascii: "t"): output[0] = 0x09
        case UInt8(ascii: "u"):
            var scalar = hex4(escape + 2)
            if scalar >= 0xD800 && scalar < 0xDC00 {
                // As the parser: a high surrogate pairs with an escaped low one, else `?`.
                let next = escape + 6
                if end - next >= 6, next[0] == UInt8(ascii: "\\"), next[1] == UInt8(ascii: "u"),
                    (2...5).allSatisfy({ isHexDigit(next[$0]) })
                {
                    let low = hex4(next + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        position = start + 12
                    } else {
                        scalar = JSONEscapes.loneSurrogateReplacement
                    }
                } else {
                    scalar = JSONEscapes.loneSurrogateReplacement
                }
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                scalar = JSONEscapes.loneSurrogateReplacement
            }
            switch scalar {
            case ..<0x80:
                output[0] = UInt8(scalar)
                return 1
            case ..<0x800:
                output[0] = UInt8(0xC0 | (scalar >> 6))
                output[1] = UInt8(0x80 | (scalar & 0x3F))
                return 2
            case ..<0x10000:
                output[0] = UInt8(0xE0 | (scalar >> 12))
                output[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                output[2] = UInt8(0x80 | (scalar & 0x3F))
                return 3
            default:
                output[0] = UInt8(0xF0 | (scalar >> 18))
                output[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                output[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                output[3] = UInt8(0x80 | (scalar & 0x3F))
                return 4
            }
        default: output[0] = code  // " \ /
        }
        return 1
    }

    /// One escape at the cursor (its backslash).
    mutating func skipEscape(open: Int) throws(JSONSyntaxError) {
        guard position + 1 < count else { throw JSONSyntaxError(offset: open, reason: "unterminated string") }
        switch base[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position &+= 2
        case UInt8(ascii: "u"):
            // Any four hex digits: the parser turns lone surrogates into `?`, it does not refuse them.
            guard position + 6 <= count else { throw JSONSyntaxError(offset: position, reason: "incomplete \\u escape") }
            for index in (position + 2)..<(position + 6) where !Self.isHexDigit(base[index]) {
                throw JSONSyntaxError(offset: position, reason: "invalid \\u escape, expected 4 hex digits")
            }
            position &+= 6
        default:
            throw JSONSyntaxError(offset: position, reason: "invalid escape in string")
        }
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 6
    }

    /// One UTF-8 sequence of two to four bytes at the cursor (`UTF8Validation`'s rules).
    mutating func skipMultiByteCharacter() throws(JSONSyntaxError) {
        guard let length = UTF8Validation.sequenceLength(base, at: position, count: count) else { throw invalidUTF8() }
        position &+= length
    }

    // MARK: Errors (only their offsets matter: messages come from JSONParser)

    func invalidUTF8() -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: "invalid UTF-8 byte", kind: .invalidUTF8)
    }

    func tooDeep() -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: "nesting deeper than \(maxDepth) levels", kind: .tooDeep)
    }

    func end(_ expected: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: "unexpected end of input, expected \(expected)")
    }

    func unexpected(_ expected: String) -> JSONSyntaxError {
        guard position < count else { return end(expected) }
        return JSONSyntaxError(offset: position, reason: "unexpected byte, expected \(expected)")
    }

    /// The error `JSONParser` reports for `bytes`, the located message users see; `fallback`
    /// when the parser accepts them (a limit of the caller's own, such as a matcher's depth).
    package static func parserError(in bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, fallback: JSONSyntaxError) -> JSONSyntaxError {
        do {
            _ = try JSONParser(maxDepth: maxDepth).parse(utf8: bytes)
            return fallback
        } catch {
            return error
        }
    }
}

// MARK: - The scanner's strict mode

extension MatchScratch {
    /// Strict mode: skips a value no pattern names, checking all of it.
    @inline(__always)
    mutating func strictSkipValue(_ tables: MatcherTables, depth: Int) throws(JSONSyntaxError) {
        // The commonest skipped value, a plain ASCII string: no call.
        if let base = input.baseAddress {
            let end = StrictSkip.plainString(base, input.count, at: position)
            if end != StrictSkip.declined {
                position = end
                return
            }
        }
        var cursor = StrictJSONCursor(input, at: position, maxDepth: tables.maxDepth)
        defer { position = cursor.position }
        try cursor.skipValueByWalking(depth: depth)
    }

    /// Strict mode: skips a string, checking its escapes and UTF-8.
    @inline(__always)
    mutating func strictSkipString() throws(JSONSyntaxError) {
        var cursor = StrictJSONCursor(input, at: position)
        defer { position = cursor.position }
        _ = try cursor.skipString()
    }

    /// Strict mode, after an early stop: checks the rest of the object or array being scanned,
    /// up to its closing bracket. `depth` is that of its members.
    mutating func strictFinishContainer(_ tables: MatcherTables, isObject: Bool, depth: Int) throws(JSONSyntaxError) {
        var cursor = StrictJSONCursor(input, at: position, maxDepth: tables.maxDepth)
        defer { position = cursor.position }
        try cursor.finishContainer(isObject: isObject, depth: depth)
    }
}

extension Matcher {
    /// Matches one record and checks that all of it is valid JSON, in one pass: what the scan
    /// skips and what follows an early stop is validated too, so the record needs no separate
    /// `JSONParser` run. The verdict is `match(_:into:)`'s.
    ///
    /// - Throws: for a record that is not valid JSON, the error `JSONParser(maxDepth:)` reports
    ///   (same offset and message); a record nested deeper than `maxDepth` gets the scanner's.
    public func matchValidating(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout MatchScratch) throws(JSONSyntaxError) {
        do {
            try matchStrictly(bytes, into: &scratch)
        } catch {
            throw StrictJSONCursor.parserError(in: bytes, maxDepth: tables.maxDepth, fallback: error)
        }
    }

    /// `matchValidating` with the scanner's own error: for callers that only need to know that
    /// the text is not JSON (a payload that turns out to be a plain string).
    package func matchStrictly(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout MatchScratch) throws(JSONSyntaxError) {
        scratch.prepare(for: tables, input: bytes)
        scratch.strict = true
        defer { scratch.strict = false }
        try scratch.scanDocument(tables)
        scratch.finish(with: tables)
    }
}
