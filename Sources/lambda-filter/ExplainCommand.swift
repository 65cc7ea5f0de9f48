import ArgumentParser
import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources

/// `lambda-filter explain`: why a record passes or not, field by field.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the document the filter sees and, field by field, why each condition held or failed.",
        discussion: """
            For each record of the input (a single record or a whole event; pick one with \
            --record) it prints the document Lambda's filter sees (payload decoded), then for \
            each pattern every field condition: the values found at its path, which condition \
            held or failed and why, and hints for near misses (a number written as a string, a \
            case difference, a value nested one level deeper, a DynamoDB value compared without \
            its type key, a body pattern on a non-JSON body...).

            Examples:
              lambda-filter explain -p filter.json --record 'Records[1]' event.json
              lambda-filter explain --source raw -p '{"n": [{"numeric": [">", 1]}]}' r.json
              lambda-filter explain -p filter.json --format json event.json
            """
    )

    @OptionGroup var patternOptions: PatternOptions

    @OptionGroup var mappingOptions: MappingOptions

    @Option(name: .long, help: "Where the record comes from: auto detects the source; raw matches the document as it is.")
    var source: SourceSelection = .auto

    @OptionGroup var dialectOptions: DialectOptions

    /// explain has no JUnit form, so its values are its own (help lists only what it accepts).
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text
        case json
    }

    @Option(name: .long, help: "Output format: text for people, json for tools.")
    var format: Format = .text

    @OptionGroup var colorOptions: ColorOptions

    @Option(name: .long, help: "Explain only this record of a whole event, by position (e.g. 'Records[1]').")
    var record: String?

    @Option(name: .long, help: "Read the record from this line of a JSON Lines file (1-based).")
    var line: Int?

    @OptionGroup var limitOptions: RecordLimitOptions

    @OptionGroup var documentLimitOptions: DocumentLimitOptions

    @Argument(help: "The record or event file, or - for standard input.", completion: .file(extensions: ["json", "jsonl"]))
    var input: String

    func validate() throws {
        try UsageChecks.rejectUnknownOptions(Self.self)
        if patternOptions.pattern.isEmpty { throw ValidationError("Give at least one --pattern.") }
        if let line, line < 1 { throw ValidationError("--line counts from 1.") }
    }

    func run() throws {
        try reportingFailures {
            let dialect = dialectOptions.resolved(for: source)
            let patterns = try PatternLoading.load(
                patternOptions.pattern, dialect: dialect, mapping: mappingOptions.mapping,
                maxDocumentBytes: documentLimitOptions.maxDocumentBytes)
            let matcher = try RecordLimitOptions.matcher(for: patterns.map(\.pattern), limits: limitOptions.matcherLimits)
            let (document, rawMatches, documentText) = try readDocument(patterns: patterns.map(\.pattern), matcher: matcher)
            var unreadable = false
            var explained: [RecordExplanation] = []
            for result in records(in: document) {
                switch result {
                case .success(let sourceRecord):
                    if let record, sourceRecord.position.description != record { continue }
                    explained.append(
                        RecordExplanation(
                            record: sourceRecord, patterns: patterns, matcher: matcher, matched: rawMatches, documentText: documentText))
                case .failure(let error):
                    if let record, error.position.description != record { continue }
                    printError("\(input)#\(error.position): error: \(error.field.isEmpty ? "" : error.field + ": ")\(error.message)")
                    unreadable = true
                }
            }
            if let record, explained.isEmpty && !unreadable {
                let positions = records(in: document).compactMap { try? $0.get().position.description }
                throw CommandFailure.unreadable("\(input) has no record at \(record); its records: \(positions.joined(separator: ", "))")
            }
            let output = OutputStream()
            switch format {
            case .json:
                // Written piece by piece: a huge record's document is never one string.
                var sink = output
                RecordExplanation.writeJSON(explained, to: &sink)
                output.write("\n")
            case .text:
                let renderer = ExplanationTextRenderer(terminal: colorOptions.terminal, inputName: line.map { "\(input):\($0)" } ?? input)
                for (index, explanation) in explained.enumerated() {
                    if index > 0 { output.write("\n") }
                    renderer.render(explanation, into: output)
                }
            }
            output.flush()
            if unreadable { throw ExitStatus.unreadableInput }
        }
    }

    /// The input's document, and with `--source raw` the patterns its bytes match and the bytes.
    ///
    /// A raw record is the input itself, so it is matched on its bytes as `test --source raw`
    /// matches it, shown from its bytes, and read into a tree only where the explanation looks
    /// (`PatternExplainer.recordParts`): a huge record costs its bytes, not a tree of them
    /// (900,000 small objects took 3.8 bytes of tree per byte of text). Other sources are split
    /// and decoded from the whole tree, whose bytes are released when this returns.
    private func readDocument(patterns: [Pattern], matcher: Matcher) throws -> (JSONValue, matched: [Int]?, text: [UInt8]?) {
        let inputFile: InputFiles.Input = input == "-" ? .standardInput : .file(input)
        var bytes = InputFiles.droppingByteOrderMark(try InputFiles.read(inputFile))
        var lineNumber = 1
        if let line {
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard line <= lines.count, !lines[line - 1].isEmpty else {
                throw CommandFailure.unreadable("\(input) has no record on line \(line)")
            }
            bytes = Array(lines[line - 1])
            if bytes.last == 0x0D { bytes.removeLast() }
            lineNumber = line
        }
        do {
            let parser = JSONParser(maxDepth: limitOptions.maxDepth)
            if source == .raw, let matched = try? matcher.matchingPatterns(in: bytes) {
                let keeping = PatternExplainer.recordParts(for: patterns, alsoKeeping: FieldSuggestions.keysReadBeyondFields)
                let document = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                    try parser.parseValue(utf8: buffer, keeping: keeping)
                }
                return (document, matched, bytes)
            }
            return (try parser.parseValue(bytes: bytes), nil, nil)
        } catch {
            let location = TextLocation(offset: error.offset, in: bytes)
            var message = "\(input):\(lineNumber + location.line - 1):\(location.column): invalid JSON: \(error.reason)"
            if line == nil, JSONLinesHint.looksLikeJSONLines(bytes, reason: error.reason, offset: error.offset) {
                message +=
                    "\n\(input): hint: this looks like JSON Lines (one record per line); explain reads one record: pick its line with --line N"
            }
            throw CommandFailure.unreadable(message)
        }
    }

    private func records(in document: JSONValue) -> [Result<SourceRecord, RecordError>] {
        EventSplitter.records(in: document, selection: source, limits: limitOptions.payloadLimits)
    }
}

