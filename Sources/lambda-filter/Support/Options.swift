import ArgumentParser
import Foundation
import LambdaFilter
import LambdaFilterSources

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
            discussion:
                "lambda is what Lambda event source mappings accept; eventbridge adds wildcard and the anything-but forms with prefix, suffix, equals-ignore-case and wildcard."
        )
    )
    var dialect: DialectChoice?

    /// The dialect given, or the one that suits `source`.
    func resolved(for source: SourceSelection) -> Dialect {
        dialect?.dialect ?? source.defaultDialect
    }
}

/// `--pattern`, shared by `test` and `explain`.
struct PatternOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "A pattern file, or the pattern's JSON text itself when it starts with '{'. Repeat it for several filters of one FilterCriteria: a record passes when any of them matches. Also a FilterCriteria, mapping output, CloudFormation/SAM/Pipes template, serverless.yml or Terraform file: its mappings' filters.",
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

/// `--mapping ID`, shared by `test`, `explain` and `criteria`: which mapping of a template,
/// mapping list or other document given to `--pattern`.
struct MappingOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The mapping to use when --pattern holds several: a logical ID, Function.Event (SAM), a UUID, a Terraform address, function.events[i] (Serverless).",
            valueName: "id"
        )
    )
    var mapping: String?
}

/// `--source`: one set of values for every command, each listed with its meaning in `--help`.
extension SourceSelection: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
    }
}
