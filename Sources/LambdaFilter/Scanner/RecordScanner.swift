/// One pass over a record's UTF-8 bytes that reports only the leaves of named fields.
///
/// ```
/// {"id": "…", "detail": {"state": "running", "items": [ … ]}}
///  └skip─┘     └descend┘  └leaf: detail.state┘ └skip──────┘
/// ```
/// Each object member's key is walked through the `PathTrie`; a member whose key leaves the
/// trie is skipped (still checked to be valid JSON, but nothing is built or compared). String
/// values stay byte ranges into the record unless they contain escapes, which are decoded into
/// a reused buffer. Numbers stay text until a numeric condition needs their value.
///
/// Every value of a named field counts, a repeated key's included (`{"a": "y", "a": "x"}` has
/// both), so the scan normally reads the whole record. Once every pattern has matched on leaves
/// outside arrays, nothing later can change the verdict and the scan stops there. So
/// `Matcher.match` reports the syntax errors it meets in what it reads and the bracket structure
/// of what it skips, but not errors past that point: callers with untrusted input use
/// `Matcher.matchValidating`, whose strict mode (`StrictJSONCursor`) validates everything it
/// passes over, as the CLI does.
///
/// The scanner runs directly on `MatchScratch` (its cursor and buffers live there), with the
/// matcher's tables passed down by reference, so a record costs no copies or retains.
extension MatchScratch {
    var bytes: UnsafeBufferPointer<UInt8> { input }

