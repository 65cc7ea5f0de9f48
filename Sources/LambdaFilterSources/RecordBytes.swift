import LambdaFilter

/// Per-thread buffers for `RecordBytes`, reused record after record (create one per thread).
public struct RecordScratch {
    /// The matcher's scratch.
    public var match = MatchScratch()
    var members: [MemberSpan] = []
    var inner: [MemberSpan] = []
    var kinesisMembers: [MemberSpan] = []
    var payload: [UInt8] = []
    var view: [UInt8] = []
    var verdicts: [(RecordPosition, Verdict)] = []

    public init() {}
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
/// no separate parse runs. The filter's view of a record is the record's bytes with the member
/// the source substitutes (the decoded SQS `body`, the base64-decoded Kinesis `data`) spliced
/// into one buffer, and the source's compiled `Matcher` scans it with the caller's scratch.
///
/// It handles the shapes Lambda delivers for SQS, Kinesis and DynamoDB Streams (a whole event's
/// `Records` or one record). For anything else — another source, an error to report, an unusual
/// shape (an escaped or repeated key the adapters read, an `eventSource` it cannot tell) — it
/// returns nil and the caller takes the tree path (`EventSplitter`), which has the same
/// verdicts and says what is wrong. Its verdicts equal that path's by construction: it only
/// answers where it reads exactly what the adapters read.
public enum RecordBytes {
    /// The verdict of every record of `document`, in order, or nil when the tree path must decide.
    /// - Parameter filterSets: the compiled set per source (they may share one matcher).
    /// - Throws: `JSONSyntaxError`, as `JSONParser` reports it, when the document is not valid JSON.
    public static func verdicts(
        of document: UnsafeBufferPointer<UInt8>, selection: SourceSelection, filterSets: [EventSource: FilterSet],
        scratch: inout RecordScratch
    ) throws(JSONSyntaxError) -> [(RecordPosition, Verdict)]? {
        let explicit = selection.eventSource
        if selection == .raw { return nil }
        if let explicit, ![.sqs, .kinesis, .dynamodb].contains(explicit) { return nil }
        // Records nest as deep as the matcher reads them (`MatcherLimits.maxDepth`).
        let maxDepth = filterSets.first?.value.matcher.maxDepth ?? MatcherLimits.defaultMaxDepth
        return try withUnsafeMutablePointer(to: &scratch) { storage throws(JSONSyntaxError) in
            var walker = Walker(document: document, selection: selection, filterSets: filterSets, storage: storage, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return try walker.run()
            } catch {
                throw StrictJSONCursor.parserError(in: document, maxDepth: maxDepth, fallback: error)
            }
        }
    }

    /// `eventSource` values of the sources this path reads, as their JSON text.
    static func source(ofLiteral range: Range<Int>, in cursor: StrictJSONCursor) -> EventSource? {
        if cursor.bytes(range, equal: "\"aws:sqs\"") { return .sqs }
        if cursor.bytes(range, equal: "\"aws:kinesis\"") { return .kinesis }
        if cursor.bytes(range, equal: "\"aws:dynamodb\"") { return .dynamodb }
        return nil
    }
}

/// One document's walk.
private struct Walker {
    let document: UnsafeBufferPointer<UInt8>
    let selection: SourceSelection
    let filterSets: [EventSource: FilterSet]
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
    /// `body` string decoded into `scratch.payload`, a `kinesis` object's members in
    /// `scratch.kinesisMembers`, a `dynamodb` object's typed images checked.
    var decodedBody: (value: Range<Int>, length: Int)?
    var kinesisObject: Range<Int>?
    var dynamoDBObject: (value: Range<Int>, valid: Bool)?

    init(document: UnsafeBufferPointer<UInt8>, selection: SourceSelection, filterSets: [EventSource: FilterSet], storage: UnsafeMutablePointer<RecordScratch>, maxDepth: Int) {
        self.document = document
        self.selection = selection
        self.filterSets = filterSets
        self.storage = storage
        self.maxDepth = maxDepth
    }

    var base: StrictJSONCursor { StrictJSONCursor(document, maxDepth: maxDepth) }

