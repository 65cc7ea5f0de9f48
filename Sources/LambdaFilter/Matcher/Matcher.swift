/// Many patterns compiled together; answers which of them match a record.
///
/// ```
/// patterns ──compile──▶ PathTrie (field names) + FieldMatcher per field + conjunction table
/// record bytes ──RecordScanner (one pass, skips unnamed subtrees)──▶ leaves
///   leaf ──FieldMatcher──▶ entries ──▶ slots hit ──▶ conjunctions complete? ──▶ pattern ids
/// ```
/// Built once and read-only afterwards, so one `Matcher` is shared freely across threads.
/// Matching needs a `MatchScratch` per thread, holding buffers reused from record to record.
///
/// Work per record grows with the record's size and with the conditions on the fields it
/// actually contains, not with the number of patterns about other fields.
public struct Matcher: Sendable {
    /// The patterns, in the order given; their indices are the ids `match` reports.
    public let patterns: [Pattern]
    /// The deepest record nesting accepted.
    public var maxDepth: Int { tables.maxDepth }

    let tables: MatcherTables

    /// Compiles `patterns`, however many, into tables every thread can share: for patterns the
    /// program itself chose. Patterns read from outside go through `init(patterns:limits:)`, which
    /// refuses more than `MatcherLimits.maxPatterns`. A record nested deeper than `maxDepth` fails
    /// to match with a `.tooDeep` `JSONSyntaxError`.
    /// - Complexity: O(the patterns' conditions, `$or` expanded).
    public init(patterns: [Pattern], maxDepth: Int = MatcherLimits.defaultMaxDepth) {
        self.patterns = patterns
        self.tables = MatcherTables(patterns: patterns, maxDepth: maxDepth)
    }

    /// Indices of the patterns that match the JSON record `bytes`, in ascending order.
    /// - Throws: `JSONSyntaxError` when the record is not valid JSON.
    public func matchingPatterns(in bytes: [UInt8]) throws(JSONSyntaxError) -> [Int] {
        var scratch = MatchScratch()
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try match(buffer, into: &scratch) }
        return scratch.matchedPatterns
    }

    /// Indices of the patterns that match `record`, in ascending order.
    public func matchingPatterns(in record: JSONValue) -> [Int] {
        // A written JSONValue is always valid JSON, so this cannot throw.
        // Written straight into bytes (not a String first), into a buffer of the exact size
        // (counted first: growing by doubling held up to 2.5 copies of a huge record at once).
        var size = UTF8Count()
        JSONWriter.write(record, to: &size)
        var bytes = UTF8Bytes()
        bytes.bytes.reserveCapacity(size.count)
        JSONWriter.write(record, to: &bytes)
        return (try? matchingPatterns(in: bytes.bytes)) ?? []
    }

    /// Whether any pattern matches the JSON record `bytes`.
    public func matchesAny(_ bytes: [UInt8]) throws(JSONSyntaxError) -> Bool {
        try !matchingPatterns(in: bytes).isEmpty
    }

    /// Matches one record, leaving the result in `scratch.matchedPatterns`.
    ///
    /// Once `scratch` has grown to fit this matcher and typical records, matching allocates nothing.
    /// - Complexity: O(n) in the record's bytes, plus the conditions checked on named fields.
    /// - Throws: `JSONSyntaxError` when the record is not valid JSON (or nests deeper than `maxDepth`).
    public func match(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout MatchScratch) throws(JSONSyntaxError) {
        scratch.prepare(for: tables, input: bytes)
        try scratch.scanDocument(tables)
        scratch.finish(with: tables)
    }
}

