import LambdaFilter
import LambdaFilterTestSupport
import Testing

@testable import LambdaFilterSources

/// The byte path's one-pass base64 payloads (`Base64.decodeLiteral`, read by the dense walk for
/// `data` strings) against the two steps they replace (`StrictSkip.plainString`, then
/// `Base64.decode`), and the records that carry them against the member walk and the tree path.
@Suite("Payload path: base64 literals")
struct PayloadPathTests {
    /// Bytes that break a base64 literal wherever they land; 0 cuts the text there.
    static let replacements: [UInt8] = [
        UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: " "),
        UInt8(ascii: "A"), UInt8(ascii: "/"), 0x01, 0x0A, 0x7F, 0xC3, 0xFF, 0,
    ]

    /// The base64 text of `length` bytes, padded or not.
    static func encoded(length: Int, padded: Bool) -> [UInt8] {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 89 &+ length &* 7) }
        let text = Fixtures.base64(bytes)
        return Array((padded ? text : String(text.prefix { $0 != "=" })).utf8)
    }

    /// Literals (quoted) of every length around the decoder's eight-character groups, padded and
    /// unpadded, and each broken at every byte, in text that continues after them (or not).
    static func literals() -> [[UInt8]] {
        var all: [[UInt8]] = []
        for length in Array(0..<40) + [90, 91, 92, 200] {
            for padded in [true, false] {
                let literal = [UInt8(ascii: "\"")] + encoded(length: length, padded: padded) + [UInt8(ascii: "\"")]
                all.append(literal)
                for position in literal.indices where length < 40 || position % 7 == 0 || position + 12 > literal.count {
                    for replacement in replacements {
                        var broken = literal
                        if replacement == 0 { broken.removeSubrange(position...) } else { broken[position] = replacement }
                        all.append(broken)
                    }
                }
            }
        }
        // Escaped literals and extra quotes, which only the ordinary walk reads.
        for text in [#""QUJD\u0044""#, #""QUJD\/""#, #""QU\"JD""#, #""""#, #""=""#, #""===""#, #""QQ=""#, #""QQ==""#, #""QQ===""#] {
            all.append(Array(text.utf8))
        }
        return all
    }

    /// The two steps: the literal's end as the strict walk finds it, then `decode` of its text.
    static func reference(_ text: [UInt8], maxLength: Int) -> (end: Int, bytes: [UInt8])? {
        text.withUnsafeBufferPointer { buffer -> (end: Int, bytes: [UInt8])? in
            let end = StrictSkip.plainString(buffer.baseAddress!, buffer.count, at: 0)
            guard end != StrictSkip.declined else { return nil }
            guard let bytes = try? Base64.decode(utf8: UnsafeBufferPointer(rebasing: buffer[1..<(end - 1)])), bytes.count <= maxLength
            else { return nil }
            return (end, bytes)
        }
    }

    static func oneStep(_ text: [UInt8], maxLength: Int, into output: inout [UInt8]) -> (end: Int, bytes: [UInt8])? {
        let answer = text.withUnsafeBufferPointer { buffer in
            Base64.decodeLiteral(buffer.baseAddress!, buffer.count, at: 0, maxLength: maxLength, into: &output)
        }
        return answer.map { ($0.end, Array(output[..<$0.length])) }
    }

    /// Exactly the literals the two steps read are decoded, with their end and bytes, whatever
    /// follows them and whatever the reused buffer held before.
    @Test func decodeLiteralIsTheStringWalkThenDecode() {
        var output: [UInt8] = []
        var answered = 0
        for literal in Self.literals() {
            for suffix in [[], Array(#","x":1}"#.utf8), Array(#"}"#.utf8)] {
                let text = literal + suffix
                for maxLength in [Int.max, 20] {
                    let expected = Self.reference(text, maxLength: maxLength)
                    let actual = Self.oneStep(text, maxLength: maxLength, into: &output)
                    #expect(actual?.end == expected?.end, "\(String(decoding: text, as: UTF8.self)) max \(maxLength)")
                    #expect(actual?.bytes == expected?.bytes, "\(String(decoding: text, as: UTF8.self)) max \(maxLength)")
                    if actual != nil { answered += 1 }
                }
            }
        }
        // Most of the unbroken ones, and the ones broken after their closing quote, decode.
        #expect(answered > 1000)
    }

    /// Not at a quote, or at one with no closing quote: no answer.
    @Test(arguments: ["", "x", "QUJD\"", "\"QUJD", "\"QUJDRA==", " \"QUJD\""])
    func decodeLiteralNeedsAWholeLiteral(text: String) {
        var output: [UInt8] = []
        #expect(Self.oneStep(Array(text.utf8), maxLength: .max, into: &output) == nil)
    }

    // MARK: Records

    static let patterns = [
        #"{"data": {"a": [1]}}"#, #"{"kinesis": {"data": {"a": [{"exists": true}]}}}"#, #"{"data": [{"prefix": "hel"}]}"#,
        #"{"kinesis": {"data": [{"prefix": "{\"a\""}]}}"#, #"{"eventSource": ["aws:kinesis"], "kinesis": {"partitionKey": ["k"]}}"#,
    ]

    /// Kinesis (nested and flat) and Amazon MQ records whose `data` is JSON, text, not UTF-8,
    /// long, padded or not, with the selection they are read with.
    static func records() -> [(text: String, selection: SourceSelection)] {
        let payloads = [
            #"{"a":1}"#, #"{"a":[1,2,3],"b":"a long enough text to take several groups of eight"}"#, "hello", "hel",
            #"{"a":1} junk"#, "[1,2]", "",
        ]
        var records: [(String, SourceSelection)] = []
        for payload in payloads {
            let data = Fixtures.base64(payload)
            let unpadded = String(data.prefix { $0 != "=" })
            records.append((#"{"kinesis":{"partitionKey":"k","data":"\#(data)"},"eventSource":"aws:kinesis","eventID":"e"}"#, .auto))
            records.append((#"{"kinesis":{"data":"\#(unpadded)","partitionKey":"k"},"eventSource":"aws:kinesis"}"#, .kinesis))
            records.append((#"{"data":"\#(data)","eventSource":"aws:kinesis"}"#, .kinesis))
            records.append((#"{"messageID":"ID:1","data":"\#(data)","properties":{"p":"1"}}"#, .mq))
        }
        let notUTF8 = Fixtures.base64([0x7B, 0xFF, 0x7D])
        records.append((#"{"kinesis":{"data":"\#(notUTF8)"},"eventSource":"aws:kinesis"}"#, .kinesis))
        records.append(
            (
                #"{"Records":[{"kinesis":{"data":"eyJhIjoxfQ=="},"eventSource":"aws:kinesis"},{"kinesis":{"data":"aGVsbG8="},"eventSource":"aws:kinesis"}]}"#,
                .auto
            ))
        return records
    }

    /// Each record, and each copy of it broken at one byte, gets the member walk's answer (which
    /// reads `data` the ordinary way); the record as written gets the tree path's.
    @Test(arguments: records())
    func recordsWithBase64DataAgreeWithTheWalk(text: String, selection: SourceSelection) throws {
        let sets = RecordBytesTests.sets(try Self.patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) })
        try RecordBytesTests.expectSame(text, selection, sets, mustAnswer: true)
        for bytes in DensePathTests.mutations(of: text) {
            let fast = DensePathTests.answer(bytes, selection, sets, dense: true).0
            let walk = DensePathTests.answer(bytes, selection, sets, dense: false).0
            #expect(fast == walk, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// A decoded payload over its source's limit is refused with the tree path's error, whether
    /// the walk decoded it (within the larger of the Kinesis and MQ limits) or left it.
    @Test(arguments: [
        PayloadLimits(kinesis: 3, mq: 100), PayloadLimits(kinesis: 100, mq: 3), PayloadLimits(kinesis: 3, mq: 3),
        PayloadLimits(kinesis: 6, mq: 6), PayloadLimits(kinesis: 7, mq: 7),
    ])
    func payloadLimitsHoldForDecodedData(limits: PayloadLimits) throws {
        let sets = RecordBytesTests.sets(try Self.patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) })
        let data = Fixtures.base64(#"{"a":1}"#)
        let kinesis = #"{"kinesis":{"data":"\#(data)"},"eventSource":"aws:kinesis"}"#
        let mq = #"{"messageID":"ID:1","data":"\#(data)"}"#
        let outcomes = try RecordBytesTests.expectSame(kinesis, .kinesis, sets, mustAnswer: true, limits: limits)
        #expect(outcomes.count == 1)
        if case .failure = outcomes.first { #expect(limits.kinesis < 7) } else { #expect(limits.kinesis >= 7) }
        try RecordBytesTests.expectSame(mq, .mq, sets, mustAnswer: true, limits: limits)
    }
}

/// `RecordPosition.Elements`, the array-free positions of an event's records, are the positions
/// with the components `[.key(name), .index(index)]` in every respect (for the names it stores
/// compactly and for others, for small indices and for ones past 32 bits).
@Suite("Record position")
struct RecordPositionTests {
    @Test(arguments: [("Records", 0), ("Records", 3), ("records", 12), ("messages", 1), ("events", 0), ("Records", 1 << 40)])
    func anElementIsItsComponents(name: String, index: Int) {
        let element = RecordPosition.Elements(of: name)[index]
        let path = RecordPosition([.key(name), .index(index)])
        #expect(element == path)
        #expect(path == element)
        #expect(element.hashValue == path.hashValue)
        #expect(element.components == path.components)
        #expect(element.description == path.description)
        #expect(!element.isRoot)
        #expect(Set([element, path]).count == 1)
        // Others differ.
        #expect(element != RecordPosition.Elements(of: name)[index + 1])
        #expect(element != RecordPosition.Elements(of: name + "x")[index])
        #expect(element != RecordPosition([.key(name), .index(index), .index(0)]))
        #expect(element != .root)
        // Written through `components`, it is the path written.
        var changed = element
        changed.components.append(.index(7))
        #expect(changed == RecordPosition([.key(name), .index(index), .index(7)]))
        #expect(changed.description == "\(name)[\(index)][7]")
        #expect(element.appending(.index(7)) == changed)
    }

    /// The same index in different arrays, each name stored compactly or not, is a different position.
    @Test func elementsOfDifferentArraysDiffer() {
        let names = ["Records", "messages", "events", "records", "other"]
        for index in [0, 5] {
            for left in names {
                for right in names {
                    let same = RecordPosition.Elements(of: left)[index] == RecordPosition.Elements(of: right)[index]
                    #expect(same == (left == right), "\(left)[\(index)] and \(right)[\(index)]")
                }
            }
        }
    }

    /// The byte path makes one per record: it stays the size of the array it replaces.
    @Test func aPositionIsTheSizeOfAnArray() {
        #expect(MemoryLayout<RecordPosition>.size == MemoryLayout<[JSONPathComponent]>.size)
    }

    @Test func theRootIsTheEmptyPath() {
        #expect(RecordPosition.root.isRoot)
        #expect(RecordPosition([]).isRoot)
        #expect(!RecordPosition([.key("Records")]).isRoot)
        var emptied = RecordPosition.Elements(of: "Records")[0]
        emptied.components = []
        #expect(emptied.isRoot)
        #expect(emptied == .root)
    }
}

/// The spliced strict match (`Matcher.matchStrictly(record:memberKeyAt:value:into:)`), the byte
/// path's one scan for an SQS body or a decoded Kinesis/MQ payload that may be JSON, against the
/// two steps it replaces: the payload's own strict check (as `jsonValidity` runs it) and the
/// match of the view. Payloads valid and broken (at every byte), followed by more JSON, cut
/// short, nested around the limit, in records with the member first, among others, last, with
/// whitespace.
@Suite("Payload path: spliced strict match")
struct SplicedMatchTests {
    static let payloads: [String] = [
        #"{"a":1}"#, #"{"a":[1,2,{"b":"x"}],"c":null}"#, "[1,2]", #"  {"a":1}  "#, "\n{\"a\":1}\t", "{}", "[]",
        #"{"a":1},"x":1"#, #"{"a":1}}"#, #"{"a":1},{"b":2"#, #"{"a":1"#, "[1],[2]", #"{"a":1} junk"#, #"{"a":1}x"#, "[1]]", "{", "[",
        #"{"a":"\u00e9\ud83d\ude00"}"#, #"{"a":"\ud800"}"#, #"{"é":"ü"}"#, #"{"a":1e5,"b":-0.5,"c":true,"d":false}"#, #"{"a":01}"#,
        #"{"a":1,}"#, #"{"a" : [ 1 , 2 ] }"#, #"{"status":"PAID","customer":{"tier":"gold"},"itemCount":4,"currency":"USD"}"#,
        #"{"a":{"a":1},"m":"y"},"m":"x"#,
    ]

    /// Records around the payload: the text before it (ending with its key and colon) and after it.
    static let shapes: [(before: String, after: String)] = [
        (#"{"body":"#, "}"), (#"{"m":"x","body":"#, #","n":[1,{"a":2}]}"#), (#"{ "m" : "x" , "body" : "#, #" , "n" : 1 }"#),
        (#"{"m":{"body":1},"body":"#, "}"), (#"{"body":"#, #","m":"x"}"#), ("{\n\"n\":1,\n\"body\":", "\n}"),
    ]

    static let patterns = [
        #"{"body": {"a": [1]}}"#, #"{"body": {"status": ["PAID"], "customer": {"tier": ["gold"]}}}"#, #"{"m": ["x"]}"#, #"{"n": [1]}"#,
        #"{"body": {"a": [{"exists": false}]}, "m": ["x"]}"#, #"{"body": {"c": [null]}}"#, #"{"data": {"a": [1]}, "m": ["x"]}"#,
        #"{"data": [{"prefix": "{"}]}"#,
    ]

    /// The payload's own check, as `jsonValidity` runs it: valid, too deep, or not JSON.
    static func validity(_ payload: [UInt8]) -> String {
        payload.withUnsafeBufferPointer { buffer in
            var check = StrictJSONCursor(buffer, maxDepth: 512)
            do throws(JSONSyntaxError) {
                check.skipWhitespace()
                try check.skipValue(depth: 0)
                try check.expectEnd()
                return "valid"
            } catch {
                return error.kind == .tooDeep ? "tooDeep" : "invalid"
            }
        }
    }

    static func check(_ payload: [UInt8], _ shape: (before: String, after: String), _ matcher: Matcher) {
        let before = Array(shape.before.utf8)
        let keyQuote = before.indices.last { index in before[index...].starts(with: Array(#""body""#.utf8)) }!
        var view = before + payload + Array(shape.after.utf8)
        let original = view
        let value = before.count..<(before.count + payload.count)
        let text = String(decoding: view, as: UTF8.self)
        var scratch = MatchScratch()
        let spliced = view.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in
                try matcher.matchStrictly(record: buffer, memberKeyAt: keyQuote, value: value, into: &scratch)
            }
        }
        #expect(view == original, "the view is restored: \(text)")
        let splicedMatches = scratch.matchedPatterns
        switch (validity(payload), spliced) {
        case ("valid", .success(let single)):
            #expect(single, "\(text)")
            var plain = MatchScratch()
            let matched = view.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONSyntaxError) in try matcher.match(buffer, into: &plain) }.map { plain.matchedPatterns }
            }
            #expect((try? matched.get()) == splicedMatches, "\(text)")
        case ("valid", .failure(let error)):
            // Only the matcher's depth limit, which the payload's own check does not have.
            #expect(error.kind == .tooDeep, "\(text): \(error)")
        case (_, .success(let single)):
            #expect(!single, "\(text)")
        case (_, .failure):
            break
        }
    }

    @Test func theSplicedScanIsTheCheckThenTheMatch() throws {
        let matcher = Matcher(patterns: try Self.patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) })
        for payload in Self.payloads {
            for bytes in DensePathTests.mutations(of: payload) {
                for shape in Self.shapes { Self.check(bytes, shape, matcher) }
            }
        }
    }

    /// Around the matcher's depth limit (8 here): the scan gives up with `.tooDeep` where the
    /// payload's own check (limit 512) accepts, so the byte path asks that check.
    @Test(arguments: [5, 6, 7, 8, 9])
    func nestingAroundTheLimit(levels: Int) throws {
        let matcher = Matcher(patterns: try Self.patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) }, maxDepth: 8)
        let payload = Array((String(repeating: "[", count: levels) + String(repeating: "]", count: levels)).utf8)
        for shape in Self.shapes { Self.check(payload, shape, matcher) }
    }

    /// SQS records with these payloads as bodies, and Kinesis records with them as data: the
    /// byte path's verdicts are the tree path's.
    @Test func recordsWithSplicedPayloadsAgreeWithTheTreePath() throws {
        let sets = RecordBytesTests.sets(try Self.patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) })
        for payload in Self.payloads {
            let sqs = #"{"m":"x","body":\#(JSONWriter.quote(payload)),"eventSource":"aws:sqs","n":1}"#
            try RecordBytesTests.expectSame(sqs, .sqs, sets, mustAnswer: true)
            let first = #"{"body":\#(JSONWriter.quote(payload)),"m":"x"}"#
            try RecordBytesTests.expectSame(first, .sqs, sets, mustAnswer: true)
            let kinesis = #"{"kinesis":{"data":"\#(Fixtures.base64(payload))","m":"x"},"eventSource":"aws:kinesis"}"#
            try RecordBytesTests.expectSame(kinesis, .kinesis, sets, mustAnswer: true)
        }
    }
}

/// Bodies nested around the depth the matcher reads (512 levels, the view one deeper than the
/// body), where the spliced scan gives up and the payload's own check decides: the tree path's
/// verdicts and errors.
@Suite("Payload path: deep payloads")
struct DeepPayloadTests {
    @Test(arguments: [509, 510, 511, 512, 513])
    func deepBodiesAgreeWithTheTreePath(levels: Int) throws {
        let sets = RecordBytesTests.sets([try Pattern(parsing: #"{"body": [{"prefix": "["}], "m": ["x"]}"#, dialect: .eventbridge)])
        let payload = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        let record = #"{"m":"x","body":\#(JSONWriter.quote(payload)),"eventSource":"aws:sqs"}"#
        try RecordBytesTests.expectSame(record, .sqs, sets, mustAnswer: false)
    }
}
