import LambdaFilter

/// The reference engines' figures per scenario (`Bench/references.json`).
public struct ReferenceTable: Equatable, Sendable {
    /// One scenario's row.
    public struct Scenario: Equatable, Sendable {
        /// Number of patterns the scenario has at full scale.
        public var patterns: Int
        /// Number of events the scenario has at full scale.
        public var events: Int
        /// The (event, pattern) match count every reference engine agreed on.
        public var matches: Int
        /// Events per second by engine; engines that cannot run the scenario are absent.
        public var eventsPerSecond: [String: Int]

        /// The fastest engine and its figure.
        public var best: (engine: String, eventsPerSecond: Int)? {
            eventsPerSecond.max { $0.value < $1.value }.map { ($0.key, $0.value) }
        }
    }

    /// Rows by scenario name.
    public var scenarios: [String: Scenario]

    /// Reads the table from `path`.
    public static func load(path: String) throws(BenchError) -> ReferenceTable {
        let storage = try FileBytes.read(path)
        defer { storage.deallocate() }
        return try parse(Array(storage), path: path)
    }

    /// Parses the table's JSON text.
    public static func parse(_ bytes: [UInt8], path: String) throws(BenchError) -> ReferenceTable {
        let root: JSONValue
        do {
            root = try JSONParser().parseValue(bytes: bytes)
        } catch {
            throw .invalidReferences(path: path, reason: error.description)
        }
        guard let rows = root["scenarios"]?.objectMembers else {
            throw .invalidReferences(path: path, reason: "no \"scenarios\" object")
        }
        var scenarios: [String: Scenario] = [:]
        for row in rows {
            func integer(_ key: String) throws(BenchError) -> Int {
                guard case .number(let text)? = row.value[key], let value = Int(text) else {
                    throw .invalidReferences(path: path, reason: "scenarios.\(row.key).\(key) is not an integer")
                }
                return value
            }
            var rates: [String: Int] = [:]
            for engine in row.value["events_per_sec"]?.objectMembers ?? [] {
                // null marks an engine that cannot run the scenario.
                if case .number(let text) = engine.value, let rate = Int(text) { rates[engine.key] = rate }
            }
            scenarios[row.key] = Scenario(
                patterns: try integer("patterns"), events: try integer("events"),
                matches: try integer("matches"), eventsPerSecond: rates)
        }
        return ReferenceTable(scenarios: scenarios)
    }

    /// What the counting pass of a run must reproduce, and why.
    public enum Expectation: Equatable, Sendable {
        /// Given on the command line.
        case explicit(Int)
        /// The reference table's figure for this scenario.
        case reference(Int)
        /// The scenario is in the table but this data set has another size (a `--scale` run).
        case differentScale(referencePatterns: Int, referenceEvents: Int)
        /// Nothing to check against.
        case none

        /// The count to check, if any.
        public var matches: Int? {
            switch self {
            case .explicit(let count), .reference(let count): return count
            case .differentScale, .none: return nil
            }
        }
    }

    /// The expectation for a run of `scenario` over `patterns` patterns and `events` events.
    ///
    /// The table's count holds only for the full-size data set, so a scenario whose pattern or
    /// event count differs (generated with `--scale`) is not checked unless `explicit` is given.
    public func expectation(
        scenario: String, patterns: Int, events: Int, explicit: Int?
    ) -> Expectation {
        if let explicit { return .explicit(explicit) }
        guard let row = scenarios[scenario] else { return .none }
        guard row.patterns == patterns, row.events == events else {
            return .differentScale(referencePatterns: row.patterns, referenceEvents: row.events)
        }
        return .reference(row.matches)
    }
}