    mutating func run() throws(JSONSyntaxError) -> [(RecordPosition, Verdict)]? {
        scratch.verdicts.removeAll(keepingCapacity: true)
        var cursor = StrictJSONCursor(document, maxDepth: maxDepth)
        cursor.skipWhitespace()
        // Not an object: the tree path says why (or reports the syntax error).
        guard cursor.current == UInt8(ascii: "{") else { return nil }
        let start = cursor.position
        var top = scratch.members
        scratch.members = []
        top.removeAll(keepingCapacity: true)
        var recordsSeen = 0
        var envelopeOfAnotherSource = false
        let auto = selection == .auto
        try cursor.forEachMember(depth: 0) { cursor, key, escaped throws(JSONSyntaxError) in
            let valueStart = cursor.position
            if escaped {
                unusual = true
            } else if cursor.bytes(key, equal: "Records") {
                recordsSeen += 1
                if recordsSeen == 1 && cursor.current == UInt8(ascii: "[") {
                    try cursor.forEachElement(depth: 1) { cursor, index throws(JSONSyntaxError) in
                        try record(&cursor, depth: 2, position: RecordPosition([.key("Records"), .index(index)]))
                    }
                    top.append(MemberSpan(key: key, escaped: false, value: valueStart..<cursor.position))
                    return
                }
                unusual = true
            } else if auto
                && (cursor.bytes(key, equal: "records") || cursor.bytes(key, equal: "messages")
                    || cursor.bytes(key, equal: "rmqMessagesByQueue") || cursor.bytes(key, equal: "events"))
            {
                envelopeOfAnotherSource = true
            }
            try visitMember(&cursor, key: key, escaped: escaped, depth: 0, into: &top)
        }
        let end = cursor.position
        try cursor.expectEnd()
        defer { scratch.members = top }
        if unusual || envelopeOfAnotherSource { return nil }
        if recordsSeen == 0 {
            // The document is one record.
            guard let verdict = try adapt(record: start..<end, members: top, depth: 0) else { return nil }
            scratch.verdicts.append((.root, verdict))
        } else if scratch.verdicts.isEmpty {
            return nil  // `Records: []`: the tree path knows empty envelopes
        }
        return scratch.verdicts
    }

    /// Reads one element of `Records` at the cursor, adapting it when it is an object.
    mutating func record(_ cursor: inout StrictJSONCursor, depth: Int, position: RecordPosition) throws(JSONSyntaxError) {
        guard !unusual, cursor.current == UInt8(ascii: "{") else {
            unusual = true
            try cursor.skipValue(depth: depth)
            return
        }
        let start = cursor.position
        decodedBody = nil
        kinesisObject = nil
        dynamoDBObject = nil
        var members = scratch.inner
        scratch.inner = []
        members.removeAll(keepingCapacity: true)
        try collectMembers(&cursor, depth: depth, into: &members)
        let verdict = try adapt(record: start..<cursor.position, members: members, depth: depth)
        scratch.inner = members
        guard let verdict else {
            unusual = true
            return
        }
        scratch.verdicts.append((position, verdict))
    }

