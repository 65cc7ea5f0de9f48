import Foundation
import Testing

/// Runs the built `lambda-filter` binary and compares transcripts with golden files.
///
/// Finding the binary: `LAMBDA_FILTER_BINARY` when set; otherwise the directory of the running
/// test executable and its parents are searched for an executable named `lambda-filter`.
/// `swift build` / `swift test` put the test bundle and the executable in one build directory
/// (`.build/<triple>/debug/`): on Linux the test binary sits directly in it
/// (`lambda-filterPackageTests.xctest`), on macOS three levels down inside the bundle
/// (`…xctest/Contents/MacOS/`), so walking up a few levels finds it on both.
enum CLIRunner {
    /// The package root (commands run there, so paths in outputs are stable and relative).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/LambdaFilterCLITests/CLIRunner.swift
        return url
    }()

    static let binary: URL? = {
        if let explicit = ProcessInfo.processInfo.environment["LAMBDA_FILTER_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("lambda-filter")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// The transcript stored in golden files.
        func transcript(arguments: [String]) -> String {
            var text = "$ lambda-filter \(arguments.map(quoteForShell).joined(separator: " "))\n"
            text += standardOutput
            if !standardOutput.isEmpty && !standardOutput.hasSuffix("\n") { text += "\n" }
            if !standardError.isEmpty {
                text += "--- stderr ---\n" + standardError
                if !standardError.hasSuffix("\n") { text += "\n" }
            }
            text += "--- exit \(status) ---\n"
            return text
        }
    }

    /// How long one run may take before it is taken for a hang: far above what any test's run
    /// needs (the longest take a few seconds), so only a run that never ends reaches it.
    static let runLimitSeconds = 300

    /// Runs the binary with `arguments` in the package root, feeding `input` on stdin.
    static func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        guard let binary else {
            throw CLITestError(
                "lambda-filter binary not found next to the test bundle; run `swift build` first or set LAMBDA_FILTER_BINARY")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        environment.removeValue(forKey: "NO_COLOR")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        // Files, not pipes: large outputs cannot fill a pipe buffer and stall the child.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        let inURL = directory.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
        let stdout = try FileHandle(forWritingTo: outURL), stderr = try FileHandle(forWritingTo: errURL)
        let stdin = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        // A hang guard, not a timing: a run that never ends (a pipeline that stops waking its
        // threads, say) is killed and fails its test instead of stalling the whole suite.
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + .seconds(runLimitSeconds)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw CLITestError("lambda-filter \(arguments.joined(separator: " ")) did not finish within \(runLimitSeconds) s; killed")
        }
        try stdout.close()
        try stderr.close()
        try stdin.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Compares `actual` with the golden file `name`.
    ///
    /// With `LAMBDA_FILTER_RECORD_GOLDEN=1` in the environment a file whose text changed (or is
    /// missing) is rewritten with `actual`, and the comparison still fails, as the criteria
    /// tests' re-record does: a re-record never passes a run, so it is always a reviewed diff.
    static func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = packageRoot.appendingPathComponent("Tests/LambdaFilterCLITests/Golden/\(name).txt")
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if isRecordingGolden, expected != actual {
            try Data(actual.utf8).write(to: url)
        }
        guard let expected else {
            Issue.record("no golden file \(url.path); run with LAMBDA_FILTER_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name).txt", sourceLocation: sourceLocation)
    }

    /// Whether golden files are being re-recorded (`LAMBDA_FILTER_RECORD_GOLDEN=1`).
    static let isRecordingGolden = ProcessInfo.processInfo.environment["LAMBDA_FILTER_RECORD_GOLDEN"] == "1"
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Single-quotes an argument for the transcript when the shell would need it.
func quoteForShell(_ argument: String) -> String {
    let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:".contains($0) }
    return plain && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
