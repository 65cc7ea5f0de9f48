import Foundation
import Testing

/// Issue 13: every place a filter lives is an input to `check`, `test`, `explain` and `criteria`.
@Suite("Deployed filters on the command line")
struct DeployedFiltersTests {
    static let patterns = ["Patterns/sqs/orders-over-100.json", "Patterns/sqs/gold-customers-placed.json"]
    static let sample = "Samples/sqs/orders-batch.json"

    /// `criteria --format F` written to a file and fed back to `test -p` gives the verdicts of
    /// the patterns it came from, for every rendering that is a file.
    @Test(arguments: [
        ("json", "c.json"), ("request", "r.json"), ("cloudformation", "t.yaml"), ("cloudformation", "t.json"),
        ("sam", "t.yaml"), ("sam", "t.json"), ("terraform", "main.tf"),
    ])
    func criteriaOutputReadsBack(_ format: String, _ fileName: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let patternArguments = Self.patterns.flatMap { ["-p", $0] }
        var rendering = ["criteria", "--format", format] + patternArguments
        if fileName == "t.json" { rendering += ["--syntax", "json"] }
        if format == "cloudformation" || format == "request" {
            rendering += ["--function-name", "orders", "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:orders"]
        }
        let rendered = try CLIRunner.run(rendering)
        #expect(rendered.status == 0, "\(rendered.standardError)")
        let file = directory.appendingPathComponent(fileName)
        try Data(rendered.standardOutput.utf8).write(to: file)

        let direct = try CLIRunner.run(["test", "--format", "json"] + patternArguments + [Self.sample])
        let roundTrip = try CLIRunner.run(["test", "--format", "json", "-p", file.path, Self.sample])
        #expect(roundTrip.status == 0, "\(roundTrip.standardError)")
        #expect(Self.verdicts(roundTrip.standardOutput) == Self.verdicts(direct.standardOutput))
        #expect(Self.verdicts(direct.standardOutput).count == 4)
    }

    /// Record position and verdict of each JSON row.
    static func verdicts(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return "\(object["position"] ?? "$") \(object["verdict"] ?? "?") \(object["filter"] ?? "-")"
        }
    }

    /// Before issue 13, `test -p` on a SAM template said `pattern is 6659 characters long`
    /// and on criteria output `Unrecognized match type Pattern`.
    @Test(arguments: [
        "Patterns/templates/sam-orders.yaml", "Patterns/templates/cfn-kinesis.json", "Patterns/templates/serverless.yml",
        "Patterns/templates/terraform-orders.tf", "Patterns/templates/terraform-plan.json", "Patterns/templates/pipes-orders.yaml",
    ])
    func everyTemplateFormatIsAPatternInput(_ template: String) throws {
        let result = try CLIRunner.run(["test", "--format", "json", "-p", template, Self.sample])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardError.contains("characters long") && !result.standardError.contains("Unrecognized match type"))
        #expect(result.standardOutput.contains("\"mapping\""))
    }

    @Test func aPrettyPrintedPatternCountsMinified() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // 400 values pretty-printed: over 4096 characters as written, under it minified.
        let values = (0..<400).map { "        \"v\($0)\"" }.joined(separator: ",\n")
        let pretty = "{\n    \"body\": {\n      \"status\": [\n\(values)\n      ]\n    }\n}\n"
        #expect(pretty.utf16.count > 4096)
        let file = directory.appendingPathComponent("pretty.json")
        try Data(pretty.utf8).write(to: file)
        let minified = try CLIRunner.run(["check", file.path])
        #expect(minified.status == 0, "\(minified.standardOutput)")
        let asWritten = try CLIRunner.run(["check", "--as-written", file.path])
        #expect(asWritten.status == 1)
        #expect(asWritten.standardOutput.contains("as written"))
        let criteria = try CLIRunner.run(["criteria", "-p", file.path])
        #expect(criteria.status == 0, "\(criteria.standardError)")

        // Exactly 4096 characters, then the file's final line break: accepted as written.
        let padding = String(repeating: "x", count: 4096 - #"{"a":[""]}"#.utf16.count)
        let exact = directory.appendingPathComponent("exact.json")
        for ending in ["\n", "\r\n"] {
            try Data("{\"a\":[\"\(padding)\"]}\(ending)".utf8).write(to: exact)
            #expect(try CLIRunner.run(["check", "--as-written", exact.path]).status == 0)
            #expect(try CLIRunner.run(["criteria", "--as-written", "-p", exact.path]).status == 0)
        }
    }

    @Test func aJSONPatternWithAByteOrderMarkReads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bom.json")
        try Data("\u{FEFF}{\"body\": {\"total\": [{\"numeric\": [\">\", 100]}]}}".utf8).write(to: file)
        #expect(try CLIRunner.run(["check", file.path]).status == 0)
        let tested = try CLIRunner.run(["test", "-p", file.path, Self.sample])
        #expect(tested.status == 0, "\(tested.standardError)")
    }
}
