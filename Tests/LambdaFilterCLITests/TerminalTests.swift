import Foundation
import Testing

/// How the CLI behaves at a terminal and on a pipe: colour, progress, summary placement, typos,
/// JSON Lines hints, per-record output. Terminals are real ones, made by util-linux `script`.
@Suite("CLI at the terminal")
struct TerminalTests {
    static let pattern = "Patterns/sqs/orders-over-100.json"
    static let batch = "Samples/sqs/orders-batch.json"
    static let escape = "\u{1B}["

    /// Whether `script` (util-linux) can give the CLI a pseudo-terminal here.
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    /// Runs `shellCommand` (`$LF` is the binary) with stdout and stderr on one pseudo-terminal,
    /// as a person at a terminal has them; returns everything the terminal showed.
    static func onTerminal(_ shellCommand: String, environment: [String: String] = [:]) throws -> String {
        let binary = try #require(CLIRunner.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", shellCommand, "/dev/null"]
        process.currentDirectoryURL = CLIRunner.packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env["TERM"] = "xterm"
        env["LF"] = binary.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    // MARK: - Colour

    struct ColorCase: Sendable, CustomTestStringConvertible {
        var arguments: String
        var environment: [String: String]
        var coloured: Bool
        var testDescription: String { "\(arguments) \(environment)" }
    }

    static let colorCases: [ColorCase] = [
        ColorCase(arguments: "", environment: [:], coloured: true),
        ColorCase(arguments: "", environment: ["TERM": "dumb"], coloured: false),
        ColorCase(arguments: "", environment: ["NO_COLOR": "1"], coloured: false),
        ColorCase(arguments: "--color never", environment: [:], coloured: false),
        ColorCase(arguments: "--color always", environment: ["TERM": "dumb", "NO_COLOR": "1"], coloured: true),
    ]

    /// `--color auto` colours a terminal unless NO_COLOR or TERM=dumb; always and never override both.
    @Test(.enabled(if: hasScript, "needs util-linux script for a pseudo-terminal"), arguments: colorCases)
    func colourOnATerminal(_ testCase: ColorCase) throws {
        let shown = try Self.onTerminal(
            "$LF test \(testCase.arguments) -p \(Self.pattern) \(Self.batch)", environment: testCase.environment)
        #expect(shown.contains("4 records: 2 passed, 2 filtered"))
        #expect(shown.contains(Self.escape) == testCase.coloured, "\(shown)")
    }

    @Test(arguments: [("always", true), ("never", false), ("auto", false)])
    func colourOnAPipe(_ choice: String, _ coloured: Bool) throws {
        let result = try CLIRunner.run(["test", "--color", choice, "-p", Self.pattern, Self.batch])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(Self.escape) == coloured)
    }

    @Test func colourRejectsOtherValues() throws {
        let result = try CLIRunner.run(["check", "--color", "sometimes", Self.pattern])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Please provide one of 'auto', 'always' or 'never'"))
    }

    // MARK: - Progress and summary

    /// stdout and stderr on one terminal: no progress line may be drawn over the verdict rows,
    /// even when the run takes longer than the second after which progress would appear.
    @Test(.enabled(if: hasScript, "needs util-linux script for a pseudo-terminal"))
    func noProgressOverOutputOnOneTerminal() throws {
        let records = #"printf '{"a":1}\n'; sleep 1.5; printf '{"a":2}\n'"#
        let shown = try Self.onTerminal("(\(records)) | $LF test --source raw --jsonl -p '{\"a\":[1]}' -")
        #expect(shown.contains("2 records: 1 passed, 1 filtered"), "\(shown)")
        #expect(!shown.contains("records/s"), "\(shown)")
        #expect(!shown.contains("\r"), "\(shown)")
    }

    /// On a terminal, `--format json`'s summary (on stderr) comes after the records (on stdout).
    @Test(.enabled(if: hasScript, "needs util-linux script for a pseudo-terminal"))
    func jsonSummaryAfterTheRecords() throws {
        let shown = try Self.onTerminal("$LF test --format json -p \(Self.pattern) \(Self.batch)")
        let lines = shown.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(shown)")
        #expect(lines.prefix(4).allSatisfy { $0.hasPrefix("{\"record\"") }, "\(shown)")
        #expect(lines.last == "4 records: 2 passed, 2 filtered")
    }

    // MARK: - Records that arrive over time

    /// A record read from a pipe gets its verdict before the next record arrives.
    @Test func verdictPrintedBeforeTheNextRecordArrives() throws {
        let binary = try #require(CLIRunner.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["test", "--source", "raw", "--jsonl", "-p", #"{"a":[1]}"#, "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"a":1}"#.utf8 + [0x0A]))
        // Wait (up to a generous 30 s, for a loaded machine) for the first verdict, input still open.
        let firstLine = Self.readLine(from: output.fileHandleForReading, within: 30)
        input.fileHandleForWriting.write(Data(#"{"a":2}"#.utf8 + [0x0A]))
        try input.fileHandleForWriting.close()
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(firstLine?.hasPrefix("passed") == true, "first line: \(firstLine ?? "none before the deadline")")
        #expect(rest.contains("filtered"))
        #expect(rest.contains("2 records: 1 passed, 1 filtered"))
    }

    /// The first line `handle` yields, or nil when none comes within `seconds`.
    static func readLine(from handle: FileHandle, within seconds: Double) -> String? {
        let received = LockedBuffer()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty || received.append(chunk) { break }
            }
            done.signal()
        }
        _ = done.wait(timeout: .now() + seconds)
        return received.firstLine
    }

