/// Why a text is not valid JSON, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, for code that treats some differently.
    public enum Kind: String, Sendable, Hashable {
        /// Not JSON: a stray character, a missing comma, an unterminated string...
        case syntax
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// Arrays and objects nested deeper than the parser's limit.
        case tooDeep
    }

    /// Byte offset of the offending character.
    public var offset: Int
    /// What is wrong, in a few words: `expected ':' after an object key`.
    public var reason: String
    /// Syntax, invalid UTF-8 or too deep: lets a caller treat, say, a too-deep record differently from a typo.
    public var kind: Kind

    package init(offset: Int, reason: String, kind: Kind = .syntax) {
        self.offset = offset
        self.reason = reason
        self.kind = kind
    }

    /// `invalid JSON at byte 12: expected ':' after an object key`.
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It is iterative (an explicit stack, not recursion), so a hostile document cannot overflow the
/// call stack, and it refuses documents nested deeper than `maxDepth`. Invalid UTF-8, raw control
/// characters in strings, leading zeros, trailing commas and trailing content are all errors.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public var maxDepth: Int

    /// A parser that refuses nesting deeper than `maxDepth` (512 by default) with a `.tooDeep` error.
    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
    }

    /// Parses `text` into a located tree.
    public func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses `bytes` into a located tree.
    public func parse(bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parse(utf8: buffer) }
    }

    /// Parses UTF-8 bytes into a located tree.
    public func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONNode {
        var reader = Reader<LocatedTree>(bytes: buffer, maxDepth: maxDepth)
        return try reader.parseDocument()
    }

    /// Parses `text` into a plain value tree.
    public func parseValue(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parseValue(bytes: Array(text.utf8))
    }

    /// Parses `bytes` into a plain value tree.
    public func parseValue(bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parseValue(utf8: buffer) }
    }

    /// Parses UTF-8 bytes into a plain value tree, built directly (no located tree in between,
    /// so a huge record costs one tree's memory, not two).
    public func parseValue(utf8 buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var reader = Reader<PlainTree>(bytes: buffer, maxDepth: maxDepth)
        return try reader.parseDocument()
    }

    /// Validates all of `buffer` as `parseValue(utf8:)` does (same errors), but builds only
    /// what `keeping` asks for: a huge record costs the parts a pattern reaches, not a tree.
    package func parseValue(utf8 buffer: UnsafeBufferPointer<UInt8>, keeping: JSONKeeping) throws(JSONSyntaxError) -> JSONValue {
        var reader = Reader<PartialPlainTree>(bytes: buffer, maxDepth: maxDepth, keeping: keeping)
        return try reader.parseDocument()
    }
}

/// Which parts of a document `JSONParser.parseValue(utf8:keeping:)` builds.
///
/// Names are dotted (key segments joined with `.`, array indices left out), as AWS matches
/// fields. A value is built in full when its name is in `reachable`; a scalar one level below
/// an `expanded` name is built too. Elsewhere, a member whose key (its last `.`-separated part,
/// case ignored) is in `keptKeys` stays, with its ancestors, as a value of the same JSON type
/// (a scalar as an empty string, `0`, the boolean or null); everything else is validated and
/// dropped. So what reads the result sees the same values at the reachable names, and the same
/// names and JSON types at the kept keys, as in the whole tree.
package struct JSONKeeping: Sendable {
    /// Names whose values are built in full; must hold every `.`-prefix of each of its names.
    package var reachable: Set<[UInt8]>
    /// Names whose scalar members are built too (a value one level deeper than asked).
    package var expanded: Set<[UInt8]>
    /// Lowercased last key parts kept, as placeholders, wherever they stand.
    package var keptKeys: Set<String>

    /// Builds the values at `names` and their `.`-prefixes, the scalars one level below
    /// `names`, and placeholders for `keptKeys`.
    package init(names: Set<[UInt8]>, keptKeys: Set<String>) {
        var reachable = names
        for name in names {
            for (index, byte) in name.enumerated() where byte == UInt8(ascii: ".") {
                reachable.insert(Array(name[..<index]))
            }
        }
        self.reachable = reachable
        self.expanded = names
        self.keptKeys = keptKeys
    }

    /// Whether a member named `key` is kept outside the reachable names.
    func keeps(key: String) -> Bool {
        let lastPart = key.utf8.lastIndex(of: UInt8(ascii: ".")).map { key[key.utf8.index(after: $0)...] } ?? key[...]
        return keptKeys.contains(lastPart.lowercased())
    }
}

