import Testing

@testable import BenchKit

/// Bench/ (this file is Bench/Tests/BenchKitTests/ReferenceTableTests.swift).
private let benchDirectory: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/")
}()

/// The shared benchmark README, beside the repository (absent outside this project's workspace).
private let sharedReadme = benchDirectory + "/../../shared/bench/README.md"

struct ExpectationCase: CustomTestStringConvertible, Sendable {
    var scenario: String
    var patterns: Int
    var events: Int
    var explicit: Int?
    var expected: ReferenceTable.Expectation
    var testDescription: String { "\(scenario) \(patterns)/\(events) explicit=\(String(describing: explicit))" }
}

@Suite struct ReferenceTableTests {
    static let table = ReferenceTable(scenarios: [
        "b_lambda_5": .init(patterns: 5, events: 20000, matches: 6360, eventsPerSecond: ["quamina": 181_318, "moto": 17_686])
    ])

    @Test(arguments: [
        ExpectationCase(scenario: "b_lambda_5", patterns: 5, events: 20000, explicit: nil, expected: .reference(6360)),
        ExpectationCase(scenario: "b_lambda_5", patterns: 5, events: 20000, explicit: 7, expected: .explicit(7)),
        ExpectationCase(
            scenario: "b_lambda_5", patterns: 5, events: 2000, explicit: nil,
            expected: .differentScale(referencePatterns: 5, referenceEvents: 20000)),
        ExpectationCase(scenario: "mine", patterns: 5, events: 20000, explicit: nil, expected: .none),
        ExpectationCase(scenario: "mine", patterns: 5, events: 20000, explicit: 3, expected: .explicit(3)),
    ])
    func expectationFollowsTheTableAtFullScale(_ testCase: ExpectationCase) {
        let expectation = Self.table.expectation(
            scenario: testCase.scenario, patterns: testCase.patterns, events: testCase.events,
            explicit: testCase.explicit)
        #expect(expectation == testCase.expected)
    }

    @Test func bestEngineIsTheFastest() throws {
        let best = try #require(Self.table.scenarios["b_lambda_5"]?.best)
        #expect(best.engine == "quamina")
        #expect(best.eventsPerSecond == 181_318)
    }

    @Test func malformedTableIsAnError() {
        #expect {
            _ = try ReferenceTable.parse(Array(#"{"scenarios":{"x":{"patterns":"5"}}}"#.utf8), path: "r.json")
        } throws: { error in
            guard case .invalidReferences(let path, let reason)? = error as? BenchError else { return false }
            return path == "r.json" && reason.contains("scenarios.x.patterns")
        }
    }

    /// The shipped table must say what the shared README says, figure for figure.
    @Test(.enabled(if: FileReader.exists(sharedReadme)))
    func shippedTableMatchesTheSharedReadme() throws {
        let table = try ReferenceTable.load(path: benchDirectory + "/references.json")
        let readme = String(decoding: try FileReader.bytes(sharedReadme), as: UTF8.self)
        let engines = ["quamina", "event-ruler", "moto"]
        var rows = 0
        for line in readme.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingWhitespace() }
            // Reference rows: scenario, matches, one figure per engine, then lambda-filter's own
            // figures from the same runs (a range, for scaling; not checked here).
            guard cells.count >= 5, let row = table.scenarios[cells[0]], let matches = Int(cells[1].digitsOnly) else {
                continue
            }
            rows += 1
            #expect(row.matches == matches, "\(cells[0]) matches")
            for (engine, cell) in zip(engines, cells[2...]) {
                #expect(row.eventsPerSecond[engine] == Int(cell.digitsOnly), "\(cells[0]) \(engine)")
            }
        }
        #expect(rows == 6)
        #expect(table.scenarios.count == 6)
    }
}

/// Small file helpers for the tests, over BenchKit's own reader.
enum FileReader {
    static func exists(_ path: String) -> Bool { (try? bytes(path)) != nil }

    static func bytes(_ path: String) throws -> [UInt8] {
        let buffer = try FileBytes.read(path)
        defer { buffer.deallocate() }
        return Array(buffer)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// The digits only: "681,375" -> "681375"; "(no numeric ranges or suffix)" -> "".
    var digitsOnly: String { String(filter(\.isNumber)) }
}
