import ArgumentParser
import Foundation

/// The `lambda-filter` root command.
@main
struct LambdaFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda-filter",
        abstract: "Check, test and explain AWS Lambda event filter patterns.",
        discussion: """
            Author a filter at the terminal, assert its verdicts in CI, and emit the \
            FilterCriteria for your deployment tool.

              lambda-filter check Patterns/
              lambda-filter test -p Patterns/sqs/orders-over-100.json Samples/sqs/
              lambda-filter explain -p filter.json --record 'Records[1]' event.json
              lambda-filter criteria -p filter.json --format aws-cli

            Exit status:
              0   success: every pattern valid, every record read, every expectation held
              1   a pattern is invalid, or a verdict differs from the expectations
              64  usage error (unknown option, missing argument, conflicting options)
              65  unreadable input: a missing file, invalid UTF-8, a record that is
                  not JSON or not a record of its source (the other records still
                  get their verdicts first)
            When both 1 and 65 apply, the status is 65.

            Colour (--color auto) is used only when standard output is a terminal, NO_COLOR \
            is not set and TERM is not dumb; --color always or never overrides that. \
            Shell completions: lambda-filter --generate-completion-script bash|zsh|fish.
            """,
        version: "0.2.0",
        subcommands: [
            CheckCommand.self, TestCommand.self, ExplainCommand.self, CriteriaCommand.self, SimulateCommand.self, DynamoDBCommand.self,
            RulesCommand.self,
        ]
    )

    /// Names a misspelled subcommand before ArgumentParser takes it for the root command's
    /// argument (and complains about the options that follow it instead).
    static func main() {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        let aliases = configuration.subcommands.flatMap { $0.configuration.aliases }
        if let message = UsageChecks.unknownSubcommandMessage(
            Array(CommandLine.arguments.dropFirst()), subcommands: names, aliases: aliases)
        {
            printError("Error: \(message)\nUsage: lambda-filter <subcommand>\n  See 'lambda-filter --help' for more information.")
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        // The first parse skips the unknown-option check (see `UsageChecks.checksUnknownOptions`);
        // a command line it rejects is parsed again with the check, which reports the error as
        // a single checked parse would (a misspelled option named before a missing one).
        UsageChecks.checksUnknownOptions = false
        var command: ParsableCommand
        do {
            command = try parseAsRoot(nil)
        } catch {
            UsageChecks.checksUnknownOptions = true
            main(nil)
            return
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
