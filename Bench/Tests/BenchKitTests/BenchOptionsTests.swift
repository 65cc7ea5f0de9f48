import Testing

@testable import BenchKit

struct OptionsCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var expected: BenchOptions
    var testDescription: String { arguments.joined(separator: " ") }
}

struct BadOptionsCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var messageContains: String
    var testDescription: String { arguments.joined(separator: " ") }
}

private func options(
    _ patterns: String = "d/s/patterns.jsonl", _ events: String = "e.jsonl",
    _ configure: (inout BenchOptions) -> Void = { _ in }
) -> BenchOptions {
    var result = BenchOptions(patternsPath: patterns, eventsPath: events)
    configure(&result)
    return result
}

@Suite struct BenchOptionsTests {
    @Test(arguments: [
        OptionsCase(arguments: ["--patterns", "d/s/patterns.jsonl", "--events", "e.jsonl"], expected: options()),
        OptionsCase(
            arguments: ["--events=e.jsonl", "--patterns=d/s/patterns.jsonl", "--seconds", "0.5", "--warmup=0"],
            expected: options {
                $0.seconds = 0.5; $0.warmupSeconds = 0
            }),
        OptionsCase(
            arguments: ["--patterns", "d/s/patterns.jsonl", "--events", "e.jsonl", "--passes", "3"],
            expected: options { $0.passes = 3 }),
        OptionsCase(
            arguments: ["--patterns", "d/s/patterns.jsonl", "--events", "e.jsonl", "--validating"],
            expected: options { $0.validating = true }),
        OptionsCase(
            arguments: [
                "--patterns", "d/s/patterns.jsonl", "--events", "e.jsonl", "--scenario", "x",
                "--expect-matches", "42", "--json-only", "--references", "r.json",
            ],
            expected: options {
                $0.scenario = "x"; $0.expectedMatches = 42; $0.jsonOnly = true; $0.referencesPath = "r.json"
            }),
    ])
    func parsesValidArguments(_ testCase: OptionsCase) throws {
        #expect(try BenchOptions.parse(testCase.arguments) == testCase.expected)
    }

    @Test(arguments: [
        BadOptionsCase(arguments: ["--events", "e"], messageContains: "--patterns is required"),
        BadOptionsCase(arguments: ["--patterns", "p"], messageContains: "--events is required"),
        BadOptionsCase(arguments: ["--patterns"], messageContains: "--patterns needs a value"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--seconds", "0"], messageContains: "greater than 0"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--warmup", "-1"], messageContains: "number of seconds"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--seconds", "abc"], messageContains: "'abc'"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--expect-matches", "-3"], messageContains: "non-negative"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--passes", "0"], messageContains: "positive integer"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--json-only=yes"], messageContains: "takes no value"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--validating=no"], messageContains: "takes no value"),
        BadOptionsCase(arguments: ["--patterns", "p", "--events", "e", "--fast"], messageContains: "unknown argument '--fast'"),
    ])
    func rejectsBadArguments(_ testCase: BadOptionsCase) {
        #expect {
            _ = try BenchOptions.parse(testCase.arguments)
        } throws: { error in
            guard case .usage(let message) = error as? BenchError else { return false }
            return message.contains(testCase.messageContains)
        }
    }

    @Test func helpReturnsNoOptions() throws {
        #expect(try BenchOptions.parse(["--patterns", "p", "--help"]) == nil)
    }

    @Test(
        arguments: [
            ("data/b_lambda_5/patterns.jsonl", nil, "b_lambda_5"),
            ("/abs/path/c_patterns_100/patterns.jsonl", nil, "c_patterns_100"),
            ("patterns.jsonl", nil, "unnamed"),
            ("data/b_lambda_5/patterns.jsonl", "mine", "mine"),
        ] as [(String, String?, String)])
    func scenarioNameDefaultsToTheParentDirectory(path: String, explicit: String?, expected: String) {
        var options = BenchOptions(patternsPath: path, eventsPath: "e")
        options.scenario = explicit
        #expect(options.scenarioName == expected)
    }
}
