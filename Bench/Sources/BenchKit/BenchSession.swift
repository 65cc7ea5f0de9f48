import LambdaFilter

/// One complete benchmark run: load, compile, count, warm up, time, report.
public struct BenchSession {
    public var options: BenchOptions
    /// The reference table to check against when no `--references` is given.
    public var defaultReferencesPath: String?
    /// Where progress lines go (stdout by default; dropped with `--json-only`).
    public var log: (String) -> Void

    public init(options: BenchOptions, defaultReferencesPath: String?, log: @escaping (String) -> Void) {
        self.options = options
        self.defaultReferencesPath = defaultReferencesPath
        self.log = options.jsonOnly ? { _ in } : log
    }

    /// Runs the benchmark; a `matches` mismatch is reported in the result, not thrown.
    public func run() throws(BenchError) -> BenchResult {
        let scenario = options.scenarioName
        let clock = ContinuousClock()
        let readStart = clock.now
        let patterns = try PatternFile.load(path: options.patternsPath)
        let compileStart = clock.now
        let matcher = Matcher(patterns: patterns)
        let compileEnd = clock.now
        let events = try EventSet(path: options.eventsPath)
        guard !events.records.isEmpty else { throw .empty(path: options.eventsPath, what: "events") }
        let compileSeconds = LoopStatistics.seconds(readStart.duration(to: compileEnd))
        log(
            "\(scenario): \(patterns.count) patterns read and compiled in "
                + "\(BenchResult.decimal(compileSeconds * 1000, places: 2)) ms (compiling alone "
                + "\(BenchResult.decimal(LoopStatistics.seconds(compileStart.duration(to: compileEnd)) * 1000, places: 2)) ms); "
                + "\(events.records.count) events, \(events.totalBytes) bytes")

        let expectation = try loadReferences().expectation(
            scenario: scenario, patterns: patterns.count, events: events.records.count,
            explicit: options.expectedMatches)
        let runner = BenchRunner(matcher: matcher, events: events, validating: options.validating)
        let matches = try runner.countMatches()
        switch expectation {
        case .explicit(let expected), .reference(let expected):
            log("counting pass: \(matches) matches, expected \(expected): \(matches == expected ? "ok" : "MISMATCH")")
        case .differentScale(let referencePatterns, let referenceEvents):
            log(
                "counting pass: \(matches) matches (not checked: the reference table's \(scenario) has "
                    + "\(referencePatterns) patterns and \(referenceEvents) events)")
        case .none:
            log("counting pass: \(matches) matches (no reference to check against)")
        }

        if options.warmupSeconds > 0 {
            let warmup = try runner.loop(until: .seconds(options.warmupSeconds), matchesPerPass: matches)
            log("warm-up: \(warmup.events) events in \(BenchResult.decimal(warmup.seconds, places: 2)) s")
        }
        let timed = try runner.loop(
            until: options.passes.map { .passes($0) } ?? .seconds(options.seconds), matchesPerPass: matches)
        let seconds = timed.seconds
        let result = BenchResult(
            scenario: scenario, patterns: patterns.count, events: events.records.count, matches: matches,
            expectedMatches: expectation.matches,
            eventsPerSecond: Double(timed.events) / seconds,
            megabytesPerSecond: Double(timed.bytes) / seconds / 1e6,
            allocationsPerEvent: timed.allocations.map { Double($0.count) / Double(timed.events) },
            allocatedBytesPerEvent: timed.allocations.map { Double($0.bytes) / Double(timed.events) },
            timedSeconds: seconds, cpuShare: timed.cpuSeconds / seconds, compileSeconds: compileSeconds)
        log(
            "timed: \(timed.events) events (\(timed.completePasses) complete passes) in "
                + "\(BenchResult.decimal(seconds, places: 3)) s")
        if result.cpuShare < 0.9 {
            log(
                "note: this thread was on a CPU only \(Int(result.cpuShare * 100))% of the time: "
                    + "the machine is busy and events/s understates the matcher")
        }
        if timed.allocations == nil {
            log("allocations: not counted (the allocator is not interposed in this build)")
        }
        return result
    }

    private func loadReferences() throws(BenchError) -> ReferenceTable {
        if let path = options.referencesPath { return try ReferenceTable.load(path: path) }
        // The default table is optional: a copied binary without it still runs, just unchecked.
        guard let path = defaultReferencesPath else { return ReferenceTable(scenarios: [:]) }
        do {
            return try ReferenceTable.load(path: path)
        } catch .unreadable {
            log("note: no reference table at \(path); matches are checked only with --expect-matches")
            return ReferenceTable(scenarios: [:])
        }
    }
}
