extension Matcher {
    /// Matches `record`, an object whose top-level member with its key's opening quote at
    /// `keyQuote` has a decoded payload spliced in as its value (`value`), strictly, and tells
    /// whether that payload is one JSON value: the byte path's (`RecordBytes`) one scan for the
    /// match and the payload's check, which a separate strict pass over the payload answered
    /// before.
    ///
    /// The rest of `record` must be valid JSON already (the byte path validated the record
    /// around its payload). The payload's member is scanned as the scan reads any member; the
    /// members before and after it are scanned as two objects of their own, at the same depth and
    /// trie state, by turning the comma before its key into `}` and the comma after its value
    /// into `{` while they are read (`record` is restored before this returns). That is how the
    /// end of the payload's value is known: a payload such as `{"a":1},"b":2` would otherwise
    /// pass as a valid record with one more member.
    ///
    /// - Returns: true, with the verdict in `scratch.matchedPatterns` as `matchStrictly` leaves
    ///   it, when the payload is one JSON value; false when it is valid JSON followed by more.
    /// - Throws: the scanner's error when the payload is not JSON (or nests deeper than
    ///   `maxDepth`, an error of kind `.tooDeep`).
    package func matchStrictly(
        record: UnsafeMutableBufferPointer<UInt8>, memberKeyAt keyQuote: Int, value: Range<Int>, into scratch: inout MatchScratch
    ) throws(JSONSyntaxError) -> Bool {
        scratch.prepare(for: tables, input: UnsafeBufferPointer(record))
        scratch.strict = true
        defer { scratch.strict = false }
        guard try scratch.scanSplicedRecord(tables, record: record, keyQuote: keyQuote, value: value) else { return false }
        scratch.finish(with: tables)
        return true
    }
}

extension MatchScratch {
    /// `Matcher.matchStrictly(record:memberKeyAt:value:into:)`'s scan: the record's object as
    /// `scanValue` enters the root, in three parts.
    mutating func scanSplicedRecord(
        _ tables: MatcherTables, record: UnsafeMutableBufferPointer<UInt8>, keyQuote: Int, value: Range<Int>
    ) throws(JSONSyntaxError) -> Bool {
        let trie = tables.trie
        guard record.count > 0, record[0] == UInt8(ascii: "{") else { throw unexpected("a JSON object") }
        guard tables.maxDepth > 0 else { throw nestingError(tables) }
        let root = PathTrie.root
        let childState = trie.hasChildren(root) || trie.pathID(root) >= 0 ? root : PathTrie.dead
        // The members before the payload's: an object closed at the comma before its key.
        var before = keyQuote &- 1
        while before > 0 && record[before] <= 0x20 { before &-= 1 }
        if record[before] == UInt8(ascii: ",") {
            record[before] = UInt8(ascii: "}")
            defer { record[before] = UInt8(ascii: ",") }
            try scanObject(tables, state: childState, depth: 1, atTop: true)
        } else {
            position = 1
        }
        // The payload's member, as `scanObject` reads one.
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw unexpected("'\"' to start an object key") }
        var memberState = PathTrie.dead
        if childState != PathTrie.dead {
            memberState = try readKey(tables, from: childState, atTop: true)
        } else {
            try skipString()
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw unexpected("':' after the object key") }
        position &+= 1
        skipWhitespace()
        try scanValue(tables, state: memberState, depth: 1)
        // One value: it ends within the payload, and only whitespace follows it there.
        guard position <= value.upperBound else { return false }
        skipWhitespace()
        guard position >= value.upperBound else { return false }
        // Nothing after it can change the verdict, and all of it was validated already.
        if isComplete { return true }
        // The members after it: an object opened at the comma after its value.
        guard position < bytes.count else { throw unexpected("',' or '}' in object") }
        if bytes[position] == UInt8(ascii: ",") {
            let comma = position
            record[comma] = UInt8(ascii: "{")
            defer { record[comma] = UInt8(ascii: ",") }
            try scanObject(tables, state: childState, depth: 1, atTop: true)
        } else {
            guard bytes[position] == UInt8(ascii: "}") else { throw unexpected("',' or '}' in object") }
            position &+= 1
        }
        skipWhitespace()
        guard position == bytes.count else { throw JSONSyntaxError(offset: position, reason: "unexpected content after the JSON value") }
        return true
    }
}
