import LambdaFilter

/// Per-thread buffers for `RecordBytes`, reused record after record (create one per thread).
package struct RecordScratch {
    /// The matcher's scratch.
    package var match = MatchScratch()
    var members: [MemberSpan] = []
    var inner: [MemberSpan] = []
    var kinesisMembers: [MemberSpan] = []
    var eventMembers: [MemberSpan] = []
    var payload: [UInt8] = []
    /// Decoded base64 payloads (Kinesis, Kafka `value` then `key`, Amazon MQ).
    var decoded: [UInt8] = []
    var view: [UInt8] = []
    var verdicts: [(RecordPosition, Result<Verdict, RecordError>)] = []
    /// The last selection read and the source it names: `SourceSelection.eventSource` is a
    /// string lookup, too slow to repeat per record.
    var selection: (choice: SourceSelection, source: EventSource?)?
    /// Whether objects are read by the dense fast path (`denseMembers`) before the member walk
    /// (tests turn it off to compare the two), and how many it read.
    var sets: SetsBySource?
    var triesDensePath = true
    var denseObjectsRead = 0
    /// A dense `dynamodb` object's members (`TypedImages.dense`), and the record's view with the
    /// members no pattern names left out (`Walker.dynamoDBVerdict`).
    var dynamoDBMembers: [MemberSpan] = []
    var dynamoDBView: [UInt8] = []
    /// Whether DynamoDB records are matched as that view (tests turn it off to compare the
    /// verdicts with the whole record's), and how many were.
    var prunesDynamoDBRecords = true
    var prunedDynamoDBRecords = 0
    /// The first bytes of the keys the last DynamoDB view's matcher reads, and that matcher
    /// (held, so that the identity they are kept by stays its own).
    var dynamoDBKeyBytes = DynamoDBKeyBytes()
    var dynamoDBKeyBytesMatcher: Matcher?

    /// Empty buffers; they grow to the largest record read and are then reused.
    package init() {}
}

/// The `filterSets` of the last `RecordBytes.verdicts` call, indexed by source and with the
/// matcher's depth limit: hashing the source and copying a set out of the dictionary cost more
/// per record than the rest of the lookup.
struct SetsBySource {
    /// Held, so its storage stays alive: a dictionary whose bytes are these is this one
    /// (a copy that is changed gets storage of its own).
    let filterSets: [EventSource: FilterSet]
    /// Per `EventSource.index`.
    let sets: [FilterSet?]
    let maxDepth: Int

    init(_ filterSets: [EventSource: FilterSet]) {
        self.filterSets = filterSets
        var sets = [FilterSet?](repeating: nil, count: EventSource.allCases.count)
        for (source, set) in filterSets { sets[source.index] = set }
        self.sets = sets
        maxDepth = filterSets.first?.value.matcher.maxDepth ?? MatcherLimits.defaultMaxDepth
    }

    /// Whether `other` is the dictionary these were made from (the same storage).
    func isMade(from other: [EventSource: FilterSet]) -> Bool {
        withUnsafeBytes(of: filterSets) { held in
            withUnsafeBytes(of: other) { given in
                held.count == given.count && held.indices.allSatisfy { held[$0] == given[$0] }
            }
        }
    }
}

extension EventSource {
    /// The position in `allCases`, without searching it.
    var index: Int {
        switch self {
        case .sqs: return 0
        case .kinesis: return 1
        case .dynamodb: return 2
        case .documentdb: return 3
        case .mq: return 4
        case .kafka: return 5
        }
    }
}

/// The bytes the keys of a record's members, and of its `dynamodb` object's, may start with
/// and still be read by a matcher (`Matcher.firstKeyBytes`): most members are left out of the
/// DynamoDB view on their first byte, without asking the matcher.
struct DynamoDBKeyBytes {
    /// The matcher's `tablesIdentity`; nil: none read yet.
    var matcher: ObjectIdentifier?
    var top = KeyBytes(words: [0, 0, 0, 0])
    /// For the `dynamodb` member's name state.
    var streamState: Int32 = -1
    var stream = KeyBytes(words: [0, 0, 0, 0])

    /// A set of bytes, as `Matcher.firstKeyBytes` gives it.
    struct KeyBytes {
        let words: (UInt64, UInt64, UInt64, UInt64)

        init(words: [UInt64]) {
            self.words = (words[0], words[1], words[2], words[3])
        }

        /// Whether a key that starts with `byte` may be read.
        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            let word: UInt64
            switch byte >> 6 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            default: word = words.3
            }
            return (word >> UInt64(byte & 63)) & 1 != 0
        }
    }
}

/// An object member as byte ranges of the document: the key's content and the whole value.
struct MemberSpan {
    var key: Range<Int>
    var escaped: Bool
    var value: Range<Int>
}