/// What the parser builds: located nodes (`JSONNode`) or plain values (`JSONValue`).
private protocol JSONTreeBuilding {
    associatedtype Value
    associatedtype Member
    /// Whether the reader follows a `JSONKeeping` (a constant, so the other trees pay nothing).
    static var isPartial: Bool { get }
    static func null(at offset: Int) -> Value
    static func bool(_ flag: Bool, at offset: Int) -> Value
    static func number(_ text: String, at offset: Int) -> Value
    static func string(_ text: String, at offset: Int) -> Value
    static func array(_ elements: [Value], at offset: Int) -> Value
    static func object(_ members: [Member], at offset: Int) -> Value
    static func member(_ key: String, keyOffset: Int, _ value: Value) -> Member
}

private enum LocatedTree: JSONTreeBuilding {
    static var isPartial: Bool { false }
    static func null(at offset: Int) -> JSONNode { JSONNode(.null, offset: offset) }
    static func bool(_ flag: Bool, at offset: Int) -> JSONNode { JSONNode(.bool(flag), offset: offset) }
    static func number(_ text: String, at offset: Int) -> JSONNode { JSONNode(.number(text), offset: offset) }
    static func string(_ text: String, at offset: Int) -> JSONNode { JSONNode(.string(text), offset: offset) }
    static func array(_ elements: [JSONNode], at offset: Int) -> JSONNode { JSONNode(.array(elements), offset: offset) }
    static func object(_ members: [JSONNode.Member], at offset: Int) -> JSONNode { JSONNode(.object(members), offset: offset) }
    static func member(_ key: String, keyOffset: Int, _ value: JSONNode) -> JSONNode.Member {
        JSONNode.Member(key: key, keyOffset: keyOffset, value: value)
    }
}

/// Trees of plain values (`JSONValue`, no places): one set of builders for the whole and the
/// partial reading, which differ only in `isPartial`.
private protocol PlainValueTree: JSONTreeBuilding where Value == JSONValue, Member == JSONMember {}

extension PlainValueTree {
    static func null(at offset: Int) -> JSONValue { .null }
    static func bool(_ flag: Bool, at offset: Int) -> JSONValue { .bool(flag) }
    static func number(_ text: String, at offset: Int) -> JSONValue { .number(text) }
    static func string(_ text: String, at offset: Int) -> JSONValue { .string(text) }
    static func array(_ elements: [JSONValue], at offset: Int) -> JSONValue { .array(elements) }
    static func object(_ members: [JSONMember], at offset: Int) -> JSONValue { .object(members) }
    static func member(_ key: String, keyOffset: Int, _ value: JSONValue) -> JSONMember { JSONMember(key, value) }
}

private enum PlainTree: PlainValueTree {
    static var isPartial: Bool { false }
}

/// Plain values, only the parts a `JSONKeeping` asks for.
private enum PartialPlainTree: PlainValueTree {
    static var isPartial: Bool { true }
}

