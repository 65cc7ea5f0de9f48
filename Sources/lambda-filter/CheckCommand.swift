import ArgumentParser
import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterCriteria

/// `lambda-filter check`: validate pattern files, FilterCriteria and templates.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate filter patterns, FilterCriteria and CloudFormation/SAM templates.",
        discussion: """
            Reports every error in every file, compiler-style (file:line:col, the line, a caret, \
            the JSON path), and warnings for constructs AWS accepts but that may surprise. A \
            directory is searched for *.json, *.yaml, *.yml and *.tf files. A file holding \
            FilterCriteria JSON, a mapping request or get/list-event-source-mappings output, a \
            CloudFormation/SAM/Pipes or cdk.out template (JSON or YAML), a serverless.yml or \
            Terraform (HCL or `terraform show -json`) is read for every mapping it holds; a \
            mistake in one of its patterns is shown at its place in that file, or, when the \
            Pattern string is folded or computed, on the pattern's own line with a note saying \
            so. Each mapping's other parameters are checked against AWS's ranges for its source \
            (--operation says create or update when the file does not). A pattern's length \
            counts as `criteria` sends it (minified), or --as-written. A value computed at \
            deploy time (!Ref, Fn::Sub with variables, var.x) is a warning. \
            Patterns/manifest.json files are skipped (run them with `test --manifest`). A run \
            that checked nothing exits 1.

            Every valid pattern is linted (`lambda-filter rules` lists the rules, docs/lint.md \
            explains them): fields the source's records do not have, source traps, filters that \
            never or always match, quotas. --source enables the rules that know a source's \
            records (a template's mappings name their own); --samples compares with sample \
            records; --ignore drops a rule. Notes never fail, not even with --strict.

            Examples:
              lambda-filter check Patterns/
              lambda-filter check --dialect eventbridge rules/*.json
              lambda-filter check --format junit template.yaml > check-report.xml
              lambda-filter check --strict --source sqs --samples Samples/sqs/ filters/
            """
    )

    @OptionGroup var dialectOptions: DialectOptions

    @OptionGroup var colorOptions: ColorOptions

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .text

    @Option(
        name: .long,
        help:
            "Also apply the lint rules that know this source's records (fields, type keys, traps); templates name their own sources, and this is the source of mappings whose file does not say."
    )
    var source: SourceSelection?

    @Flag(name: .long, help: "Count warnings as failures (exit 1); notes never fail.")
    var strict = false

    @OptionGroup var lintOptions: LintCheckOptions

    @Flag(name: .long, help: "Count a pattern file's length against 4096 as written, not minified as `criteria` sends it.")
    var asWritten = false

    @Option(
        name: .long,
        help: "The request whose parameter rules apply when a mapping's file does not say (a request with a UUID is an update).")
    var operation: OperationChoice = .create

    @OptionGroup var documentLimitOptions: DocumentLimitOptions

    @Argument(
        help:
            "Pattern files (or a pattern's text, starting with '{'), templates, mapping output, serverless.yml or Terraform files, directories, globs, or - for standard input.",
        completion: .file(extensions: ["json", "yaml", "yml", "tf"]))
    var files: [String] = []

    func validate() throws {
        try UsageChecks.rejectUnknownOptions(Self.self)
        if files.isEmpty { throw ValidationError("Give at least one pattern file or directory (or - for standard input).") }
    }

    func run() throws {
        try reportingFailures {
            let dialect = dialectOptions.resolved(for: source ?? .auto)
            // An argument that starts with `{` is a pattern's text, as with `test -p`.
            let isInline = { (argument: String) in argument.drop { $0 == " " || $0 == "\n" || $0 == "\t" }.first == "{" }
            let inputs = try InputFiles.expand(files.filter { !isInline($0) }, extensions: ["json", "yaml", "yml", "tf"])
            let lint = try lintOptions.settings(source: source)
            let checker = FileChecker(
                dialect: dialect, source: source?.mappingSource, lint: lint, asWritten: asWritten, operation: operation,
                maxDocumentBytes: documentLimitOptions.maxDocumentBytes)
            let inline = files.filter(isInline).enumerated().map { checker.check(text: $1, name: "<pattern \($0 + 1)>") }
            let checked = inline + inputs.map { checker.check($0) }
            let output = OutputStream()
            switch format {
            case .text: renderText(checked, output: output)
            case .json: output.line(JSONWriter.write(renderJSON(checked), options: .pretty))
            case .junit: output.line(renderJUnit(checked))
            }
            output.flush()
            if checked.contains(where: \.unreadable) { throw ExitStatus.unreadableInput }
            if !checked.contains(where: { $0.skipped == nil && ($0.filterCount > 0 || !$0.findings.isEmpty) }) {
                // A CI job that checked nothing must not pass.
                printError("error: nothing was checked: no input holds a filter pattern, FilterCriteria or mapping")
                throw ExitStatus.failure
            }
            if checked.contains(where: { !$0.valid || (strict && !$0.warnings.isEmpty) }) { throw ExitStatus.failure }
        }
    }

    private func renderText(_ checked: [CheckedFile], output: OutputStream) {
        let terminal = colorOptions.terminal
        let renderer = DiagnosticRenderer(terminal: terminal)
        for file in checked {
            if let reason = file.skipped {
                output.line("\(file.name): skipped: \(reason)")
                continue
            }
            for finding in file.findings {
                output.line(finding.render(file: file.name, renderer: renderer, terminal: terminal))
            }
        }
        let examined = checked.filter { $0.skipped == nil }
        let invalid = examined.filter { !$0.valid }.count
        let errors = examined.reduce(0) { $0 + $1.errors.count }
        let warnings = examined.reduce(0) { $0 + $1.warnings.count }
        let notes = examined.reduce(0) { $0 + $1.notes.count }
        var summary =
            "\(examined.count) file\(examined.count == 1 ? "" : "s") checked: \(examined.count - invalid) valid, \(invalid) invalid"
        if errors + warnings + notes > 0 {
            summary +=
                " (\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(notes > 0 ? ", \(notes) note\(notes == 1 ? "" : "s")" : ""))"
        }
        output.line(invalid > 0 ? terminal.paint(summary, .red) : summary)
    }

    private func renderJSON(_ checked: [CheckedFile]) -> JSONValue {
        let files: [JSONValue] = checked.map { file in
            .fields([
                "file": .string(file.name),
                "kind": .string(file.kind.rawValue),
                "valid": .bool(file.valid),
                "skipped": .text(file.skipped),
                "filters": .integer(file.skipped == nil ? file.filterCount : nil),
                "errors": .array(file.errors.map(\.json)),
                "warnings": .array(file.warnings.map(\.json)),
                "notes": file.notes.isEmpty ? nil : .array(file.notes.map(\.json)),
            ])
        }
        return .fields(["valid": .bool(checked.allSatisfy(\.valid)), "files": .array(files)])
    }

    private func renderJUnit(_ checked: [CheckedFile]) -> String {
        var report = JUnitReport(suiteName: "lambda-filter check")
        let renderer = DiagnosticRenderer(terminal: .plain)
        for file in checked where file.skipped == nil {
            let details = file.findings.map { $0.render(file: file.name, renderer: renderer, terminal: .plain) }.joined(separator: "\n")
            var testCase = JUnitReport.TestCase(name: file.name, className: "check.\(file.kind.rawValue)")
            if let first = file.errors.first {
                let failure = ("\(file.errors.count) error\(file.errors.count == 1 ? "" : "s"): \(first.diagnostic.message)", details)
                if file.unreadable { testCase.error = failure } else { testCase.failure = failure }
            } else if !file.warnings.isEmpty {
                testCase.output = details
            }
            report.cases.append(testCase)
        }
        return report.render()
    }
}

