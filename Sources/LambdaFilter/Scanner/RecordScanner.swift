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
            // Whether `position` is already at the member's value (dense `"key":value`).
            var atValue = false
            if state != PathTrie.dead {
                // The common key, with no escape (nor, outside strict mode, UTF-8 to check), is
                // walked where it lies, without a call: a call per key cost more than most walks.
                let keyStart = position &+ 1
                let keyEnd = strict ? keyStart : ByteSearch.firstStringStop(bytes.baseAddress!, bytes.count, from: keyStart)
                if !strict && keyEnd < bytes.count && bytes[keyEnd] == UInt8(ascii: "\"") {
                    memberState = tables.trie.enter(
                        state, key: UnsafeBufferPointer(start: bytes.baseAddress! + keyStart, count: keyEnd &- keyStart), atTop: atTop)
                    // Dense JSON has the colon right after the key and the value right after the
                    // colon: go straight to the value (a byte above 0x20 is no whitespace).
                    if keyEnd &+ 2 < bytes.count && bytes[keyEnd &+ 1] == UInt8(ascii: ":") && bytes[keyEnd &+ 2] > 0x20 {
                        position = keyEnd &+ 2
                        atValue = true
                    } else {
                        position = keyEnd &+ 1
                    }
                } else {
                    memberState = try readKey(tables, from: state, atTop: atTop)
                }
            } else {
                try skipString()
            }
            if !atValue {
                // Dense JSON has the colon right after the key and the value right after the colon.
                if position < bytes.count && bytes[position] == UInt8(ascii: ":") {
                    position &+= 1
                } else {
                    skipWhitespace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw unexpected("':' after the object key") }
                    position += 1
                }
                skipWhitespace()
            }
            if memberState == PathTrie.dead && !strict {
                // An unnamed member: skip it straight away (skipping cannot complete a pattern).
                guard position < bytes.count else {
                    throw JSONSyntaxError(offset: position, reason: "unexpected end of record, expected a value")
                }
                // Most skipped values are strings: skip them here rather than through a call.
                // A container goes straight to the block skip (the byte walk only when that
                // gives up, to report the error or handle deep nesting).
                let first = bytes[position]
                if first == UInt8(ascii: "\"") {
                    position += 1
                    try skipStringRest(open: position - 1)
                } else if (first | 0x20) == UInt8(ascii: "{") {
                    try skipDeadContainer(tables, depth: depth)
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
            // Dense JSON has the next key right after the comma.
            if position &+ 1 < bytes.count && bytes[position] == UInt8(ascii: ",") && bytes[position &+ 1] == UInt8(ascii: "\"") {
                position &+= 1
                continue
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
            if element {
                trailStack.append(ArrayTrailStep(array: arrayID, index: index))
                trailDepth &+= 1
            }
            try scanValue(tables, state: state, depth: depth, isRoot: isRoot)
            if element {
                trailStack.removeLast()
                trailDepth &-= 1
            }
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
        let inArray = trailDepth != 0
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
    /// (It takes the tables, not the trie: passing the trie by value copied it for every key.)
    mutating func readKey(_ tables: MatcherTables, from state: Int32, atTop: Bool) throws(JSONSyntaxError) -> Int32 {
        if strict {
            // A plain ASCII key (the search stops at bytes of 0x80 and above too) has no UTF-8 to check.
            let keyStart = position &+ 1
            let stop = ByteSearch.firstStrictStringStop(bytes.baseAddress!, bytes.count, from: keyStart)
            if stop < bytes.count && bytes[stop] == UInt8(ascii: "\"") {
                position = stop &+ 1
                return tables.trie.enter(
                    state, key: UnsafeBufferPointer(start: bytes.baseAddress! + keyStart, count: stop &- keyStart), atTop: atTop)
            }
        }
        let (start, end, escaped) = try stringBounds()
        if !escaped {
            if strict { try UTF8Validation.check(UnsafeBufferPointer(rebasing: bytes[start..<end]), baseOffset: start) }
            return tables.trie.enter(state, key: UnsafeBufferPointer(rebasing: bytes[start..<end]), atTop: atTop)
        }
        try decodeEscapes(start, end)
        return decoded.withUnsafeBufferPointer { tables.trie.enter(state, key: $0, atTop: atTop) }
    }

    /// Scans a string value of a named field and reports it.
    mutating func scanStringLeaf(_ tables: MatcherTables, pathID: Int32) throws(JSONSyntaxError) {
        // Most leaves are plain ASCII: a search that also stops at bytes of 0x80 and above finds
        // their closing quote directly, and they need no UTF-8 check or decoding.
        let open = position
        let stop = ByteSearch.firstStrictStringStop(bytes.baseAddress!, bytes.count, from: open &+ 1)
        if stop < bytes.count && bytes[stop] == UInt8(ascii: "\"") {
            position = stop &+ 1
            report(tables, .string, UnsafeBufferPointer(rebasing: bytes[(open &+ 1)..<stop]), pathID: pathID)
            return
        }
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
        let (end, escaped) = try JSONSkip.stringEnd(bytes.baseAddress!, bytes.count, from: position, open: open)
        position = end
        return escaped
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

    /// Skips the object or array of an unnamed member: the block skip, and the byte walk only
    /// when that gives up (to report the error, or for deep nesting), without running the block
    /// skip again. A call of its own, so that the member loop, which strict mode shares, stays as
    /// small as it was.
    @inline(never)
    mutating func skipDeadContainer(_ tables: MatcherTables, depth: Int) throws(JSONSyntaxError) {
        // DynamoDB's typed attributes (`{"S":"…"}`), most of the containers its records skip, are
        // told apart by one word compare, which costs the others little.
        if position &+ 8 <= bytes.count && JSONSkip.hasTypedAttributeHead(ByteSearch.load(bytes.baseAddress!, position)) {
            return try skipTypedAttribute(tables, depth: depth)
        }
        // Images (objects of typed attributes) are crossed member by member, where the patterns
        // name typed attributes; elsewhere every other object would pay for a key search.
        if tables.expectsTypedImages && skipTypedImage(tables, depth: depth) { return }
        if let end = JSONSkip.blockContainerEnd(bytes.baseAddress!, bytes.count, from: position, levelLimit: tables.maxDepth - depth) {
            position = end
        } else {
            try skipContainer(tables, depth: depth, blockSkipDeclined: true)
        }
    }

    /// Skips the object at `position` if it is an image (`JSONSkip.typedImageEnd`), and says whether it was.
    @inline(never)
    mutating func skipTypedImage(_ tables: MatcherTables, depth: Int) -> Bool {
        guard let end = JSONSkip.typedImageEnd(bytes.baseAddress!, bytes.count, from: position, levelLimit: tables.maxDepth - depth) else {
            return false
        }
        position = end
        return true
    }

    /// Skips the object of an unnamed member that opens as a typed attribute does
    /// (`JSONSkip.typedAttributeEnd`), or, when it is not one after all, as `skipContainer`.
    @inline(never)
    mutating func skipTypedAttribute(_ tables: MatcherTables, depth: Int) throws(JSONSyntaxError) {
        if let end = JSONSkip.typedAttributeEnd(bytes.baseAddress!, bytes.count, from: position, levelLimit: tables.maxDepth - depth) {
            position = end
        } else {
            try skipContainer(tables, depth: depth)
        }
    }

    /// Skips a whole object or array, matching brackets by kind (`JSONSkip.containerEnd`; with
    /// `blockSkipDeclined`, only its byte walk).
    mutating func skipContainer(_ tables: MatcherTables, depth: Int, blockSkipDeclined: Bool = false) throws(JSONSyntaxError) {
        let base = bytes.baseAddress!, count = bytes.count, levelLimit = tables.maxDepth - depth
        do {
            position =
                try blockSkipDeclined
                ? JSONSkip.containerEndByStops(base, count, from: position, levelLimit: levelLimit, spill: &bracketSpill)
                : JSONSkip.containerEnd(base, count, from: position, levelLimit: levelLimit, spill: &bracketSpill)
        } catch {
            switch error {
            case .truncated(let offset):
                position = offset
                throw JSONSyntaxError(offset: offset, reason: "unexpected end of record inside a container")
            case .tooDeep(let offset):
                position = offset
                throw nestingError(tables)
            case .mismatched(let offset, let openedObject):
                position = offset
                throw unexpected(openedObject ? "',' or '}' in object" : "',' or ']' in array")
            case .string(let stringError):
                throw stringError
            }
        }
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
