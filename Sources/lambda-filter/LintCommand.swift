import ArgumentParser
import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterCriteria
import LambdaFilterSources

/// `--ignore` and `--samples`: the lint options `check` takes.
struct LintCheckOptions: ParsableArguments {
    @Option(
        name: .customLong("ignore"),
        help: ArgumentHelp("Do not report this lint rule (repeatable; `lambda-filter rules` lists them).", valueName: "rule-id"))
    var ignored: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sample records or events (JSON or JSON Lines; repeatable): lint checks fields and types against them and suggests their fields.",
            valueName: "file"))
    var samples: [String] = []

    func validate() throws {
        for id in ignored where LintRules.rule(id: id) == nil {
            throw ValidationError("--ignore \(id): no such lint rule (run `lambda-filter rules` for the list).")
        }
    }

    /// The settings, with the samples read (records of `source`, or detected).
    func settings(source: SourceSelection?) throws -> LintSettings {
        LintSettings(options: LintOptions(ignoring: Set(ignored)), samples: try SampleLoading.views(samples, selection: source ?? .auto))
    }
}

/// What lint needs for a run, and the conversion of its findings into `check`'s diagnostics.
struct LintSettings {
    var options = LintOptions()
    var samples: [FilterView] = []

    /// Findings for one filter set, as `check` shows them.
    func findings(for patterns: [Pattern], source: EventSource?) -> [LintDiagnostic] {
        Linter.lint(patterns, source: source, samples: samples, options: options)
    }

    /// A lint finding as a CLI diagnostic (its location is in the filter's pattern text).
    static func diagnostic(_ finding: LintDiagnostic) -> Diagnostic {
        let severity: Diagnostic.Severity
        switch finding.severity {
        case .error: severity = .error
        case .warning: severity = .warning
        case .note: severity = .note
        }
        var diagnostic = Diagnostic(
            severity: severity, code: finding.rule.id, message: finding.fullMessage,
            location: finding.location ?? TextLocation(offset: 0, line: 1, column: 1), jsonPath: finding.patternPathDescription)
        diagnostic.fix = finding.fix
        return diagnostic
    }
}

/// Reads `--samples` files into the views lint compares patterns with.
enum SampleLoading {
    static func views(_ arguments: [String], selection: SourceSelection) throws -> [FilterView] {
        guard !arguments.isEmpty else { return [] }
        var views: [FilterView] = []
        for input in try InputFiles.expand(arguments, extensions: ["json", "jsonl"]) {
            let bytes = try InputFiles.read(input)
            var documents: [(line: Int, bytes: ArraySlice<UInt8>)] = []
            if input.displayName.lowercased().hasSuffix(".jsonl") {
                for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
                where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    documents.append((number + 1, line))
                }
            } else {
                documents.append((1, bytes[...]))
            }
            for document in documents {
                let value: JSONValue
                do {
                    value = try JSONParser().parseValue(bytes: Array(document.bytes))
                } catch {
                    throw CommandFailure.unreadable("\(input.displayName):\(document.line): --samples: invalid JSON: \(error.reason)")
                }
                for result in EventSplitter.records(in: value, selection: selection) {
                    switch result {
                    case .success(let record): views.append(record.view)
                    case .failure(let error):
                        throw CommandFailure.unreadable(
                            "\(input.displayName)#\(error.position): --samples: \(error.field.isEmpty ? "" : error.field + ": ")\(error.message)"
                        )
                    }
                }
            }
        }
        return views
    }
}

/// `lambda-filter rules`: the lint rules `check` applies.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules `check` applies, with their severity and fix.",
        discussion: """
            `check` applies these rules to every valid pattern; `--source` enables the rules \
            that know a source's records, `--samples` those that read sample records. Errors \
            and warnings fail `check --strict`; notes never do. `--ignore ID` drops a rule. \
            docs/lint.md holds the same table (`--format markdown`).

            Examples:
              lambda-filter rules
              lambda-filter rules --format markdown
              lambda-filter check --source sqs --ignore undocumented-filter-field Patterns/sqs/
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, markdown, json
    }

    @Option(name: .long, help: "Output format.")
    var format: Format = .text

    func run() throws {
        let output = OutputStream()
        switch format {
        case .markdown:
            output.line(LintRules.markdownTable)
        case .json:
            let rules: [JSONValue] = LintRules.all.map { rule in
                .fields([
                    "id": .string(rule.id), "severity": .string(rule.severity.rawValue), "category": .string(rule.category.rawValue),
                    "summary": .string(rule.summary), "fix": .string(rule.fix),
                ])
            }
            output.line(JSONWriter.write(.fields(["rules": .array(rules)]), options: .pretty))
        case .text:
            let width = LintRules.all.map(\.id.count).max() ?? 0
            for rule in LintRules.all {
                let padded = rule.id + String(repeating: " ", count: width - rule.id.count)
                output.line(
                    "\(padded)  \(rule.severity.rawValue)\(String(repeating: " ", count: 8 - rule.severity.rawValue.count))\(rule.summary)")
            }
        }
        output.flush()
    }
}