/// Verdicts for a document read once, as bytes: no `JSONValue` tree is built.
///
/// The document is walked with a `StrictJSONCursor`, which validates every byte it passes, so
/// no separate parse runs. The filter's view of a record is the record's bytes with the members
/// the source substitutes (the decoded SQS `body`, the base64-decoded Kinesis `data`, Kafka
/// `value` and `key`, Amazon MQ `data`) spliced into one buffer, and the source's compiled
/// `Matcher` scans it with the caller's scratch; a DynamoDB record, and a DocumentDB change
/// event, is matched as its own bytes.
///
/// It handles the shapes Lambda delivers for every source: a whole event (`Records`, Kafka's
/// `records`, Amazon MQ's `messages` and `rmqMessagesByQueue`, DocumentDB's `events`) or one
/// record. For anything else — a record error other than its payload's, an unusual shape (an
/// escaped or repeated key the adapters read, several envelopes, an `eventSource` it cannot
/// tell, an empty event) — it returns nil and the caller takes the tree path
/// (`EventSplitter`), which has the same verdicts and says what is wrong. Its verdicts equal
/// that path's by construction: it only answers where it reads exactly what the adapters read.
package enum RecordBytes {
    /// The verdict of every record of `document`, in order, or nil when the tree path must decide.
    /// A record whose payload `PayloadDecoding` refuses (over `limits`, broken base64) gets the
    /// error the adapters give for it.
    /// - Parameter filterSets: the compiled set per source (they may share one matcher).
    /// - Parameter limits: the largest payload per source, as for `EventSplitter.records`.
    /// - Throws: `JSONSyntaxError`, as `JSONParser` reports it, when the document is not valid JSON.
    package static func verdicts(
        of document: UnsafeBufferPointer<UInt8>, selection: SourceSelection, filterSets: [EventSource: FilterSet],
        limits: PayloadLimits = .aws, scratch: inout RecordScratch
    ) throws(JSONSyntaxError) -> [(RecordPosition, Result<Verdict, RecordError>)]? {
        if selection == .raw { return nil }
        // Records nest as deep as the matcher reads them (`MatcherLimits.maxDepth`).
        if scratch.sets?.isMade(from: filterSets) != true { scratch.sets = SetsBySource(filterSets) }
        let sets = scratch.sets!.sets
        let maxDepth = scratch.sets!.maxDepth
        // `SourceSelection.eventSource` is a string lookup, too slow to repeat per record.
        let namedSource: EventSource?
        if let cached = scratch.selection, cached.choice == selection {
            namedSource = cached.source
        } else {
            namedSource = selection.eventSource
            scratch.selection = (selection, namedSource)
        }
        return try withUnsafeMutablePointer(to: &scratch) { storage throws(JSONSyntaxError) in
            var walker = Walker(
                document: document, selection: selection, namedSource: namedSource, sets: sets, limits: limits,
                storage: storage, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return try walker.run()
            } catch {
                throw StrictJSONCursor.parserError(in: document, maxDepth: maxDepth, fallback: error)
            }
        }
    }

    /// The source of an `eventSource` value, as its JSON text (`"aws:sqs"`, quotes included):
    /// the vocabulary's `EventSource.lambdaEventSourceNames`. A literal with escapes is no
    /// source here (the tree path decodes it).
    static func source(ofLiteral range: Range<Int>, in cursor: StrictJSONCursor) -> EventSource? {
        for (literal, source) in eventSourceLiterals where literal.count == range.count {
            var index = 0
            while index < literal.count && literal[index] == cursor.base[range.lowerBound + index] { index += 1 }
            if index == literal.count { return source }
        }
        return nil
    }

    /// Every `eventSource` value Lambda writes, as a quoted JSON literal, with its source: built
    /// once from the vocabulary, so adding a source name there is enough.
    static let eventSourceLiterals: [(literal: [UInt8], source: EventSource)] = EventSource.allCases.flatMap { source in
        source.lambdaEventSourceNames.map { (Array("\"\($0)\"".utf8), source) }
    }
}

/// The members of a whole event that hold its records (`EventSplitter.split`).
private enum Envelope {
    /// SQS, Kinesis and DynamoDB: `Records[]`, each record naming its source.
    case records
    /// Kafka: `records{"<topic>-<partition>": [...]}`.
    case kafka
    /// ActiveMQ `messages[]`, RabbitMQ `rmqMessagesByQueue{"<queue>::<vhost>": [...]}`.
    case activeMQ, rabbitMQ
    /// DocumentDB: `events[]`.
    case documentDB

    /// The envelope named by `key`, if it is one.
    static func named(_ key: Range<Int>, in cursor: StrictJSONCursor) -> Envelope? {
        // Every member of a record is asked: most are no envelope by their length alone.
        switch key.count {
        case 6, 7, 8, 18: break
        default: return nil
        }
        if cursor.sameBytes(key, equal: "Records") { return .records }
        if cursor.sameBytes(key, equal: "records") { return .kafka }
        if cursor.sameBytes(key, equal: "messages") { return .activeMQ }
        if cursor.sameBytes(key, equal: "rmqMessagesByQueue") { return .rabbitMQ }
        if cursor.sameBytes(key, equal: "events") { return .documentDB }
        return nil
    }

    /// The source its records are read as; nil for `Records`, whose records say.
    var source: EventSource? {
        switch self {
        case .records: return nil
        case .kafka: return .kafka
        case .activeMQ, .rabbitMQ: return .mq
        case .documentDB: return .documentdb
        }
    }

    /// Whether a document of the `--source` that names `explicit` is split at this envelope
    /// (auto, nil: any of them).
    func applies(to explicit: EventSource?) -> Bool {
        guard let explicit else { return true }
        switch self {
        case .records: return [.sqs, .kinesis, .dynamodb].contains(explicit)
        default: return source == explicit
        }
    }

    /// Whether it holds an object of record arrays (else an array of records).
    var isMap: Bool { self == .kafka || self == .rabbitMQ }
}

/// One document's walk.
private struct Walker {
    let document: UnsafeBufferPointer<UInt8>
    let selection: SourceSelection
    /// `selection.eventSource` (cached in the scratch).
    let namedSource: EventSource?
    /// The compiled set per `EventSource.index`.
    let sets: [FilterSet?]
    let limits: PayloadLimits
    let maxDepth: Int
    /// The caller's scratch, borrowed for the walk.
    let storage: UnsafeMutablePointer<RecordScratch>
    var scratch: RecordScratch {
        unsafeAddress { UnsafePointer(storage) }
        nonmutating unsafeMutableAddress { storage }
    }
    /// Set when the tree path must decide; the walk still validates the rest.
    var unusual = false
    /// The source every record so far was read as (auto-detection needs them to agree).
    var source: EventSource?
    /// What the walk already did for the record being read, so no member is read twice: a
    /// `body` string decoded into `scratch.payload`, a `kinesis` (or DocumentDB `event`)
    /// object's members in `scratch.kinesisMembers` (`scratch.eventMembers`), a `dynamodb`
    /// object's typed images checked.
    var decodedBody: (value: Range<Int>, length: Int)?
    var kinesisObject: Range<Int>?
    var eventObject: Range<Int>?
    /// (`membersRead`: its members are in `scratch.dynamoDBMembers`.)
    var dynamoDBObject: (value: Range<Int>, valid: Bool, membersRead: Bool)?
    /// Whether the first record of a DocumentDB `events` envelope has an `event` member (what
    /// auto-detection reads when the event has no `eventSource`).
    var firstEventIsWrapped = false