/// One record explained against every pattern: the view, each filter's outcome, the field detail.
struct RecordExplanation {
    struct FilterDetail {
        var pattern: LoadedPattern
        var outcome: FilterOutcome
        var explanation: Explanation
        /// What the source adds: format mismatch, DynamoDB typed values...
        var sourceHints: [String]
    }

    var record: SourceRecord
    var verdict: Verdict
    var filters: [FilterDetail]
    /// The view's document as JSON text, when it is shown from its text: its tree (in `record`)
    /// then holds only what the explanation reads.
    var documentText: [UInt8]?

    /// - Parameter matcher: `patterns` compiled (once for every record).
    /// - Parameter matched: the patterns the record's view matches, when already known.
    /// - Parameter documentText: the view's document as validated JSON text, to show it from.
    init(record: SourceRecord, patterns: [LoadedPattern], matcher: Matcher, matched: [Int]? = nil, documentText: [UInt8]? = nil) {
        self.record = record
        self.documentText = documentText
        let set = FilterSet(source: record.view.source, matcher: matcher)
        let outcomes = matched.map { set.outcomes(matched: $0, payload: record.view.payload) } ?? set.outcomes(for: record.view)
        verdict = Verdict(outcomes: outcomes)
        filters = patterns.indices.map { index in
            let pattern = patterns[index]
            let explanation = PatternExplainer.explain(pattern: pattern.pattern, record: record.view.document)
            let hints = SourceHints.hints(pattern: pattern.pattern, form: set.dataForms[index], outcome: outcomes[index], view: record.view)
            return FilterDetail(pattern: pattern, outcome: outcomes[index], explanation: explanation, sourceHints: hints)
        }
    }

