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
