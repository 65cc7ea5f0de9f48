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