extension JSONParser {
    /// The parser's cursor and container stack.
    fileprivate struct Reader<Tree: JSONTreeBuilding> {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var position = 0
        var scratch: [UInt8] = []
        /// Buffers that closed small containers were collected in, reused by the next ones.
        var spareElements: [[Tree.Value]] = []
        var spareMembers: [[Tree.Member]] = []

        /// The most children a container may have for its buffer to be copied to its exact
        /// size and reused. A smaller container grown by doubling keeps up to half its array
        /// unused (5 members in room for 8), which made a record's tree half as big again; a
        /// larger one keeps its buffer, since copying it would hold it twice.
        static var exactSizeLimit: Int { 64 }

        /// `collected` in an array of its exact size, its buffer kept in `spare` for reuse.
        static func exactSize<T>(_ collected: inout [T], spare: inout [[T]]) -> [T] {
            guard collected.count <= exactSizeLimit else { return collected }
            let exact = [T](unsafeUninitializedCapacity: collected.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: collected)
            }
            collected.removeAll(keepingCapacity: true)
            spare.append(collected)
            return exact
        }

        /// What to build; `nil` builds everything.
        let keeping: JSONKeeping?

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, keeping: JSONKeeping? = nil) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.keeping = keeping
        }

        /// Where a value stands, for `keeping`: how much of it is built.
        enum Place {
            /// No `keeping`: everything is built.
            case everything
            /// The document, or an element of a top-level array (no name yet): built.
            case root
            /// At a reachable name: built in full.
            case reachable([UInt8])
            /// A member of an expanded name's object: built when a scalar, else as `elsewhere`.
            case belowExpanded(keyKept: Bool)
            /// Beyond the reachable names: kept when its key is, or when it holds a kept value.
            case elsewhere(keyKept: Bool)

            /// Whether a scalar here is built with its value.
            var keepsValue: Bool {
                switch self {
                case .everything, .root, .reachable, .belowExpanded: return true
                case .elsewhere: return false
                }
            }

            /// Whether a scalar here stands as a placeholder of its type.
            var keepsPlaceholder: Bool {
                if case .elsewhere(true) = self { return true }
                return false
            }

            /// Whether a container here is kept, given whether it holds any kept child.
            func keepsContainer(holdingKept: Bool) -> Bool {
                switch self {
                case .everything, .root, .reachable: return true
                case .belowExpanded(let keyKept), .elsewhere(let keyKept): return keyKept || holdingKept
                }
            }
        }

        /// The place of the next child of a container at `parent` (`key`: an object member's).
        func childPlace(isObject: Bool, of parent: Place, key: String) -> Place {
            guard let keeping else { return .everything }
            guard isObject else {
                // Array elements share the array's name.
                if case .belowExpanded(let keyKept) = parent { return .elsewhere(keyKept: keyKept) }
                return parent
            }
            switch parent {
            case .everything:
                return .everything
            case .root, .reachable:
                var name: [UInt8] = []
                if case .reachable(let parentName) = parent {
                    name = parentName
                    name.append(UInt8(ascii: "."))
                }
                name.append(contentsOf: key.utf8)
                if keeping.reachable.contains(name) { return .reachable(name) }
                let keyKept = keeping.keeps(key: key)
                if case .reachable(let parentName) = parent, keeping.expanded.contains(parentName) {
                    return .belowExpanded(keyKept: keyKept)
                }
                return .elsewhere(keyKept: keyKept)
            case .belowExpanded, .elsewhere:
                return .elsewhere(keyKept: keeping.keeps(key: key))
            }
        }

        /// The scalar `built` as `place` keeps it: itself, `placeholder`, or nothing.
        static func scalar(
            _ built: @autoclosure () -> Tree.Value, placeholder: @autoclosure () -> Tree.Value, at place: Place
        )
            -> Tree.Value?
        {
            if place.keepsValue { return built() }
            return place.keepsPlaceholder ? placeholder() : nil
        }

        /// A container being filled while its children are parsed.
        ///
        /// A struct mutated in place on the stack (`stack[top].elements.append`), so each array
        /// stays uniquely referenced and an append never copies it: reading is linear in the
        /// number of members. (Popping an enum frame and re-pushing it copied the array every
        /// time, which made a 128k-element array take 95 s.)
        struct Frame {
            var isObject: Bool
            var offset: Int
            var elements: [Tree.Value] = []
            var members: [Tree.Member] = []
            var pendingKey = ""
            var pendingKeyOffset = 0
        }

        mutating func parseDocument() throws(JSONSyntaxError) -> Tree.Value {
            skipWhitespace()
            if position >= bytes.count { throw JSONSyntaxError(offset: position, reason: "empty document, expected a JSON value") }
            var stack: [Frame] = []
            // Each open container's place, kept beside `stack` (and only for a partial reading)
            // so the whole-tree readers' frames stay as small as they were.
            var places: [Place] = []
            var finished: Tree.Value? = nil

            // Each turn either opens a container or produces one finished value, which is then
            // attached to the innermost open container (closing containers as they complete).
            parsing: while true {
                // `nil`: validated and dropped (see `keeping`).
                var value: Tree.Value?
                skipWhitespace()
                guard position < bytes.count else { throw unexpectedEnd(inside: stack) }
                let start = position
                let place: Place
                if !Tree.isPartial {
                    place = .everything
                } else if let top = stack.indices.last {
                    place = childPlace(isObject: stack[top].isObject, of: places[top], key: stack[top].pendingKey)
                } else {
                    place = .root
                }
                switch bytes[position] {
                case UInt8(ascii: "{"):
                    position += 1
                    guard stack.count < maxDepth else {
                        throw JSONSyntaxError(offset: start, reason: "nesting deeper than \(maxDepth) levels", kind: .tooDeep)
                    }
                    skipWhitespace()
                    if peek() == UInt8(ascii: "}") {
                        position += 1
                        value = place.keepsContainer(holdingKept: false) ? Tree.object([], at: start) : nil
                    } else {
                        let (key, keyOffset) = try parseKey()
                        stack.append(
                            Frame(
                                isObject: true, offset: start, members: spareMembers.popLast() ?? [], pendingKey: key,
                                pendingKeyOffset: keyOffset))
                        if Tree.isPartial { places.append(place) }
                        continue parsing
                    }
                case UInt8(ascii: "["):
                    position += 1
                    guard stack.count < maxDepth else {
                        throw JSONSyntaxError(offset: start, reason: "nesting deeper than \(maxDepth) levels", kind: .tooDeep)
                    }
                    skipWhitespace()
                    if peek() == UInt8(ascii: "]") {
                        position += 1
                        value = place.keepsContainer(holdingKept: false) ? Tree.array([], at: start) : nil
                    } else {
                        stack.append(Frame(isObject: false, offset: start, elements: spareElements.popLast() ?? []))
                        if Tree.isPartial { places.append(place) }
                        continue parsing
                    }
                case UInt8(ascii: "\""):
                    // A dropped string is validated but not decoded (a 100 MB one is not copied).
                    let text = try parseString(decoding: place.keepsValue)
                    value = Self.scalar(Tree.string(text, at: start), placeholder: Tree.string("", at: start), at: place)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let text = try parseNumber()
                    value = Self.scalar(Tree.number(text, at: start), placeholder: Tree.number("0", at: start), at: place)
                case UInt8(ascii: "t"):
                    try expectWord("true")
                    value = Self.scalar(Tree.bool(true, at: start), placeholder: Tree.bool(true, at: start), at: place)
                case UInt8(ascii: "f"):
                    try expectWord("false")
                    value = Self.scalar(Tree.bool(false, at: start), placeholder: Tree.bool(false, at: start), at: place)
                case UInt8(ascii: "n"):
                    try expectWord("null")
                    value = Self.scalar(Tree.null(at: start), placeholder: Tree.null(at: start), at: place)
                default:
                    throw unexpectedToken(at: start, expecting: "a JSON value (object, array, string, number, true, false or null)")
                }

                // Attach the value, closing every container that this completes.
                while true {
                    guard !stack.isEmpty else {
                        finished = value
                        break parsing
                    }
                    let top = stack.count - 1
                    skipWhitespace()
                    if !stack[top].isObject {
                        if let value { stack[top].elements.append(value) }
                        switch peek() {
                        case UInt8(ascii: ","):
                            position += 1
                            skipWhitespace()
                            if peek() == UInt8(ascii: "]") {
                                throw JSONSyntaxError(offset: position, reason: "trailing comma in array")
                            }
                            continue parsing
                        case UInt8(ascii: "]"):
                            position += 1
                            var frame = stack.removeLast()
                            if !Tree.isPartial || places.removeLast().keepsContainer(holdingKept: !frame.elements.isEmpty) {
                                value = Tree.array(Self.exactSize(&frame.elements, spare: &spareElements), at: frame.offset)
                            } else {
                                // Empty: a dropped container holds no kept child.
                                value = nil
                                spareElements.append(frame.elements)
                            }
                        case nil:
                            throw JSONSyntaxError(offset: position, reason: "unterminated array, expected ',' or ']'")
                        default:
                            throw unexpectedToken(at: position, expecting: "',' or ']' in array")
                        }
                    } else {
                        if let value {
                            stack[top].members.append(Tree.member(stack[top].pendingKey, keyOffset: stack[top].pendingKeyOffset, value))
                        }
                        switch peek() {
                        case UInt8(ascii: ","):
                            position += 1
                            skipWhitespace()
                            let (nextKey, nextKeyOffset) = try parseKey()
                            stack[top].pendingKey = nextKey
                            stack[top].pendingKeyOffset = nextKeyOffset
                            continue parsing
                        case UInt8(ascii: "}"):
                            position += 1
                            var frame = stack.removeLast()
                            if !Tree.isPartial || places.removeLast().keepsContainer(holdingKept: !frame.members.isEmpty) {
                                value = Tree.object(Self.exactSize(&frame.members, spare: &spareMembers), at: frame.offset)
                            } else {
                                value = nil
                                spareMembers.append(frame.members)
                            }
                        case nil:
                            throw JSONSyntaxError(offset: position, reason: "unterminated object, expected ',' or '}'")
                        default:
                            throw unexpectedToken(at: position, expecting: "',' or '}' in object")
                        }
                    }
                }
            }
            skipWhitespace()
            if position < bytes.count {
                throw JSONSyntaxError(offset: position, reason: "unexpected content after the JSON value")
            }
            // The document itself is always kept (`Place.root`).
            return finished!
        }

        func peek() -> UInt8? {
            position < bytes.count ? bytes[position] : nil
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        /// Reads `"key"` and the `:` after it.
        mutating func parseKey() throws(JSONSyntaxError) -> (String, Int) {
            let keyOffset = position
            guard peek() == UInt8(ascii: "\"") else {
                if peek() == UInt8(ascii: "}") {
                    throw JSONSyntaxError(offset: position, reason: "trailing comma in object")
                }
                if peek() == UInt8(ascii: "'") {
                    throw JSONSyntaxError(offset: position, reason: "object keys must use double quotes, not single quotes")
                }
                throw unexpectedToken(at: position, expecting: "'\"' to start an object key")
            }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw unexpectedToken(at: position, expecting: "':' after the object key")
            }
            position += 1
            return (key, keyOffset)
        }

        mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
            let start = position
            let count = word.utf8CodeUnitCount
            let matches = word.withUTF8Buffer { expected in
                guard position + count <= bytes.count else { return false }
                for index in 0..<count where bytes[position + index] != expected[index] { return false }
                return true
            }
            guard matches else {
                throw unexpectedToken(at: start, expecting: "a JSON value (object, array, string, number, true, false or null)")
            }
            position += count
            if let next = peek(), isWordByte(next) {
                throw unexpectedToken(at: start, expecting: "a JSON value (object, array, string, number, true, false or null)")
            }
        }

        func isWordByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                return true
            default:
                return byte >= 0x80
            }
        }

        /// An error naming the token found (`'this'`) and what was expected instead.
        func unexpectedToken(at offset: Int, expecting: String) -> JSONSyntaxError {
            guard offset < bytes.count else {
                return JSONSyntaxError(offset: offset, reason: "unexpected end of input, expected \(expecting)")
            }
            if let problem = UTF8Validation.nonASCIIProblem(bytes, at: offset, expecting: expecting) { return problem }
            var end = offset
            while end < bytes.count, end - offset < 32, isWordByte(bytes[end]) { end += 1 }
            // A token running into bad bytes (`1\u{C3}`): name the first bad byte instead.
            if let bad = UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[offset..<end])) {
                return JSONSyntaxError(
                    offset: offset + bad, reason: "invalid UTF-8 byte 0x\(String(bytes[offset + bad], radix: 16, uppercase: true))",
                    kind: .invalidUTF8)
            }
            if let mark = (offset..<end).first(where: {
                UTF8Validation.nonASCIIProblem(bytes, at: $0, expecting: expecting)?.kind == .syntax
            }) {
                return JSONSyntaxError(offset: mark, reason: "unexpected byte-order mark (U+FEFF), expected \(expecting)")
            }
            let token: String
            if end > offset {
                token = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            } else {
                token = Self.describe(byte: bytes[offset])
            }
            return JSONSyntaxError(offset: offset, reason: "unexpected '\(token)', expected \(expecting)")
        }

        static func describe(byte: UInt8) -> String {
            if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
            return "\\u{\(String(byte, radix: 16, uppercase: true))}"
        }

        func unexpectedEnd(inside stack: [Frame]) -> JSONSyntaxError {
            switch stack.last?.isObject {
            case false?: return JSONSyntaxError(offset: position, reason: "unexpected end of input inside an array")
            case true?: return JSONSyntaxError(offset: position, reason: "unexpected end of input inside an object")
            case nil: return JSONSyntaxError(offset: position, reason: "unexpected end of input, expected a JSON value")
            }
        }

        mutating func parseNumber() throws(JSONSyntaxError) -> String {
            let start = position
            position = try NumberSyntax.end(of: bytes, from: position)
            if let next = peek(), isWordByte(next) || next == UInt8(ascii: ".") {
                throw unexpectedToken(at: start, expecting: "a JSON value (object, array, string, number, true, false or null)")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        /// Reads a string starting at its opening quote; decodes escapes and checks UTF-8.
        /// With `decoding` false it only checks, and returns "".
        mutating func parseString(decoding: Bool = true) throws(JSONSyntaxError) -> String {
            let open = position
            position += 1
            let contentStart = position
            // Fast path: no escapes, plain ASCII or valid UTF-8 until the closing quote.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                    try UTF8Validation.check(content, baseOffset: contentStart)
                    position += 1
                    return decoding ? String(decoding: content, as: UTF8.self) : ""
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw controlCharacter(at: position) }
                position += 1
            }
            if position >= bytes.count {
                throw JSONSyntaxError(offset: open, reason: "unterminated string")
            }
            // Slow path: copy what was read, then decode escapes.
            scratch.removeAll(keepingCapacity: true)
            let prefix = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
            try UTF8Validation.check(prefix, baseOffset: contentStart)
            scratch.append(contentsOf: prefix)
            var runStart = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                    try UTF8Validation.check(run, baseOffset: runStart)
                    scratch.append(contentsOf: run)
                    position += 1
                    return decoding ? String(decoding: scratch, as: UTF8.self) : ""
                }
                if byte < 0x20 { throw controlCharacter(at: position) }
                if byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                try UTF8Validation.check(run, baseOffset: runStart)
                scratch.append(contentsOf: run)
                try decodeEscape()
                runStart = position
            }
            throw JSONSyntaxError(offset: open, reason: "unterminated string")
        }

        func controlCharacter(at offset: Int) -> JSONSyntaxError {
            JSONSyntaxError(
                offset: offset,
                reason: "raw control character \(Self.describe(byte: bytes[offset])) in string; write it as an escape such as \\n")
        }

        /// What an escaped lone surrogate (`\ud800` not followed by a low surrogate, or a lone
        /// `\udc00`) stands for: `?`, as in AWS's engine. event-ruler reads JSON with Jackson,
        /// which keeps the lone UTF-16 unit in a Java string, and then compares the string's
        /// `getBytes(StandardCharsets.UTF_8)`; Java's encoder writes each unpaired surrogate as
        /// its replacement byte, `?` (0x3F). So `["\ud800"]` matches `"\udfff"` and `"?"` there,
        /// and not a literal U+FFFD, which this parser once substituted.
        static var loneSurrogateReplacement: Int { Int(JSONEscapes.loneSurrogateReplacement) }

        /// Decodes one escape at `position` (a backslash) into `scratch`.
        mutating func decodeEscape() throws(JSONSyntaxError) {
            let escapeStart = position
            position += 1
            guard let code = peek() else { throw JSONSyntaxError(offset: escapeStart, reason: "unterminated string") }
            position += 1
            switch code {
            case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4(escapeStart: escapeStart)
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        let save = position
                        position += 2
                        let low = try readHex4(escapeStart: save)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                            scalar = Self.loneSurrogateReplacement
                        }
                    } else {
                        scalar = Self.loneSurrogateReplacement
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = Self.loneSurrogateReplacement
                }
                appendUTF8(UInt32(scalar))
            default:
                throw JSONSyntaxError(offset: escapeStart, reason: "invalid escape '\\\(Self.describe(byte: code))' in string")
            }
        }

        mutating func readHex4(escapeStart: Int) throws(JSONSyntaxError) -> Int {
            guard position + 4 <= bytes.count else {
                throw JSONSyntaxError(offset: escapeStart, reason: "incomplete \\u escape")
            }
            var result = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: Int
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte) - 0x30
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte) - 0x61 + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte) - 0x41 + 10
                default: throw JSONSyntaxError(offset: escapeStart, reason: "invalid \\u escape, expected 4 hex digits")
                }
                result = result * 16 + digit
                position += 1
            }
            return result
        }

        mutating func appendUTF8(_ scalar: UInt32) {
            switch scalar {
            case ..<0x80:
                scratch.append(UInt8(scalar))
            case ..<0x800:
                scratch.append(UInt8(0xC0 | (scalar >> 6)))
                scratch.append(UInt8(0x80 | (scalar & 0x3F)))
            case ..<0x10000:
                scratch.append(UInt8(0xE0 | (scalar >> 12)))
                scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                scratch.append(UInt8(0x80 | (scalar & 0x3F)))
            default:
                scratch.append(UInt8(0xF0 | (scalar >> 18)))
                scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                scratch.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }
}

