import LambdaFilter

/// The DynamoDB walk's check of a `dynamodb` object: every member valid JSON and every attribute
/// of `Keys`, `NewImage` and `OldImage` a typed value (`DynamoDBAdapter.checkAttributeValue`'s
/// rules), as `check`, the member walk, reads it; and its fast path, `dense`, which checks a
/// whole object written densely (no whitespace, no escapes) in one call, with loops of byte
/// comparisons instead of a closure per member (its images' loops are `TypedImageSkip`'s).
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
        var members: [MemberSpan] = []
        return dense(base, count, at: start, depth: depth, maxDepth: maxDepth, members: &members)
    }

    /// `dense`, which also appends the object's members to `members` as it reads them (when it
    /// declines, what it appended means nothing).
    static func dense(
        _ base: UnsafePointer<UInt8>, _ count: Int, at start: Int, depth: Int, maxDepth: Int, members: inout [MemberSpan]
    ) -> Int {
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "{") else { return declined }
        var position = start &+ 1
        if base[position] == UInt8(ascii: "}") { return position &+ 1 }
        while true {
            let keyEnd = StrictSkip.plainString(base, count, at: position)
            guard keyEnd >= 0, keyEnd &+ 1 < count, base[keyEnd] == UInt8(ascii: ":") else { return declined }
            let keyLength = keyEnd &- position &- 2
            let key = base + (position &+ 1)
            let keyRange = (position &+ 1)..<(keyEnd &- 1)
            position = keyEnd &+ 1
            let valueStart = position
            // Whitespace before a value declines, so each member's recorded value starts at it.
            guard base[valueStart] > 0x20 else { return declined }
            // By length first: most members of `dynamodb` are not images.
            let isImage =
                (keyLength == 4 && same(key, "Keys")) || (keyLength == 8 && (same(key, "NewImage") || same(key, "OldImage")))
            if isImage {
                position = TypedImageSkip.image(base, count, at: position, depth: depth &+ 1, maxDepth: maxDepth)
            } else {
                var end = StrictSkip.plainString(base, count, at: position)
                if end < 0 { end = StrictSkip.value(base, count, from: position, depth: depth &+ 1, maxDepth: maxDepth) }
                position = end
            }
            guard position >= 0 else { return declined }
            members.append(MemberSpan(key: keyRange, escaped: false, value: valueStart..<position))
            position = TypedImageSkip.afterMember(base, count, end: position, closing: UInt8(ascii: "}"))
            if position < 0 { return position == declined ? declined : ~position }
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
