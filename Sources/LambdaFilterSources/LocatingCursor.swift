import LambdaFilter

/// What `RecordBytes`'s walk needs of a cursor: the validating `StrictJSONCursor` (every byte
/// it passes is checked) or the `LocatingCursor` (it only finds where things are).
protocol RecordCursor {
    /// Whether every byte the cursor passes is checked against the JSON grammar.
    static var validates: Bool { get }
    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, maxDepth: Int)
    var base: UnsafePointer<UInt8> { get }
    var position: Int { get set }
    var current: UInt8? { get }
    mutating func skipWhitespace()
    mutating func expectEnd() throws(JSONSyntaxError)
    /// Moves past the value at the cursor; `depth` counts the containers open around it.
    mutating func skipValue(depth: Int) throws(JSONSyntaxError)
    mutating func forEachMember(
        depth: Int, _ visit: (inout Self, _ key: Range<Int>, _ escaped: Bool) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError)
    mutating func forEachElement(depth: Int, _ visit: (inout Self, _ index: Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError)
    func bytes(_ range: Range<Int>, equal word: StaticString) -> Bool
    /// Checks the string at the cursor strictly (escapes, UTF-8) and writes its content to `output`.
    mutating func decodeString(into output: UnsafeMutablePointer<UInt8>) throws(JSONSyntaxError) -> Int
    /// Moves past a DynamoDB `dynamodb` object; whether its images are typed.
    mutating func readTypedImages(depth: Int) throws(JSONSyntaxError) -> Bool
}

extension StrictJSONCursor: RecordCursor {
    static var validates: Bool { true }
}

