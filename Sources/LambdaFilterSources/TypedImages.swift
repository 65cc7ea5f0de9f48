import LambdaFilter

/// The DynamoDB walk's check of a `dynamodb` object: every member valid JSON and every attribute
/// of `Keys`, `NewImage` and `OldImage` a typed value (`DynamoDBAdapter.checkAttributeValue`'s
/// rules), as `check`, the member walk, reads it; and its fast path, `dense`, which checks a
/// whole object written densely (no whitespace, no escapes) in one call, with loops of byte
/// comparisons instead of a closure per member.
///
/// It answers only "valid, and it ends here"; on anything else (whitespace, an escape or a
/// non-ASCII byte in a string, a shape it does not know, an invalid value, nesting near the
/// limit) it declines, and the caller runs the reference walk from the same place, which gives
/// the verdict, the error and its offset exactly as before. So it may decline anything, but must
/// never accept what the reference walk rejects nor end anywhere else: the table tests compare
/// the two on valid and malformed texts.
///
/// The shapes it reads, one member each: `{"S":"…"}`, `{"N":"…"}`, `{"B":"…"}`,
/// `{"BOOL":true}`, `{"BOOL":false}`, `{"NULL":true}`, `{"SS":["…",…]}` (and `NS`, `BS`),
/// `{"M":{…}}` and `{"L":[…]}` of typed values.
enum TypedImages {
    /// What the checks return when they decline (`StrictSkip.declined`; every end is >= 0).
    static let declined = -1