    init(
        document: UnsafeBufferPointer<UInt8>, selection: SourceSelection, namedSource: EventSource?, sets: [FilterSet?],
        limits: PayloadLimits, storage: UnsafeMutablePointer<RecordScratch>, maxDepth: Int
    ) {
        self.document = document
        self.selection = selection
        self.namedSource = namedSource
        self.sets = sets
        self.limits = limits
        self.storage = storage
        self.maxDepth = maxDepth
    }

    var base: StrictJSONCursor { StrictJSONCursor(document, maxDepth: maxDepth) }

    mutating func run() throws(JSONSyntaxError) -> [(RecordPosition, Result<Verdict, RecordError>)]? {
        scratch.verdicts.removeAll(keepingCapacity: true)
        var cursor = StrictJSONCursor(document, maxDepth: maxDepth)
        cursor.skipWhitespace()
        // Not an object: the tree path says why (or reports the syntax error).
        guard cursor.byte == UInt8(ascii: "{") else { return nil }
        let start = cursor.position
        var top = scratch.members
        scratch.members = []
        top.removeAll(keepingCapacity: true)
        var envelopesSeen = 0
        var walked: Envelope?
        // A dense record (no envelope) takes the fast path; anything else the member walk.
        let denseEnd = scratch.triesDensePath ? denseMembers(at: start, depth: 0, into: &top, reading: true, atTop: true) : -1
        if denseEnd >= 0 {
            cursor.position = denseEnd
            scratch.denseObjectsRead &+= 1
        } else {
            forgetRecord(&top)
            try topMembers(&cursor, into: &top, envelopesSeen: &envelopesSeen, walked: &walked)
        }
        let end = cursor.position
        try cursor.expectEnd()
        defer { scratch.members = top }
        if unusual || envelopesSeen > 1 { return nil }
        if let walked {
            // An empty event: the tree path knows empty envelopes.
            if scratch.verdicts.isEmpty { return nil }
            // Auto-detection takes `events` for DocumentDB's only when the event says
            // `"eventSource": "aws:docdb"` or its first record is wrapped in `event`.
            if walked == .documentDB && selection == .auto && !firstEventIsWrapped {
                guard let named = unique("eventSource", in: top), RecordBytes.source(ofLiteral: named.value, in: base) == .documentdb else {
                    return nil
                }
            }
        } else {
            // The document is one record.
            guard let verdict = try adapt(record: start..<end, members: top, depth: 0, position: .root, envelope: nil) else { return nil }
            scratch.verdicts.append((.root, verdict))
        }
        return scratch.verdicts
    }

    /// The members of the document's object at the cursor, each read (`visitMember`) or, for
    /// an envelope, its records walked (`walk`).
    mutating func topMembers(
        _ cursor: inout StrictJSONCursor, into top: inout [MemberSpan], envelopesSeen: inout Int, walked: inout Envelope?
    ) throws(JSONSyntaxError) {
        try cursor.forEachMember(depth: 0) { cursor, key, escaped throws(JSONSyntaxError) in
            let valueStart = cursor.position
            if escaped {
                unusual = true
            } else if let envelope = Envelope.named(key, in: cursor), envelope.applies(to: namedSource) {
                let opening = envelope.isMap ? UInt8(ascii: "{") : UInt8(ascii: "[")
                // A named Kafka source splits `records` only when it is an object; otherwise the
                // document is one record that happens to have a `records` member.
                if envelope == .kafka && namedSource == .kafka && cursor.byte != opening {
                    try visitMember(&cursor, key: key, escaped: false, depth: 0, into: &top)
                    return
                }
                envelopesSeen += 1
                // Several envelopes (or one twice), or one of the wrong type: the tree path
                // knows which counts, or says what is wrong.
                if envelopesSeen == 1 && cursor.byte == opening {
                    try walk(envelope, &cursor, key: key)
                    walked = envelope
                } else {
                    unusual = true
                    try cursor.skipValue(depth: 1)
                }
                top.append(MemberSpan(key: key, escaped: false, value: valueStart..<cursor.position))
                return
            }
            try visitMember(&cursor, key: key, escaped: escaped, depth: 0, into: &top)
        }
    }

    /// Reads the records of `envelope` (the cursor at its array or object), adapting each.
    mutating func walk(_ envelope: Envelope, _ cursor: inout StrictJSONCursor, key: Range<Int>) throws(JSONSyntaxError) {
        let name = envelopeName(envelope)
        if !envelope.isMap {
            try cursor.forEachElement(depth: 1) { cursor, index throws(JSONSyntaxError) in
                try record(&cursor, depth: 2, position: RecordPosition([.key(name), .index(index)]), envelope: envelope)
                if envelope == .documentDB && index == 0 && !unusual {
                    firstEventIsWrapped = scratch.inner.contains { sameBytes($0.key, equal: "event") }
                }
            }
            return
        }
        try cursor.forEachMember(depth: 1) { cursor, group, escaped throws(JSONSyntaxError) in
            // A group of the wrong type is the tree path's error; an escaped name its to decode.
            guard !escaped, !unusual, cursor.byte == UInt8(ascii: "[") else {
                unusual = true
                try cursor.skipValue(depth: 2)
                return
            }
            let groupName = String(decoding: UnsafeBufferPointer(rebasing: document[group]), as: UTF8.self)
            let groupPosition = RecordPosition([.key(name), .key(groupName)])
            try cursor.forEachElement(depth: 2) { cursor, index throws(JSONSyntaxError) in
                try record(&cursor, depth: 3, position: groupPosition.appending(.index(index)), envelope: envelope)
            }
        }
    }

    func envelopeName(_ envelope: Envelope) -> String {
        switch envelope {
        case .records: return "Records"
        case .kafka: return "records"
        case .activeMQ: return "messages"
        case .rabbitMQ: return "rmqMessagesByQueue"
        case .documentDB: return "events"
        }
    }

