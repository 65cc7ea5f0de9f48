import ArgumentParser

@main
struct LambdaFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda-filter",
        abstract: "Check, test and explain AWS Lambda event filter patterns.",
        version: "0.1.0",
        subcommands: [TestCommand.self]
    )
}
