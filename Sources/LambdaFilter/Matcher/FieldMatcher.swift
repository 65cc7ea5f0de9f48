/// Everything the patterns ask of one field, indexed so that a value is checked against all of
/// them at once.
///
/// Exact strings are one hash lookup, exact numbers one dictionary lookup by value, `true`,
/// `false` and `null` a list each; prefixes and the other operators are checked one by one from
/// plain-data tables (per field, so only conditions on this field are ever looked at). Each
/// condition is an *entry*: the deduplicated (field, condition) pair any number of patterns share.
///
/// Immutable once built (`let` storage in a final class), so reading it on the hot path needs no
/// copies, retains or exclusivity checks.
final class FieldMatcher: Sendable {
    let strings: ByteStringMap
    let numbers: [Double: [Int32]]
    /// Number literals event-ruler does not compare by value (`ComparableNumber`), compared by text.
    let numberTexts: [[UInt8]]
    let numberTextEntries: [Int32]
    let trueEntries: [Int32]
    let falseEntries: [Int32]
    let nullEntries: [Int32]
    /// `exists: true`: any leaf satisfies it.
    let anyLeafEntries: [Int32]
    let prefixBytes: [UInt8]
    let prefixSpans: [ByteSpan]
    let prefixEntries: [Int32]
    /// The same prefixes hashed by length, used instead of comparing one by one when there are
    /// at least `indexedPrefixMinimum` of them.
    let prefixIndex: PrefixIndex
    let usesPrefixIndex: Bool
    let predicates: PredicateTable
    /// Whether a number leaf needs its value parsed (some condition compares numbers).
    let needsNumberValue: Bool
    /// Which of the tables above hold anything, read once per leaf: asking each array for its
    /// count cost a call apiece on every leaf (measured).
    private let hasAnyLeafEntries: Bool
    private let hasStrings: Bool
    private let hasPrefixes: Bool
    private let hasNumberTexts: Bool
    private let hasPredicates: Bool

    /// Collects a field's conditions before they are frozen into a `FieldMatcher`.
    struct Builder {
        var strings = ByteStringMap()
        var numbers: [Double: [Int32]] = [:]
        var numberTexts: [[UInt8]] = []
        var numberTextEntries: [Int32] = []
        var trueEntries: [Int32] = []
        var falseEntries: [Int32] = []
        var nullEntries: [Int32] = []
        var anyLeafEntries: [Int32] = []
        var prefixBytes: [UInt8] = []
        var prefixSpans: [ByteSpan] = []
        var prefixEntries: [Int32] = []
        var predicates = PredicateTable()
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
                    numberTexts.append(Array(number.text.utf8))
                    numberTextEntries.append(entry)
                }
            case .equals(.bool(true)): trueEntries.append(entry)
            case .equals(.bool(false)): falseEntries.append(entry)
            case .equals(.null): nullEntries.append(entry)
            case .exists(true): anyLeafEntries.append(entry)
            case .exists(false): break  // decided per field by absence, never by a value
            case .prefix(let text, ignoringCase: false):
                prefixSpans.append(ByteSpan(start: Int32(prefixBytes.count), count: Int32(text.utf8.count)))
                prefixBytes.append(contentsOf: text.utf8)
                prefixEntries.append(entry)
            default:
                if case .numeric = condition { needsNumberValue = true }
                if case .anythingBut(.values) = condition { needsNumberValue = true }
                predicates.add(condition, entry: entry)
            }
        }
    }

    /// The compiled form of `conditions` alone, entry `i` standing for `conditions[i]`: how the
    /// explainer and `Condition.holds(for:)` evaluate conditions, with the matcher's own code.
    convenience init(conditions: [Condition]) {
        var builder = Builder()
        for (index, condition) in conditions.enumerated() { builder.add(condition, entry: Int32(index)) }
        self.init(builder)
    }

    init(_ builder: Builder) {
        strings = builder.strings
        numbers = builder.numbers
        numberTexts = builder.numberTexts
        numberTextEntries = builder.numberTextEntries
        trueEntries = builder.trueEntries
        falseEntries = builder.falseEntries
        nullEntries = builder.nullEntries
        anyLeafEntries = builder.anyLeafEntries
        prefixBytes = builder.prefixBytes
        prefixSpans = builder.prefixSpans
        prefixEntries = builder.prefixEntries
        usesPrefixIndex = builder.prefixEntries.count >= Self.indexedPrefixMinimum
        prefixIndex = PrefixIndex(
            prefixes: usesPrefixIndex
                ? builder.prefixSpans.map { Array(builder.prefixBytes[Int($0.start)..<Int($0.start + $0.count)]) } : [],
            entries: usesPrefixIndex ? builder.prefixEntries : [])
        predicates = builder.predicates
        needsNumberValue = builder.needsNumberValue
        hasAnyLeafEntries = !builder.anyLeafEntries.isEmpty
        hasStrings = !builder.strings.isEmpty
        hasPrefixes = !builder.prefixEntries.isEmpty
        hasNumberTexts = !builder.numberTexts.isEmpty
        hasPredicates = !builder.predicates.predicates.isEmpty
    }

    /// From how many plain prefixes on one field a hash probe per prefix length beats comparing
    /// the value with each (a few comparisons of short prefixes cost less than hashing).
    static let indexedPrefixMinimum = 8

    /// Calls `report` with every entry that `leaf` satisfies.
    @inline(__always)
    func evaluate(_ leaf: LeafValue, report: (Int32) -> Void) {
        if hasAnyLeafEntries {
            for entry in anyLeafEntries { report(entry) }
        }
        var number: Double? = nil
        switch leaf.kind {
        case .string:
            if hasStrings, let entries = strings.values(for: leaf.utf8) {
                for entry in entries { report(entry) }
            }
            if usesPrefixIndex {
                prefixIndex.forEachPrefix(of: leaf.utf8, report)
            } else if hasPrefixes {
                prefixBytes.withUnsafeBufferPointer { pool in
                    for index in prefixEntries.indices {
                        let span = prefixSpans[index]
                        let prefix = UnsafeBufferPointer(rebasing: pool[Int(span.start)..<Int(span.start + span.count)])
                        if ByteComparison.hasPrefix(leaf.utf8, prefix) { report(prefixEntries[index]) }
                    }
                }
            }
        case .number:
            if needsNumberValue {
                number = ComparableNumber.value(leaf.utf8)
                if let number, let entries = numbers[number] {
                    for entry in entries { report(entry) }
                }
            }
            if hasNumberTexts {
                for index in numberTexts.indices where numberTexts[index].elementsEqual(leaf.utf8) { report(numberTextEntries[index]) }
            }
        case .trueValue:
            for entry in trueEntries { report(entry) }
        case .falseValue:
            for entry in falseEntries { report(entry) }
        case .null:
            for entry in nullEntries { report(entry) }
        }
        if hasPredicates {
            predicates.evaluate(leaf, number: number, report: report)
        }
    }
}