    /// The members of the object at the cursor (at `depth`), values validated; with `reading`,
    /// the members an adapter needs are read on the way (`visitMember`).
    mutating func collectMembers(_ cursor: inout StrictJSONCursor, depth: Int, into members: inout [MemberSpan], reading: Bool = true) throws(JSONSyntaxError) {
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

    /// One member of a record (an object at `depth`), the cursor at its value: validated, and
    /// read in the same pass when it is one an adapter needs.
    mutating func visitMember(_ cursor: inout StrictJSONCursor, key: Range<Int>, escaped: Bool, depth: Int, into members: inout [MemberSpan]) throws(JSONSyntaxError) {
        let valueStart = cursor.position
        let first = cursor.current
        if !escaped && first == UInt8(ascii: "\"") && cursor.bytes(key, equal: "body") {
            var payload = scratch.payload
            scratch.payload = []
            let room = document.count - valueStart
            if payload.count < room { payload = [UInt8](repeating: 0, count: max(room, 2 * payload.count)) }
            let length = try payload.withUnsafeMutableBufferPointer { buffer throws(JSONSyntaxError) in
                try cursor.decodeString(into: buffer.baseAddress!)
            }
            scratch.payload = payload
            decodedBody = (valueStart..<cursor.position, length)
        } else if !escaped && first == UInt8(ascii: "{") && cursor.bytes(key, equal: "kinesis") {
            var inner = scratch.kinesisMembers
            scratch.kinesisMembers = []
            inner.removeAll(keepingCapacity: true)
            try collectMembers(&cursor, depth: depth + 1, into: &inner, reading: false)
            scratch.kinesisMembers = inner
            kinesisObject = valueStart..<cursor.position
        } else if !escaped && first == UInt8(ascii: "{") && cursor.bytes(key, equal: "dynamodb") {
            let valid = try Self.typedImages(&cursor, depth: depth + 1)
            dynamoDBObject = (valueStart..<cursor.position, valid)
        } else {
            try cursor.skipValue(depth: depth + 1)
        }
        members.append(MemberSpan(key: key, escaped: escaped, value: valueStart..<cursor.position))
    }

    /// The verdict of the record at `range` (already validated), or nil for the tree path.
    mutating func adapt(record range: Range<Int>, members: [MemberSpan], depth: Int) throws(JSONSyntaxError) -> Verdict? {
        let cursor = base
        var recordSource = selection.eventSource
        if recordSource == nil {
            // Auto-detection: the record's own eventSource, which every record must share.
            var found: EventSource?
            for member in members where cursor.bytes(member.key, equal: "eventSource") {
                if found != nil { return nil }
                found = RecordBytes.source(ofLiteral: member.value, in: cursor)
                if found == nil { return nil }
            }
            guard let found, source == nil || source == found else { return nil }
            recordSource = found
        }
        guard let recordSource, let set = filterSets[recordSource] else { return nil }
        source = recordSource
        if members.contains(where: \.escaped) { return nil }
        switch recordSource {
        case .sqs:
            guard let body = unique("body", in: members), let decoded = decodedBody, decoded.value == body.value else { return nil }
            let payload = scratch.payload
            return payload.withUnsafeBufferPointer { buffer in
                classifyAndMatch(
                    container: range, value: body.value, payload: UnsafeBufferPointer(rebasing: buffer[..<decoded.length]), set: set,
                    keepsLiteralWhenPlain: true)
            }
        case .kinesis:
            var inner = range
            var innerMembers = members
            if let nested = unique("kinesis", in: members) {
                guard kinesisObject == nested.value else { return nil }
                innerMembers = scratch.kinesisMembers
                if innerMembers.contains(where: \.escaped) { return nil }
                inner = nested.value
            } else if members.contains(where: { cursor.bytes($0.key, equal: "kinesis") }) {
                return nil
            }
            guard let data = unique("data", in: innerMembers), document[data.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
            return try base64Verdict(container: inner, value: data.value, set: set)
        case .dynamodb:
            guard let stream = unique("dynamodb", in: members), let checked = dynamoDBObject, checked.value == stream.value, checked.valid else {
                return nil
            }
            return matchRecord(range, payload: .json, set: set)
        default:
            return nil
        }
    }

    /// The only member named `key`, or nil when there is none or several.
    func unique(_ key: StaticString, in members: [MemberSpan]) -> MemberSpan? {
        let cursor = base
        var found: MemberSpan?
        for member in members where cursor.bytes(member.key, equal: key) {
            if found != nil { return nil }
            found = member
        }
        return found
    }

    // MARK: Payloads

    /// Kinesis: `value` (a base64 string literal) decoded; not-UTF-8 bytes keep the base64 text.
    mutating func base64Verdict(container: Range<Int>, value: Range<Int>, set: FilterSet) throws(JSONSyntaxError) -> Verdict? {
        let content = UnsafeBufferPointer(rebasing: document[(value.lowerBound + 1)..<(value.upperBound - 1)])
        if content.contains(UInt8(ascii: "\\")) { return nil }
        let decoded: [UInt8]
        do {
            decoded = try Base64.decode(utf8: content)
        } catch {
            return nil  // the tree path reports where the base64 breaks
        }
        if let invalid = decoded.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            return matchRecord(container, payload: .notUTF8(firstInvalidByte: invalid), set: set)
        }
        return decoded.withUnsafeBufferPointer {
            classifyAndMatch(container: container, value: value, payload: $0, set: set, keepsLiteralWhenPlain: false)
        }
    }

    /// Matches the view with `payload` in place of `value`: parsed when it is a JSON object or
    /// array (validated by the strict scan itself), else as a string (PayloadDecoding's rules).
    mutating func classifyAndMatch(
        container: Range<Int>, value: Range<Int>, payload: UnsafeBufferPointer<UInt8>, set: FilterSet, keepsLiteralWhenPlain: Bool
    ) -> Verdict? {
        let first = payload.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            splice(container: container, value: value) { view in view.append(contentsOf: payload) }
            let matched = scratch.view.withUnsafeBufferPointer { view -> Bool in
                do {
                    try set.matcher.matchStrictly(view, into: &scratch.match)
                    return true
                } catch {
                    return false
                }
            }
            // The view is valid JSON; the payload is JSON itself only if it is one value there,
            // not, say, `{"a":1}, "b": {}` that happens to fit between the view's members.
            if matched && Self.isOneContainer(payload) { return set.verdict(matched: scratch.match.matchedPatterns, payload: .json) }
            // The view failed: either the payload is not JSON (a plain string) or it is JSON
            // whose view nests deeper than the matcher reads (no filter matches it then).
            switch Self.jsonValidity(payload) {
            case .valid: return set.verdict(matched: [], payload: .json)
            case .tooDeep: return nil  // the tree path reports payloadTooDeep
            case .invalid: break
            }
        }
        if keepsLiteralWhenPlain {
            return matchRecord(container, payload: .plainString, set: set)
        }
        splice(container: container, value: value) { view in StringContent.appendQuoted(payload, to: &view) }
        return matchView(payload: .plainString, set: set)
    }