/// What checking one file found.
struct CheckedFile {
    enum Kind: String {
        case pattern
        case criteria = "filter-criteria"
        case manifest
        case unreadable
    }

    var name: String
    var kind: Kind
    var findings: [Finding] = []
    var filterCount = 0
    /// Why the file was not checked (a manifest).
    var skipped: String?

    var errors: [Finding] { findings.filter { $0.diagnostic.severity == .error } }
    var warnings: [Finding] { findings.filter { $0.diagnostic.severity == .warning } }
    var notes: [Finding] { findings.filter { $0.diagnostic.severity == .note } }
    var valid: Bool { errors.isEmpty }
    var unreadable: Bool { kind == .unreadable }
}

/// One diagnostic, with what is needed to show it: the text it points into, or the FilterCriteria
/// entry it belongs to.
struct Finding {
    var diagnostic: Diagnostic
    /// The text `diagnostic.location` refers to, for the excerpt and caret.
    var source: TextLocator?
    /// `MyFunction/Events/Queue: Filters[1]` for findings inside a FilterCriteria document.
    var context: String?
    /// The filter's pattern string, for findings inside a FilterCriteria document; there
    /// `diagnostic.location` is relative to the pattern text.
    var pattern: PatternSource?
    /// The FilterCriteria document's bytes, for an excerpt when the pattern maps into it.
    var document: TextLocator?