    /// Reads one record of an envelope at the cursor, adapting it when it is an object.
    mutating func record(_ cursor: inout StrictJSONCursor, depth: Int, position: RecordPosition, envelope: Envelope) throws(JSONSyntaxError)
    {
        guard !unusual, cursor.byte == UInt8(ascii: "{") else {
            unusual = true
            try cursor.skipValue(depth: depth)
            return
        }
        let start = cursor.position
        decodedBody = nil
        kinesisObject = nil
        eventObject = nil
        dynamoDBObject = nil
        var members = scratch.inner
        scratch.inner = []
        members.removeAll(keepingCapacity: true)
        let denseEnd = scratch.triesDensePath ? denseMembers(at: start, depth: depth, into: &members, reading: true, atTop: false) : -1
        if denseEnd >= 0 {
            cursor.position = denseEnd
            scratch.denseObjectsRead &+= 1
        } else {
            forgetRecord(&members)
            try collectMembers(&cursor, depth: depth, into: &members)
        }
        let verdict = try adapt(record: start..<cursor.position, members: members, depth: depth, position: position, envelope: envelope)
        scratch.inner = members
        guard let verdict else {
            unusual = true
            return
        }
        scratch.verdicts.append((position, verdict))
    }

    /// What a declined fast path may have read of a record: dropped before the member walk
    /// reads it again.
    mutating func forgetRecord(_ members: inout [MemberSpan]) {
        members.removeAll(keepingCapacity: true)
        decodedBody = nil
        kinesisObject = nil
        eventObject = nil
        dynamoDBObject = nil
    }

    /// The fast path of `collectMembers`: the members of the object at `start` (at `depth`)
    /// when it is written densely (no whitespace, no escaped keys), read with byte comparisons
    /// and one call per value, no closure per member; the members an adapter needs are read on
    /// the way as `visitMember` reads them (with `reading`). Returns the offset just past the
    /// object, or `TypedImages.declined` for anything else (also a value that is not
    /// valid), after which the caller forgets what it read (`forgetRecord`) and runs the member
    /// walk from `start`, which reads it or says what is wrong. `atTop`: the document's own
    /// object, where an envelope's name declines (the walk in `run` splits envelopes).
    mutating func denseMembers(at start: Int, depth: Int, into members: inout [MemberSpan], reading: Bool, atTop: Bool) -> Int {
        let declined = TypedImages.declined
        guard let base = document.baseAddress else { return declined }
        let count = document.count
        guard depth < maxDepth, start &+ 1 < count, base[start] == UInt8(ascii: "{") else { return declined }
        var position = start &+ 1
        while true {
            let keyEnd = StrictSkip.plainString(base, count, at: position)
            guard keyEnd >= 0, keyEnd &+ 1 < count, base[keyEnd] == UInt8(ascii: ":") else { return declined }
            let key = (position &+ 1)..<(keyEnd &- 1)
            let valueStart = keyEnd &+ 1
            let first = base[valueStart]
            // What a member is read as depends on its first byte: none of the walk's whitespace.
            guard first > 0x20 else { return declined }
            var end: Int
            if reading && first == UInt8(ascii: "{") && key.count == 8 && sameBytes(key, equal: "dynamodb") {
                scratch.dynamoDBMembers.removeAll(keepingCapacity: true)
                end = TypedImages.dense(
                    base, count, at: valueStart, depth: depth &+ 1, maxDepth: maxDepth, members: &scratch.dynamoDBMembers)
                if end >= 0 { dynamoDBObject = (valueStart..<end, true, true) }
            } else if reading && first == UInt8(ascii: "\"") && key.count == 4 && sameBytes(key, equal: "body") {
                var cursor = StrictJSONCursor(document, at: valueStart, maxDepth: maxDepth)
                do throws(JSONSyntaxError) {
                    try decodeBody(&cursor)
                } catch {
                    return declined
                }
                end = cursor.position
            } else if reading && first == UInt8(ascii: "{") && key.count == 7 && sameBytes(key, equal: "kinesis") {
                end = denseNestedMembers(at: valueStart, depth: depth &+ 1, intoEventMembers: false)
                if end >= 0 { kinesisObject = valueStart..<end }
            } else if reading && first == UInt8(ascii: "{") && key.count == 5 && sameBytes(key, equal: "event") {
                end = denseNestedMembers(at: valueStart, depth: depth &+ 1, intoEventMembers: true)
                if end >= 0 { eventObject = valueStart..<end }
            } else {
                if atTop && Envelope.named(key, in: self.base) != nil { return declined }
                end = StrictSkip.plainString(base, count, at: valueStart)
                if end < 0 { end = StrictSkip.value(base, count, from: valueStart, depth: depth &+ 1, maxDepth: maxDepth) }
            }
            guard end >= 0, end < count else { return declined }
            members.append(MemberSpan(key: key, escaped: false, value: valueStart..<end))
            let next = base[end]
            position = end &+ 1
            if next == UInt8(ascii: "}") { return position }
            guard next == UInt8(ascii: ","), position < count else { return declined }
        }
    }

    /// `collectNestedMembers` by `denseMembers` (at `depth`, the nested object's): the offset
    /// just past the object, or `TypedImages.declined`.
    mutating func denseNestedMembers(at start: Int, depth: Int, intoEventMembers: Bool) -> Int {
        var inner = takeNestedMembers(event: intoEventMembers)
        let end = denseMembers(at: start, depth: depth, into: &inner, reading: false, atTop: false)
        putNestedMembers(inner, event: intoEventMembers)
        return end
    }

    /// The members of the object at the cursor (at `depth`), values validated; with `reading`,
    /// the members an adapter needs are read on the way (`visitMember`).
    mutating func collectMembers(
        _ cursor: inout StrictJSONCursor, depth: Int, into members: inout [MemberSpan], reading: Bool = true
    ) throws(JSONSyntaxError) {
        try cursor.forEachMember(depth: depth) { cursor, key, escaped throws(JSONSyntaxError) in
            if reading {
                try visitMember(&cursor, key: key, escaped: escaped, depth: depth, into: &members)
            } else {
                let valueStart = cursor.position
                try cursor.skipValue(depth: depth + 1)
                members.append(MemberSpan(key: key, escaped: escaped, value: valueStart..<cursor.position))
            }
        }
    }

