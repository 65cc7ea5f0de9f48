import ArgumentParser
import Foundation
import LambdaFilter

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run patterns over records and print each record's verdict."
    )

    @Option(name: .long, help: "A pattern file; several make one FilterCriteria (a record passes when any matches).")
    var pattern: [String] = []

    @Option(name: .long, help: "Where the records come from: raw.")
    var source: String = "raw"

    @Option(name: .long, help: "Output format: text or json.")
    var format: String = "text"

    @Argument(help: "Record files.")
    var records: [String] = []

    func run() throws {
        let dialect: Dialect = source == "raw" ? .eventbridge : .lambda
        var patterns: [Pattern] = []
        for path in pattern {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            do {
                patterns.append(try Pattern(parsing: text, dialect: dialect))
            } catch {
                FileHandle.standardError.write(Data("\(path):\(error.location.line):\(error.location.column): error: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
        }
        let matcher = Matcher(patterns: patterns)
        for path in records {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            do {
                let matched = try matcher.matchingPatterns(in: bytes)
                print("{\"record\":\(JSONWriter.quote(path)),\"matched\":\(!matched.isEmpty),\"filters\":\(matched)}")
            } catch {
                FileHandle.standardError.write(Data("\(path): error: \(error.reason) (byte \(error.offset))\n".utf8))
                throw ExitCode(65)
            }
        }
    }
}
