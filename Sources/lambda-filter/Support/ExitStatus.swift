import ArgumentParser

/// The exit statuses, as the root command's help documents them.
enum ExitStatus {
    /// Everything ran; every pattern is valid; every expectation held.
    static let success = ExitCode(0)
    /// A pattern is invalid, or a record's verdict differs from the expectations file.
    static let failure = ExitCode(1)
    /// The command line is wrong (swift-argument-parser's `validationFailure`, `EX_USAGE`).
    static let usage = ExitCode.validationFailure
    /// An input could not be read: a missing file, a record that is not JSON (`EX_DATAERR`).
    /// The other records still get their verdicts first.
    static let unreadableInput = ExitCode(65)
}

/// A failure that stops a command: the message goes to stderr, the code becomes the exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitCode

    var description: String { message }

    static func unreadable(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: ExitStatus.unreadableInput)
    }

    static func invalid(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: ExitStatus.failure)
    }

    /// A command line that asks for something the input does not have (exit 64).
    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: ExitCode.validationFailure)
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into its message on stderr and its exit code.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            printError("error: \(failure.message)")
            throw failure.exitCode
        }
    }
}