    /// Reads the members of the object at the cursor (one level below `depth`) into
    /// `scratch.eventMembers` (DocumentDB's `event`) or `scratch.kinesisMembers`, reusing its
    /// storage; the list is taken out of the scratch while it fills, so appending never copies
    /// it. (Not through a key path: applying one copied the whole scratch, a retain and a
    /// release per array in it, for every record.)
    mutating func collectNestedMembers(_ cursor: inout StrictJSONCursor, depth: Int, intoEventMembers: Bool) throws(JSONSyntaxError) {
        var inner = takeNestedMembers(event: intoEventMembers)
        // Put back on every exit: an error ends the walk, but the storage stays the scratch's.
        defer { putNestedMembers(inner, event: intoEventMembers) }
        try collectMembers(&cursor, depth: depth + 1, into: &inner, reading: false)
    }

    /// The emptied `scratch.eventMembers` (`event`) or `scratch.kinesisMembers`, taken out of the
    /// scratch so that filling it never copies it; `putNestedMembers` gives it back.
    func takeNestedMembers(event: Bool) -> [MemberSpan] {
        var members: [MemberSpan]
        if event {
            members = scratch.eventMembers
            scratch.eventMembers = []
        } else {
            members = scratch.kinesisMembers
            scratch.kinesisMembers = []
        }
        members.removeAll(keepingCapacity: true)
        return members
    }

    func putNestedMembers(_ members: [MemberSpan], event: Bool) {
        if event {
            scratch.eventMembers = members
        } else {
            scratch.kinesisMembers = members
        }
    }

    /// One member of a record (an object at `depth`), the cursor at its value: validated, and
    /// read in the same pass when it is one an adapter needs.
    mutating func visitMember(
        _ cursor: inout StrictJSONCursor, key: Range<Int>, escaped: Bool, depth: Int, into members: inout [MemberSpan]
    ) throws(JSONSyntaxError) {
        let valueStart = cursor.position
        let first = cursor.byte
        if !escaped && first == UInt8(ascii: "\"") && cursor.sameBytes(key, equal: "body") {
            try decodeBody(&cursor)
        } else if !escaped && first == UInt8(ascii: "{") && cursor.sameBytes(key, equal: "kinesis") {
            try collectNestedMembers(&cursor, depth: depth, intoEventMembers: false)
            kinesisObject = valueStart..<cursor.position
        } else if !escaped && first == UInt8(ascii: "{") && cursor.sameBytes(key, equal: "event") {
            try collectNestedMembers(&cursor, depth: depth, intoEventMembers: true)
            eventObject = valueStart..<cursor.position
        } else if !escaped && first == UInt8(ascii: "{") && cursor.sameBytes(key, equal: "dynamodb") {
            let valid = try TypedImages.check(&cursor, depth: depth + 1)
            dynamoDBObject = (valueStart..<cursor.position, valid, false)
        } else {
            try cursor.skipValue(depth: depth + 1)
        }
        members.append(MemberSpan(key: key, escaped: escaped, value: valueStart..<cursor.position))
    }

    /// Decodes the `body` string at the cursor into `scratch.payload` (validating it) and
    /// moves past it.
    mutating func decodeBody(_ cursor: inout StrictJSONCursor) throws(JSONSyntaxError) {
        let valueStart = cursor.position
        var payload = scratch.payload
        scratch.payload = []
        let room = document.count - valueStart
        if payload.count < room { payload = [UInt8](repeating: 0, count: max(room, 2 * payload.count)) }
        defer { scratch.payload = payload }
        let length = try payload.withUnsafeMutableBufferPointer { buffer throws(JSONSyntaxError) in
            try cursor.decodeString(into: buffer.baseAddress!)
        }
        decodedBody = (valueStart..<cursor.position, length)
    }