    /// Stands for a document shown from its text in `json`, until `writeJSON` replaces it.
    static let documentTextStandIn = "\u{1}lambda-filter:document-text\u{1}"

    /// `{"records": [...]}` for `explained`, pretty; a document kept as text is written from it.
    static func writeJSON(_ explained: [RecordExplanation], to target: inout some TextOutputStream) {
        let document: JSONValue = .fields(["records": .array(explained.map(\.json))])
        let texts = explained.compactMap(\.documentText)
        guard !texts.isEmpty else {
            JSONWriter.write(document, options: .pretty, to: &target)
            return
        }
        // The rest of the output is small next to the documents: it is written as one string,
        // and each mark (the first field after fixed ones, so before any record text) replaced.
        let written = JSONWriter.write(document, options: .pretty)
        let mark = "\"document\": " + JSONWriter.quote(documentTextStandIn)
        var rest = written[...]
        for text in texts {
            guard let found = rest.firstRange(of: mark) else { break }
            target.write(String(rest[..<found.lowerBound]) + "\"document\": ")
            text.withUnsafeBufferPointer { JSONWriter.writePretty(validated: $0, depth: 3, to: &target) }
            rest = rest[found.upperBound...]
        }
        target.write(String(rest))
    }

    var json: JSONValue {
        .fields([
            "position": .string(record.position.description),
            "source": .string(record.view.source?.rawValue ?? "raw"),
            "payload": record.view.dataKey.map { .fields(["key": .string($0), "format": .string(record.view.payload.description)]) },
            "document": documentText == nil ? record.view.document : .string(Self.documentTextStandIn),
            "verdict": .string(verdict.expectationName),
            "matched": .bool(verdict.isDelivered),
            "detail": .string(verdict.description),
            "filters": .array(
                filters.map { filter in
                    .fields([
                        "pattern": .string(filter.pattern.name),
                        "outcome": .string(filter.outcome.name),
                        "passes": .bool(filter.outcome.passes),
                        "hints": .array(filter.sourceHints.map { .string($0) }),
                        "conjunctions": .array(filter.explanation.conjunctions.map(Self.json)),
                    ])
                }),
        ])
    }

    static func json(_ conjunction: ConjunctionExplanation) -> JSONValue {
        .fields([
            "held": .bool(conjunction.held),
            "arrayConflict": conjunction.arrayConflict.map { .array($0.map { .string($0.description) }) },
            "fields": .array(
                conjunction.fields.map { field in
                    .fields([
                        "path": .string(field.path.description),
                        "held": .bool(field.held),
                        "reason": .string(field.reason),
                        "hints": .array(field.hints.map { .string($0) }),
                        "values": .array(field.leaves.map { .fields(["at": .string($0.locationDescription), "value": $0.value]) }),
                        "conditions": .array(
                            field.alternatives.map { result in
                                .fields([
                                    "condition": .string(result.condition.summary),
                                    "held": .bool(result.held),
                                    "matchingValues": .array(result.matchingLeaves.map { .string(field.leaves[$0].locationDescription) }),
                                ])
                            }),
                    ])
                }),
        ])
    }
}

extension FilterOutcome {
    /// `matched`, `not-matched`, `format-mismatch`, `refused-by-aws`.
    var name: String {
        switch self {
        case .matched: return "matched"
        case .notMatched: return "not-matched"
        case .formatMismatch: return "format-mismatch"
        case .refusedByAWS: return "refused-by-aws"
        }
    }
}

