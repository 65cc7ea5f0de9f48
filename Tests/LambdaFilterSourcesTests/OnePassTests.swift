import LambdaFilter
import LambdaFilterTestSupport
import Testing

@testable import LambdaFilterSources

/// The one-pass path of `RecordBytes` (locate, then validate and match in one strict pass)
/// against its validating walk: on every document, valid or not, the answer is the same
/// (verdicts and record errors, nil for the tree path, or the same syntax error with its
/// offset), and on the shapes Lambda delivers the one-pass path answers by itself.
@Suite("Record bytes in one pass")
struct OnePassTests {
    typealias Answer = Result<[(RecordPosition, Result<Verdict, RecordError>)]?, JSONSyntaxError>

    /// The answer of `RecordBytes` with or without its one-pass path, and whether that path answered.
    static func answer(
        _ bytes: [UInt8], _ selection: SourceSelection, _ sets: [EventSource: FilterSet], onePass: Bool, limits: PayloadLimits = .aws
    ) -> (Answer, answeredInOnePass: Bool) {
        var scratch = RecordScratch()
        let answer = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in
                try RecordBytes.verdicts(of: buffer, selection: selection, filterSets: sets, limits: limits, scratch: &scratch, onePass: onePass)
            }
        }
        return (answer, scratch.answeredInOnePass == 1)
    }

    /// Whether two answers are the same: the same records with the same verdicts or errors,
    /// both nil, or the same syntax error.
    static func same(_ a: Answer, _ b: Answer) -> Bool {
        switch (a, b) {
        case (.failure(let x), .failure(let y)): return x == y
        case (.success(nil), .success(nil)): return true
        case (.success(let x?), .success(let y?)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    /// Checks that the one-pass answer is the validating walk's; returns whether one pass answered.
    @discardableResult
    static func expectSame(
        _ bytes: [UInt8], _ selection: SourceSelection, _ sets: [EventSource: FilterSet], limits: PayloadLimits = .aws,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let (fast, answered) = answer(bytes, selection, sets, onePass: true, limits: limits)
        let (reference, _) = answer(bytes, selection, sets, onePass: false, limits: limits)
        let agree = same(fast, reference)
        #expect(
            agree, "\(String(decoding: bytes.prefix(400), as: UTF8.self))\none pass: \(fast)\nwalk: \(reference)",
            sourceLocation: sourceLocation)
        return answered
    }

    static let patterns: [Pattern] = [
        #"{"body": {"status": ["PAID"]}}"#, #"{"body": [{"prefix": "h"}]}"#, #"{"data": {"status": ["PAID", "SHIPPED"]}}"#,
        #"{"data": [{"prefix": "p"}]}"#, #"{"partitionKey": [{"prefix": "C-"}], "data": {"customer": {"tier": ["gold"]}}}"#,
        #"{"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}}"#, #"{"eventName": ["INSERT"]}"#,
        #"{"value": {"amount": [{"numeric": [">", 10]}]}}"#, #"{"operationType": ["insert"]}"#,
        #"{"fullDocument": {"sku": [{"exists": true}]}}"#, #"{"awsRegion": ["us-east-1"], "attributes": {"a": [{"exists": false}]}}"#,
    ].map { try! Pattern(parsing: $0, dialect: .eventbridge) }

    static func sets(maxDepth: Int = MatcherLimits.defaultMaxDepth) -> [EventSource: FilterSet] {
        let matcher = Matcher(patterns: patterns, maxDepth: maxDepth)
        return Dictionary(uniqueKeysWithValues: EventSource.allCases.map { ($0, FilterSet(source: $0, matcher: matcher)) })
    }

    /// Every sample; `leftToTheWalk`: its records that one pass must leave to the validating
    /// walk (a body that starts like JSON but is not, as `plain-text-body.json`'s third).
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var leftToTheWalk: Set<Int> = []
        var testDescription: String { name }
    }

    static let samples = [
        "sqs/orders-batch.json", "sqs/fifo-queue.json", "sqs/sns-envelope.json", "kinesis/trades.json",
        "kinesis/mixed-payloads.json", "dynamodb/customers.json", "dynamodb/product-catalog.json", "dynamodb/keys-only.json",
        "documentdb/inventory-changes.json", "documentdb/update-lookup.json", "mq/activemq-orders.json",
        "mq/rabbitmq-notifications.json", "kafka/msk-payments.json", "kafka/self-managed-logs.json",
    ].map { Sample(name: $0) } + [Sample(name: "sqs/plain-text-body.json", leftToTheWalk: [2])]

    /// Records of every source as Lambda delivers them, one per document, compact.
    static func records() -> [(String, SourceSelection)] {
        let body = #"{"orderId":"ORD-1","status":"PAID","customer":{"tier":"gold","name":"A \"q\" é"},"items":[{"qty":3,"p":1.5e2}]}"#
        let data = Fixtures.base64(body)
        let sqs =
            #"{"messageId":"m-1","receiptHandle":"AQEB","body":\#(JSONWriter.quote(body)),"attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:1:q","awsRegion":"us-east-1"}"#
        let plainSQS = sqs.replacingOccurrences(of: JSONWriter.quote(body), with: #""hello \"plain\" text\n""#)
        let kinesis =
            #"{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"C-1","sequenceNumber":"4959","data":"\#(data)","approximateArrivalTimestamp":1.5e9},"eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-0:4959","eventName":"aws:kinesis:record","awsRegion":"us-east-1"}"#
        let plainKinesis = kinesis.replacingOccurrences(of: data, with: Fixtures.base64("plain text"))
        let binaryKinesis = kinesis.replacingOccurrences(of: data, with: Fixtures.base64([0xFF, 0x41, 0x7B]))
        let dynamodb =
            #"{"eventID":"1","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"Keys":{"pk":{"S":"U#1"}},"NewImage":{"pk":{"S":"U#1"},"status":{"S":"SHIPPED"},"n":{"N":"5"},"tags":{"SS":["a","b"]},"m":{"M":{"x":{"BOOL":true},"l":{"L":[{"NULL":true},{"N":"1"}]}}}},"SequenceNumber":"1","SizeBytes":73,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventSourceARN":"arn:aws:dynamodb:us-east-1:1:table/T"}"#
        let kafka =
            #"{"topic":"t","partition":0,"offset":1,"timestamp":1,"key":"\#(Fixtures.base64("k"))","value":"\#(Fixtures.base64(#"{"amount":12}"#))","headers":[{"h":[104]}]}"#
        let mq = #"{"messageID":"ID:1","messageType":"jms/text-message","data":"\#(Fixtures.base64(body))","properties":{"p":"1"}}"#
        let change =
            #"{"_id":{"_data":"1"},"operationType":"insert","ns":{"db":"d","coll":"c"},"fullDocument":{"sku":"S-1","n":[1,2]}}"#
        return [
            (sqs, .auto), (sqs, .sqs), (plainSQS, .auto), (kinesis, .auto), (kinesis, .kinesis), (plainKinesis, .kinesis),
            (binaryKinesis, .kinesis), (dynamodb, .auto), (dynamodb, .dynamodb), (kafka, .kafka), (mq, .mq), (change, .documentdb),
            (#"{"event":\#(change)}"#, .documentdb), (#"{"Records":[\#(sqs),\#(plainSQS),\#(sqs)]}"#, .auto),
            (#"{"Records":[\#(kinesis),\#(binaryKinesis)]}"#, .auto), (#"{"Records":[\#(dynamodb),\#(dynamodb)]}"#, .dynamodb),
            (#"{"eventSource":"aws:kafka","records":{"t-0":[\#(kafka),\#(kafka)],"t-1":[\#(kafka)]}}"#, .auto),
            (#"{"eventSource":"aws:mq","messages":[\#(mq),\#(mq)]}"#, .auto),
            (#"{"eventSource":"aws:docdb","events":[{"event":\#(change)}]}"#, .auto),
        ]
    }

    /// The samples of every source, whole and as single records; the one-pass path answers each.
    @Test(arguments: samples)
    func samplesAnswerInOnePassAsTheWalkDoes(_ sample: Sample) throws {
        let text = try Fixtures.read("Samples/" + sample.name)
        let sets = Self.sets()
        let answered = Self.expectSame(Array(text.utf8), .auto, sets)
        #expect(answered == sample.leftToTheWalk.isEmpty, "\(sample.name): answered in one pass: \(answered)")
        // Each record alone, written compactly.
        let document = try JSONParser().parseValue(text)
        let envelope = ["Records", "messages", "events"].lazy.compactMap { document[$0]?.arrayElements }.first ?? []
        let source = EventSplitter.records(in: document, selection: .auto).compactMap { try? $0.get().view.source }.first
        #expect(!envelope.isEmpty || sample.name.hasPrefix("kafka") || sample.name.contains("rabbitmq"))
        for (index, record) in envelope.enumerated() {
            let selection = SourceSelection.allCases.first { $0 != .auto && $0.eventSource == source } ?? .auto
            let answered = Self.expectSame(Array(JSONWriter.write(record).utf8), selection, sets)
            #expect(
                answered == !sample.leftToTheWalk.contains(index),
                "record \(index) of \(sample.name), answered in one pass: \(answered): \(JSONWriter.write(record).prefix(300))")
        }
    }

    /// Generated records and events of every source: the one-pass path answers every one.
    @Test func generatedRecordsAnswerInOnePass() {
        let sets = Self.sets()
        for (text, selection) in Self.records() {
            let answered = Self.expectSame(Array(text.utf8), selection, sets)
            #expect(answered, "left to the validating walk: \(text.prefix(200))")
        }
    }

    /// Every record above, and two samples, broken at many places: truncated, a byte replaced
    /// (quotes, backslashes, brackets, punctuation, a control byte, bytes that are not UTF-8),
    /// a bad escape or a stray character inserted. Same answers, errors and offsets included.
    @Test(arguments: 0..<19)
    func brokenRecordsGetTheWalksAnswer(_ index: Int) {
        let (text, selection) = Self.records()[index]
        Self.expectSameWhenBroken(Array(text.utf8), selection, stride: 3)
    }

    @Test(arguments: ["sqs/orders-batch.json", "kinesis/mixed-payloads.json", "dynamodb/keys-only.json"])
    func brokenSamplesGetTheWalksAnswer(_ sample: String) throws {
        Self.expectSameWhenBroken(Array(try Fixtures.read("Samples/" + sample).utf8), .auto, stride: 11)
    }

    static func expectSameWhenBroken(_ bytes: [UInt8], _ selection: SourceSelection, stride step: Int) {
        let sets = Self.sets()
        let replacements: [UInt8] = [0x22, 0x5C, 0x7B, 0x5D, 0x2C, 0x3A, 0x41, 0x01, 0x80, 0xFF]
        let insertions: [[UInt8]] = [Array(#"\q"#.utf8), Array(#"\u12"#.utf8), Array(#"\ud800"#.utf8), [0xE2, 0x82], Array("1,".utf8)]
        for position in stride(from: bytes.count % step, to: bytes.count, by: step) {
            Self.expectSame(Array(bytes[..<position]), selection, sets)
            for replacement in replacements where bytes[position] != replacement {
                var broken = bytes
                broken[position] = replacement
                Self.expectSame(broken, selection, sets)
            }
            if position % (2 * step) == 0 {
                for insertion in insertions {
                    var broken = bytes
                    broken.insert(contentsOf: insertion, at: position)
                    Self.expectSame(broken, selection, sets)
                }
            }
        }
    }

    /// Shapes the one-pass path must leave to the validating walk, and what it must not be
    /// fooled by; the answers agree whoever gives them.
    @Test(arguments: [
        // Payloads that look like JSON but are not one JSON text, or fit between the members.
        #"{"eventSource":"aws:sqs","body":"{\"a\":1}, \"b\": 2","n":1}"#, #"{"eventSource":"aws:sqs","body":"{\"a\":1","n":1}"#,
        #"{"eventSource":"aws:sqs","body":"{\"a\":1}}","n":1}"#, #"{"eventSource":"aws:sqs","body":"[1] [2]"}"#,
        #"{"eventSource":"aws:sqs","body":"{\"a\":\"\\ud800\"}"}"#, #"{"eventSource":"aws:sqs","body":"{\"a\":tru}"}"#,
        #"{"eventSource":"aws:sqs","body":"{\"a\":1}\u0000"}"#, #"{"eventSource":"aws:sqs","body":" {\"a\":1} "}"#,
        // Repeated and escaped keys the adapters read.
        #"{"eventSource":"aws:sqs","body":"a","body":"b"}"#, #"{"eventSource":"aws:sqs","b\u006fdy":"{}"}"#,
        #"{"eventSource":"aws:sqs","eventSource":"aws:sqs","body":"x"}"#, #"{"event\u0053ource":"aws:sqs","body":"x"}"#,
        #"{"kinesis":{"data":"e30="},"kinesis":{"data":"e30="},"eventSource":"aws:kinesis"}"#,
        #"{"kinesis":{"data":"e30=","data":"e30="},"eventSource":"aws:kinesis"}"#,
        // Base64 literals: escaped, with characters outside the alphabet, broken.
        #"{"kinesis":{"data":"e30\u003d"},"eventSource":"aws:kinesis"}"#, #"{"kinesis":{"data":"e3\/0="},"eventSource":"aws:kinesis"}"#,
        #"{"kinesis":{"data":"e3 0="},"eventSource":"aws:kinesis"}"#, #"{"kinesis":{"data":"e3*0"},"eventSource":"aws:kinesis"}"#,
        #"{"kinesis":{"data":"e30"},"eventSource":"aws:kinesis"}"#, #"{"kinesis":{"data":"eyJh"},"eventSource":"aws:kinesis"}"#,
        "{\"kinesis\":{\"data\":\"e3\t0=\"},\"eventSource\":\"aws:kinesis\"}", "{\"kinesis\":{\"data\":\"e30=\n\"},\"eventSource\":\"aws:kinesis\"}",
        // The record outside a matched `kinesis`/`event` object is broken.
        #"{"kinesis":{"data":"e30="},"eventSource":"aws:kinesis","x":tru}"#,
        "{\"kinesis\":{\"data\":\"e30=\"},\"eventSource\":\"aws:kinesis\",\"x\":\"\u{01}\"}",
        #"{"kinesis":{"data":"e30="},"eventSource":"aws:kinesis","x":"\q"}"#, #"{"event":{"operationType":"insert"},"x":[1,}"#,
        // Typed images that are not typed, and broken ones.
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"S":1}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"S":"x","N":"1"}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"X":"x"}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"S":"x"}},"Keys":[1]}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"S":"x}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{}}}}"#, #"{"eventSource":"aws:dynamodb","dynamodb":{"Keys":{"a":[]}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"OldImage":{"a":{"SS":["x",1]}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"OldImage":{"a":{"NS":["1","2"]},"b":{"BS":[]}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"M":{"b":{"L":[{"S":"x"},{"BOOL":false}]}}}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"M":{"b":{"L":[{"S":"x"},{"BOOL":"false"}]}}}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"M":{"b1":{"N":"1"}}}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a1":{"N":"1"}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"N":1}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"NULL":true},"b":{"NULL":false}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"M":{}},"b":{"L":[]},"c":{"BOOL":true}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"Q":"x"}},"x":{"S":1}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"L":[{"L":[{"M":{"b":{"SS":["x"]}}}]}]}}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"S":"x"}}},"dynamodb":{"NewImage":{}}}"#,
        // Envelopes: glue broken around valid records, several envelopes, other members.
        #"{"Records":[{"eventSource":"aws:sqs","body":"a"} {"eventSource":"aws:sqs","body":"b"}]}"#,
        #"{"Records":[{"eventSource":"aws:sqs","body":"a"},]}"#, #"{"Records":[{"eventSource":"aws:sqs","body":"a"}],"x":tru}"#,
        #"{"x":"\q","Records":[{"eventSource":"aws:sqs","body":"a"}]}"#, #"{"Records":[{"eventSource":"aws:sqs","body":"a"}]}}"#,
        #"{"Records":[{"eventSource":"aws:sqs","body":"a"}],"Records":[]}"#, #" {"Records":[{"eventSource":"aws:sqs","body":"a"}]} x"#,
        #"{"Records":[{"eventSource":"aws:sqs","body":"a"}, 1]}"#, #"{"Records":[]}"#,
        #"{"eventSource":"aws:kafka","records":{"t\u002d0":[{"value":"e30="}]}}"#,
        #"{"eventSource":"aws:kafka","records":{"t-0":[{"value":"e30="}],"t-1":[{"value":"e30="},]}}"#,
    ])
    func unusualShapesGetTheWalksAnswer(_ text: String) {
        Self.expectSame(Array(text.utf8), .auto, Self.sets())
    }

    /// Nesting at and past the limit, in the record, in its payload and in the envelope; with a
    /// small matcher limit (8) and the default one.
    @Test(arguments: [6, 7, 8, 9, 10])
    func nestingAtTheLimitGetsTheWalksAnswer(_ levels: Int) {
        let nested = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        let deepBody = JSONWriter.quote(String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels))
        let documents = [
            #"{"eventSource":"aws:sqs","body":"x","n":\#(nested)}"#, #"{"Records":[{"eventSource":"aws:sqs","body":"x","n":\#(nested)}]}"#,
            #"{"eventSource":"aws:sqs","body":\#(deepBody)}"#, #"{"Records":[{"eventSource":"aws:sqs","body":\#(deepBody)}]}"#,
            #"{"kinesis":{"data":"\#(Fixtures.base64(nested))"},"eventSource":"aws:kinesis","x":\#(nested)}"#,
            #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"a":{"L":[{"L":[{"L":[{"N":"1"}]}]}]}}},"n":\#(nested)}"#,
            #"{"Records":[{"eventSource":"aws:sqs","body":"x"}],"x":\#(nested)}"#,
        ]
        for maxDepth in [8, MatcherLimits.defaultMaxDepth] {
            let sets = Self.sets(maxDepth: maxDepth)
            for document in documents { Self.expectSame(Array(document.utf8), .auto, sets) }
        }
        let deep = String(repeating: "[", count: 509 + levels) + String(repeating: "]", count: 509 + levels)
        Self.expectSame(Array(#"{"Records":[{"eventSource":"aws:sqs","body":"x","n":\#(deep)}]}"#.utf8), .auto, Self.sets())
        Self.expectSame(Array(#"{"eventSource":"aws:sqs","body":\#(JSONWriter.quote(deep))}"#.utf8), .auto, Self.sets())
    }

    /// Payload errors (over the limit, broken base64) are the walk's to report, as it does.
    @Test func recordErrorsGetTheWalksAnswer() {
        let limits = PayloadLimits(sqs: 8, kinesis: 8, kafka: 8, mq: 8)
        let long = Fixtures.base64(String(repeating: "x", count: 30))
        for text in [
            #"{"eventSource":"aws:sqs","body":"0123456789"}"#, #"{"kinesis":{"data":"\#(long)"},"eventSource":"aws:kinesis"}"#,
            #"{"Records":[{"eventSource":"aws:sqs","body":"0123456789"},{"eventSource":"aws:sqs","body":"a"}]}"#,
            #"{"Records":[{"eventSource":"aws:sqs","body":"0123456789"},{"eventSource":"aws:sqs","body":"a"},]}"#,
        ] {
            Self.expectSame(Array(text.utf8), .auto, Self.sets(), limits: limits)
        }
    }
}
