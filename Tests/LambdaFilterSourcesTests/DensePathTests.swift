import LambdaFilter
import LambdaFilterTestSupport
import Testing

@testable import LambdaFilterSources

/// The byte path's fast paths for dense records against the walks they shortcut: the dense
/// member loop (`denseMembers`) against the member walk, and `TypedImages.dense` against
/// `TypedImages.check`, on valid texts and on the same texts broken at every byte. A fast path
/// may decline anything; where it answers, the answer is the walk's.
@Suite("Dense record fast paths")
struct DensePathTests {
    /// Characters that break JSON (or a typed value) wherever they land; 0 cuts the text there.
    static let replacements: [UInt8] = [
        UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"),
        UInt8(ascii: " "), UInt8(ascii: "t"), UInt8(ascii: "1"), 0x01, 0xFF, 0,
    ]

    /// `text` and every copy of it with one byte replaced by one of `replacements` (or cut there).
    static func mutations(of text: String) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        var all = [bytes]
        for position in bytes.indices {
            for replacement in replacements {
                var broken = bytes
                if replacement == 0 { broken.removeSubrange(position...) } else { broken[position] = replacement }
                all.append(broken)
            }
        }
        return all
    }

    // MARK: Typed images

    /// `dynamodb` objects, dense: whether the fast path must answer them (valid shapes it knows).
    static let streamRecords: [(text: String, answered: Bool)] = [
        (#"{"Keys":{"pk":{"S":"k"}},"NewImage":{"a":{"S":"x"},"n":{"N":"1"},"b":{"B":"eA=="}},"SizeBytes":10}"#, true),
        (#"{"NewImage":{"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true}},"OldImage":{}}"#, true),
        (#"{"NewImage":{"m":{"M":{"x":{"BOOL":true},"l":{"L":[{"NULL":true},{"NS":["1","2"]}]}}}}}"#, true),
        (#"{"NewImage":{"s":{"SS":["a","b"]},"b":{"BS":[]},"m":{"M":{}},"l":{"L":[]}}}"#, true),
        (#"{"ApproximateCreationDateTime":1735689600,"SequenceNumber":"1","StreamViewType":"NEW_IMAGE","x":[1,{"a":null}]}"#, true),
        (#"{"Keys":{"pk":{"L":[{"L":[{"M":{"b":{"SS":["x"]}}}]}]}}}"#, true),
        (#"{}"#, true), (#"{"Keys":{}}"#, true),
        // Valid typed images the fast path leaves to the walk: spaces, escapes, non-ASCII.
        (#"{"Keys": {"pk":{"S":"k"}}}"#, false), (#"{"Keys":{"pk":{"S":"\u00e9"}}}"#, false),
        (#"{"Keys":{"p\u006b":{"S":"k"}}}"#, false), (#"{"Keys":{"pk":{"S":"é"}}}"#, false),
        (#"{"Keys":{"pk":{ "S":"k"}}}"#, false),
        // Not typed images (the walk answers false): the fast path must decline them all.
        (#"{"Keys":{"pk":{"S":1}}}"#, false), (#"{"Keys":{"pk":{"N":["1"]}}}"#, false), (#"{"Keys":{"pk":{"X":"1"}}}"#, false),
        (#"{"Keys":{"pk":{"S":"a","N":"1"}}}"#, false), (#"{"Keys":{"pk":{}}}"#, false), (#"{"Keys":{"pk":"k"}}"#, false),
        (#"{"Keys":[]}"#, false), (#"{"NewImage":{"n":{"NULL":false}}}"#, false), (#"{"NewImage":{"n":{"BOOL":"true"}}}"#, false),
        (#"{"NewImage":{"s":{"SS":["a",1]}}}"#, false), (#"{"NewImage":{"s":{"SS":"a"}}}"#, false),
        (#"{"NewImage":{"m":{"M":[]}}}"#, false), (#"{"NewImage":{"l":{"L":{}}}}"#, false),
        (#"{"NewImage":{"l":{"L":[{"S":"x"},"y"]}}}"#, false), (#"{"NewImage":{"s":{"S\u0031":"1"}}}"#, false),
        (#"{"NewImage":{"x":{"SSS":["a"]}}}"#, false), (#"{"NewImage":{"x":{"BOOLS":true}}}"#, false),
    ]

    /// The fast path's end and the walk's answer for the `dynamodb` object `bytes` (read at
    /// `depth` under `maxDepth`).
    static func typedImageAnswers(
        _ bytes: [UInt8], depth: Int, maxDepth: Int
    ) -> (dense: Int, walk: Result<Bool, JSONSyntaxError>, end: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            let dense =
                buffer.isEmpty
                ? TypedImages.declined : TypedImages.dense(buffer.baseAddress!, buffer.count, at: 0, depth: depth, maxDepth: maxDepth)
            var cursor = StrictJSONCursor(buffer, maxDepth: maxDepth)
            let walk = Result { () throws(JSONSyntaxError) in try TypedImages.check(&cursor, depth: depth) }
            return (dense, walk, cursor.position)
        }
    }

    @Test(arguments: streamRecords)
    func denseTypedImagesAgreeWithTheWalk(text: String, answered: Bool) {
        let (dense, _, _) = Self.typedImageAnswers(Array(text.utf8), depth: 1, maxDepth: 512)
        #expect((dense != TypedImages.declined) == answered, "\(text)")
        for bytes in Self.mutations(of: text) {
            let (dense, walk, end) = Self.typedImageAnswers(bytes, depth: 1, maxDepth: 512)
            guard dense != TypedImages.declined else { continue }
            let shown = String(decoding: bytes, as: UTF8.self)
            #expect(walk == .success(true), "\(shown)")
            #expect(dense == end, "\(shown)")
        }
    }

    /// Near the depth limit the fast path must not accept what the walk finds too deep; empty
    /// containers open a level without reading into it, so each gets a text of its own.
    @Test(
        arguments: [
            #"{"NewImage":{"m":{"M":{"l":{"L":[{"SS":["x"]},{"M":{"n":{"N":"1"}}}]}}}},"x":[[1]]}"#, #"{"OldImage":{}}"#,
            #"{"NewImage":{"m":{"M":{}}}}"#, #"{"NewImage":{"l":{"L":[]}}}"#, #"{"NewImage":{"s":{"SS":[]}}}"#,
            #"{"NewImage":{"l":{"L":[{"L":[]}]}}}"#, #"{"x":[[]]}"#, #"{}"#, #"{"NewImage":{"a":{"S":"x"}}}"#,
            #"{"NewImage":{"a":{"BOOL":true}}}"#,
        ], 1...7)
    func denseTypedImagesKeepTheDepthLimit(text: String, maxDepth: Int) {
        for depth in 0...maxDepth {
            let (dense, walk, end) = Self.typedImageAnswers(Array(text.utf8), depth: depth, maxDepth: maxDepth)
            guard dense != TypedImages.declined else { continue }
            #expect(walk == .success(true), "depth \(depth) of \(maxDepth)")
            #expect(dense == end)
        }
        // Far from the limit it answers.
        #expect(Self.typedImageAnswers(Array(text.utf8), depth: 1, maxDepth: 512).dense != TypedImages.declined)
    }

    // MARK: Records

    static let patterns = [
        #"{"body": {"a": [1]}}"#, #"{"data": {"a": [1]}}"#, #"{"dynamodb": {"NewImage": {"a": {"S": ["x"]}}}}"#,
        #"{"eventSource": ["aws:sqs"], "body": ["hello"]}"#, #"{"value": {"a": [1]}}"#, #"{"fullDocument": {"a": [1]}}"#,
    ]

    /// Records of every source, dense as Lambda writes them, with the selection they are read with.
    static let records: [(text: String, selection: SourceSelection)] = [
        (#"{"messageId":"m","body":"{\"a\":1,\"b\":[true,null]}","attributes":{"x":"y"},"eventSource":"aws:sqs"}"#, .auto),
        (#"{"messageId":"m","body":"hello","eventSource":"aws:sqs","md5OfBody":"0"}"#, .sqs),
        (#"{"kinesis":{"partitionKey":"k","data":"eyJhIjoxfQ=="},"eventSource":"aws:kinesis","eventID":"e"}"#, .auto),
        (#"{"kinesis":{"data":"aGVsbG8="},"eventSource":"aws:kinesis"}"#, .kinesis),
        (
            #"{"eventName":"INSERT","eventSource":"aws:dynamodb","dynamodb":{"Keys":{"pk":{"S":"k"}},"NewImage":{"a":{"S":"x"},"m":{"M":{"l":{"L":[{"NULL":true},{"NS":["1"]}]}}}},"SizeBytes":10}}"#,
            .auto
        ),
        (#"{"event":{"_id":{"_data":"1"},"operationType":"insert","fullDocument":{"a":1}}}"#, .documentdb),
        (#"{"topic":"t","partition":0,"offset":1,"key":null,"value":"eyJhIjoxfQ=="}"#, .kafka),
        (#"{"messageID":"ID:1","data":"eyJhIjoxfQ==","properties":{"p":"1"}}"#, .mq),
        (#"{"Records":[{"body":"{\"a\":1}","eventSource":"aws:sqs"},{"body":"x","eventSource":"aws:sqs"}]}"#, .auto),
    ]

    struct Answer: Equatable {
        var verdicts: [String]?
        var error: JSONSyntaxError?
    }

    /// The byte path's answer for `bytes`, with or without the dense fast path, and how many
    /// objects that path read.
    static func answer(_ bytes: [UInt8], _ selection: SourceSelection, _ sets: [EventSource: FilterSet], dense: Bool) -> (Answer, Int) {
        var scratch = RecordScratch()
        scratch.triesDensePath = dense
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in
                try RecordBytes.verdicts(of: buffer, selection: selection, filterSets: sets, scratch: &scratch)
            }
        }
        switch result {
        case .success(let verdicts):
            return (Answer(verdicts: verdicts.map { $0.map { "\($0.position) \($0.result)" } }), scratch.denseObjectsRead)
        case .failure(let error): return (Answer(error: error), scratch.denseObjectsRead)
        }
    }

    @Test(arguments: records)
    func denseMembersAgreeWithTheMemberWalk(text: String, selection: SourceSelection) throws {
        let sets = RecordBytesTests.sets(try Self.patterns.map { try Pattern(parsing: $0, dialect: .eventbridge) })
        // The record as written takes the fast path, and its verdicts are the tree path's.
        let (_, read) = Self.answer(Array(text.utf8), selection, sets, dense: true)
        #expect(read > 0, "\(text)")
        try RecordBytesTests.expectSame(text, selection, sets, mustAnswer: true)
        for bytes in Self.mutations(of: text) {
            let fast = Self.answer(bytes, selection, sets, dense: true).0
            let walk = Self.answer(bytes, selection, sets, dense: false).0
            #expect(fast == walk, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}

/// The sets by source (`SourceFilterSets`) are the caller's: one scratch passed other sets, or a
/// changed copy of the same ones, matches with those.
@Suite("Record bytes: sets by source")
struct SetsBySourceTests {
    @Test func indexIsThePositionInAllCases() {
        for (position, source) in EventSource.allCases.enumerated() { #expect(source.index == position, "\(source)") }
    }

    @Test func aScratchFollowsTheSetsItIsGiven() throws {
        let passes = RecordBytesTests.sets([try Pattern(parsing: #"{"body": ["hello"]}"#, dialect: .eventbridge)])
        let fails = RecordBytesTests.sets([try Pattern(parsing: #"{"body": ["bye"]}"#, dialect: .eventbridge)])
        var changed = passes
        changed[.sqs] = fails[.sqs]
        let record = Array(#"{"messageId":"m","body":"hello","eventSource":"aws:sqs"}"#.utf8)
        var scratch = RecordScratch()
        func verdict(_ sets: [EventSource: FilterSet]) throws -> String? {
            try record.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                try RecordBytes.verdicts(of: buffer, selection: .auto, filterSets: sets, scratch: &scratch)
            }?.map { "\($0.result)" }.joined()
        }
        for _ in 0..<2 {
            #expect(try verdict(passes) == "success(passed by filter 0)")
            #expect(try verdict(fails) == "success(filtered (no filter matched))")
            #expect(try verdict(changed) == "success(filtered (no filter matched))")
            #expect(try verdict(passes) == "success(passed by filter 0)")
            #expect(try verdict([:]) == nil)
        }
    }
}