    /// Whether the diagnostic points at a place in the pattern (errors and core warnings do;
    /// findings about a whole filter or entry do not).
    private var pointsIntoPattern: Bool { diagnostic.jsonPath != nil }

    /// Where the diagnostic is in the document, when the pattern string maps into it.
    private var documentLocation: TextLocation? {
        guard pointsIntoPattern else { return nil }
        return pattern?.documentLocation(ofPatternOffset: diagnostic.location.offset)
    }

    var json: JSONValue {
        guard case .object(var members) = diagnostic.json else { return diagnostic.json }
        if source == nil && diagnostic.jsonPath == nil {
            // No place to point at: the message concerns the whole file or entry.
            members.removeAll { ["line", "column", "offset"].contains($0.key) }
        } else if source == nil {
            // The location is inside the pattern string of a FilterCriteria entry, not the file.
            members.append(JSONMember("locationIn", "pattern"))
        }
        if let start = pattern?.start {
            members.append(JSONMember("patternStart", .fields(["line": .integer(start.line), "column": .integer(start.column)])))
        }
        if let place = documentLocation {
            members.append(JSONMember("fileLine", .number(String(place.line))))
            members.append(JSONMember("fileColumn", .number(String(place.column))))
        }
        if let context, !context.isEmpty { members.insert(JSONMember("entry", .string(context)), at: 0) }
        return .object(members)
    }

    func render(file: String, renderer: DiagnosticRenderer, terminal: Terminal) -> String {
        if let source, context == nil {
            return renderer.render(diagnostic, file: file, source: source)
        }
        if let pattern {
            return render(file: file, pattern: pattern, renderer: renderer, terminal: terminal)
        }
        let label = diagnostic.severity.label(terminal)
        var line = "\(terminal.paint(file + ":", .bold)) "
        if let context, !context.isEmpty { line += "\(context): " }
        line += "\(label) \(diagnostic.message) [\(diagnostic.code)]"
        if let path = diagnostic.jsonPath {
            line += "\n    = at \(path) (pattern line \(diagnostic.location.line), column \(diagnostic.location.column))"
        }
        if let fix = diagnostic.fix { line += "\n    = fix: \(fix)" }
        return line
    }