    enum Validity { case valid, tooDeep, invalid }

    /// Whether `payload`, part of a valid JSON text and starting (after whitespace) with a
    /// bracket, is exactly that one container and whitespace.
    static func isOneContainer(_ payload: UnsafeBufferPointer<UInt8>) -> Bool {
        var probe = StrictJSONCursor(payload)
        probe.skipWhitespace()
        guard probe.skipValidContainer() else { return false }
        probe.skipWhitespace()
        return probe.position == payload.count
    }

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

    // MARK: DynamoDB

    /// Reads the `dynamodb` object at the cursor (at `depth`); whether every attribute of its
    /// `Keys`/`NewImage`/`OldImage` is a typed value (`DynamoDBAdapter.checkAttributeValue`'s
    /// rules). False leaves the error to the tree path.
    static func typedImages(_ cursor: inout StrictJSONCursor, depth: Int) throws(JSONSyntaxError) -> Bool {
        var valid = true
        try cursor.forEachMember(depth: depth) { cursor, key, escaped throws(JSONSyntaxError) in
            if escaped { valid = false }
            let isImage = cursor.bytes(key, equal: "Keys") || cursor.bytes(key, equal: "NewImage") || cursor.bytes(key, equal: "OldImage")
            guard valid, isImage, cursor.current == UInt8(ascii: "{") else {
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
        guard cursor.current == UInt8(ascii: "{") else {
            try cursor.skipValue(depth: depth)
            return false
        }
        var count = 0
        var valid = true
        try cursor.forEachMember(depth: depth) { cursor, key, escaped throws(JSONSyntaxError) in
            count += 1
            let first = cursor.current
            guard valid, count == 1, !escaped else {
                valid = false
                try cursor.skipValue(depth: depth + 1)
                return
            }
            if cursor.bytes(key, equal: "S") || cursor.bytes(key, equal: "N") || cursor.bytes(key, equal: "B") {
                valid = first == UInt8(ascii: "\"")
            } else if cursor.bytes(key, equal: "BOOL") {
                valid = first == UInt8(ascii: "t") || first == UInt8(ascii: "f")
            } else if cursor.bytes(key, equal: "NULL") {
                valid = first == UInt8(ascii: "t")
            } else if cursor.bytes(key, equal: "SS") || cursor.bytes(key, equal: "NS") || cursor.bytes(key, equal: "BS") {
                valid = first == UInt8(ascii: "[")
                if valid {
                    try cursor.forEachElement(depth: depth + 1) { cursor, _ throws(JSONSyntaxError) in
                        if cursor.current != UInt8(ascii: "\"") { valid = false }
                        try cursor.skipValue(depth: depth + 2)
                    }
                    return
                }
            } else if cursor.bytes(key, equal: "M") {
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
            } else if cursor.bytes(key, equal: "L") {
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
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