/// Hints that depend on the event source, not only on the document.
enum SourceHints {
    static func hints(pattern: Pattern, form: DataPatternForm, outcome: FilterOutcome, view: FilterView) -> [String] {
        var hints: [String] = []
        let key = view.dataKey ?? "data"
        switch outcome {
        case .formatMismatch:
            hints.append(
                "the pattern expects `\(key)` as \(form == .json ? "a JSON object (it names fields inside it)" : "a plain string (a condition on `\(key)` itself)"), but the format of this record's `\(key)` is \(view.payload), so Lambda drops the record without evaluating the filter"
            )
        case .refusedByAWS:
            hints.append(
                "AWS refuses this filter when the mapping is created or updated: \(view.source?.displayName ?? "this source") needs `\(key)` to be matched as a JSON object"
            )
        default:
            break
        }
        if view.source == .dynamodb {
            hints += DynamoDBAdapter.numberConditionsOnTypedValues(in: pattern).map(\.explanation)
        }
        // The same "did you mean" lint gives, with this record as the sample.
        hints += Linter.fieldHints(for: pattern, record: view)
        return hints
    }
}

/// Renders explanations for people.
struct ExplanationTextRenderer {
    var terminal: Terminal
    var inputName: String

    /// Writes the explanation to `output`; the document is written piece by piece, so a huge
    /// record is not copied into lines (that took 861 MB for a 100 MB record).
    func render(_ explained: RecordExplanation, into output: OutputStream) {
        var lines: [String] = []
        let view = explained.record.view
        let position = explained.record.position == .root ? inputName : "\(inputName)#\(explained.record.position)"
        let sourceName = view.source?.displayName ?? "raw document"
        output.line(terminal.paint("Record \(position) (\(sourceName))", .bold))
        if let key = view.dataKey {
            output.line("\(key): \(view.payload)\(view.payload == .json ? ", decoded for the filter" : "")")
        }
        output.line("The filter sees:")
        var indented = IndentedWriter(output: output, indent: "  ")
        indented.write("  ")
        if let text = explained.documentText {
            text.withUnsafeBufferPointer { JSONWriter.writePretty(validated: $0, to: &indented) }
        } else {
            JSONWriter.write(view.document, options: .pretty, to: &indented)
        }
        output.write("\n")
        for (index, filter) in explained.filters.enumerated() {
            lines.append("")
            let status = filter.outcome.passes ? terminal.paint(filter.outcome.name, .green) : terminal.paint(filter.outcome.name, .red)
            lines.append("Filter \(index) (\(filter.pattern.name)): \(status)")
            for hint in filter.sourceHints { lines.append("  " + terminal.paint("hint:", .yellow) + " " + hint) }
            let conjunctions = filter.explanation.conjunctions
            for (number, conjunction) in conjunctions.enumerated() {
                var indent = "  "
                if conjunctions.count > 1 {
                    lines.append("  $or combination \(number + 1) of \(conjunctions.count): \(conjunction.held ? "held" : "failed")")
                    indent = "    "
                }
                for field in conjunction.fields {
                    let mark = field.held ? terminal.paint("✓", .green) : terminal.paint("✗", .red)
                    lines.append("\(indent)\(mark) \(field.path): \(field.reason)")
                    for hint in field.hints { lines.append("\(indent)    \(terminal.paint("hint:", .yellow)) \(hint)") }
                }
                if let conflict = conjunction.arrayConflict {
                    lines.append(
                        "\(indent)\(terminal.paint("✗", .red)) \(conflict.map(\.description).joined(separator: ", ")) each hold, but only in different elements of one array; AWS needs them to hold in the same element"
                    )
                }
            }
        }
        lines.append("")
        let verdict = explained.verdict
        lines.append("Verdict: " + terminal.paint(verdict.description, verdict.isDelivered ? .green : .red))
        output.write(lines.joined(separator: "\n") + "\n")
    }
}

/// Passes text on to `output` with `indent` after every line feed.
struct IndentedWriter: TextOutputStream {
    let output: OutputStream
    let indent: String

    mutating func write(_ text: String) {
        // JSONWriter writes line feeds only between values (strings escape theirs), so most
        // pieces have none and pass as they are (a huge string is not copied again).
        guard text.utf8.contains(0x0A) else {
            output.write(text)
            return
        }
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { output.write("\n" + indent) }
            output.write(String(piece))
        }
    }
}