    /// The verdict of the record at `range` (already validated), the error `PayloadDecoding`
    /// gives for its payload, or nil for the tree path. `envelope` is where it was found.
    mutating func adapt(
        record range: Range<Int>, members: [MemberSpan], depth: Int, position: RecordPosition, envelope: Envelope?
    ) throws(JSONSyntaxError) -> Result<Verdict, RecordError>? {
        let cursor = base
        var recordSource = namedSource ?? envelope?.source
        if recordSource == nil {
            // Auto-detection: the record's own eventSource, which every record must share
            // (in `Records`, one of the sources that envelope holds).
            var found: EventSource?
            for member in members where cursor.sameBytes(member.key, equal: "eventSource") {
                if found != nil { return nil }
                found = RecordBytes.source(ofLiteral: member.value, in: cursor)
                if found == nil { return nil }
            }
            guard let found, source == nil || source == found else { return nil }
            if envelope == .records && ![.sqs, .kinesis, .dynamodb].contains(found) { return nil }
            recordSource = found
        }
        guard let recordSource, let set = sets[recordSource.index] else { return nil }
        source = recordSource
        if members.contains(where: \.escaped) { return nil }
        switch recordSource {
        case .sqs:
            guard let body = unique("body", in: members), let decoded = decodedBody, decoded.value == body.value else { return nil }
            do throws(RecordError) {
                try PayloadDecoding.checkSize(
                    length: decoded.length, encoding: .text, source: .sqs, limits: limits, field: "body", position: position)
            } catch {
                return .failure(error)
            }
            let payload = scratch.payload
            return payload.withUnsafeBufferPointer { buffer in
                classifyAndMatch(
                    container: range, value: body.value, payload: UnsafeBufferPointer(rebasing: buffer[..<decoded.length]), set: set,
                    keepsLiteralWhenPlain: true)
            }.map { .success($0) }
        case .kinesis:
            var inner = range
            var innerMembers = members
            var field = "data"
            if let nested = unique("kinesis", in: members) {
                guard kinesisObject == nested.value else { return nil }
                innerMembers = scratch.kinesisMembers
                if innerMembers.contains(where: \.escaped) { return nil }
                inner = nested.value
                field = "kinesis.data"
            } else if members.contains(where: { cursor.sameBytes($0.key, equal: "kinesis") }) {
                return nil
            }
            guard let data = unique("data", in: innerMembers), document[data.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
            return base64Verdict(container: inner, value: data.value, source: .kinesis, field: field, position: position, set: set)
        case .dynamodb:
            guard let stream = unique("dynamodb", in: members), let checked = dynamoDBObject, checked.value == stream.value, checked.valid
            else {
                return nil
            }
            if checked.membersRead && scratch.prunesDynamoDBRecords {
                return dynamoDBVerdict(record: range, members: members, stream: stream.value, set: set).map { .success($0) }
            }
            return matchRecord(range, payload: .json, set: set).map { .success($0) }
        case .mq:
            guard let data = unique("data", in: members), document[data.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
            return base64Verdict(container: range, value: data.value, source: .mq, field: "data", position: position, set: set)
        case .kafka:
            return kafkaVerdict(record: range, members: members, position: position, set: set)
        case .documentdb:
            return documentDBVerdict(record: range, members: members, set: set).map { .success($0) }
        }
    }

    /// DynamoDB: the record matched as the members the patterns can name, so the scan does not
    /// read the rest a second time (the typed-image check read every byte). A member whose name
    /// no pattern starts with (`Matcher.nameState`) is left out, at the top and in `dynamodb`
    /// (`stream`, whose members the dense check recorded); the scan would skip it unread, so the
    /// verdict is the whole record's. The members were read densely (plain keys, `"key":value`),
    /// so each is copied as it is written.
    mutating func dynamoDBVerdict(record range: Range<Int>, members: [MemberSpan], stream: Range<Int>, set: FilterSet) -> Verdict? {
        guard let source = document.baseAddress else { return nil }
        let matcher = set.matcher
        var view = scratch.dynamoDBView
        scratch.dynamoDBView = []
        defer { scratch.dynamoDBView = view }
        // The view is never longer than the record: written through a pointer, no append.
        if view.count < range.count { view = [UInt8](repeating: 0, count: max(range.count, 2 * view.count)) }
        var keyBytes = scratch.dynamoDBKeyBytes
        let identity = matcher.tablesIdentity
        if keyBytes.matcher != identity {
            keyBytes = DynamoDBKeyBytes(matcher: identity)
            keyBytes.top = DynamoDBKeyBytes.KeyBytes(words: matcher.firstKeyBytes(from: Matcher.documentNameState, atTop: true))
            scratch.dynamoDBKeyBytesMatcher = matcher
        }
        let length = view.withUnsafeMutableBufferPointer { buffer in
            let output = buffer.baseAddress!
            var written = 0
            /// `bytes` of the document, after a comma unless `first`.
            func copy(_ bytes: Range<Int>, first: inout Bool) {
                if !first {
                    output[written] = UInt8(ascii: ",")
                    written &+= 1
                }
                first = false
                (output + written).update(from: source + bytes.lowerBound, count: bytes.count)
                written &+= bytes.count
            }
            output[0] = UInt8(ascii: "{")
            written = 1
            var firstMember = true
            for member in members {
                // Most members are left out on their key's first byte (an empty key is asked).
                if !member.key.isEmpty && !keyBytes.top.contains(source[member.key.lowerBound]) { continue }
                let key = UnsafeBufferPointer(start: source + member.key.lowerBound, count: member.key.count)
                guard let state = matcher.nameState(entering: key, from: Matcher.documentNameState, atTop: true) else { continue }
                // A member as written starts at its key's opening quote.
                guard member.value == stream, matcher.readsMembers(at: state) else {
                    copy((member.key.lowerBound - 1)..<member.value.upperBound, first: &firstMember)
                    continue
                }
                // `"dynamodb":{`, the members the patterns can name, `}`.
                copy((member.key.lowerBound - 1)..<(member.value.lowerBound + 1), first: &firstMember)
                if keyBytes.streamState != state {
                    keyBytes.streamState = state
                    keyBytes.stream = DynamoDBKeyBytes.KeyBytes(words: matcher.firstKeyBytes(from: state, atTop: false))
                }
                var firstInner = true
                for inner in scratch.dynamoDBMembers {
                    if !inner.key.isEmpty && !keyBytes.stream.contains(source[inner.key.lowerBound]) { continue }
                    let innerKey = UnsafeBufferPointer(start: source + inner.key.lowerBound, count: inner.key.count)
                    if matcher.nameState(entering: innerKey, from: state, atTop: false) != nil {
                        copy((inner.key.lowerBound - 1)..<inner.value.upperBound, first: &firstInner)
                    }
                }
                output[written] = UInt8(ascii: "}")
                written &+= 1
            }
            output[written] = UInt8(ascii: "}")
            return written &+ 1
        }
        scratch.dynamoDBKeyBytes = keyBytes
        scratch.prunedDynamoDBRecords &+= 1
        return view.withUnsafeBufferPointer { matchBytes(UnsafeBufferPointer(rebasing: $0[..<length]), payload: .json, set: set) }
    }

    /// DocumentDB: the change event (the `event` object, or the record itself when it has
    /// `operationType` instead) matched as its own bytes.
    mutating func documentDBVerdict(record range: Range<Int>, members: [MemberSpan], set: FilterSet) -> Verdict? {
        var changeEvent = range
        var eventMembers = members
        if members.contains(where: { sameBytes($0.key, equal: "event") }) {
            guard let event = unique("event", in: members), eventObject == event.value else { return nil }
            eventMembers = scratch.eventMembers
            if eventMembers.contains(where: \.escaped) { return nil }
            changeEvent = event.value
        } else if !members.contains(where: { sameBytes($0.key, equal: "operationType") }) {
            return nil  // the tree path reports the missing `event`
        }
        if eventMembers.contains(where: { sameBytes($0.key, equal: "operationType") }) {
            // One `operationType`, a string; else the tree path reports it.
            guard let operation = unique("operationType", in: eventMembers), document[operation.value.lowerBound] == UInt8(ascii: "\"")
            else {
                return nil
            }
        }
        return matchRecord(changeEvent, payload: .json, set: set)
    }

    /// The only member named `key`, or nil when there is none or several. (Inlined, so the
    /// key's length is a constant that settles most members with one comparison.)
    @inline(__always)
    func unique(_ key: StaticString, in members: [MemberSpan]) -> MemberSpan? {
        let cursor = base
        var found: MemberSpan?
        for member in members where cursor.sameBytes(member.key, equal: key) {
            if found != nil { return nil }
            found = member
        }
        return found
    }

    // MARK: Payloads

    /// A base64 payload: `value` (a string literal) decoded by `PayloadDecoding` (size and
    /// base64 errors are its); not-UTF-8 bytes keep the base64 text.
    mutating func base64Verdict(
        container: Range<Int>, value: Range<Int>, source: EventSource, field: String, position: RecordPosition, set: FilterSet
    ) -> Result<Verdict, RecordError>? {
        let content = UnsafeBufferPointer(rebasing: document[(value.lowerBound + 1)..<(value.upperBound - 1)])
        // Decoded into the scratch's buffer: no array per record.
        var decoded = scratch.decoded
        scratch.decoded = []
        defer { scratch.decoded = decoded }
        let length: Int
        do throws(RecordError) {
            length = try PayloadDecoding.decodeBase64(
                utf8: content, source: source, limits: limits, field: field, position: position, into: &decoded)
        } catch {
            // A backslash is no base64 character, so only a failure can mean an escaped
            // literal, whose decoded text (and length) is the tree path's to read.
            if content.contains(UInt8(ascii: "\\")) { return nil }
            return .failure(error)
        }
        return decoded.withUnsafeBufferPointer {
            classifyAndMatch(
                container: container, value: value, payload: UnsafeBufferPointer(rebasing: $0[..<length]), set: set,
                keepsLiteralWhenPlain: false, checksUTF8: true)
        }.map { .success($0) }
    }

    /// A decoded payload's part of the view: its bytes in `scratch.decoded`, as JSON or as a
    /// string, or the member's own literal (bytes that are not UTF-8 stay base64).
    enum Substitute {
        case literal
        case json(Range<Int>)
        case text(Range<Int>)
    }

    /// Kafka: `value` and `key`, each absent (missing or null) or base64 text decoded and
    /// classified as `PayloadDecoding` does (`value` first, so its error comes first).
    mutating func kafkaVerdict(
        record range: Range<Int>, members: [MemberSpan], position: RecordPosition, set: FilterSet
    ) -> Result<Verdict, RecordError>? {
        scratch.decoded.removeAll(keepingCapacity: true)
        var format = PayloadFormat.absent
        var replaced: [(member: Range<Int>, with: Substitute)] = []
        for (name, isValue) in [("value", true), ("key", false)] {
            let named = members.filter { sameBytes($0.key, equal: isValue ? "value" : "key") }
            guard named.count <= 1 else { return nil }
            guard let member = named.first, !sameBytes(member.value, equal: "null") else { continue }
            // Another type is the tree path's error to report.
            guard document[member.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
            let content = UnsafeBufferPointer(rebasing: document[(member.value.lowerBound + 1)..<(member.value.upperBound - 1)])
            let bytes: [UInt8]
            do throws(RecordError) {
                bytes = try PayloadDecoding.decodeBase64(utf8: content, source: .kafka, limits: limits, field: name, position: position)
            } catch {
                // An escaped literal is the tree path's to decode (see `base64Verdict`).
                if content.contains(UInt8(ascii: "\\")) { return nil }
                return .failure(error)
            }
            let start = scratch.decoded.count
            scratch.decoded.append(contentsOf: bytes)
            let decoded = start..<scratch.decoded.count
            let classified: (Substitute, PayloadFormat)
            if let invalid = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
                classified = (.literal, .notUTF8(firstInvalidByte: invalid))
            } else {
                let first = bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
                let validity =
                    first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
                    ? bytes.withUnsafeBufferPointer { Self.jsonValidity($0) } : .invalid
                switch validity {
                case .valid: classified = (.json(decoded), .json)
                case .tooDeep: return nil  // the tree path reports payloadTooDeep
                case .invalid: classified = (.text(decoded), .plainString)
                }
            }
            if isValue { format = classified.1 }
            replaced.append((member.value, classified.0))
        }
        replaced.sort { $0.member.lowerBound < $1.member.lowerBound }
        var view = scratch.view
        scratch.view = []
        view.removeAll(keepingCapacity: true)
        var next = range.lowerBound
        scratch.decoded.withUnsafeBufferPointer { decoded in
            for (member, substitute) in replaced {
                view.append(contentsOf: UnsafeBufferPointer(rebasing: document[next..<member.lowerBound]))
                switch substitute {
                case .literal: view.append(contentsOf: UnsafeBufferPointer(rebasing: document[member]))
                case .json(let bytes): view.append(contentsOf: UnsafeBufferPointer(rebasing: decoded[bytes]))
                case .text(let bytes): StringContent.appendQuoted(UnsafeBufferPointer(rebasing: decoded[bytes]), to: &view)
                }
                next = member.upperBound
            }
        }
        view.append(contentsOf: UnsafeBufferPointer(rebasing: document[next..<range.upperBound]))
        scratch.view = view
        return matchView(payload: format, set: set).map { .success($0) }
    }

    /// Matches the view with `payload` in place of `value`: parsed when it is a JSON object or
    /// array, else as a string (PayloadDecoding's rules). `payload` is valid UTF-8 unless
    /// `checksUTF8`: bytes that are not keep the member's literal (`.notUTF8`).
    ///
    /// One strict pass reads the payload (`jsonValidity`: one JSON text, or not); the record
    /// around it was validated by the walk, so the view is matched without validating again.
    mutating func classifyAndMatch(
        container: Range<Int>, value: Range<Int>, payload: UnsafeBufferPointer<UInt8>, set: FilterSet, keepsLiteralWhenPlain: Bool,
        checksUTF8: Bool = false
    ) -> Verdict? {
        let first = payload.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        var validity = Validity.invalid
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            validity = Self.jsonValidity(payload)
            // Valid JSON is valid UTF-8 (the strict pass checks every string), so no
            // separate UTF-8 pass runs for it.
            if validity == .valid {
                splice(container: container, value: value) { view in view.append(contentsOf: payload) }
                return matchView(payload: .json, set: set)
            }
        }
        if checksUTF8, let invalid = UTF8Validation.firstInvalidOffset(payload) {
            return matchRecord(container, payload: .notUTF8(firstInvalidByte: invalid), set: set)
        }
        if validity == .tooDeep { return nil }  // the tree path reports payloadTooDeep
        if keepsLiteralWhenPlain {
            return matchRecord(container, payload: .plainString, set: set)
        }
        splice(container: container, value: value) { view in StringContent.appendQuoted(payload, to: &view) }
        return matchView(payload: .plainString, set: set)
    }

    enum Validity { case valid, tooDeep, invalid }

    /// Whether `payload` is one JSON text, as `JSONParser()` reads payloads.
    static func jsonValidity(_ payload: UnsafeBufferPointer<UInt8>) -> Validity {
        var check = StrictJSONCursor(payload, maxDepth: 512)
        do throws(JSONSyntaxError) {
            check.skipWhitespace()
            try check.skipValue(depth: 0)
            try check.expectEnd()
            return .valid
        } catch {
            return error.kind == .tooDeep ? .tooDeep : .invalid
        }
    }

    /// `scratch.view` = the container's bytes with `value` replaced by what `write` appends.
    mutating func splice(container: Range<Int>, value: Range<Int>, _ write: (inout [UInt8]) -> Void) {
        var view = scratch.view
        scratch.view = []
        view.removeAll(keepingCapacity: true)
        view.append(contentsOf: UnsafeBufferPointer(rebasing: document[container.lowerBound..<value.lowerBound]))
        write(&view)
        view.append(contentsOf: UnsafeBufferPointer(rebasing: document[value.upperBound..<container.upperBound]))
        scratch.view = view
    }

    /// Matches `scratch.view` (built from validated parts).
    mutating func matchView(payload: PayloadFormat, set: FilterSet) -> Verdict? {
        let view = scratch.view
        return view.withUnsafeBufferPointer { matchBytes($0, payload: payload, set: set) }
    }

    /// Matches the record's own bytes (already validated).
    mutating func matchRecord(_ range: Range<Int>, payload: PayloadFormat, set: FilterSet) -> Verdict? {
        matchBytes(UnsafeBufferPointer(rebasing: document[range]), payload: payload, set: set)
    }

    mutating func matchBytes(_ bytes: UnsafeBufferPointer<UInt8>, payload: PayloadFormat, set: FilterSet) -> Verdict? {
        do {
            try set.matcher.match(bytes, into: &scratch.match)
            return set.verdict(matched: scratch.match.matchedPatterns, payload: payload)
        } catch {
            // A view the matcher cannot read (deeper than its limit) matches no filter, as on
            // the tree path.
            return set.verdict(matched: [], payload: payload)
        }
    }
}

/// The cursor's `current` and `bytes(_:equal:)`, compiled in this module: calls into another
/// module are not inlined, and these run on every member of every record (and every attribute
/// of every DynamoDB image).
extension StrictJSONCursor {
    /// The byte at the cursor, or nil at the end.
    @inline(__always)
    var byte: UInt8? { position < count ? base[position] : nil }