/// A cursor that finds the members, elements and ends of values without checking them: strings
/// end at their closing quote (`JSONSkip.stringEnd`), containers at their matching bracket
/// (`JSONSkip.containerEnd`), scalars at the next delimiter.
///
/// It is the one-pass path's first half: on valid JSON it walks exactly as `StrictJSONCursor`
/// does, and on any bytes it stays in bounds and always moves forward (each step consumes at
/// least one byte or throws), so it ends. What it passed is validated afterwards, by the
/// matcher's strict mode on the view and by strict checks of the rest (`RecordBytes`); its
/// errors only say "not here" and are never shown.
struct LocatingCursor: RecordCursor {
    static var validates: Bool { false }
    let base: UnsafePointer<UInt8>
    let count: Int
    var position: Int
    let maxDepth: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, maxDepth: Int) {
        self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.count = bytes.count
        self.position = position
        self.maxDepth = maxDepth
    }

    @inline(__always)
    var current: UInt8? { position < count ? base[position] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position &+= 1
        }
    }

    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < count { throw notHere() }
    }

    func notHere() -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: "not located")
    }

    /// Moves past the value at the cursor. A container may open `maxDepth - depth` levels, as
    /// many as `StrictJSONCursor.skipValue(depth:)` allows, so a record too deep for the
    /// validating walk is never answered here.
    mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        guard position < count else { throw notHere() }
        let byte = base[position]
        if byte == UInt8(ascii: "\"") {
            position = try JSONSkip.stringEnd(base, count, from: position &+ 1, open: position).end
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            var spill: [Bool] = []
            do throws(JSONSkip.Failure) {
                position = try JSONSkip.containerEnd(base, count, from: position, levelLimit: maxDepth - depth, spill: &spill)
            } catch {
                throw notHere()
            }
        } else {
            // A number or literal: up to the next delimiter; at least one byte.
            let start = position
            while position < count {
                let next = base[position]
                if next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || next == UInt8(ascii: "]") || next == 0x20 || next == 0x0A
                    || next == 0x0D || next == 0x09
                {
                    break
                }
                position &+= 1
            }
            if position == start { throw notHere() }
        }
    }

    /// Enters the object at the cursor (at `depth`): true at its first key, false past an empty one.
    @inline(__always)
    mutating func openObject(depth: Int) throws(JSONSyntaxError) -> Bool {
        guard current == UInt8(ascii: "{"), depth < maxDepth else { throw notHere() }
        position &+= 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position &+= 1
            return false
        }
        return true
    }

    /// Enters the array at the cursor (at `depth`): true at its first element, false past an empty one.
    @inline(__always)
    mutating func openArray(depth: Int) throws(JSONSyntaxError) -> Bool {
        guard current == UInt8(ascii: "["), depth < maxDepth else { throw notHere() }
        position &+= 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position &+= 1
            return false
        }
        return true
    }

    /// Reads a member's key (at its quote) and colon: the cursor is then at the value.
    @inline(__always)
    mutating func memberKey() throws(JSONSyntaxError) -> (key: Range<Int>, escaped: Bool) {
        guard current == UInt8(ascii: "\"") else { throw notHere() }
        let open = position
        let (end, escaped) = try JSONSkip.stringEnd(base, count, from: open &+ 1, open: open)
        position = end
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw notHere() }
        position &+= 1
        skipWhitespace()
        guard position < count else { throw notHere() }
        return ((open + 1)..<(end - 1), escaped)
    }

    /// After a member's value: true at the next key, false past the closing `}`.
    @inline(__always)
    mutating func nextMember() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard let byte = current else { throw notHere() }
        position &+= 1
        if byte == UInt8(ascii: "}") { return false }
        guard byte == UInt8(ascii: ",") else { throw notHere() }
        skipWhitespace()
        return true
    }

    /// After an element: true at the next one, false past the closing `]`.
    @inline(__always)
    mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard let byte = current else { throw notHere() }
        position &+= 1
        if byte == UInt8(ascii: "]") { return false }
        guard byte == UInt8(ascii: ",") else { throw notHere() }
        skipWhitespace()
        guard position < count else { throw notHere() }
        return true
    }

    mutating func forEachMember(
        depth: Int, _ visit: (inout LocatingCursor, _ key: Range<Int>, _ escaped: Bool) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard current == UInt8(ascii: "{"), depth < maxDepth else { throw notHere() }
        position &+= 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position &+= 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw notHere() }
            let open = position
            let (end, escaped) = try JSONSkip.stringEnd(base, count, from: open &+ 1, open: open)
            position = end
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw notHere() }
            position &+= 1
            skipWhitespace()
            guard position < count else { throw notHere() }
            let valueStart = position
            try visit(&self, (open + 1)..<(end - 1), escaped)
            // `visit` must move past the value (every skip does, or throws).
            guard position > valueStart else { throw notHere() }
            skipWhitespace()
            guard let byte = current else { throw notHere() }
            position &+= 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw notHere() }
            skipWhitespace()
        }
    }

    mutating func forEachElement(
        depth: Int, _ visit: (inout LocatingCursor, _ index: Int) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard current == UInt8(ascii: "["), depth < maxDepth else { throw notHere() }
        position &+= 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position &+= 1
            return
        }
        var index = 0
        while true {
            guard position < count else { throw notHere() }
            let valueStart = position
            try visit(&self, index)
            guard position > valueStart else { throw notHere() }
            index += 1
            skipWhitespace()
            guard let byte = current else { throw notHere() }
            position &+= 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw notHere() }
            skipWhitespace()
        }
    }

    @inline(__always)
    func bytes(_ range: Range<Int>, equal word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<range.count where base[range.lowerBound + index] != expected[index] { return false }
        return true
    }

    /// The strict cursor's `decodeString`: an SQS body is decoded once, and checked as it is.
    mutating func decodeString(into output: UnsafeMutablePointer<UInt8>) throws(JSONSyntaxError) -> Int {
        var strict = StrictJSONCursor(UnsafeBufferPointer(start: base, count: count), at: position, maxDepth: maxDepth)
        let length = try strict.decodeString(into: output)
        position = strict.position
        return length
    }
}