/// The compiled form of a `Matcher`: immutable once built, so shared by every thread.
///
/// A final class with `let` storage, so that a scan reads the tables through one reference
/// without retaining or copying any of them. (`@unchecked`: `hitTables` are pointers, written
/// only in `init` and freed in `deinit`.)
final class MatcherTables: @unchecked Sendable {
    let patternCount: Int
    let maxDepth: Int
    let trie: PathTrie
    /// Whether some field named is a typed attribute's value (`a.b.S`: its last key a DynamoDB
    /// type), so the records hold DynamoDB images, which the scanner then skips member by member
    /// (`JSONSkip.typedImageEnd`). Only the cost of a skip depends on it, never its outcome.
    let expectsTypedImages: Bool
    let fields: [FieldMatcher]
    /// Per entry, the slots it satisfies: `entryUses[entryUseStart[e] ..< entryUseStart[e + 1]]`.
    let entryUseStart: [Int32]
    let entryUses: [Int32]
    /// Per slot (one field condition of one conjunction).
    let slotConjunction: [Int32]
    let slotPath: [Int32]
    let slotAllowsAbsence: [Bool]
    /// Per conjunction.
    let conjunctionPattern: [Int32]
    let conjunctionSlotStart: [Int32]
    let conjunctionSlotCount: [Int32]
    /// Per conjunction: how many of its slots must have a hit before it can hold (those that do
    /// not allow `exists: false`); 0 for the absence-only ones.
    let conjunctionNeededHits: [Int32]
    /// Conjunctions that can hold with no leaf at all (every field allows `exists: false`).
    let absenceOnlyConjunctions: [Int32]
    /// Per path: whether some slot on it allows `exists: false`, so that its leaves inside
    /// arrays are kept for judging absence element by element.
    let pathHasAbsence: [Bool]
    /// Copies of the tables every hit reads, as pointers: no bounds checks in `record`.
    private let hitTables: HitTables

    private struct HitTables {
        let entryUseStart: UnsafeMutablePointer<Int32>
        let entryUses: UnsafeMutablePointer<Int32>
        let slotConjunction: UnsafeMutablePointer<Int32>
        let conjunctionPattern: UnsafeMutablePointer<Int32>
        let conjunctionSlotCount: UnsafeMutablePointer<Int32>
        let conjunctionNeededHits: UnsafeMutablePointer<Int32>
        /// The field matchers, unretained (`fields` owns them): reading one from the array cost a
        /// retain and a release per leaf.
        let fields: UnsafeMutablePointer<Unmanaged<FieldMatcher>>

        init(
            entryUseStart: [Int32], entryUses: [Int32], slotConjunction: [Int32], conjunctionPattern: [Int32],
            conjunctionSlotCount: [Int32], conjunctionNeededHits: [Int32], fields: [FieldMatcher]
        ) {
            func copy(_ array: [Int32]) -> UnsafeMutablePointer<Int32> {
                let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: max(array.count, 1))
                pointer.initialize(from: array, count: array.count)
                return pointer
            }
            self.entryUseStart = copy(entryUseStart)
            self.entryUses = copy(entryUses)
            self.slotConjunction = copy(slotConjunction)
            self.conjunctionPattern = copy(conjunctionPattern)
            self.conjunctionSlotCount = copy(conjunctionSlotCount)
            self.conjunctionNeededHits = copy(conjunctionNeededHits)
            self.fields = .allocate(capacity: max(fields.count, 1))
            self.fields.initialize(from: fields.map { Unmanaged.passUnretained($0) }, count: fields.count)
        }

