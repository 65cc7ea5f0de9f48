/// The loops of the DynamoDB typed-image fast path (`TypedImages.dense` in LambdaFilterSources
/// reads the `dynamodb` object and hands each image here): an image's attributes, `M`, `L` and
/// the string sets, checked densely (no whitespace, no escapes, ASCII strings), answering only
/// "valid, and it ends here" or `declined`.
///
/// They live beside `StrictSkip` so that its string search is inlined into them: a typed image
/// is mostly short strings, and a call per string cost more than reading it. They decline
/// anything unusual; the caller then runs `TypedImages.check`, the reference walk, from the
/// same place (the table tests compare the two on valid and malformed texts).
///
/// The shapes, one member each: `{"S":"…"}`, `{"N":"…"}`, `{"B":"…"}`, `{"BOOL":true}`,
/// `{"BOOL":false}`, `{"NULL":true}`, `{"SS":["…",…]}` (and `NS`, `BS`), `{"M":{…}}` and
/// `{"L":[…]}` of typed values.
package enum TypedImageSkip {
    /// What the loops return when they decline (every end is >= 0).
    package static let declined = -1

    /// The offset just past the object of typed values at `start` (an image, or an `M` value),
    /// read at `depth` (the containers open around it), or `declined`.
    package static func image(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "{") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "}") { return position &+ 1 }
        while true {
            let keyEnd = StrictSkip.plainString(base, count, at: position)
            guard keyEnd >= 0, keyEnd < count, base[keyEnd] == UInt8(ascii: ":") else { return declined }
            let value = keyEnd &+ 1
            var end: Int
            // Most attributes are `{"S":"…"}` or `{"N":"…"}`: their first six bytes are one
            // word compare, and the string is read here; anything else is `typedValue`'s.
            if depth &+ 1 < maxDepth, value &+ 8 <= count, isScalarHead(load(base, value) & sixBytes) {
                end = StrictSkip.plainString(base, count, at: value &+ 5)
                guard end >= 0, end < count, base[end] == UInt8(ascii: "}") else { return declined }
                end &+= 1
            } else {
                end = typedValue(base, count, at: value, depth: depth &+ 1, maxDepth: maxDepth)
            }
            position = afterMember(base, count, end: end, closing: UInt8(ascii: "}"))
            if position < 0 { return position == declined ? declined : ~position }
        }
    }

    /// The offset just past the typed value (an object of one member) at `start`, read at
    /// `depth`, or `declined`.
    static func typedValue(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        // `{"S":` and the shortest value with its closing brace: 8 bytes at least.
        guard depth < maxDepth, start &+ 8 <= count, base[start] == UInt8(ascii: "{"), base[start &+ 1] == UInt8(ascii: "\"")
        else { return declined }
        let type = base + (start &+ 2)
        var value: Int
        if type[1] == UInt8(ascii: "\"") && type[2] == UInt8(ascii: ":") {
            let valueStart = start &+ 5
            switch type[0] {
            case UInt8(ascii: "S"), UInt8(ascii: "N"), UInt8(ascii: "B"):
                value = StrictSkip.plainString(base, count, at: valueStart)
            case UInt8(ascii: "M"):
                value = image(base, count, at: valueStart, depth: depth &+ 1, maxDepth: maxDepth)
            case UInt8(ascii: "L"):
                value = list(base, count, at: valueStart, depth: depth &+ 1, maxDepth: maxDepth)
            default:
                return declined
            }
        } else if type[2] == UInt8(ascii: "\"") && type[3] == UInt8(ascii: ":") {
            // `SS`, `NS`, `BS`: an array of strings.
            guard type[1] == UInt8(ascii: "S"), type[0] == UInt8(ascii: "S") || type[0] == UInt8(ascii: "N") || type[0] == UInt8(ascii: "B")
            else { return declined }
            value = stringSet(base, count, at: start &+ 6, depth: depth &+ 1, maxDepth: maxDepth)
        } else if start &+ 13 <= count && type[4] == UInt8(ascii: "\"") && type[5] == UInt8(ascii: ":") {
            // `{"BOOL":true}`, `{"BOOL":false}`, `{"NULL":true}`: 13 bytes at least.
            let literal = base + (start &+ 8)
            if same(type, "BOOL") {
                if same(literal, "true") {
                    value = start &+ 12
                } else if start &+ 14 <= count && same(literal, "false") {
                    value = start &+ 13
                } else {
                    return declined
                }
            } else if same(type, "NULL") && same(literal, "true") {
                value = start &+ 12
            } else {
                return declined
            }
        } else {
            return declined
        }
        guard value >= 0, value < count, base[value] == UInt8(ascii: "}") else { return declined }
        return value &+ 1
    }

    /// The offset just past the array of typed values at `start`, read at `depth`, or `declined`.
    static func list(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "[") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "]") { return position &+ 1 }
        while true {
            let end = typedValue(base, count, at: position, depth: depth &+ 1, maxDepth: maxDepth)
            position = afterMember(base, count, end: end, closing: UInt8(ascii: "]"))
            if position < 0 { return position == declined ? declined : ~position }
        }
    }

    /// The offset just past the array of plain strings at `start`, read at `depth`, or `declined`.
    static func stringSet(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "[") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "]") { return position &+ 1 }
        while true {
            let end = StrictSkip.plainString(base, count, at: position)
            position = afterMember(base, count, end: end, closing: UInt8(ascii: "]"))
            if position < 0 { return position == declined ? declined : ~position }
        }
    }

    /// What follows a member (or element) that ends at `end` (`declined` when it did not pass):
    /// the offset of the next one after a comma; `~(offset just past the container)` (below
    /// `declined`) at `closing`; else `declined`.
    @inline(__always)
    package static func afterMember(_ base: UnsafePointer<UInt8>, _ count: Int, end: Int, closing: UInt8) -> Int {
        guard end >= 0, end < count else { return declined }
        let next = base[end]
        if next == closing { return ~(end &+ 1) }
        // A comma must have something after it.
        guard next == UInt8(ascii: ","), end &+ 1 < count else { return declined }
        return end &+ 1
    }

    /// The low six bytes of a word.
    @inline(__always)
    static var sixBytes: UInt64 { 0xFFFF_FFFF_FFFF }

    /// Whether the six bytes of `head` are `{"S":"` or `{"N":"`.
    @inline(__always)
    static func isScalarHead(_ head: UInt64) -> Bool {
        head == stringHead || head == numberHead
    }

    /// `{"S":"` and `{"N":"` as `load` reads them (the first byte lowest).
    @inline(__always)
    static var stringHead: UInt64 { 0x22_3A22_5322_7B }
    @inline(__always)
    static var numberHead: UInt64 { 0x22_3A22_4E22_7B }

    /// Eight bytes at `offset`, the first in the low byte.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// Whether the bytes at `text` are those of `word` (the caller checked there are enough).
    @inline(__always)
    static func same(_ text: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        let expected = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where text[index] != expected[index] { return false }
        return true
    }
}