/// What the JSON readers (the parser and the scanner's cursor) share about escapes.
enum JSONEscapes {
    /// The scalar an escaped lone surrogate decodes to: `?`, as in AWS's engine (see
    /// `JSONParser.Reader.loneSurrogateReplacement`).
    static let loneSurrogateReplacement: UInt32 = 0x3F
}

/// RFC 8259 number grammar, shared by the parser and the record scanner.
enum NumberSyntax {
    /// Where a text leaves the number grammar.
    enum Failure {
        case digit, leadingZero, fractionDigit, exponentDigit
    }

    /// The offset just past the number starting at `start`.
    /// - Throws: the first place the text leaves the grammar, and why.
    static func end(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONSyntaxError) -> Int {
        guard let base = bytes.baseAddress else { throw JSONSyntaxError(offset: start, reason: "expected a digit in number") }
        let (position, failure) = scan(base, bytes.count, from: start)
        switch failure {
        case nil: return position
        case .digit?: throw JSONSyntaxError(offset: position, reason: "expected a digit in number")
        case .leadingZero?: throw JSONSyntaxError(offset: start, reason: "numbers must not have leading zeros")
        case .fractionDigit?: throw JSONSyntaxError(offset: position, reason: "expected a digit after the decimal point")
        case .exponentDigit?: throw JSONSyntaxError(offset: position, reason: "expected a digit in the exponent")
        }
    }

