import Dispatch
import LambdaFilter
import LambdaFilterSources
import LambdaFilterTestSupport
import Testing

/// One `Matcher` and one `FilterSet`, built once and shared by many threads, answer exactly as
/// they do on one thread. Run under ThreadSanitizer with
/// `swift test --sanitize=thread --filter ConcurrencyTests` (scripts/test.sh does).
@Suite("Sharing across threads")
struct ConcurrencyTests {
    static let threads = 8
    static let rounds = 4

    /// Random patterns and records (seeded, so a failure reproduces) plus SQS records for `FilterSet`.
    static let cases: (patterns: [Pattern], records: [[UInt8]], views: [FilterView]) = {
        var random = RandomCases(seed: 0x5EED_C0DE)
        let patterns = (0..<40).map { _ in random.pattern() }
        let values = (0..<300).map { _ in random.record() }
        let records = values.map { Array(JSONWriter.write($0).utf8) }
        let views = values.compactMap { value -> FilterView? in
            let message: JSONValue = .object([
                JSONMember("messageId", "m"), JSONMember("eventSource", "aws:sqs"),
                JSONMember("body", .string(JSONWriter.write(value))),
            ])
            return try? SourceAdapter.view(of: message, source: .sqs)
        }
        return (patterns, records, views)
    }()

    @Test func aSharedMatcherAnswersAsOnOneThread() throws {
        let (patterns, records, _) = Self.cases
        let matcher = Matcher(patterns: patterns)
        let expected = try records.map { try matcher.matchingPatterns(in: $0) }
        #expect(expected.contains { !$0.isEmpty }, "the cases should match something")
        let results = ResultSlots<[Int]?>(count: Self.threads * Self.rounds * records.count)
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            for round in 0..<Self.rounds {
                // Each thread walks the records from its own starting point, so threads overlap on different records.
                for step in records.indices {
                    let index = (step + thread * 37) % records.count
                    let answer = try? matcher.matchingPatterns(in: records[index])
                    results.set((thread * Self.rounds + round) * records.count + index, answer)
                }
            }
        }
        for slot in 0..<results.count {
            #expect(results.get(slot) == expected[slot % records.count], "slot \(slot)")
        }
    }

    @Test func aSharedFilterSetAnswersAsOnOneThread() {
        let (patterns, _, views) = Self.cases
        let set = FilterSet(filters: Array(patterns.prefix(10)), source: .sqs)
        let expected = views.map { set.outcomes(for: $0) }
        let results = ResultSlots<[FilterOutcome]>(count: Self.threads * views.count)
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            for step in views.indices {
                let index = (step + thread * 11) % views.count
                results.set(thread * views.count + index, set.outcomes(for: views[index]))
            }
        }
        for slot in 0..<results.count {
            #expect(results.get(slot) == expected[slot % views.count], "slot \(slot)")
        }
    }
}

extension ConcurrencyTests {
    /// Whole events and records of every source, with payloads of each kind and a broken one.
    static let documents: [[UInt8]] = {
        var random = RandomCases(seed: 0xB17E_5EED)
        var texts: [String] = []
        for index in 0..<60 {
            let json = JSONWriter.write(random.record())
            let payload = index % 4 == 0 ? "plain \(index)" : json
            let encoded = index % 9 == 0 ? "not base64!" : Fixtures.base64(payload)
            let sqs = #"{"messageId": "m\#(index)", "eventSource": "aws:sqs", "body": \#(JSONWriter.quote(payload))}"#
            let kinesis = #"{"eventSource": "aws:kinesis", "kinesis": {"partitionKey": "p", "data": "\#(encoded)"}}"#
            let kafka = #"{"topic": "t", "partition": 0, "offset": \#(index), "key": "\#(Fixtures.base64("k"))", "value": "\#(encoded)"}"#
            let mq = #"{"messageID": "m\#(index)", "data": "\#(encoded)"}"#
            texts += [
                #"{"Records": [\#(sqs), \#(sqs)]}"#, kinesis,
                #"{"eventSource": "aws:kafka", "records": {"t-0": [\#(kafka), \#(kafka)]}}"#,
                #"{"eventSource": "aws:mq", "messages": [\#(mq)]}"#,
                #"{"eventSource": "aws:docdb", "events": [{"event": {"operationType": "insert", "fullDocument": \#(json)}}]}"#,
            ]
        }
        return texts.map { Array($0.utf8) }
    }()

    /// One set of compiled `FilterSet`s, shared by many threads each with its own
    /// `RecordScratch`, gives `RecordBytes` the same answers as one thread (as `test`'s
    /// workers share them).
    @Test func sharedFilterSetsOnTheBytePathAnswerAsOnOneThread() throws {
        let (patterns, _, _) = Self.cases
        let filters = try patterns.prefix(12).enumerated().map { index, pattern in
            // Most under a payload key, so payload formats decide some verdicts.
            let key = ["body", "data", "value", "fullDocument"][index % 4]
            return index % 3 == 2 ? pattern : try Pattern(parsing: #"{"\#(key)": \#(pattern.text)}"#, dialect: .eventbridge)
        }
        let sets = Dictionary(uniqueKeysWithValues: EventSource.allCases.map { ($0, FilterSet(filters: filters, source: $0)) })
        @Sendable func answers(_ document: [UInt8], _ scratch: inout RecordScratch) -> String {
            let result = document.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONSyntaxError) in
                    try RecordBytes.verdicts(of: buffer, selection: .auto, filterSets: sets, scratch: &scratch)
                }
            }
            return "\(result)"
        }
        var scratch = RecordScratch()
        let expected = Self.documents.map { answers($0, &scratch) }
        #expect(expected.contains { $0.contains("passed") } && expected.contains { $0.contains("failure") })
        let results = ResultSlots<String>(count: Self.threads * Self.documents.count)
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            var scratch = RecordScratch()
            for step in Self.documents.indices {
                let index = (step + thread * 13) % Self.documents.count
                results.set(thread * Self.documents.count + index, answers(Self.documents[index], &scratch))
            }
        }
        for slot in 0..<results.count {
            #expect(results.get(slot) == expected[slot % Self.documents.count], "slot \(slot)")
        }
    }
}

/// Fixed slots each written by one thread and read after all have finished.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = DispatchQueue(label: "ResultSlots")

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    var count: Int { slots.count }

    func set(_ index: Int, _ value: Value) {
        lock.sync { slots[index] = value }
    }

    func get(_ index: Int) -> Value? {
        lock.sync { slots[index] ?? nil }
    }
}
