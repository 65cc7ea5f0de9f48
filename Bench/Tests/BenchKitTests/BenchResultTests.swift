import LambdaFilter
import Testing

@testable import BenchKit

@Suite struct BenchResultTests {
    @Test(
        arguments: [
            (0.0, 1, "0.0"), (253.14, 1, "253.1"), (253.15, 0, "253"), (0.00004, 4, "0.0000"),
            (0.00005, 4, "0.0001"), (2.0, 4, "2.0000"), (1e17, 1, "100000000000000000.0"), (-1.25, 1, "-1.3"),
            (-0.01, 1, "0.0"), (Double.nan, 2, "null"),
        ] as [(Double, Int, String)])
    func decimalNeverUsesAnExponent(value: Double, places: Int, expected: String) {
        #expect(BenchResult.decimal(value, places: places) == expected)
    }

    @Test func jsonLineCarriesTheReferenceKeysFirst() throws {
        let result = BenchResult(
            scenario: "b_\"5", patterns: 5, events: 20000, matches: 6360, expectedMatches: 6360,
            eventsPerSecond: 181_318.4, megabytesPerSecond: 250.04, allocationsPerEvent: nil,
            allocatedBytesPerEvent: 12.5, timedSeconds: 5.0004, cpuShare: 0.9876, compileSeconds: 0.0123456)
        let value = try JSONParser().parseValue(result.jsonLine)
        let keys = value.objectMembers?.map(\.key) ?? []
        #expect(Array(keys.prefix(6)) == ["engine", "scenario", "patterns", "events", "matches", "events_per_sec"])
        #expect(value["engine"] == .string("lambda-filter"))
        #expect(value["scenario"] == .string("b_\"5"))
        #expect(value["events_per_sec"] == .number("181318"))
        #expect(value["mb_per_sec"] == .number("250.0"))
        #expect(value["allocs_per_event"] == .null)
        #expect(value["alloc_bytes_per_event"] == .number("12.5"))
        #expect(value["expected_matches"] == .number("6360"))
        #expect(value["cpu_share"] == .number("0.988"))
        #expect(value["compile_ms"] == .number("12.35"))
        #expect(!result.jsonLine.contains("\n"))
    }

    @Test(arguments: [(6360, 6360, true), (6359, 6360, false), (6360, nil, true)] as [(Int, Int?, Bool)])
    func matchesAreCheckedOnlyAgainstAKnownCount(found: Int, expected: Int?, ok: Bool) {
        let result = BenchResult(
            scenario: "s", patterns: 1, events: 1, matches: found, expectedMatches: expected, eventsPerSecond: 1,
            megabytesPerSecond: 1, allocationsPerEvent: 0, allocatedBytesPerEvent: 0, timedSeconds: 1, cpuShare: 1)
        #expect(result.matchesAsExpected == ok)
    }
}