        func deallocate() {
            for pointer in [entryUseStart, entryUses, slotConjunction, conjunctionPattern, conjunctionSlotCount, conjunctionNeededHits] {
                pointer.deallocate()
            }
            fields.deallocate()
        }
    }

    deinit {
        hitTables.deallocate()
    }

    init(patterns: [Pattern], maxDepth: Int) {
        self.patternCount = patterns.count
        self.maxDepth = maxDepth
        var pathIDs: [[UInt8]: Int32] = [:]  // by bytes: AWS tells "é" and "e\u{301}" apart
        var names: [[UInt8]] = []
        var fields: [FieldMatcher.Builder] = []
        var entryIDs: [EntryKey: Int32] = [:]
        var uses: [[Int32]] = []
        var slotConjunction: [Int32] = [], slotPath: [Int32] = [], slotAllowsAbsence: [Bool] = []
        var conjunctionPattern: [Int32] = [], conjunctionSlotStart: [Int32] = [], conjunctionSlotCount: [Int32] = []
        var conjunctionAbsenceSlots: [Int32] = [], absenceOnly: [Int32] = []
        var pathHasAbsence: [Bool] = []

        for (patternIndex, pattern) in patterns.enumerated() {
            for conjunction in pattern.conjunctions {
                let conjunctionID = Int32(conjunctionPattern.count)
                conjunctionPattern.append(Int32(patternIndex))
                conjunctionSlotStart.append(Int32(slotPath.count))
                conjunctionSlotCount.append(Int32(conjunction.fields.count))
                var absenceSlots: Int32 = 0
                for field in conjunction.fields {
                    let name = Array(field.path.dottedName.utf8)
                    let pathID: Int32
                    if let known = pathIDs[name] {
                        pathID = known
                    } else {
                        pathID = Int32(names.count)
                        pathIDs[name] = pathID
                        names.append(name)
                        fields.append(FieldMatcher.Builder())
                        pathHasAbsence.append(false)
                    }
                    let slotID = Int32(slotPath.count)
                    slotConjunction.append(conjunctionID)
                    slotPath.append(pathID)
                    let allowsAbsence = field.alternatives.contains(.exists(false))
                    slotAllowsAbsence.append(allowsAbsence)
                    if allowsAbsence {
                        absenceSlots += 1
                        pathHasAbsence[Int(pathID)] = true
                    }
                    for condition in field.alternatives where condition != .exists(false) {
                        let key = EntryKey(path: pathID, condition: condition)
                        let entryID: Int32
                        if let known = entryIDs[key] {
                            entryID = known
                        } else {
                            entryID = Int32(uses.count)
                            entryIDs[key] = entryID
                            uses.append([])
                            fields[Int(pathID)].add(condition, entry: entryID)
                        }
                        if uses[Int(entryID)].last != slotID { uses[Int(entryID)].append(slotID) }
                    }
                }
                conjunctionAbsenceSlots.append(absenceSlots)
                if absenceSlots == Int32(conjunction.fields.count) { absenceOnly.append(conjunctionID) }
            }
        }
        var useStart: [Int32] = [0]
        var flatUses: [Int32] = []
        for list in uses {
            flatUses += list
            useStart.append(Int32(flatUses.count))
        }
        self.trie = PathTrie(names: names)
        self.expectsTypedImages = names.contains(where: Self.namesTypedAttributeValue)
        self.fields = fields.map(FieldMatcher.init)
        self.entryUseStart = useStart
        self.entryUses = flatUses
        self.slotConjunction = slotConjunction
        self.slotPath = slotPath
        self.slotAllowsAbsence = slotAllowsAbsence
        self.conjunctionPattern = conjunctionPattern
        self.conjunctionSlotStart = conjunctionSlotStart
        self.conjunctionSlotCount = conjunctionSlotCount
        self.conjunctionNeededHits = zip(conjunctionSlotCount, conjunctionAbsenceSlots).map { $0 - $1 }
        self.absenceOnlyConjunctions = absenceOnly
        self.pathHasAbsence = pathHasAbsence
        self.hitTables = HitTables(
            entryUseStart: useStart, entryUses: flatUses, slotConjunction: slotConjunction, conjunctionPattern: conjunctionPattern,
            conjunctionSlotCount: conjunctionSlotCount, conjunctionNeededHits: self.conjunctionNeededHits, fields: self.fields)
    }

    /// The keys DynamoDB gives a typed attribute's value (`{"S": "…"}`, `{"N": "…"}`, …).
    static let typedAttributeKeys: Set<[UInt8]> = Set(["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"].map { Array($0.utf8) })

    /// Whether a dotted field name ends with a typed attribute's key under some other key (`a.S`).
    static func namesTypedAttributeValue(_ name: [UInt8]) -> Bool {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return false }
        return typedAttributeKeys.contains(Array(name[(dot + 1)...]))
    }

    /// Identifies a condition on a field byte for byte. (`Condition`'s own `==` compares its
    /// strings as Swift does, by canonical equivalence, which would merge "é" and "e\u{301}";
    /// AWS compares bytes.)
    private struct EntryKey: Hashable {
        var path: Int32
        var signature: [UInt8]

        init(path: Int32, condition: Condition) {
            self.path = path
            self.signature = Self.signature(of: condition)
        }

        /// A byte string that identifies `condition` exactly: a tag, then its text's bytes for the
        /// common operators (reflection, which the rest use, costs most of a compile otherwise).
        static func signature(of condition: Condition) -> [UInt8] {
            func tagged(_ tag: UInt8, _ text: String) -> [UInt8] {
                var bytes: [UInt8] = [tag]
                bytes.append(contentsOf: text.utf8)
                return bytes
            }
            switch condition {
            case .equals(.string(let text)): return tagged(1, text)
            case .equals(.number(let number)): return tagged(2, number.text)
            case .equals(.bool(let value)): return [3, value ? 1 : 0]
            case .equals(.null): return [4]
            case .prefix(let text, let ignoringCase): return tagged(ignoringCase ? 6 : 5, text)
            case .suffix(let text, let ignoringCase): return tagged(ignoringCase ? 8 : 7, text)
            case .equalsIgnoreCase(let text): return tagged(9, text)
            case .wildcard(let pattern): return tagged(10, pattern.text)
            case .exists(let value): return [11, value ? 1 : 0]
            case .anythingBut(.values(let values)) where values.allSatisfy({ if case .string = $0 { return true } else { return false } }):
                // Strings only, each with its length, so the list is read back unambiguously.
                var bytes: [UInt8] = [12]
                for case .string(let text) in values {
                    let utf8 = Array(text.utf8)
                    withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
                    bytes.append(contentsOf: utf8)
                }
                return bytes
            default: return tagged(0, String(reflecting: condition))
            }
        }
    }

    /// Records that `leaf` was seen at `pathID` (called by the scanner for every named leaf).
    ///
    /// A leaf outside every array's object elements ("free") agrees with any other leaf, so its
    /// hits need no array-consistency check; a pattern one of whose conjunctions has a free hit
    /// on every field has matched for good, since later leaves only add hits.
    @inline(__always)
    func record(_ leaf: LeafValue, pathID: Int32, leafIndex: Int32, inArray: Bool, scratch: inout MatchScratch) {
        let generation = scratch.generation
        scratch.pathSeen.pointer[Int(pathID)] = generation
        if !inArray {
            scratch.pathFreeSeen.pointer[Int(pathID)] = generation
        } else if pathHasAbsence[Int(pathID)] {
            scratch.absenceLeaves.append(MatchScratch.Hit(slot: pathID, leaf: leafIndex))
        }
        // The stamps and counters, read once: a hit touches several of them.
        let slotHit = scratch.slotHit.pointer, slotFreeHit = scratch.slotFreeHit.pointer
        let conjunctionSeen = scratch.conjunctionSeen.pointer
        let conjunctionHits = scratch.conjunctionHits.pointer, conjunctionFreeHits = scratch.conjunctionFreeHits.pointer
        let hit = hitTables
        // `fields` keeps every matcher alive for as long as `self` is, so no retain is needed.
        hit.fields[Int(pathID)]._withUnsafeGuaranteedRef { field in
            field.evaluate(leaf) { entry in
                let start = Int(hit.entryUseStart[Int(entry)]), end = Int(hit.entryUseStart[Int(entry) + 1])
                for use in start..<end {
                    let slot = Int(hit.entryUses[use])
                    let conjunction = Int(hit.slotConjunction[slot])
                    var becameCandidate = false
                    if slotHit[slot] != generation {
                        slotHit[slot] = generation
                        if conjunctionSeen[conjunction] != generation {
                            conjunctionSeen[conjunction] = generation
                            conjunctionHits[conjunction] = 0
                            conjunctionFreeHits[conjunction] = 0
                        }
                        // A conjunction can hold only once it has as many hit slots as it needs, so
                        // `finish` decides those alone. Hits grow one by one: equal exactly once.
                        conjunctionHits[conjunction] &+= 1
                        becameCandidate = conjunctionHits[conjunction] == hit.conjunctionNeededHits[conjunction]
                    }
                    if inArray {
                        scratch.trailHits.append(MatchScratch.Hit(slot: Int32(slot), leaf: leafIndex))
                    } else if slotFreeHit[slot] != generation {
                        slotFreeHit[slot] = generation
                        conjunctionFreeHits[conjunction] &+= 1
                        if conjunctionFreeHits[conjunction] == hit.conjunctionSlotCount[conjunction] {
                            scratch.settle(Int(hit.conjunctionPattern[conjunction]), patternCount: patternCount)
                            // Its pattern has matched for good: `finish` would have nothing to decide.
                            becameCandidate = false
                        }
                    }
                    if becameCandidate { scratch.candidateConjunctions.append(Int32(conjunction)) }
                }
            }
        }
    }
}

