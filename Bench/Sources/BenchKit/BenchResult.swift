import LambdaFilter

/// One scenario's outcome, printed as the same JSON line the reference engines print plus extras.
public struct BenchResult: Equatable, Sendable {
    public var scenario: String
    public var patterns: Int
    public var events: Int
    /// (event, pattern) matches found by the counting pass.
    public var matches: Int
    /// The count `matches` had to equal, when one was known.
    public var expectedMatches: Int?
    public var eventsPerSecond: Double
    /// Throughput in megabytes (10^6 bytes) of event text per second.
    public var megabytesPerSecond: Double
    /// Heap allocations per matched event in the timed loop; `nil` when they cannot be counted.
    public var allocationsPerEvent: Double?
    /// Bytes those allocations requested, per event.
    public var allocatedBytesPerEvent: Double?
    /// Length of the timed loop actually measured.
    public var timedSeconds: Double
    /// Share of the timed loop's wall time this thread was on a CPU (1 = undisturbed).
    public var cpuShare: Double
    /// Reading (parsing) the patterns and compiling the matcher, in seconds: what the reference
    /// engines report as adding the patterns.
    public var compileSeconds: Double? = nil

    /// Whether the counting pass found what it had to (true when nothing was expected).
    public var matchesAsExpected: Bool { expectedMatches.map { $0 == matches } ?? true }

    /// The result as one JSON object on one line; the reference engines' keys come first.
    public var jsonLine: String {
        var fields: [(String, String)] = [
            ("engine", JSONWriter.quote("lambda-filter")),
            ("scenario", JSONWriter.quote(scenario)),
            ("patterns", String(patterns)),
            ("events", String(events)),
            ("matches", String(matches)),
            ("events_per_sec", String(Int(eventsPerSecond.rounded()))),
            ("mb_per_sec", Self.decimal(megabytesPerSecond, places: 1)),
            ("allocs_per_event", allocationsPerEvent.map { Self.decimal($0, places: 4) } ?? "null"),
            ("alloc_bytes_per_event", allocatedBytesPerEvent.map { Self.decimal($0, places: 1) } ?? "null"),
            ("seconds", Self.decimal(timedSeconds, places: 3)),
            ("cpu_share", Self.decimal(cpuShare, places: 3)),
        ]
        if let compileSeconds { fields.append(("compile_ms", Self.decimal(compileSeconds * 1000, places: 2))) }
        if let expectedMatches { fields.append(("expected_matches", String(expectedMatches))) }
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// `value` with exactly `places` decimals and never an exponent (JSON numbers stay plain).
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = String(scaled / scale)
        guard places > 0 else { return sign + whole }
        let fraction = String(scaled % scale)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