    /// The grammar itself, read once for both its users: the offset just past the number at
    /// `start`, or where the text leaves the grammar and why (`end` turns that into its error;
    /// the strict fast path, `StrictSkip`, only asks whether).
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> (end: Int, failure: Failure?) {
        @inline(__always) func digitAt(_ index: Int) -> Bool {
            index < count && base[index] &- 0x30 < 10
        }
        var position = start
        if position < count && base[position] == UInt8(ascii: "-") { position += 1 }
        guard digitAt(position) else { return (position, .digit) }
        if base[position] == UInt8(ascii: "0") {
            position += 1
            if digitAt(position) { return (position, .leadingZero) }
        } else {
            while digitAt(position) { position += 1 }
        }
        if position < count && base[position] == UInt8(ascii: ".") {
            position += 1
            guard digitAt(position) else { return (position, .fractionDigit) }
            while digitAt(position) { position += 1 }
        }
        if position < count && base[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count && (base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-")) { position += 1 }
            guard digitAt(position) else { return (position, .exponentDigit) }
            while digitAt(position) { position += 1 }
        }
        return (position, nil)
    }
}

/// UTF-8 well-formedness checks with the offset of the first bad byte.
public enum UTF8Validation {
    /// Throws at the first byte that does not start or continue a valid UTF-8 sequence.
    package static func check(_ bytes: UnsafeBufferPointer<UInt8>, baseOffset: Int = 0) throws(JSONSyntaxError) {
        if let bad = firstInvalidOffset(bytes) {
            throw JSONSyntaxError(
                offset: baseOffset + bad, reason: "invalid UTF-8 byte 0x\(String(bytes[bad], radix: 16, uppercase: true))",
                kind: .invalidUTF8)
        }
    }