/// Per-thread state for `Matcher.match`: the scanner's cursor and the buffers reused from
/// record to record. Create one per thread (it is cheap) and pass it to every `match` call.
public struct MatchScratch {
    /// The record being scanned and the scanner's position in it.
    var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var position = 0
    /// Set once every pattern has matched for good (`settle`): nothing later in the record can
    /// change the verdict, so the scan stops. Until then every value counts, a repeated key's too.
    var isComplete = false
    /// Strict mode (`Matcher.matchValidating`): everything passed over is validated as well.
    var strict = false

    /// Indices of the patterns that matched the last record, ascending.
    public internal(set) var matchedPatterns: [Int] = []

    struct Hit {
        var slot: Int32
        var leaf: Int32
    }

    // Stamped buffers: an element equal to `generation` was set while matching the current
    // record, so nothing needs clearing between records.
    var generation: UInt32 = 0
    var pathSeen = FixedBuffer<UInt32>(count: 0)
    /// Paths with a leaf outside every array's object elements.
    var pathFreeSeen = FixedBuffer<UInt32>(count: 0)
    var slotHit = FixedBuffer<UInt32>(count: 0)
    var slotFreeHit = FixedBuffer<UInt32>(count: 0)
    var conjunctionSeen = FixedBuffer<UInt32>(count: 0)
    /// Per conjunction: how many of its slots have a hit (valid once `conjunctionSeen`).
    var conjunctionHits = FixedBuffer<Int32>(count: 0)
    /// Per conjunction: how many of its slots have a free hit (valid once `conjunctionSeen`).
    var conjunctionFreeHits = FixedBuffer<Int32>(count: 0)
    var patternMatched = FixedBuffer<UInt32>(count: 0)
    /// Conjunctions all of whose needed slots were hit: the only ones besides the absence-only
    /// ones that `finish` must decide.
    var candidateConjunctions: [Int32] = []
    /// Hits by leaves inside arrays, which need the array-consistency check.
    var trailHits: [Hit] = []
    /// Leaves inside arrays on paths that `exists: false` asks about (`slot` holds the path).
    var absenceLeaves: [Hit] = []
    /// Per leaf inside an array: its trail, as a range of `trailSteps`.
    var leafTrailStart: [Int32] = []
    var leafTrailEnd: [Int32] = []
    var trailSteps: [ArrayTrailStep] = []
    /// The enclosing arrays of the value being scanned.
    var trailStack: [ArrayTrailStep] = []
    /// `trailStack.count`, kept alongside: every leaf asks whether it is inside an array, and
    /// asking the array cost a call (measured).
    var trailDepth = 0
    /// The kinds of the brackets a skipped container nests beyond 64 levels (`skipContainer`).
    var bracketSpill: [Bool] = []
    var nextArrayID: Int32 = 0
    /// Decoded bytes of strings that contain escapes.
    var decoded: [UInt8] = []

