import LambdaFilter

/// Per-thread buffers for `RecordBytes`, reused record after record (create one per thread).
public struct RecordScratch {
    /// The matcher's scratch.
    public var match = MatchScratch()
    var members: [MemberSpan] = []
    var inner: [MemberSpan] = []
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
        return try withUnsafeMutablePointer(to: &scratch) { storage throws(JSONSyntaxError) in
            var walker = Walker(document: document, selection: selection, filterSets: filterSets, storage: storage)
            do throws(JSONSyntaxError) {
                return try walker.run()
            } catch {
                throw StrictJSONCursor.parserError(in: document, maxDepth: 512, fallback: error)
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

    init(document: UnsafeBufferPointer<UInt8>, selection: SourceSelection, filterSets: [EventSource: FilterSet], storage: UnsafeMutablePointer<RecordScratch>) {
        self.document = document
        self.selection = selection
        self.filterSets = filterSets
        self.storage = storage
    }

    var base: StrictJSONCursor { StrictJSONCursor(document) }

    mutating func run() throws(JSONSyntaxError) -> [(RecordPosition, Verdict)]? {
        scratch.verdicts.removeAll(keepingCapacity: true)
        var cursor = StrictJSONCursor(document)
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
            try cursor.skipValue(depth: 1)
            top.append(MemberSpan(key: key, escaped: escaped, value: valueStart..<cursor.position))
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

    /// The members of the object at the cursor, values validated and skipped.
    func collectMembers(_ cursor: inout StrictJSONCursor, depth: Int, into members: inout [MemberSpan]) throws(JSONSyntaxError) {
        try cursor.forEachMember(depth: depth) { cursor, key, escaped throws(JSONSyntaxError) in
            let valueStart = cursor.position
            try cursor.skipValue(depth: depth + 1)
            members.append(MemberSpan(key: key, escaped: escaped, value: valueStart..<cursor.position))
        }
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
            guard let body = unique("body", in: members), document[body.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
            return try payloadVerdict(container: range, value: body.value, set: set, keepsLiteralWhenPlain: true)
        case .kinesis:
            var inner = range
            var innerMembers = members
            if let nested = unique("kinesis", in: members) {
                guard document[nested.value.lowerBound] == UInt8(ascii: "{") else { return nil }
                var walk = StrictJSONCursor(document, at: nested.value.lowerBound)
                innerMembers = []
                try collectMembers(&walk, depth: depth + 1, into: &innerMembers)
                if innerMembers.contains(where: \.escaped) { return nil }
                inner = nested.value
            } else if members.contains(where: { cursor.bytes($0.key, equal: "kinesis") }) {
                return nil
            }
            guard let data = unique("data", in: innerMembers), document[data.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
            return try base64Verdict(container: inner, value: data.value, set: set)
        case .dynamodb:
            guard let stream = unique("dynamodb", in: members), typedImagesAreValid(stream.value) else { return nil }
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

    /// SQS: `value` (a string literal) decoded; JSON when it is an object or array.
    mutating func payloadVerdict(container: Range<Int>, value: Range<Int>, set: FilterSet, keepsLiteralWhenPlain: Bool) throws(JSONSyntaxError) -> Verdict? {
        let content = UnsafeBufferPointer(rebasing: document[(value.lowerBound + 1)..<(value.upperBound - 1)])
        var payload = scratch.payload
        scratch.payload = []
        defer { scratch.payload = payload }
        if payload.count < max(content.count, 1) { payload = [UInt8](repeating: 0, count: max(content.count, 2 * payload.count)) }
        return payload.withUnsafeMutableBufferPointer { buffer in
            let length = StringContent.decode(content, into: buffer.baseAddress!)
            return classifyAndMatch(
                container: container, value: value, payload: UnsafeBufferPointer(rebasing: buffer[..<length]), set: set,
                keepsLiteralWhenPlain: keepsLiteralWhenPlain)
        }
    }

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
            if matched { return set.verdict(matched: scratch.match.matchedPatterns, payload: .json) }
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

    /// Whether every attribute of `dynamodb.Keys/NewImage/OldImage` is a typed value
    /// (`DynamoDBAdapter.checkAttributeValue`'s rules); false leaves the error to the tree path.
    func typedImagesAreValid(_ stream: Range<Int>) -> Bool {
        guard document[stream.lowerBound] == UInt8(ascii: "{") else { return false }
        var cursor = StrictJSONCursor(document, at: stream.lowerBound)
        var valid = true
        do {
            try cursor.forEachMember(depth: 0) { cursor, key, escaped throws(JSONSyntaxError) in
                if escaped { valid = false }
                let isImage = cursor.bytes(key, equal: "Keys") || cursor.bytes(key, equal: "NewImage") || cursor.bytes(key, equal: "OldImage")
                guard valid, isImage, cursor.current == UInt8(ascii: "{") else {
                    if isImage { valid = false }
                    try cursor.skipValue(depth: 1)
                    return
                }
                try cursor.forEachMember(depth: 1) { cursor, _, escaped throws(JSONSyntaxError) in
                    if escaped { valid = false }
                    if valid {
                        valid = try Self.isTypedValue(&cursor, depth: 2)
                    } else {
                        try cursor.skipValue(depth: 2)
                    }
                }
            }
        } catch {
            return false
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

/// JSON string content as bytes: decoding escapes exactly as `JSONParser` does, and quoting.
enum StringContent {
    /// Writes the decoded form of string content `bytes` (already validated) to `output`,
    /// which has room for `bytes.count` bytes (decoding never lengthens); returns the length.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var index = 0
        var written = 0
        while index < count {
            // Copy the run up to the next backslash, found eight bytes at a time.
            var end = index
            while end + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
                let x = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let hits = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                if hits != 0 {
                    end += hits.trailingZeroBitCount >> 3
                    break
                }
                end += 8
            }
            while end < count && base[end] != UInt8(ascii: "\\") { end += 1 }
            (output + written).update(from: base + index, count: end - index)
            written += end - index
            index = end
            guard index < count else { break }
            let code = base[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "b"): output[written] = 0x08; written += 1
            case UInt8(ascii: "f"): output[written] = 0x0C; written += 1
            case UInt8(ascii: "n"): output[written] = 0x0A; written += 1
            case UInt8(ascii: "r"): output[written] = 0x0D; written += 1
            case UInt8(ascii: "t"): output[written] = 0x09; written += 1
            case UInt8(ascii: "u"):
                var scalar = hex4(bytes, index)
                index += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // As the parser: a high surrogate pairs with an escaped low one, else U+FFFD.
                    if index + 5 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") {
                        let low = hex4(bytes, index + 2)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                written += writeUTF8(scalar, to: output + written)
            default:  // " \ /
                output[written] = code
                written += 1
            }
        }
        return written
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = bytes[index]
            let digit: UInt8 = byte <= UInt8(ascii: "9") ? byte - 0x30 : (byte | 0x20) - 0x61 + 10
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func writeUTF8(_ scalar: UInt32, to output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case ..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case ..<0x800:
            output[0] = UInt8(0xC0 | (scalar >> 6))
            output[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case ..<0x10000:
            output[0] = UInt8(0xE0 | (scalar >> 12))
            output[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            output[0] = UInt8(0xF0 | (scalar >> 18))
            output[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }

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