    /// Compiler-style, for a finding in a filter's pattern inside a FilterCriteria document:
    /// `file:line:col: error: Entry: Filters[1]: message`, then the document's line with a caret
    /// when the pattern maps into it, else the pattern's own line with a caret (labelled as such).
    private func render(file: String, pattern: PatternSource, renderer: DiagnosticRenderer, terminal: Terminal) -> String {
        let label = diagnostic.severity.label(terminal)
        let mapped = documentLocation
        let place = (mapped ?? pattern.start).map { ":\($0.line):\($0.column)" } ?? ""
        var header = "\(terminal.paint(file + place + ":", .bold)) \(label) "
        if let context, !context.isEmpty { header += "\(context): " }
        header += "\(diagnostic.message) [\(diagnostic.code)]"
        var lines = [header]
        guard pointsIntoPattern else { return header + (diagnostic.fix.map { "\n    = fix: \($0)" } ?? "") }
        let location = diagnostic.location
        var gutterLine = location.line
        if let mapped, let document, case let excerpt = renderer.excerptLines(document, line: mapped.line, column: mapped.column),
            !excerpt.isEmpty
        {
            lines += excerpt
            gutterLine = mapped.line
        } else {
            // The string's writing (folded, multi-line, computed) does not map into the file: point into the pattern itself.
            let start = pattern.start.map { ", which starts at line \($0.line), column \($0.column)" } ?? ""
            lines.append(
                "  \(renderer.gutter(for: location.line)) = pattern line \(location.line), column \(location.column) (relative to the \(pattern.style.rawValue) Pattern string\(start))"
            )
            lines += renderer.excerptLines(TextLocator(pattern.text.utf8), line: location.line, column: location.column)
        }
        if let path = diagnostic.jsonPath {
            lines.append("  \(renderer.gutter(for: gutterLine)) = at \(path)")
        }
        if let fix = diagnostic.fix {
            lines.append("  \(renderer.gutter(for: gutterLine)) = fix: \(fix)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Checks one file: a pattern, or any document `FilterDocument` reads (FilterCriteria, mappings, templates, serverless.yml, Terraform).
struct FileChecker {
    var dialect: Dialect
    /// The mapping source whose rules apply to plain pattern files, if given.
    var source: MappingSource?
    /// Lint settings (ignored rules, samples).
    var lint = LintSettings()
    /// Count a pattern file's length as written rather than minified.
    var asWritten = false
    /// The request whose rules apply to mappings whose file does not say.
    var operation: OperationChoice = .create
    /// The largest document read (`--max-document-bytes`).
    var maxDocumentBytes = FilterCriteriaReader.maxDocumentBytes

    func check(_ input: InputFiles.Input) -> CheckedFile {
        let name = input.displayName
        let text: String
        do {
            text = try InputFiles.readText(input).text
        } catch {
            var message = (error as? CommandFailure)?.message ?? "\(error)"
            // The row already starts with the file's name.
            if message.hasPrefix(name + ": ") { message.removeFirst(name.count + 2) }
            let diagnostic = Diagnostic(
                severity: .error, code: "unreadable", message: message, location: TextLocation(offset: 0, line: 1, column: 1))
            return CheckedFile(name: name, kind: .unreadable, findings: [Finding(diagnostic: diagnostic, context: "")])
        }
        return check(text: text, name: name)
    }

    /// Checks a text already read: a pattern, or any document `FilterDocument` reads.
    func check(text: String, name: String) -> CheckedFile {
        let document = FilterDocument.read(
            text: text, name: name, options: FilterReadOptions(defaultSource: source, maxDocumentBytes: maxDocumentBytes))
        switch document.kind {
        case .manifest:
            return CheckedFile(
                name: name, kind: .manifest, skipped: "a pattern manifest, not a pattern (run it with `lambda-filter test --manifest`)")
        case .pattern:
            // The text without a byte-order mark; locations point into it.
            let text = String(decoding: document.bytes, as: UTF8.self)
            let bytes = TextLocator(document.bytes)
            let diagnosis = Pattern.diagnose(text, dialect: dialect, limits: PatternLimits(maxLength: nil))
            var findings =
                diagnosis.errors.map { Finding(diagnostic: Diagnostic($0, dialect: dialect), source: bytes) }
                + diagnosis.warnings.map { Finding(diagnostic: Diagnostic($0), source: bytes) }
            if let pattern = diagnosis.pattern {
                if let tooLong = lengthFinding(pattern, text: text) { findings.insert(tooLong, at: 0) }
                findings += lintFindings([pattern], source: source, bytes: bytes)
            }
            return CheckedFile(name: name, kind: .pattern, findings: findings, filterCount: diagnosis.pattern == nil ? 0 : 1)
        default:
            return checkDocument(document, name: name)
        }
    }

    /// Lint's findings for a pattern file: placed in the file when they concern a field.
    private func lintFindings(_ patterns: [Pattern], source: MappingSource?, bytes: TextLocator) -> [Finding] {
        lint.findings(for: patterns, source: source?.eventSource).map { finding in
            let diagnostic = LintSettings.diagnostic(finding)
            if finding.location != nil { return Finding(diagnostic: diagnostic, source: bytes) }
            return Finding(diagnostic: diagnostic, context: source.map { "for \($0.displayName)" } ?? "")
        }
    }

    /// Lint's findings for one FilterCriteria entry, with the entry's own source (or --source).
    func lintFindings(_ criteria: FilterCriteria, entry: CriteriaEntry, bytes: TextLocator) -> [Finding] {
        lint.findings(for: criteria.patterns, source: entry.source?.eventSource).map { finding in
            let context = entry.name + (finding.filterIndex.map { ": Filters[\($0)]" } ?? "")
            return Finding(
                diagnostic: LintSettings.diagnostic(finding), context: context, pattern: finding.filterIndex.flatMap(entry.pattern(at:)),
                document: bytes)
        }
    }

    static func diagnostic(_ error: CriteriaError) -> Diagnostic {
        if let patternError = error.patternError {
            return Diagnostic(patternError, dialect: .lambda)
        }
        return Diagnostic(
            severity: .error, code: error.code.rawValue, message: error.message, location: TextLocation(offset: 0, line: 1, column: 1))
    }
}