    /// An empty scratch; it grows to the largest record matched and is then reused without allocating.
    public init() {}

    mutating func prepare(for matcher: MatcherTables, input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        self.position = 0
        self.isComplete = false
        func fit<T>(_ buffer: inout FixedBuffer<T>, _ count: Int) {
            if buffer.count < count { buffer = FixedBuffer(count: count) }
        }
        fit(&pathSeen, matcher.fields.count)
        fit(&pathFreeSeen, matcher.fields.count)
        fit(&slotHit, matcher.slotPath.count)
        fit(&slotFreeHit, matcher.slotPath.count)
        fit(&conjunctionSeen, matcher.conjunctionPattern.count)
        fit(&conjunctionHits, matcher.conjunctionPattern.count)
        fit(&conjunctionFreeHits, matcher.conjunctionPattern.count)
        fit(&patternMatched, matcher.patternCount)
        generation &+= 1
        if generation == 0 {
            // Wrapped around: clear every stamp once.
            for buffer in [pathSeen, pathFreeSeen, slotHit, slotFreeHit, conjunctionSeen, patternMatched] { buffer.reset() }
            generation = 1
        }
        // Most of these stay empty for most records; `removeAll` on an empty array still costs
        // a call and a uniqueness check, a tenth of a small record's whole scan.
        func clear<T>(_ array: inout [T]) {
            if !array.isEmpty { array.removeAll(keepingCapacity: true) }
        }
        clear(&matchedPatterns)
        clear(&candidateConjunctions)
        clear(&trailHits)
        clear(&absenceLeaves)
        clear(&leafTrailStart)
        clear(&leafTrailEnd)
        clear(&trailSteps)
        clear(&trailStack)
        trailDepth = 0
        clear(&bracketSpill)  // left over when a record's error stopped a skip
        nextArrayID = 0
    }

