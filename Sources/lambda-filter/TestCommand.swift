import ArgumentParser
import Foundation
import LambdaFilter
import LambdaFilterSources

/// `lambda-filter test`: verdicts for records, optionally checked against expectations.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run patterns over records or whole events and print each record's verdict.",
        discussion: """
            Several --pattern options are the filters of one FilterCriteria: a record passes \
            when any of them matches. A --pattern may also be a FilterCriteria, mapping output, \
            template, serverless.yml or Terraform file: each of its mappings is run separately \
            and every row names its mapping, or --mapping ID picks one. A run that tested no \
            record exits 1. Inputs are JSON files (one document each), JSON Lines \
            files (.jsonl/.ndjson, or any file with --jsonl; read in chunks, so size does not \
            matter), directories (every .json/.jsonl/.ndjson under them), globs, or - for \
            standard input. A document may be a whole Lambda event (its records are split and \
            each gets a verdict with its position, e.g. #Records[2]) or a single record.

            Verdicts: passed, filtered, dropped (no filter matched, and the payload's format \
            differs from a filter's, so that filter did not match). A record that cannot be \
            read gets an error line naming the file, line and reason; the others still get \
            their verdicts.

            --expect FILE checks verdicts against an expectations file and exits 1 on any \
            difference:
              {"default": "filtered", "verdicts": {"a.json#Records[0]": "passed"}}
            (record ids as printed, paths relative to the expectations file); \
            "mappings": {"<mapping id>": {"verdicts": ...}} gives a table per mapping.
            --manifest Patterns/manifest.json checks every pattern × sample verdict the \
            manifest lists.

            Examples:
              lambda-filter test -p filter.json Samples/sqs/orders-batch.json
              lambda-filter test --source raw -p '{"status": ["paid"]}' orders.jsonl
              cat event.json | lambda-filter test -p filter.json --format json -
              lambda-filter test -p filter.json --expect expected.json events/
              lambda-filter test -p template.yaml --mapping Orders.Queue Samples/sqs/
              lambda-filter test --manifest Patterns/manifest.json
            """
    )

    @OptionGroup var patternOptions: PatternOptions

    @OptionGroup var mappingOptions: MappingOptions

    @Option(name: .long, help: "Where the records come from: auto detects the source; raw matches each document as it is.")
    var source: SourceSelection = .auto

    @OptionGroup var dialectOptions: DialectOptions

    @Option(name: .long, help: "Output format: text for people, json (one object per record, with \"matched\"), junit for CI.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Read every input as JSON Lines, whatever its extension (standard input included).")
    var jsonl = false

    @Option(
        name: .long, help: "An expectations file: the verdict each record must get. Exit 1 on any difference.",
        completion: .file(extensions: ["json"]))
    var expect: String?

    @Option(
        name: .long, help: "A Patterns manifest (Patterns/manifest.json): check every verdict it lists.",
        completion: .file(extensions: ["json"]))
    var manifest: String?

    @Option(
        name: .long, help: "The samples folder the manifest refers to (default: Samples beside the manifest's folder).",
        completion: .directory)
    var samples: String?

    @Flag(name: [.short, .long], help: "Print only errors, differences from expectations, and the summary.")
    var quiet = false

    @OptionGroup var colorOptions: ColorOptions

    @OptionGroup var limitOptions: RecordLimitOptions

    @OptionGroup var documentLimitOptions: DocumentLimitOptions

    @Argument(
        help: "Record files, directories, globs, or - for standard input.", completion: .file(extensions: ["json", "jsonl", "ndjson"]))
    var records: [String] = []

    func validate() throws {
        try UsageChecks.rejectUnknownOptions(Self.self)
        if manifest != nil {
            if !patternOptions.pattern.isEmpty || !records.isEmpty || expect != nil {
                throw ValidationError(
                    "--manifest names its own patterns, samples and verdicts; do not combine it with --pattern, --expect or record files.")
            }
            return
        }
        if samples != nil { throw ValidationError("--samples only applies with --manifest.") }
        if patternOptions.pattern.isEmpty { throw ValidationError("Give at least one --pattern (or --manifest).") }
        if records.isEmpty { throw ValidationError("Give at least one record file, directory or glob (or - for standard input).") }
    }

    func run() throws {
        try reportingFailures {
            let reporter = TestReporter(format: format, terminal: colorOptions.terminal, quiet: quiet)
            if let manifest {
                try ManifestRun(manifestPath: manifest, samplesPath: samples).run(reporter: reporter)
            } else {
                try runRecords(reporter: reporter)
            }
            reporter.finish()
            if reporter.records == 0 && reporter.differences == 0 {
                // A CI job that tested nothing must not pass.
                printError("error: no record was tested: the inputs hold no records")
                throw ExitStatus.failure
            }
            if reporter.errors > 0 { throw ExitStatus.unreadableInput }
            if reporter.differences > 0 { throw ExitStatus.failure }
        }
    }

    private func runRecords(reporter: TestReporter) throws {
        let dialect = dialectOptions.resolved(for: source)
        let groups = try PatternLoading.loadGroups(
            patternOptions.pattern, dialect: dialect, mapping: mappingOptions.mapping,
            maxDocumentBytes: documentLimitOptions.maxDocumentBytes)
        if groups.count > 1 && records.contains("-") {
            throw CommandFailure.usage(
                "standard input is read once, but --pattern holds \(groups.count) mappings (\(groups.compactMap(\.mapping).joined(separator: ", "))): pick one with --mapping"
            )
        }
        let allExpectations = try expect.map { try Expectations(path: $0) }
        for group in groups {
            if groups.count > 1, let mapping = group.mapping { reporter.section("# mapping \(mapping)") }
            try runRecords(group, expectations: allExpectations?.forMapping(group.mapping), reporter: reporter)
        }
    }

    /// Every record under one FilterCriteria (the `--pattern`s, or one mapping's filters).
    private func runRecords(_ group: FilterGroup, expectations: Expectations?, reporter: TestReporter) throws {
        let patterns = group.patterns
        let evaluator = try RecordEvaluator(
            patterns: patterns.map(\.pattern), selection: source, matcherLimits: limitOptions.matcherLimits,
            payloadLimits: limitOptions.payloadLimits)
        var seen = Set<String>()
        let inputs = try InputFiles.expand(records, extensions: ["json", "jsonl", "ndjson"])
        var reader = DocumentReader(inputs: inputs, forceJSONLines: jsonl)
        // Records that arrive over time (stdin a pipe or a terminal) get their verdicts as
        // they come: a batch is what has arrived, printed and flushed before the reader waits.
        let live = inputs.contains(.standardInput) && InputFiles.standardInputIsStream
        reader.endsBatchWhenInputIsUsedUp = live
        var progress = Progress(enabled: reporter.terminal.showsProgress)
        let names = patterns.map(\.name)
        // Quiet text without expectations prints no verdict: those are only counted, with no
        // row (and its id string) built per record.
        let countsOnly = reporter.printsOnlyProblems && expectations == nil
        // A text row with nothing to check is written straight into the output buffer.
        let directRows = reporter.writesVerdictRowsDirectly && expectations == nil
        func report(_ batch: DocumentBatch, _ outcomes: [DocumentOutcome]) {
            // The verdicts only counted, added to the reporter's counts after the batch.
            var tally = TestReporter.Tally()
            for index in 0..<batch.count {
                let outcome = outcomes[index]
                if case .verdict(let verdict) = outcome {
                    if countsOnly {
                        tally.add(verdict)
                        continue
                    }
                    if directRows {
                        let name = verdict.passingFilter.flatMap { names.indices.contains($0) ? names[$0] : nil }
                        let span = batch.spans[index]
                        reporter.reportVerdict(
                            verdict, file: batch.names[span.input], line: span.line, mapping: group.mapping, patternName: name)
                        continue
                    }
                }
                // An empty event (a note) or a record error goes the row's way.
                if countsOnly, case .records(let records) = outcome, !records.isEmpty,
                    records.allSatisfy({ if case .success = $0.result { true } else { false } })
                {
                    for record in records {
                        if case .success(let verdict) = record.result { tally.add(verdict) }
                    }
                    continue
                }
                // Only an invalid document's row reads its bytes (for the error's line and column).
                var isInvalid = false
                if case .invalidJSON = outcome { isInvalid = true }
                let document = batch.document(at: index, includingBytes: isInvalid)
                for var row in RecordRows.rows(for: document, outcome: outcome, patternNames: names) {
                    row.mapping = group.mapping
                    if let expectations {
                        row.expected = expectations.expected(for: row.id)
                        let normalized = Expectations.normalize(row.id, relativeTo: nil)
                        if expectations.verdicts[normalized] != nil { seen.insert(normalized) }
                    }
                    reporter.report(row)
                }
            }
            reporter.count(tally)
            progress.update(records: reporter.records, bytes: batch.bytesRead)
        }
        // Reading, matching and printing overlap (`BatchPipeline`); rows come in input order.
        try BatchPipeline(reader: reader, evaluator: evaluator).run { step in
            switch step {
            case .batch(let batch, let outcomes):
                report(batch, outcomes)
                if live { reporter.output.flush() }
            case .unreadable(let input, let message):
                // An error row for this input, after the rows of everything read before it.
                let name = input.displayName
                let reason = message.hasPrefix(name + ": ") ? String(message.dropFirst(name.count + 2)) : message
                printError("\(name): error: \(reason)")
                reporter.report(RecordRow(id: name, file: name, error: reason))
            }
        }
        progress.finish()
        if let expectations {
            for id in expectations.verdicts.keys.sorted() where !seen.contains(id) {
                reporter.reportMissing(expectations.writtenIDs[id] ?? id, expected: expectations.verdicts[id] ?? "")
            }
        }
    }
}

