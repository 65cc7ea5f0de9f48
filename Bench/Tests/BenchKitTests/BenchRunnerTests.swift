import LambdaFilter
import Testing

@testable import BenchKit

struct CountCase: CustomTestStringConvertible, Sendable {
    var patterns: [String]
    var events: [String]
    /// Matches counted by hand.
    var matches: Int
    var testDescription: String { "\(patterns.count) patterns over \(events.count) events" }
}

private func parsePatterns(_ lines: [String]) throws -> [Pattern] {
    let text = Array(lines.joined(separator: "\n").utf8)
    return try text.withUnsafeBufferPointer { try PatternFile.parse($0, path: "p.jsonl") }
}

private func eventSet(_ lines: [String]) -> EventSet {
    EventSet(path: "e.jsonl", bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
}

@Suite struct BenchRunnerTests {
    @Test(arguments: [
        CountCase(patterns: [#"{"a":["x"]}"#], events: [#"{"a":"x"}"#, #"{"a":"y"}"#, #"{"b":"x"}"#], matches: 1),
        CountCase(
            patterns: [#"{"a":["x"]}"#, #"{"a":[{"prefix":"x"}]}"#, #"{"n":[{"numeric":[">",1]}]}"#],
            events: [#"{"a":"x","n":2}"#, #"{"a":"xy","n":1}"#, #"{"a":["q","x"]}"#],
            matches: 6),
        CountCase(patterns: [#"{"a":[{"exists":false}]}"#], events: ["{}", "[]", #"{"a":null}"#], matches: 2),
    ])
    func countingPassSumsEveryEventsMatches(_ testCase: CountCase) throws {
        let runner = BenchRunner(matcher: Matcher(patterns: try parsePatterns(testCase.patterns)), events: eventSet(testCase.events))
        #expect(try runner.countMatches() == testCase.matches)
    }

    @Test func invalidEventNamesItsLine() throws {
        let events = eventSet([#"{"a":"x"}"#, "", #"{"a": }"#])
        let runner = BenchRunner(matcher: Matcher(patterns: try parsePatterns([#"{"a":["x"]}"#])), events: events)
        #expect {
            _ = try runner.countMatches()
        } throws: { error in
            guard case .invalidEvent(let path, let line, _, _)? = error as? BenchError else { return false }
            return path == "e.jsonl" && line == 3
        }
    }

    /// `match` stops once every pattern has matched and does not read the rest; `--validating`
    /// checks all of the event, so only it refuses the invalid tail.
    @Test(arguments: [false, true])
    func validatingChecksWhatAnEarlyStopSkips(validating: Bool) throws {
        let runner = BenchRunner(
            matcher: Matcher(patterns: try parsePatterns([#"{"a":["x"]}"#])),
            events: eventSet([#"{"a":"x","b":"\q"}"#]), validating: validating)
        if validating {
            #expect(throws: BenchError.self) { try runner.countMatches() }
        } else {
            #expect(try runner.countMatches() == 1)
        }
    }

    @Test func invalidPatternNamesItsLineAndColumn() {
        #expect {
            _ = try parsePatterns([#"{"a":["x"]}"#, #"{"a":"x"}"#])
        } throws: { error in
            guard case .invalidPattern(let path, let line, let column, let message)? = error as? BenchError else {
                return false
            }
            return path == "p.jsonl" && line == 2 && column > 1 && !message.isEmpty
        }
    }

    @Test func emptyPatternFileIsAnError() {
        #expect(throws: BenchError.empty(path: "p.jsonl", what: "patterns")) { try parsePatterns(["", ""]) }
    }

    @Test func loopCompletesPassesWithTheSameCount() throws {
        let runner = BenchRunner(
            matcher: Matcher(patterns: try parsePatterns([#"{"a":["x"]}"#])),
            events: eventSet([#"{"a":"x"}"#, #"{"a":"y"}"#]))
        let statistics = try runner.loop(until: .seconds(0.01), matchesPerPass: 1)
        #expect(statistics.completePasses >= 1)
        // Each pass is two events of nine bytes; a partial last pass adds at most one more event.
        #expect(statistics.events >= 2 * statistics.completePasses)
        #expect(statistics.bytes == 9 * statistics.events)
        #expect(statistics.cpuSeconds > 0)
    }

    @Test(arguments: [1, 3])
    func loopRunsExactlyTheAskedPasses(passes: Int) throws {
        let runner = BenchRunner(
            matcher: Matcher(patterns: try parsePatterns([#"{"a":["x"]}"#])),
            events: eventSet([#"{"a":"x"}"#, #"{"a":"y"}"#, #"{"b":1}"#]))
        let statistics = try runner.loop(until: .passes(passes), matchesPerPass: 1)
        #expect(statistics.completePasses == passes)
        #expect(statistics.events == 3 * passes)
    }

    @Test func loopRejectsADriftingCount() throws {
        let runner = BenchRunner(
            matcher: Matcher(patterns: try parsePatterns([#"{"a":["x"]}"#])), events: eventSet([#"{"a":"x"}"#]))
        #expect(throws: BenchError.unstableMatches(firstPass: 2, laterPass: 1)) {
            _ = try runner.loop(until: .seconds(0.01), matchesPerPass: 2)
        }
    }

    @Test func allocationMeterSeesSwiftAllocations() throws {
        #if os(Linux)
        try #require(AllocationMeter.isAvailable)
        #endif
        guard AllocationMeter.isAvailable else { return }
        let before = AllocationMeter.read()
        let array = [UInt8](repeating: 7, count: 10_000 + Int.random(in: 0..<2))
        let after = AllocationMeter.read()
        #expect(array.count >= 10_000)
        #expect(after.count > before.count)
        #expect(after.bytes - before.bytes >= 10_000)
    }
}
