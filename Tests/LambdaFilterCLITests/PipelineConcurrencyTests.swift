import Foundation
import LambdaFilter
import Testing

/// `test`'s pipeline (a reader thread, matching workers, the printer) keeps every row in input
/// order and drops none, across many batches, with record errors, invalid lines and an
/// unreadable input among them, for every output format. scripts/test.sh also runs this suite
/// under ThreadSanitizer (its name matches `--filter ConcurrencyTests`), with the binary built
/// the same way, so a data race in the pipeline fails it.
@Suite("Pipeline concurrency")
struct PipelineConcurrencyTests {
    /// Records per file: several batches each (a batch holds at most 4,096 records or 2 MiB, and the
    /// first ones far less).
    static let recordsPerFile = 9_000

    /// Line `index` of file `file`: an SQS record (every 997th has a body that is not JSON,
    /// every 1,009th line is not JSON at all), passed when its index is even.
    static func line(file: Int, index: Int) -> String {
        if index % 1_009 == 500 { return "{not json" }
        let body = index % 997 == 3 ? #"{\"n\": \#(index)"# : #"{\"n\": \#(index), \"file\": \#(file)}"#
        let parity = index % 2 == 0 ? "even" : "odd"
        return #"{"messageId": "m-\#(file)-\#(index)", "eventSource": "aws:sqs", "body": "\#(body)", "parity": "\#(parity)"}"#
    }

    static let pattern = #"{"body": {"n": [{"exists": true}]}, "parity": ["even"]}"#

    /// What each row must say, in order.
    static func expectedVerdict(index: Int) -> String {
        if index % 1_009 == 500 { return "error" }
        // A broken JSON body is a plain string: a JSON body pattern drops it.
        if index % 997 == 3 { return "dropped" }
        return index % 2 == 0 ? "passed" : "filtered"
    }

    static func writeInputs(in directory: URL) throws -> [String] {
        var paths: [String] = []
        for file in 0..<3 {
            let text = (0..<recordsPerFile).map { line(file: file, index: $0) }.joined(separator: "\n") + "\n"
            let url = directory.appendingPathComponent("part\(file).jsonl")
            try Data(text.utf8).write(to: url)
            paths.append(url.path)
            // An input that cannot be read, between two readable ones.
            if file == 0 { paths.append(directory.appendingPathComponent("missing.jsonl").path) }
        }
        return paths
    }

    @Test(arguments: ["json", "text", "junit"])
    func rowsStayInInputOrderAcrossBatchesAndThreads(format: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = try Self.writeInputs(in: directory)
        let result = try CLIRunner.run(["test", "--format", format, "--source", "sqs", "-p", Self.pattern] + inputs)
        #expect(result.status == 65, "an unreadable input and broken records make exit 65")
        #expect(!result.standardError.contains("ThreadSanitizer"), "\(result.standardError.prefix(2_000))")
        var expected: [(id: String, verdict: String)] = []
        for file in 0..<3 {
            let path = directory.appendingPathComponent("part\(file).jsonl").path
            for index in 0..<Self.recordsPerFile {
                expected.append(("\(path):\(index + 1)", Self.expectedVerdict(index: index)))
            }
            if file == 0 { expected.append((directory.appendingPathComponent("missing.jsonl").path, "error")) }
        }
        let actual = try Self.rows(of: result.standardOutput, format: format)
        #expect(actual.count == expected.count)
        let firstDifference = zip(actual, expected).enumerated().first {
            $0.element.0.id != $0.element.1.id || $0.element.0.verdict != $0.element.1.verdict
        }?.offset
        #expect(firstDifference == nil, "row \(firstDifference ?? -1): \(firstDifference.map { "\(actual[$0]) vs \(expected[$0])" } ?? "")")
    }

    /// Batches grow from 64 KiB and, in a file of known size, shrink again towards its end; a pipe
    /// has no size. Whatever the sizes, every line gets its row, in order, once: the same rows
    /// from the file and from the same bytes through a pipe, for inputs of one batch, of a few
    /// and of many (past the 4,096-record and the 2 MiB limits).
    @Test(arguments: [1, 300, 4_097, 30_000])
    func aFileAndAPipeGiveTheSameRows(records: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-batches-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = (0..<records).map { Self.line(file: 0, index: $0) }.joined(separator: "\n") + "\n"
        let url = directory.appendingPathComponent("records.jsonl")
        try Data(text.utf8).write(to: url)
        let arguments = ["test", "--format", "json", "--source", "sqs", "-p", Self.pattern]
        let fromFile = try CLIRunner.run(arguments + [url.path]).standardOutput
        let fromPipe = try Self.runThroughPipe(arguments + ["--jsonl", "-"], input: Data(text.utf8))
        let expected = (0..<records).map { ("\($0 + 1)", Self.expectedVerdict(index: $0)) }
        for output in [fromFile, fromPipe] {
            let rows = try output.split(separator: "\n").map { line -> (String, String) in
                let object = try JSONParser().parseValue(String(line))
                return (object["line"].map { JSONWriter.write($0) } ?? "?", object["verdict"]?.stringValue ?? "?")
            }
            #expect(rows.count == expected.count)
            let firstDifference = zip(rows, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let difference = firstDifference.map { "row \($0): \(rows[$0]) vs \(expected[$0])" }
            #expect(firstDifference == nil, "\(difference ?? "")")
        }
    }

    /// Standard output of the binary run with `input` written to its standard input through a pipe.
    static func runThroughPipe(_ arguments: [String], input: Data) throws -> String {
        guard let binary = CLIRunner.binary else { throw CLITestError("lambda-filter binary not found") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = CLIRunner.packageRoot
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The output goes to a file, so a large one cannot fill a pipe and stall the child.
        let outURL = directory.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outURL)
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        pipe.fileHandleForWriting.write(input)
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try output.close()
        return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    }

    /// (id, verdict) of each row, in output order.
    static func rows(of output: String, format: String) throws -> [(id: String, verdict: String)] {
        switch format {
        case "json":
            return try output.split(separator: "\n").map { line in
                let object = try JSONParser().parseValue(String(line))
                return (object["record"]?.stringValue ?? "?", object["verdict"]?.stringValue ?? "?")
            }
        case "text":
            return output.split(separator: "\n").dropLast().map { line in
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                return (String(fields.count > 1 ? fields[1] : ""), String(fields.first ?? ""))
            }
        default:
            // <testcase name="ID" ...> then <error>/<failure> or not, in order.
            var rows: [(id: String, verdict: String)] = []
            for piece in output.components(separatedBy: "<testcase ").dropFirst() {
                guard let nameStart = piece.range(of: "name=\""), let nameEnd = piece[nameStart.upperBound...].firstIndex(of: "\"") else {
                    continue
                }
                let id = String(piece[nameStart.upperBound..<nameEnd])
                let body = piece.components(separatedBy: "</testcase>").first ?? piece
                let verdict =
                    body.contains("<error")
                    ? "error"
                    : body.contains("dropped") ? "dropped" : body.contains("passed by") ? "passed" : "filtered"
                rows.append((id, verdict))
            }
            return rows
        }
    }
}