    final class LockedBuffer: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        /// Appends `chunk`; true once a whole line is in.
        func append(_ chunk: Data) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            data.append(chunk)
            return data.contains(0x0A)
        }

        var firstLine: String? {
            lock.lock()
            defer { lock.unlock() }
            guard let newline = data.firstIndex(of: 0x0A) else { return nil }
            return String(decoding: data[..<newline], as: UTF8.self)
        }
    }

    // MARK: - Typos and hints

    struct UsageCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageCases: [UsageCase] = [
        UsageCase(arguments: ["tset", "-p", "a", "b"], message: "Unknown command 'tset'. Did you mean 'test'?"),
        UsageCase(arguments: ["critera"], message: "Unknown command 'critera'. Did you mean 'criteria'?"),
        UsageCase(arguments: ["test", "--patern", pattern, batch], message: "Unknown option '--patern'. Did you mean '--pattern'?"),
        UsageCase(
            arguments: ["criteria", "--fromat", "json", "-p", pattern], message: "Unknown option '--fromat'. Did you mean '--format'?"),
        UsageCase(arguments: ["explain", "--patterns", pattern, batch], message: "Unknown option '--patterns'. Did you mean '--pattern'?"),
        // Command lines that are complete but for the unknown option: the first parse (without
        // the check) fails on it, and the second names it in our words (ArgumentParser's own
        // message has no full stop and other suggestions).
        UsageCase(arguments: ["test", "-p", pattern, batch, "--xyz"], message: "Unknown option '--xyz'."),
        UsageCase(arguments: ["test", "-p", pattern, "--qiet", batch], message: "Unknown option '--qiet'. Did you mean '--quiet'?"),
        UsageCase(arguments: ["check", "--formats", "json", pattern], message: "Unknown option '--formats'. Did you mean '--format'?"),
        UsageCase(arguments: ["criteria", "-p", pattern, "--xyz=1"], message: "Unknown option '--xyz'."),
    ]

    /// The typo is named, with its correction, before any "missing option" complaint.
    @Test(arguments: usageCases)
    func typosAreNamed(_ testCase: UsageCase) throws {
        let result = try CLIRunner.run(testCase.arguments)
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: " + testCase.message), "\(result.standardError)")
        #expect(!result.standardError.contains("Give at least one"))
    }

    @Test func knownCommandsAndOptionsStillWork() throws {
        #expect(try CLIRunner.run(["emit", "-p", Self.pattern]).status == 0)
        #expect(try CLIRunner.run(["test", "--pattern=\(Self.pattern)", Self.batch]).status == 0)
        #expect(try CLIRunner.run(["--version"]).status == 0)
    }

    @Test func jsonLinesOnStandardInputWithoutTheFlagGetsAHint() throws {
        let result = try CLIRunner.run(["test", "--source", "raw", "-p", #"{"a":[1]}"#, "-"], input: "{\"a\":1}\n{\"a\":2}\n")
        #expect(result.status == 65)
        #expect(result.standardError.contains("<stdin>: hint: this looks like JSON Lines (one record per line); give --jsonl"))
        // Not for other trailing content on the same line.
        let sameLine = try CLIRunner.run(["test", "--source", "raw", "-p", #"{"a":[1]}"#, "-"], input: "{\"a\":1} x\n")
        #expect(!sameLine.standardError.contains("hint"))
    }

    @Test func explainOfAJSONLinesFileGetsAHint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-hint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("records.jsonl")
        try Data("{\"a\":1}\n{\"a\":2}\n".utf8).write(to: file)
        let result = try CLIRunner.run(["explain", "--source", "raw", "-p", #"{"a":[1]}"#, file.path])
        #expect(result.status == 65)
        #expect(
            result.standardError.contains(
                "hint: this looks like JSON Lines (one record per line); explain reads one record: pick its line with --line N"))
        #expect(try CLIRunner.run(["explain", "--source", "raw", "-p", #"{"a":[1]}"#, "--line", "2", file.path]).status == 0)
    }

    // MARK: - Help agrees with what is accepted

    struct FormatCase: Sendable, CustomTestStringConvertible {
        var command: String
        var arguments: [String]
        var testDescription: String { command }
    }

    static let formatCases: [FormatCase] = [
        FormatCase(command: "check", arguments: [pattern]),
        FormatCase(command: "test", arguments: ["-p", pattern, batch]),
        FormatCase(command: "explain", arguments: ["-p", pattern, "--record", "Records[0]", batch]),
        FormatCase(command: "criteria", arguments: ["-p", pattern]),
    ]

    /// Every `--format` value the help lists is accepted, and nothing else is.
    @Test(arguments: formatCases)
    func formatValuesInHelpAreAccepted(_ testCase: FormatCase) throws {
        let help = try CLIRunner.run(["help", testCase.command]).standardOutput.replacingOccurrences(of: "\n", with: " ")
        // The option's own entry, after the usage line that names it too.
        let option = try #require(help.ranges(of: "--format <format>").last, "no --format in help")
        let values = help[option.upperBound...].firstMatch(of: #/\(values: ([^;)]+)/#).map { String($0.1) }
        let listed = try #require(values, "no values listed for --format")
        let accepted = listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!accepted.isEmpty)
        for value in accepted {
            let result = try CLIRunner.run([testCase.command, "--format", value] + testCase.arguments)
            // Not a usage error (64): the value the help lists is one the command takes.
            #expect(result.status != 64, "\(testCase.command) --format \(value): \(result.standardError)")
        }
        if !accepted.contains("junit") {
            let refused = try CLIRunner.run([testCase.command, "--format", "junit"] + testCase.arguments)
            #expect(refused.status == 64)
        }
    }
}