    /// The fast path of `check`: the offset just past the `dynamodb` object at `start` when it
    /// is valid with valid typed images, or `declined`. `depth` counts the
    /// containers open around the object (the object itself is read at `depth`, as
    /// `forEachMember(depth:)` reads it).
    static func dense(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "{") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "}") { return position &+ 1 }
        while true {
            let keyEnd = StrictSkip.plainString(base, count, at: position)
            guard keyEnd >= 0, keyEnd &+ 1 < count, base[keyEnd] == UInt8(ascii: ":") else { return declined }
            let keyLength = keyEnd &- position &- 2
            let key = base + (position &+ 1)
            position = keyEnd &+ 1
            // By length first: most members of `dynamodb` are not images.
            let isImage =
                (keyLength == 4 && same(key, "Keys")) || (keyLength == 8 && (same(key, "NewImage") || same(key, "OldImage")))
            if isImage {
                position = denseImage(base, count, at: position, depth: depth &+ 1, maxDepth: maxDepth)
            } else {
                var end = StrictSkip.plainString(base, count, at: position)
                if end < 0 { end = StrictSkip.value(base, count, from: position, depth: depth &+ 1, maxDepth: maxDepth) }
                position = end
            }
            guard position >= 0, position < count else { return declined }
            let next = base[position]
            position &+= 1
            if next == UInt8(ascii: "}") { return position }
            guard next == UInt8(ascii: ","), position < count else { return declined }
        }
    }

    /// The offset just past the object of typed values at `start` (an image, or an `M` value),
    /// read at `depth`, or `declined`.
    static func denseImage(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "{") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "}") { return position &+ 1 }
        while true {
            let keyEnd = StrictSkip.plainString(base, count, at: position)
            guard keyEnd >= 0, keyEnd < count, base[keyEnd] == UInt8(ascii: ":") else { return declined }
            let value = keyEnd &+ 1
            // Most attributes are `{"S":"…"}` or `{"N":"…"}`: read here, without a call for the
            // type; anything else is `denseTypedValue`'s.
            if depth &+ 1 < maxDepth, value &+ 8 <= count, base[value] == UInt8(ascii: "{"), base[value &+ 1] == UInt8(ascii: "\""),
                base[value &+ 2] == UInt8(ascii: "S") || base[value &+ 2] == UInt8(ascii: "N"), base[value &+ 3] == UInt8(ascii: "\""),
                base[value &+ 4] == UInt8(ascii: ":")
            {
                let end = StrictSkip.plainString(base, count, at: value &+ 5)
                guard end >= 0, end < count, base[end] == UInt8(ascii: "}") else { return declined }
                position = end &+ 1
            } else {
                position = denseTypedValue(base, count, at: value, depth: depth &+ 1, maxDepth: maxDepth)
            }
            guard position >= 0, position < count else { return declined }
            let next = base[position]
            position &+= 1
            if next == UInt8(ascii: "}") { return position }
            guard next == UInt8(ascii: ","), position < count else { return declined }
        }
    }

    /// The offset just past the typed value (an object of one member) at `start`, read at
    /// `depth`, or `declined`.
    static func denseTypedValue(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
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
                value = denseImage(base, count, at: valueStart, depth: depth &+ 1, maxDepth: maxDepth)
            case UInt8(ascii: "L"):
                value = denseList(base, count, at: valueStart, depth: depth &+ 1, maxDepth: maxDepth)
            default:
                return declined
            }
        } else if type[2] == UInt8(ascii: "\"") && type[3] == UInt8(ascii: ":") {
            // `SS`, `NS`, `BS`: an array of strings.
            guard type[1] == UInt8(ascii: "S"), type[0] == UInt8(ascii: "S") || type[0] == UInt8(ascii: "N") || type[0] == UInt8(ascii: "B")
            else { return declined }
            value = denseStringSet(base, count, at: start &+ 6, depth: depth &+ 1, maxDepth: maxDepth)
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
    static func denseList(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "[") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "]") { return position &+ 1 }
        while true {
            position = denseTypedValue(base, count, at: position, depth: depth &+ 1, maxDepth: maxDepth)
            guard position >= 0, position < count else { return declined }
            let next = base[position]
            position &+= 1
            if next == UInt8(ascii: "]") { return position }
            guard next == UInt8(ascii: ",") else { return declined }
        }
    }

    /// The offset just past the array of plain strings at `start`, read at `depth`, or `declined`.
    static func denseStringSet(_ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "[") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "]") { return position &+ 1 }
        while true {
            position = StrictSkip.plainString(base, count, at: position)
            guard position >= 0, position < count else { return declined }
            let next = base[position]
            position &+= 1
            if next == UInt8(ascii: "]") { return position }
            guard next == UInt8(ascii: ",") else { return declined }
        }
    }

    /// Whether the bytes at `text` are those of `word` (the caller checked there are enough).
    @inline(__always)
    static func same(_ text: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        let expected = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where text[index] != expected[index] { return false }
        return true
    }

    /// Reads the `dynamodb` object at the cursor (at `depth`); whether every attribute of its
    /// `Keys`/`NewImage`/`OldImage` is a typed value (`DynamoDBAdapter.checkAttributeValue`'s
    /// rules). False leaves the error to the tree path.
    ///
    /// The reference walk: `dense` must agree with it wherever `dense` answers.
    static func check(_ cursor: inout StrictJSONCursor, depth: Int) throws(JSONSyntaxError) -> Bool {
        var valid = true
        try cursor.forEachMember(depth: depth) { cursor, key, escaped throws(JSONSyntaxError) in
            if escaped { valid = false }
            // By length first: most members of `dynamodb` are not images.
            let isImage =
                (key.count == 4 && cursor.sameBytes(key, equal: "Keys"))
                || (key.count == 8 && (cursor.sameBytes(key, equal: "NewImage") || cursor.sameBytes(key, equal: "OldImage")))
            guard valid, isImage, cursor.byte == UInt8(ascii: "{") else {
                if isImage { valid = false }
                try cursor.skipValue(depth: depth + 1)
                return
            }
            try cursor.forEachMember(depth: depth + 1) { cursor, _, escaped throws(JSONSyntaxError) in
                if escaped { valid = false }
                if valid {
                    valid = try isTypedValue(&cursor, depth: depth + 2)
                } else {
                    try cursor.skipValue(depth: depth + 2)
                }
            }
        }
        return valid
    }

    /// Reads the value at the cursor; whether it is one typed attribute value.
    static func isTypedValue(_ cursor: inout StrictJSONCursor, depth: Int) throws(JSONSyntaxError) -> Bool {
        if cursor.skipDenseScalarAttribute(depth: depth) { return true }
        guard cursor.byte == UInt8(ascii: "{") else {
            try cursor.skipValue(depth: depth)
            return false
        }
        var count = 0
        var valid = true
        try cursor.forEachMember(depth: depth) { cursor, key, escaped throws(JSONSyntaxError) in
            count += 1
            let first = cursor.byte
            guard valid, count == 1, !escaped else {
                valid = false
                try cursor.skipValue(depth: depth + 1)
                return
            }
            let type = AttributeType(key, in: cursor)
            if type == .scalar {
                valid = first == UInt8(ascii: "\"")
            } else if type == .bool {
                valid = first == UInt8(ascii: "t") || first == UInt8(ascii: "f")
            } else if type == .null {
                valid = first == UInt8(ascii: "t")
            } else if type == .set {
                valid = first == UInt8(ascii: "[")
                if valid {
                    try cursor.forEachElement(depth: depth + 1) { cursor, _ throws(JSONSyntaxError) in
                        if cursor.byte != UInt8(ascii: "\"") { valid = false }
                        try cursor.skipValue(depth: depth + 2)
                    }
                    return
                }
            } else if type == .map {
                valid = first == UInt8(ascii: "{")
                if valid {
                    try cursor.forEachMember(depth: depth + 1) { cursor, _, escaped throws(JSONSyntaxError) in
                        if escaped { valid = false }
                        if valid {
                            valid = try isTypedValue(&cursor, depth: depth + 2)
                        } else {
                            try cursor.skipValue(depth: depth + 2)
                        }
                    }
                    return
                }
            } else if type == .list {
                valid = first == UInt8(ascii: "[")
                if valid {
                    try cursor.forEachElement(depth: depth + 1) { cursor, _ throws(JSONSyntaxError) in
                        if valid {
                            valid = try isTypedValue(&cursor, depth: depth + 2)
                        } else {
                            try cursor.skipValue(depth: depth + 2)
                        }
                    }
                    return
                }
            } else {
                valid = false
            }
            try cursor.skipValue(depth: depth + 1)
        }
        return valid && count == 1
    }

    /// A typed attribute value's type descriptor, read from the key's bytes by length and
    /// letters (this runs on every attribute of every image).
    enum AttributeType {
        /// `S`, `N`, `B`: a string.
        case scalar
        /// `BOOL`, `NULL`, `SS`/`NS`/`BS`, `M`, `L`.
        case bool, null, set, map, list

        init?(_ key: Range<Int>, in cursor: StrictJSONCursor) {
            let bytes = cursor.base + key.lowerBound
            switch key.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "S"), UInt8(ascii: "N"), UInt8(ascii: "B"): self = .scalar
                case UInt8(ascii: "M"): self = .map
                case UInt8(ascii: "L"): self = .list
                default: return nil
                }
            case 2:
                let first = bytes[0]
                guard bytes[1] == UInt8(ascii: "S"), first == UInt8(ascii: "S") || first == UInt8(ascii: "N") || first == UInt8(ascii: "B")
                else { return nil }
                self = .set
            case 4:
                if cursor.sameBytes(key, equal: "BOOL") {
                    self = .bool
                } else if cursor.sameBytes(key, equal: "NULL") {
                    self = .null
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
    }
}
