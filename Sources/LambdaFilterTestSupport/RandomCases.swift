import LambdaFilter

/// A small, seeded, reproducible random generator (SplitMix64).
package struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random patterns and records over a small shared vocabulary, so that they often match.
package struct RandomCases {
    package var random: SeededRandom

    package init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    static let keys = ["a", "b", "c", "d.e", ""]
    static let strings = ["", "x", "xy", "xyz", "Xy", "yz", "abc", "ABC", "a*c", "10.0.0.7", "010.0.0.7", "é", "e\u{301}", "tab\tq"]
    static let numbers = ["0", "1", "-1", "1.5", "1.50", "15e-1", "100", "1e2", "123456789012"]
    /// 17+-digit numbers and decimals a hair from the ones above: event-ruler compares some by
    /// value (`1.0000000000000002`, `9007199254740992`) and the others only by their text.
    static let longNumbers = [
        "1.00000000000000001", "1.0000000000000002", "0.99999999999999999", "99.999999999999999",
        "9007199254740992", "9007199254740993", "12345678901234567890", "1.500000000000000000001",
    ]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: Int) -> Bool { Int(random.next() % 100) < percent }

    // MARK: Records

    /// A random record: nested objects and arrays over the vocabulary, sometimes with a key
    /// repeated (AWS's engine counts every value of a repeated key).
    package mutating func record(depth: Int = 0) -> JSONValue {
        var members: [JSONMember] = []
        for key in Self.keys where chance(65) {
            members.append(JSONMember(key, recordValue(depth: depth + 1)))
        }
        if !members.isEmpty && chance(15) {
            members.append(JSONMember(pick(members).key, recordValue(depth: depth + 1)))
        }
        return .object(members)
    }

    mutating func recordValue(depth: Int) -> JSONValue {
        let roll = random.next() % 100
        if depth < 3 && roll < 20 { return record(depth: depth) }
        if depth < 3 && roll < 35 {
            // Mixed scalar/object arrays, and arrays of objects only, where conditions (and
            // `exists: false`) are judged element by element.
            let count = Int(random.next() % 4)
            let objectsOnly = chance(30)
            return .array((0..<count).map { _ in objectsOnly || chance(40) ? record(depth: depth + 1) : scalar() })
        }
        return scalar()
    }

    mutating func scalar() -> JSONValue {
        switch random.next() % 10 {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2, 3: return .number(pick(Self.numbers))
        case 4: return .number(pick(chance(50) ? Self.numbers : Self.longNumbers))
        default: return .string(pick(Self.strings))
        }
    }

    // MARK: Patterns

    /// A random pattern's JSON text in the EventBridge dialect. Valid by construction except
    /// that AWS may find a field's wildcards too complex; `pattern()` retries those.
    package mutating func patternText() -> String {
        JSONWriter.write(patternObject(depth: 0))
    }

    /// A random valid pattern in the EventBridge dialect.
    package mutating func pattern() -> Pattern {
        while true {
            let text = patternText()
            do {
                return try Pattern(parsing: text, dialect: .eventbridge)
            } catch {
                precondition(error.code == .wildcardTooComplex, "generator produced an invalid pattern: \(text): \(error)")
            }
        }
    }

    mutating func patternObject(depth: Int) -> JSONValue {
        var members: [JSONMember] = []
        let count = 1 + Int(random.next() % 3)
        for _ in 0..<count {
            if depth < 2 && chance(12) {
                let branches = (0..<(2 + Int(random.next() % 2))).map { _ in patternObject(depth: depth + 1) }
                members.append(JSONMember("$or", .array(branches)))
            } else if depth < 2 && chance(20) {
                members.append(JSONMember(pick(Self.keys), patternObject(depth: depth + 1)))
            } else if depth < 2 && chance(10) {
                members.append(JSONMember(pick(Self.keys), absenceBesideSiblings()))
            } else {
                let alternatives = (0..<(1 + Int(random.next() % 3))).map { _ in matchValue() }
                members.append(JSONMember(pick(Self.keys), .array(alternatives)))
            }
        }
        return .object(members)
    }

    /// An object of sibling conditions with one `exists: false` among them, as in
    /// `{"x": {"a": [1], "c": [{"exists": false}]}}`: over an array of objects it is judged in
    /// the element that meets the siblings.
    mutating func absenceBesideSiblings() -> JSONValue {
        var keys = Self.keys
        let absent = keys.remove(at: Int(random.next() % UInt64(keys.count)))
        var members = (0..<(1 + Int(random.next() % 2))).map { _ in JSONMember(pick(keys), .array([matchValue()])) }
        let absence: JSONValue = .object([JSONMember("exists", .bool(false))])
        members.append(JSONMember(absent, .array(chance(25) ? [absence, matchValue()] : [absence])))
        return .object(members)
    }

    /// How many patterns a random pattern set has: often one or two, so that the matcher's
    /// early stop (every pattern matched) is reached, otherwise four.
    package mutating func patternSetSize() -> Int {
        chance(40) ? 1 + Int(random.next() % 2) : 4
    }

    mutating func matchValue() -> JSONValue {
        func op(_ key: String, _ value: JSONValue) -> JSONValue { .object([JSONMember(key, value)]) }
        switch random.next() % 16 {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .number(pick(Self.numbers))
        case 3: return .number(pick(chance(50) ? Self.numbers : Self.longNumbers))
        case 4: return op("prefix", .string(pick(["x", "a", "", "1"])))
        case 5: return op("suffix", .string(pick(["z", "c", "yz"])))
        case 6: return op(chance(50) ? "prefix" : "suffix", op("equals-ignore-case", .string(pick(["x", "AB", "C"]))))
        case 7: return op("equals-ignore-case", .string(pick(Self.strings)))
        case 8: return op("wildcard", .string(pick(["x*", "*z", "a\\*c", "*y*", "x*z"])))
        case 9:
            let bound = pick(["0", "1", "1.5", "100"])
            return op(
                "numeric",
                pick(
                    [[">", .number(bound)], ["<=", .number(bound)], ["=", .number(bound)], [">=", .number("0"), "<", .number("100")]]
                        as [JSONValue]))
        case 10: return op("exists", .bool(chance(50)))
        case 11:
            return op(
                "anything-but",
                chance(50) ? .string(pick(Self.strings)) : .array([.number(pick(Self.numbers)), .number(pick(Self.numbers))]))
        case 12: return op("anything-but", op(pick(["prefix", "suffix"]), .string(pick(["x", "z", "a"]))))
        case 13: return op("anything-but", op(pick(["equals-ignore-case", "wildcard"]), .string(pick(["xy", "x*", "ABC"]))))
        case 14: return op("cidr", .string(pick(["10.0.0.0/24", "10.0.0.7/31", "010.0.0.0/8"])))
        default: return .string(pick(Self.strings))
        }
    }
}
