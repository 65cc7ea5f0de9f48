import Testing

@testable import BenchKit

struct LineCase: CustomTestStringConvertible, Sendable {
    var text: String
    /// (line number, line text) for every record.
    var records: [(Int, String)]
    var testDescription: String { text.debugDescription }
}

@Suite struct EventSetTests {
    @Test(arguments: [
        LineCase(text: "", records: []),
        LineCase(text: "\n\n", records: []),
        LineCase(text: "{\"a\":1}", records: [(1, "{\"a\":1}")]),
        LineCase(text: "{\"a\":1}\n{\"b\":2}\n", records: [(1, "{\"a\":1}"), (2, "{\"b\":2}")]),
        LineCase(text: "{}\r\n\r\n[1]\r\n", records: [(1, "{}"), (3, "[1]")]),
        LineCase(text: "\n  \nnot json\n", records: [(2, "  "), (3, "not json")]),
    ])
    func splitsLinesKeepingTheirBytes(_ testCase: LineCase) {
        let events = EventSet(path: "t.jsonl", bytes: Array(testCase.text.utf8))
        #expect(events.records.count == testCase.records.count)
        #expect(events.lineNumbers == testCase.records.map(\.0))
        #expect(events.records.map { String(decoding: $0, as: UTF8.self) } == testCase.records.map(\.1))
        #expect(events.totalBytes == testCase.records.reduce(0) { $0 + $1.1.utf8.count })
    }

    @Test func unreadableFileIsAnError() {
        #expect {
            _ = try EventSet(path: "/nonexistent/bench/events.jsonl")
        } throws: { error in
            guard case .unreadable(let path, let reason)? = error as? BenchError else { return false }
            return path == "/nonexistent/bench/events.jsonl" && !reason.isEmpty
        }
    }
}
