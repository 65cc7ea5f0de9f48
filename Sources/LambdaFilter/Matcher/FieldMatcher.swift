/// Everything the patterns ask of one field, indexed so that a value is checked against all of
/// them at once.
///
/// Exact strings are one hash lookup, exact numbers one dictionary lookup by value, `true`,
/// `false` and `null` a list each; prefixes, suffixes and the other operators are checked one by
/// one (per field, so only conditions on this field are ever looked at). Each condition is an
/// *entry*: the deduplicated (field, condition) pair that any number of patterns share.
struct FieldMatcher: Sendable {
    var strings = ByteStringMap()
    var numbers: [Double: [Int32]] = [:]
    /// Number literals a `Double` cannot hold, compared by text.
    var numberTexts: [([UInt8], Int32)] = []
    var trueEntries: [Int32] = []
    var falseEntries: [Int32] = []
    var nullEntries: [Int32] = []
    /// `exists: true`: any leaf satisfies it.
    var anyLeafEntries: [Int32] = []
    var prefixes: [([UInt8], Int32)] = []
    /// Every other operator, checked with `Condition.holds(for:)`.
    var predicates: [(Condition, Int32)] = []
    /// Whether a number leaf needs its value parsed (some numeric condition exists).
    var needsNumberValue = false

    mutating func add(_ condition: Condition, entry: Int32) {
        switch condition {
        case .equals(.string(let text)):
            strings.append(entry, for: Array(text.utf8))
        case .equals(.number(let number)):
            if let value = number.value {
                numbers[value, default: []].append(entry)
                needsNumberValue = true
            } else {
                numberTexts.append((Array(number.text.utf8), entry))
            }
        case .equals(.bool(true)): trueEntries.append(entry)
        case .equals(.bool(false)): falseEntries.append(entry)
        case .equals(.null): nullEntries.append(entry)
        case .exists(true): anyLeafEntries.append(entry)
        case .exists(false): break  // decided per field by absence, never by a value
        case .prefix(let text, ignoringCase: false):
            prefixes.append((Array(text.utf8), entry))
        default:
            predicates.append((condition, entry))
        }
    }

    /// Calls `report` with every entry that `leaf` satisfies.
    @inline(__always)
    func evaluate(_ leaf: LeafValue, report: (Int32) -> Void) {
        for entry in anyLeafEntries { report(entry) }
        switch leaf.kind {
        case .string:
            if let entries = strings.values(for: leaf.utf8) {
                for entry in entries { report(entry) }
            }
            for (prefix, entry) in prefixes {
                let holds = prefix.withUnsafeBufferPointer { ByteComparison.hasPrefix(leaf.utf8, $0) }
                if holds { report(entry) }
            }
        case .number:
            if needsNumberValue, let value = NumberParsing.double(leaf.utf8), let entries = numbers[value] {
                for entry in entries { report(entry) }
            }
            for (text, entry) in numberTexts where text.elementsEqual(leaf.utf8) { report(entry) }
        case .trueValue:
            for entry in trueEntries { report(entry) }
        case .falseValue:
            for entry in falseEntries { report(entry) }
        case .null:
            for entry in nullEntries { report(entry) }
        }
        for (condition, entry) in predicates where condition.holds(for: leaf) { report(entry) }
    }
}