/// Turns a document's outcome into output rows, and reports errors on stderr as they happen.
enum RecordRows {
    static func rows(for document: InputDocument, outcome: DocumentOutcome, patternNames: [String], group: String? = nil) -> [RecordRow] {
        switch outcome {
        case .verdict(let verdict):
            return rows(
                for: document, outcome: .records([RecordOutcome(position: .root, result: .success(verdict))]), patternNames: patternNames,
                group: group)
        case .invalidJSON(let error):
            let bytes = Array(document.bytes)
            let location = TextLocation(offset: error.offset, in: bytes)
            let line = document.line ?? location.line
            printError("\(document.name):\(line):\(location.column): error: invalid JSON: \(error.reason)")
            if document.line == nil, JSONLinesHint.looksLikeJSONLines(bytes, reason: error.reason, offset: error.offset) {
                printError("\(document.name): hint: this looks like JSON Lines (one record per line); give --jsonl to read it so")
            }
            let id = RecordRow.id(file: document.name, line: document.line, position: nil)
            return [
                RecordRow(
                    id: id, file: document.name, line: document.line,
                    error: "invalid JSON at line \(line), column \(location.column): \(error.reason)", group: group)
            ]
        case .records(let outcomes):
            if outcomes.isEmpty {
                printError("\(RecordRow.id(file: document.name, line: document.line, position: nil)): note: the event holds no records")
            }
            return outcomes.map { outcome in
                let id = RecordRow.id(file: document.name, line: document.line, position: outcome.position)
                var row = RecordRow(id: id, file: document.name, line: document.line, position: outcome.position, group: group)
                switch outcome.result {
                case .success(let verdict):
                    // Read before `verdict` is stored: the other order crashes Swift 6.3's
                    // release optimizer (an ownership verifier error).
                    let passing = verdict.passingFilter
                    row.verdict = verdict
                    row.passingPattern = passing.flatMap { patternNames.indices.contains($0) ? patternNames[$0] : nil }
                case .failure(let error):
                    let message = error.field.isEmpty ? error.message : "\(error.field): \(error.message)"
                    printError("\(id): error: \(message)")
                    row.error = message
                }
                return row
            }
        }
    }
}

/// A progress line on stderr for long runs, only when stderr is a terminal.
struct Progress {
    let enabled: Bool
    private let start = Date()
    private var lastShown: Date?

    init(enabled: Bool) {
        self.enabled = enabled
    }

    mutating func update(records: Int, bytes: Int) {
        guard enabled else { return }
        let now = Date()
        // Quiet for the first second, then at most four updates a second.
        guard now.timeIntervalSince(start) > 1, lastShown.map({ now.timeIntervalSince($0) > 0.25 }) ?? true else { return }
        lastShown = now
        let rate = Double(records) / now.timeIntervalSince(start)
        let line = String(format: "\r%@ records, %.1f MB read, %.0f records/s ", "\(records)", Double(bytes) / 1_000_000, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        // Erase the progress line so the summary starts clean.
        if lastShown != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