    /// Whether `range` of the text holds exactly the ASCII bytes of `word`.
    @inline(__always)
    func sameBytes(_ range: Range<Int>, equal word: StaticString) -> Bool {
        RecordBytes.bytes(at: base, range, equal: word)
    }
}

extension RecordBytes {
    /// Whether `range` of the text at `base` holds exactly the ASCII bytes of `word`: the one
    /// comparison behind the cursor's and the walker's `sameBytes`.
    @inline(__always)
    static func bytes(at base: UnsafePointer<UInt8>, _ range: Range<Int>, equal word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<range.count where base[range.lowerBound + index] != expected[index] { return false }
        return true
    }
}

extension StrictJSONCursor {
    /// Moves past the typed attribute at the cursor when it is written `{"S":"…"}` (or `N`,
    /// `B`) without spaces, its string checked as `skipValue` checks it; most attributes are.
    /// Anything else, or a string that does not pass, leaves the cursor where it was for
    /// `isTypedValue`'s walk, which reports what is wrong.
    @inline(__always)
    mutating func skipDenseScalarAttribute(depth: Int) -> Bool {
        let start = position
        // Two levels deeper than `depth` still within the limit: the walk's depth errors stay its own.
        guard depth &+ 2 < maxDepth, start &+ 6 < count, base[start] == UInt8(ascii: "{"), base[start &+ 1] == UInt8(ascii: "\""),
            base[start &+ 3] == UInt8(ascii: "\""), base[start &+ 4] == UInt8(ascii: ":"), base[start &+ 5] == UInt8(ascii: "\"")
        else { return false }
        let type = base[start &+ 2]
        guard type == UInt8(ascii: "S") || type == UInt8(ascii: "N") || type == UInt8(ascii: "B") else { return false }
        position = start &+ 5
        do throws(JSONSyntaxError) {
            try skipValue(depth: depth &+ 1)
        } catch {
            position = start
            return false
        }
        guard position < count, base[position] == UInt8(ascii: "}") else {
            position = start
            return false
        }
        position &+= 1
        return true
    }
}

extension Walker {
    /// Whether `range` of the document holds exactly the ASCII bytes of `word`.
    @inline(__always)
    func sameBytes(_ range: Range<Int>, equal word: StaticString) -> Bool {
        guard let start = document.baseAddress else { return false }
        return RecordBytes.bytes(at: start, range, equal: word)
    }
}

/// Quoting bytes as a JSON string literal (a decoded Kinesis text in the view).
enum StringContent {
    /// Appends `text` (valid UTF-8) as a JSON string literal.
    static func appendQuoted(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case ..<0x20:
                output.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