    /// The error for an unexpected non-ASCII byte at `offset` that a quoted token would show
    /// badly (`unexpected '\u{FFFD}'`): a byte-order mark, or a byte that is not UTF-8.
    /// `nil` for valid UTF-8 text (which the caller quotes as it is) and for ASCII.
    package static func nonASCIIProblem(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, expecting: String) -> JSONSyntaxError? {
        guard offset < bytes.count, bytes[offset] >= 0x80 else { return nil }
        if offset + 3 <= bytes.count, bytes[offset] == 0xEF, bytes[offset + 1] == 0xBB, bytes[offset + 2] == 0xBF {
            let reason =
                offset == 0
                ? "byte-order mark (U+FEFF) at the start; JSON text must not begin with one (save the file as UTF-8 without BOM)"
                : "unexpected byte-order mark (U+FEFF), expected \(expecting)"
            return JSONSyntaxError(offset: offset, reason: reason)
        }
        let window = UnsafeBufferPointer(rebasing: bytes[offset..<min(bytes.count, offset + 4)])
        guard firstInvalidOffset(window) == 0 else { return nil }
        return JSONSyntaxError(
            offset: offset, reason: "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true))", kind: .invalidUTF8)
    }

    /// Whether every byte is ASCII (checked eight bytes at a time).
    package static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index + 8 <= bytes.count {
            if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The index of the first invalid byte, or nil when `bytes` is well-formed UTF-8.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if isASCII(bytes) { return nil }
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let base = bytes.baseAddress, let length = sequenceLength(base, at: index, count: count) else { return index }
            index += length
        }
        return nil
    }

    /// The length (2 to 4) of the well-formed multi-byte UTF-8 sequence starting at `index`, or
    /// nil when it is not one: overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = base[index]
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= count else { return nil }
        for continuation in 1..<length {
            let byte = base[index + continuation]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = (scalar << 6) | UInt32(byte & 0x3F)
        }
        if scalar < minimum || (scalar >= 0xD800 && scalar < 0xE000) || scalar > 0x10FFFF { return nil }
        return length
    }
}
