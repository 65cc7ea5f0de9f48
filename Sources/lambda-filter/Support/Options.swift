import ArgumentParser
import Foundation
import LambdaFilter

/// How results are printed.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// For people: aligned lines, colour on a terminal.
    case text
    /// For tools: JSON (one object per record for `test`, one document for `check`).
    case json
    /// For CI systems: JUnit XML.
    case junit
}

/// The pattern dialect, as a command-line value.
enum DialectChoice: String, CaseIterable, ExpressibleByArgument {
    case lambda
    case eventbridge

    var dialect: Dialect {
        switch self {
        case .lambda: return .lambda
        case .eventbridge: return .eventbridge
        }
    }
}

/// `--dialect`, shared by every command that reads patterns.
struct DialectOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Which operator set patterns may use (default: lambda; eventbridge with --source raw).",
            discussion: "lambda is what Lambda event source mappings accept; eventbridge adds wildcard and the anything-but forms with prefix, suffix, equals-ignore-case and wildcard."
        )
    )
    var dialect: DialectChoice?

    /// The dialect given, or the one that suits `source`.
    func resolved(forRawSource raw: Bool) -> Dialect {
        dialect?.dialect ?? (raw ? .eventbridge : .lambda)
    }
}

/// `--pattern`, shared by `test` and `explain`.
struct PatternOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "A pattern file, or the pattern's JSON text itself when it starts with '{'. Repeat it for several filters of one FilterCriteria: a record passes when any of them matches.",
            valueName: "pattern"
        ),
        completion: .file(extensions: ["json"])
    )
    var pattern: [String] = []
}

/// `--color`, shared by the commands that print coloured text.
struct ColorOptions: ParsableArguments {
    @Option(name: .long, help: "Colour text output: auto (a terminal, unless NO_COLOR is set or TERM=dumb), always or never.")
    var color: ColorChoice = .auto

    /// The terminal as this choice sees it.
    var terminal: Terminal { Terminal(environment: ProcessInfo.processInfo.environment, color: color) }
}