    mutating func scanDocument(_ tables: MatcherTables) throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count else { throw JSONSyntaxError(offset: 0, reason: "empty record, expected a JSON value") }
        // The document itself has no field name: only its members can be named.
        try scanValue(tables, state: PathTrie.root, depth: 0, isRoot: true)
        if isComplete && !strict { return }
        skipWhitespace()
        if position < bytes.count {
            throw JSONSyntaxError(offset: position, reason: "unexpected content after the JSON value")
        }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            // Every whitespace byte is at most 0x20: one comparison settles dense JSON.
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// Scans one value; `state` is the trie state of its field name (`dead` when unnamed).
    mutating func scanValue(_ tables: MatcherTables, state: Int32, depth: Int, isRoot: Bool = false) throws(JSONSyntaxError) {
        let trie = tables.trie
        guard position < bytes.count else { throw JSONSyntaxError(offset: position, reason: "unexpected end of record, expected a value") }
        if state == PathTrie.dead {
            if strict { try strictSkipValue(tables, depth: depth) } else { try skipValue(tables, depth: depth) }
            return
        }
        let pathID = (state == PathTrie.dead || isRoot) ? -1 : trie.pathID(state)
        switch bytes[position] {
        case UInt8(ascii: "{"):
            guard depth < tables.maxDepth else { throw nestingError(tables) }
            // Members are worth reading when some name continues below this state; at the top,
            // an empty key ("") reaches the root itself, which may name a field.
            let membersNamed = trie.hasChildren(state) || (isRoot && trie.pathID(state) >= 0)
            let childState = state != PathTrie.dead && membersNamed ? state : PathTrie.dead
            try scanObject(tables, state: childState, depth: depth + 1, atTop: isRoot)
        case UInt8(ascii: "["):
            guard depth < tables.maxDepth else { throw nestingError(tables) }
            try scanArray(tables, state: state, depth: depth + 1, isRoot: isRoot)
        case UInt8(ascii: "\""):
            if pathID >= 0 {
                try scanStringLeaf(tables, pathID: pathID)
            } else {
                try skipString()
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            try scanNumber()
            if pathID >= 0 {
                report(tables, .number, UnsafeBufferPointer(rebasing: bytes[start..<position]), pathID: pathID)
            }
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            if pathID >= 0 { report(tables, .trueValue, UnsafeBufferPointer(rebasing: bytes[(position - 4)..<position]), pathID: pathID) }
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            if pathID >= 0 { report(tables, .falseValue, UnsafeBufferPointer(rebasing: bytes[(position - 5)..<position]), pathID: pathID) }
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            if pathID >= 0 { report(tables, .null, UnsafeBufferPointer(rebasing: bytes[(position - 4)..<position]), pathID: pathID) }
        default:
            throw unexpected("a JSON value")
        }
    }

    mutating func scanObject(_ tables: MatcherTables, state: Int32, depth: Int, atTop: Bool) throws(JSONSyntaxError) {
        position += 1  // {
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw unexpected("'\"' to start an object key") }
            var memberState = PathTrie.dead
            if state != PathTrie.dead {
                memberState = try readKey(tables.trie, from: state, atTop: atTop)
            } else {
                try skipString()
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw unexpected("':' after the object key") }
            position += 1
            skipWhitespace()
            if memberState == PathTrie.dead && !strict {
                // An unnamed member: skip it straight away (skipping cannot complete a pattern).
                guard position < bytes.count else {
                    throw JSONSyntaxError(offset: position, reason: "unexpected end of record, expected a value")
                }
                // Most skipped values are strings: skip them here rather than through a call.
                if bytes[position] == UInt8(ascii: "\"") {
                    position += 1
                    try skipStringRest(open: position - 1)
                } else {
                    try skipValue(tables, depth: depth)
                }
            } else {
                try scanValue(tables, state: memberState, depth: depth)
                if isComplete {
                    if strict { try strictFinishContainer(tables, isObject: true, depth: depth) }
                    return
                }
            }
            skipWhitespace()
            guard position < bytes.count else {
                throw JSONSyntaxError(offset: position, reason: "unexpected end of record inside an object")
            }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else {
                position -= 1
                throw unexpected("',' or '}' in object")
            }
            skipWhitespace()
        }
    }

    mutating func scanArray(_ tables: MatcherTables, state: Int32, depth: Int, isRoot: Bool) throws(JSONSyntaxError) {
        position += 1  // [
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        // Elements share the array's field name (arrays are "crushed"); track which element
        // each leaf sits in for the array-consistency rule.
        let tracked = state != PathTrie.dead
        let arrayID = nextArrayID
        if tracked { nextArrayID += 1 }
        var index: Int32 = 0
        while true {
            // Only an object or array element puts the array on its leaves' trails: a scalar
            // element is in no element's object (event-ruler's ArrayMembership does the same).
            let element =
                tracked && position < bytes.count && (bytes[position] == UInt8(ascii: "{") || bytes[position] == UInt8(ascii: "["))
            if element { trailStack.append(ArrayTrailStep(array: arrayID, index: index)) }
            try scanValue(tables, state: state, depth: depth, isRoot: isRoot)
            if element { trailStack.removeLast() }
            if isComplete {
                if strict { try strictFinishContainer(tables, isObject: false, depth: depth) }
                return
            }
            skipWhitespace()
            guard position < bytes.count else {
                throw JSONSyntaxError(offset: position, reason: "unexpected end of record inside an array")
            }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else {
                position -= 1
                throw unexpected("',' or ']' in array")
            }
            skipWhitespace()
            index += 1
        }
    }

    /// Reports a leaf of a named field to the matcher.
    @inline(__always)
    mutating func report(_ tables: MatcherTables, _ kind: LeafKind, _ utf8: UnsafeBufferPointer<UInt8>, pathID: Int32) {
        var leafIndex: Int32 = -1
        let inArray = !trailStack.isEmpty
        if inArray {
            leafIndex = Int32(leafTrailStart.count)
            leafTrailStart.append(Int32(trailSteps.count))
            trailSteps.append(contentsOf: trailStack)
            leafTrailEnd.append(Int32(trailSteps.count))
        }
        tables.record(LeafValue(kind: kind, utf8: utf8), pathID: pathID, leafIndex: leafIndex, inArray: inArray, scratch: &self)
    }

    // MARK: Strings

    /// Reads a key (at its opening quote) and walks it through the trie from `state`.
    /// (Finding the key's end first and then walking measured faster than walking while reading.)
    /// Inlined into `scanObject`, its one caller: a call per key cost more than the walk of most keys.
    @inline(__always)
    mutating func readKey(_ trie: PathTrie, from state: Int32, atTop: Bool) throws(JSONSyntaxError) -> Int32 {
        let (start, end, escaped) = try stringBounds()
        if !escaped {
            if strict { try UTF8Validation.check(UnsafeBufferPointer(rebasing: bytes[start..<end]), baseOffset: start) }
            return trie.enter(state, key: UnsafeBufferPointer(rebasing: bytes[start..<end]), atTop: atTop)
        }
        try decodeEscapes(start, end)
        return decoded.withUnsafeBufferPointer { trie.enter(state, key: $0, atTop: atTop) }
    }

    /// Scans a string value of a named field and reports it.
    mutating func scanStringLeaf(_ tables: MatcherTables, pathID: Int32) throws(JSONSyntaxError) {
        let (start, end, escaped) = try stringBounds()
        if !escaped {
            let content = UnsafeBufferPointer(rebasing: bytes[start..<end])
            try UTF8Validation.check(content, baseOffset: start)
            report(tables, .string, content, pathID: pathID)
            return
        }
        try decodeEscapes(start, end)
        // Move the buffer out while reporting: `report` needs `self` mutable.
        let text = decoded
        decoded = []
        text.withUnsafeBufferPointer { report(tables, .string, $0, pathID: pathID) }
        decoded = text
    }

    /// Skips a string, checking only what JSON requires of its bytes.
    @inline(__always)
    mutating func skipString() throws(JSONSyntaxError) {
        if strict { return try strictSkipString() }
        _ = try stringBounds()
    }

    /// Finds the content range of the string at `position` (its opening quote) and moves past it.
    @inline(__always)
    mutating func stringBounds() throws(JSONSyntaxError) -> (start: Int, end: Int, escaped: Bool) {
        let open = position
        position += 1
        let escaped = try skipStringRest(open: open)
        return (open + 1, position - 1, escaped)
    }

    /// Moves from inside a string (not inside an escape) to just past its closing quote.
    /// - Returns: whether an escape was met on the way.
    @inline(__always) @discardableResult
    mutating func skipStringRest(open: Int) throws(JSONSyntaxError) -> Bool {
        let (end, escaped) = try Self.stringEnd(bytes.baseAddress!, bytes.count, from: position, open: open)
        position = end
        return escaped
    }

    /// The offset just past the closing quote of the string opened at `open`, searching from
    /// `from` (inside the string, not inside an escape), and whether an escape was met.
    /// A static function on a local cursor, so callers' loops keep their position in a register.
    @inline(__always)
    static func stringEnd(
        _ base: UnsafePointer<UInt8>, _ count: Int, from: Int, open: Int
    ) throws(JSONSyntaxError) -> (end: Int, escaped: Bool) {
        var escaped = false
        var position = from
        while true {
            // Jump eight bytes at a time to the next quote, backslash or control character.
            while position &+ 8 <= count {
                let stops = ByteSearch.stringStops(ByteSearch.load(base, position))
                if stops != 0 {
                    position &+= ByteSearch.firstLane(stops)
                    break
                }
                position &+= 8
            }
            guard position < count else { break }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                return (position &+ 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position &+= 2
                continue
            }
            if byte < 0x20 {
                throw JSONSyntaxError(offset: position, reason: "raw control character in string")
            }
            position &+= 1
        }
        throw JSONSyntaxError(offset: open, reason: "unterminated string")
    }

    /// Skips a value no pattern names. Strings and brackets are followed exactly (so the
    /// record's structure is still checked); the scalars between them are not parsed.
    mutating func skipValue(_ tables: MatcherTables, depth: Int) throws(JSONSyntaxError) {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer(tables, depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        default: throw unexpected("a JSON value")
        }
    }

    /// Skips a whole object or array, matching brackets by kind.
    mutating func skipContainer(_ tables: MatcherTables, depth: Int) throws(JSONSyntaxError) {
        // Bit i of `kinds` says whether open bracket i (counted inward) is `{`; deeper
        // nesting than 64 spills into `bracketSpill`. The cursor is a local (`at`), written back
        // on every exit, so the loop keeps it in a register.
        var kinds: UInt64 = 0
        var level = 0
        let levelLimit = tables.maxDepth - depth
        let base = bytes.baseAddress!
        let count = bytes.count
        var at = position
        while at < count {
            var byte = base[at]
            if !Self.isStructural(byte) {
                at &+= 1
                // In dense JSON the run is often one byte (`:` or `,` before a quote or a
                // bracket): look at the next byte before searching eight at a time.
                if at < count && !Self.isStructural(base[at]) {
                    while at &+ 8 <= count {
                        let word = ByteSearch.load(base, at)
                        if ByteSearch.allNumberBytes(word) {
                            at &+= 8
                            continue
                        }
                        let hits = ByteSearch.structural(word)
                        if hits != 0 {
                            at &+= ByteSearch.firstLane(hits)
                            break
                        }
                        at &+= 8
                    }
                    while at < count && !Self.isStructural(base[at]) { at &+= 1 }
                }
                guard at < count else { break }
                byte = base[at]
            }
            if byte == UInt8(ascii: "\"") {
                // In dense JSON a string is often followed by `:` or `,` and another string
                // (`"key":"value"`, `"a","b"`): go straight on to it.
                while true {
                    do {
                        at = try Self.stringEnd(base, count, from: at &+ 1, open: at).end
                    } catch {
                        position = at
                        throw error
                    }
                    guard at &+ 1 < count, base[at &+ 1] == UInt8(ascii: "\""),
                        base[at] == UInt8(ascii: ":") || base[at] == UInt8(ascii: ",")
                    else { break }
                    at &+= 1
                }
            } else if (byte | 0x20) == UInt8(ascii: "{") {
                guard level < levelLimit else {
                    position = at
                    throw nestingError(tables)
                }
                let isObject = byte == UInt8(ascii: "{")
                if level < 64 {
                    if isObject { kinds |= 1 << UInt64(level) } else { kinds &= ~(1 << UInt64(level)) }
                } else {
                    bracketSpill.append(isObject)
                }
                level &+= 1
                at &+= 1
            } else {  // } or ]
                level &-= 1
                let openedObject = level < 64 ? (kinds >> UInt64(level)) & 1 == 1 : bracketSpill.removeLast()
                guard openedObject == (byte == UInt8(ascii: "}")) else {
                    position = at
                    throw unexpected(openedObject ? "',' or '}' in object" : "',' or ']' in array")
                }
                at &+= 1
                if level == 0 {
                    position = at
                    return
                }
            }
        }
        position = at
        throw JSONSyntaxError(offset: position, reason: "unexpected end of record inside a container")
    }

    /// A quote or one of the four brackets (`[`/`{` and `]`/`}` differ only in bit 0x20).
    @inline(__always)
    static func isStructural(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || (byte | 0x20) == UInt8(ascii: "{") || (byte | 0x20) == UInt8(ascii: "}")
    }

    /// Decodes the escaped string content `start..<end` into `scratch.decoded`.
    mutating func decodeEscapes(_ start: Int, _ end: Int) throws(JSONSyntaxError) {
        decoded.removeAll(keepingCapacity: true)
        // Reuse the strict parser on the quoted text: escapes are rare on the hot path.
        let quoted = UnsafeBufferPointer(rebasing: bytes[(start - 1)...end])
        let node = try JSONParser(maxDepth: 1).parse(utf8: quoted)
        guard case .string(let text) = node.kind else { return }
        decoded.append(contentsOf: text.utf8)
    }

    // MARK: Numbers and literals

    mutating func scanNumber() throws(JSONSyntaxError) {
        position = try NumberSyntax.end(of: bytes, from: position)
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        let start = position
        let matches = word.withUTF8Buffer { expected in
            guard start + count <= bytes.count else { return false }
            for index in 0..<count where bytes[start + index] != expected[index] { return false }
            return true
        }
        guard matches else { throw unexpected("a JSON value") }
        position += count
    }

    func unexpected(_ expected: String) -> JSONSyntaxError {
        guard position < bytes.count else {
            return JSONSyntaxError(offset: position, reason: "unexpected end of record, expected \(expected)")
        }
        if let problem = UTF8Validation.nonASCIIProblem(bytes, at: position, expecting: expected) { return problem }
        let byte = bytes[position]
        let shown = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
        return JSONSyntaxError(offset: position, reason: "unexpected '\(shown)', expected \(expected)")
    }

    func nestingError(_ tables: MatcherTables) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: "record nests deeper than \(tables.maxDepth) levels", kind: .tooDeep)
    }
}