    /// Decides every candidate conjunction once the whole record has been scanned.
    mutating func finish(with matcher: MatcherTables) {
        for conjunction in candidateConjunctions { decide(Int(conjunction), matcher) }
        for conjunction in matcher.absenceOnlyConjunctions { decide(Int(conjunction), matcher) }
        if matchedPatterns.count > 1 { matchedPatterns.sort() }
    }

    /// Marks `pattern` as matched during the scan; once every pattern is, the scan can stop.
    @inline(__always)
    mutating func settle(_ pattern: Int, patternCount: Int) {
        guard patternMatched.pointer[pattern] != generation else { return }
        patternMatched.pointer[pattern] = generation
        matchedPatterns.append(pattern)
        if matchedPatterns.count == patternCount { isComplete = true }
    }

    private mutating func decide(_ conjunction: Int, _ matcher: MatcherTables) {
        let pattern = Int(matcher.conjunctionPattern[conjunction])
        if patternMatched.pointer[pattern] == generation { return }
        let hits = conjunctionSeen.pointer[conjunction] == generation ? conjunctionHits.pointer[conjunction] : 0
        if hits < matcher.conjunctionNeededHits[conjunction] { return }
        let slotCount = matcher.conjunctionSlotCount[conjunction]
        let start = Int(matcher.conjunctionSlotStart[conjunction])
        let end = start + Int(slotCount)
        // A slot hit only by leaves inside arrays must agree with the other fields' leaves; an
        // `exists: false` slot whose leaves all sit inside arrays holds where they do not.
        var slotsInArraysOnly = 0, absencesToJudge = 0
        for slot in start..<end {
            if slotHit.pointer[slot] == generation {
                if slotFreeHit.pointer[slot] != generation { slotsInArraysOnly += 1 }
            } else if matcher.slotAllowsAbsence[slot] {
                let path = Int(matcher.slotPath[slot])
                if pathSeen.pointer[path] != generation { continue }
                // A free leaf agrees with every choice, so the field is present in all of them.
                if pathFreeSeen.pointer[path] == generation { return }
                absencesToJudge += 1
            } else {
                return
            }
        }
        if slotsInArraysOnly > 1 || absencesToJudge > 0 {
            // Rare: an exact choice of leaves (allocates; the common cases above do not).
            if !ArrayConsistency.canChoose(arrayChoices(start..<end, matcher)) { return }
        }
        patternMatched.pointer[pattern] = generation
        matchedPatterns.append(pattern)
    }

    /// The fields of one conjunction that need a choice among leaves inside arrays.
    private func arrayChoices(_ slots: Range<Int>, _ matcher: MatcherTables) -> [ArrayConsistency.Choice] {
        func trail(_ leaf: Int32) -> ArrayConsistency.Trail {
            trailSteps[Int(leafTrailStart[Int(leaf)])..<Int(leafTrailEnd[Int(leaf)])]
        }
        var choices: [ArrayConsistency.Choice] = []
        for slot in slots where slotFreeHit.pointer[slot] != generation {
            let path = matcher.slotPath[slot]
            let canBeAbsent =
                matcher.slotAllowsAbsence[slot] && pathSeen.pointer[Int(path)] == generation
                && pathFreeSeen.pointer[Int(path)] != generation
            let hit = slotHit.pointer[slot] == generation
            guard hit || canBeAbsent else { continue }  // absent from the record: holds alone
            let candidates = hit ? trailHits.filter { $0.slot == Int32(slot) }.map { trail($0.leaf) } : []
            let present = canBeAbsent ? absenceLeaves.filter { $0.slot == path }.map { trail($0.leaf) } : nil
            choices.append(ArrayConsistency.Choice(candidates: candidates, absentUnless: present))
        }
        return choices
    }
}

/// Counts the UTF-8 bytes written to it.
private struct UTF8Count: TextOutputStream {
    var count = 0

    mutating func write(_ string: String) {
        count += string.utf8.count
    }
}
