/// What one `bench` invocation was asked to do.
public struct BenchOptions: Equatable, Sendable {
    /// JSON Lines file with one EventBridge-dialect pattern per line.
    public var patternsPath: String
    /// JSON Lines file with one event per line.
    public var eventsPath: String
    /// Length of the timed loop.
    public var seconds: Double = 5
    /// Run exactly this many complete passes instead of `seconds` (fixed work for profilers).
    public var passes: Int?
    /// Length of the untimed warm-up before it.
    public var warmupSeconds: Double = 2
    /// Scenario name for the result line; `nil` means the patterns file's directory name.
    public var scenario: String?
    /// The `matches` figure the counting pass must reproduce, overriding the reference table.
    public var expectedMatches: Int?
    /// Print only the JSON line on standard output.
    public var jsonOnly = false
    /// Reference table to check `matches` against; `nil` means the one beside the package.
    public var referencesPath: String?
    /// Match with `Matcher.matchValidating` (the strict mode the CLI uses) instead of `match`.
    public var validating = false

    public init(patternsPath: String, eventsPath: String) {
        self.patternsPath = patternsPath
        self.eventsPath = eventsPath
    }

    /// The scenario name reported: the explicit one, else the patterns file's parent directory.
    public var scenarioName: String {
        if let scenario { return scenario }
        let components = patternsPath.split(separator: "/", omittingEmptySubsequences: true)
        // "patterns.jsonl" alone has no directory to name the scenario after.
        return components.count >= 2 ? String(components[components.count - 2]) : "unnamed"
    }

    /// Usage text printed for `--help` and after an argument error.
    public static let usage = """
        usage: bench --patterns P.jsonl --events E.jsonl [--seconds 5] [--warmup 2]
                     [--scenario NAME] [--expect-matches N] [--json-only] [--references FILE]
                     [--passes N] [--validating]

        Compiles the patterns into one Matcher, counts the (event, pattern) matches once, warms up,
        then matches all events repeatedly on one thread and prints one JSON result line.
        --passes N replaces the timed seconds with exactly N passes (for valgrind --tool=callgrind).
        --validating matches with matchValidating, which also checks that every event is valid JSON.
        """

    /// Parses command-line arguments (without the program name).
    /// - Returns: `nil` when `--help` was asked for.
    public static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions? {
        var patterns: String?
        var events: String?
        var options = BenchOptions(patternsPath: "", eventsPath: "")
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            // Accept both "--name value" and "--name=value".
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(BenchError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw .usage("\(name) needs a value") }
                return next
            }
            switch name {
            case "-h", "--help": return nil
            case "--patterns": patterns = try value()
            case "--events": events = try value()
            case "--seconds": options.seconds = try positiveSeconds(try value(), for: name)
            case "--passes":
                let text = try value()
                guard let passes = Int(text), passes > 0 else {
                    throw .usage("--passes needs a positive integer, not '\(text)'")
                }
                options.passes = passes
            case "--warmup": options.warmupSeconds = try nonNegativeSeconds(try value(), for: name)
            case "--scenario": options.scenario = try value()
            case "--expect-matches":
                let text = try value()
                guard let count = Int(text), count >= 0 else {
                    throw .usage("--expect-matches needs a non-negative integer, not '\(text)'")
                }
                options.expectedMatches = count
            case "--references": options.referencesPath = try value()
            case "--json-only":
                guard inlineValue == nil else { throw .usage("--json-only takes no value") }
                options.jsonOnly = true
            case "--validating":
                guard inlineValue == nil else { throw .usage("--validating takes no value") }
                options.validating = true
            default: throw .usage("unknown argument '\(argument)'")
            }
        }
        guard let patterns else { throw .usage("--patterns is required") }
        guard let events else { throw .usage("--events is required") }
        options.patternsPath = patterns
        options.eventsPath = events
        return options
    }

    private static func nonNegativeSeconds(_ text: String, for name: String) throws(BenchError) -> Double {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            throw .usage("\(name) needs a number of seconds, not '\(text)'")
        }
        return seconds
    }

    private static func positiveSeconds(_ text: String, for name: String) throws(BenchError) -> Double {
        let seconds = try nonNegativeSeconds(text, for: name)
        // A zero-length timed loop would divide by zero and measure nothing.
        guard seconds > 0 else { throw .usage("\(name) must be greater than 0") }
        return seconds
    }
}
