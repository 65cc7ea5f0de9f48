import ArgumentParser
import Foundation

/// Usage mistakes named before anything else: a misspelled subcommand or option.
///
/// ArgumentParser runs a command's `validate()` before it reports unknown options, so
/// `test --patern a.json b.json` would say "Give at least one --pattern" and hide the typo; and
/// a misspelled subcommand (`tset -p a b`) is taken for the root command, which then complains
/// about `-p`. These checks run first and name the typo, with the closest correct spelling.
enum UsageChecks {
    /// Whether `rejectUnknownOptions` checks at all. Reading a command's help text costs a fifth
    /// of the tool's start-up, and a command line that ArgumentParser accepts holds no unknown
    /// option, so `LambdaFilterCommand.main` parses once without the check and, only when that
    /// parse fails, again with it. Set on the main thread before parsing, never while it runs.
    nonisolated(unsafe) static var checksUnknownOptions = true

    /// Throws a usage error naming the first `--option` in the command line that `command` does
    /// not declare (its help lists every option it has; the usage line is shortened to
    /// `[<options>]` once a command has many). Does nothing while `checksUnknownOptions` is off.
    static func rejectUnknownOptions<Command: ParsableCommand>(_ command: Command.Type, arguments: [String] = CommandLine.arguments) throws
    {
        guard checksUnknownOptions else { return }
        let known = Set(declaredOptions(in: command.helpMessage(columns: 10_000)) + ["--help", "--version"])
        for argument in arguments.dropFirst() {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.prefix { $0 != "=" })
            if known.contains(name) { continue }
            var message = "Unknown option '\(name)'."
            if let suggestion = closest(to: name, among: known.sorted()) { message += " Did you mean '\(suggestion)'?" }
            throw ValidationError(message)
        }
    }

    /// The error for a first argument that is no subcommand, or `nil` when it is one (or an option).
    static func unknownSubcommandMessage(_ arguments: [String], subcommands: [String], aliases: [String] = []) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !(subcommands + aliases + ["help"]).contains(first) else { return nil }
        var message = "Unknown command '\(first)'."
        if let suggestion = closest(to: first, among: subcommands + aliases) { message += " Did you mean '\(suggestion)'?" }
        return message + " The commands: " + subcommands.joined(separator: ", ") + "."
    }

    /// The `--name` options a help text declares: the names at the start of its option lines
    /// (`  -p, --pattern <pattern>    A pattern file...` → `--pattern`), not those its prose mentions.
    static func declaredOptions(in help: String) -> [String] {
        help.split(separator: "\n").flatMap { line -> [String] in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-") else { return [] }
            // The names end where the description starts, after a run of spaces.
            let names = trimmed.components(separatedBy: "  ").first ?? ""
            return longOptions(in: names)
        }
    }

    /// `--name` words of a usage line: `[--pattern <pattern> ...] [--quiet]` → `--pattern`, `--quiet`.
    static func longOptions(in usage: String) -> [String] {
        var names: [String] = []
        var current = ""
        for character in usage + " " {
            if character.isLetter || character.isNumber || character == "-" {
                current.append(character)
            } else {
                if current.hasPrefix("--"), current.count > 2 { names.append(current) }
                current = ""
            }
        }
        return names
    }

    /// The candidate within an edit distance of 2 (or a third of the word), closest first.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit (`tset` → `test`).
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

/// A hint for a JSON parse error that JSON Lines explains: the first line is a whole JSON value
/// and more follows on the next line.
enum JSONLinesHint {
    /// The parser's reason when a value is followed by more text.
    static let trailingContent = "unexpected content after the JSON value"

    /// Whether `bytes`, which failed to parse at `offset` for `reason`, look like JSON Lines.
    static func looksLikeJSONLines(_ bytes: [UInt8], reason: String, offset: Int) -> Bool {
        guard reason == trailingContent, offset <= bytes.count else { return false }
        // Only whitespace, with a line break, between the first value and what follows it.
        var index = offset - 1
        var sawNewline = false
        while index >= 0, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[index]) {
            if bytes[index] == 0x0A { sawNewline = true }
            index -= 1
        }
        return sawNewline
    }
}
