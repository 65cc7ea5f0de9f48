import ArgumentParser
import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterCriteria
import LambdaFilterSources

/// `lambda-filter simulate`: what a batch does when it meets the mappings of one source.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Show what each mapping's function receives from a batch, what happens to the rest, and which records no mapping passes.",
        discussion: """
            The batch is one or more files of records or whole events (JSON or JSON Lines). Each \
            mapping is one FilterCriteria: -p (repeatable) gives the filters of one mapping; \
            --mapping FILE adds one mapping per FilterCriteria the file holds (FilterCriteria JSON, \
            get-event-source-mapping output, a CloudFormation/SAM template: every mapping of one \
            queue), or one mapping per pattern file.

            For each mapping: the records its function receives, what AWS does with the others \
            (SQS: deleted; Kinesis/DynamoDB: skipped, the checkpoint moves past them; Kafka: \
            committed; Amazon MQ: acknowledged), and the EventCount metrics the mapping would \
            publish for this batch (PolledEventCount, FilteredOutEventCount, InvokedEventCount, \
            FailedInvokeEventCount, DeletedEventCount for SQS, DroppedEventCount, and \
            OnFailureDestinationDeliveredEventCount for streams and Kafka), assuming it \
            polled the whole batch and every invocation succeeded. Across mappings: SQS and \
            Amazon MQ mappings compete for messages, so a message some pass and others do not \
            is at risk (deleted unprocessed if the wrong one receives it); a record no mapping \
            passes is lost.

            Examples:
              lambda-filter simulate -p Patterns/sqs/orders-over-100.json Samples/sqs/orders-batch.json
              lambda-filter simulate --mapping a.json --mapping b.json --fail-on-dropped batch.json
              lambda-filter simulate --mapping template.yaml --format json events/
            """
    )

    @OptionGroup var patternOptions: PatternOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A file of FilterCriteria (each one a mapping) or a pattern (a one-filter mapping); repeatable.", valueName: "file"))
    var mapping: [String] = []

    @Option(name: .long, help: "The records' source (auto detects it from the batch).")
    var source: SourceSelection = .auto

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Exit 1 when a record is lost (no mapping passes it) or at risk (competing mappings disagree).")
    var failOnDropped = false

    @Argument(
        help: "Batch files: records or whole events, JSON or JSON Lines; directories; - for standard input.",
        completion: .file(extensions: ["json", "jsonl"]))
    var batch: [String] = []

    func validate() throws {
        if patternOptions.pattern.isEmpty && mapping.isEmpty {
            throw ValidationError("Give the mappings: -p for the filters of one mapping, or --mapping FILE.")
        }
        if batch.isEmpty { throw ValidationError("Give at least one batch file (or - for standard input).") }
        if source == .raw { throw ValidationError("simulate needs an event source; raw documents have no mapping.") }
        if format == .junit { throw ValidationError("simulate prints text or json.") }
    }

    func run() throws {
        try reportingFailures {
            let loaded = try loadMappings()
            let (records, unreadable) = try readBatch()
            guard let first = records.first else {
                throw CommandFailure.unreadable("the batch holds no records")
            }
            let eventSource = first.record.view.source ?? .sqs
            if let other = records.first(where: { $0.record.view.source != eventSource }) {
                throw CommandFailure.unreadable(
                    "\(other.origin)#\(other.record.position) is a record of \(other.record.view.source?.displayName ?? "no source (raw)"); the batch's first record is of \(eventSource.displayName): simulate one source at a time"
                )
            }
            // A template may hold mappings of other sources: only this batch's source's apply.
            var mappings: [SimulatedMapping] = []
            for (mapping, mappingSource) in loaded {
                if let mappingSource, mappingSource.eventSource != eventSource {
                    printError(
                        "note: \(mapping.name) is a mapping of \(mappingSource.displayName), not \(eventSource.displayName): left out")
                } else {
                    mappings.append(mapping)
                }
            }
            guard !mappings.isEmpty else {
                throw CommandFailure.invalid("no mapping of \(eventSource.displayName) among the mappings given")
            }
            let simulation = BatchSimulation(records: records, mappings: mappings, source: eventSource)
            let output = OutputStream()
            switch format {
            case .json: output.line(JSONWriter.write(SimulationRendering.json(simulation), options: .pretty))
            case .text, .junit: output.write(SimulationRendering.text(simulation, terminal: .current))
            }
            output.flush()
            if unreadable { throw ExitStatus.unreadableInput }
            if failOnDropped && !(simulation.lost.isEmpty && simulation.atRisk.isEmpty) { throw ExitStatus.failure }
        }
    }

    /// Every mapping given, with its source when the file names it (a template entry).
    private func loadMappings() throws -> [(SimulatedMapping, MappingSource?)] {
        var mappings: [(SimulatedMapping, MappingSource?)] = []
        if !patternOptions.pattern.isEmpty {
            let loaded = try PatternLoading.load(patternOptions.pattern, dialect: .lambda)
            mappings.append((SimulatedMapping(name: loaded.map(\.name).joined(separator: " + "), filters: loaded.map(\.pattern)), nil))
        }
        for file in mapping {
            // The one reader of filters: a pattern, FilterCriteria, mapping output or template.
            let name = file == "-" ? InputFiles.Input.standardInput.displayName : file
            let groups = try PatternLoading.loadGroups([file], dialect: .lambda, mapping: nil)
            for group in groups {
                let label = groups.count == 1 ? name : "\(name): \(group.mapping ?? "")"
                mappings.append((SimulatedMapping(name: label, filters: group.patterns.map(\.pattern)), group.source))
            }
        }
        return mappings
    }

    /// Every record of the batch with its origin; unreadable ones are reported on stderr.
    private func readBatch() throws -> ([(record: SourceRecord, origin: String)], unreadable: Bool) {
        var records: [(record: SourceRecord, origin: String)] = []
        var unreadable = false
        let reader = DocumentReader(inputs: try InputFiles.expand(batch, extensions: ["json", "jsonl", "ndjson"]), forceJSONLines: false)
        try reader.forEachBatch { documents in
            for index in 0..<documents.count {
                let document = documents.document(at: index)
                let origin = document.line.map { "\(document.name):\($0)" } ?? document.name
                let value: JSONValue
                let bytes = Array(document.bytes)
                do throws(JSONSyntaxError) {
                    value = try JSONParser().parse(bytes: bytes).value
                } catch {
                    let location = TextLocation(offset: error.offset, in: bytes)
                    printError("\(origin):\(location.line):\(location.column): error: invalid JSON: \(error.reason)")
                    unreadable = true
                    continue
                }
                for result in EventSplitter.records(in: value, selection: source) {
                    switch result {
                    case .success(let record): records.append((record, origin))
                    case .failure(let error):
                        printError("\(origin)#\(error.position): error: \(error.field.isEmpty ? "" : error.field + ": ")\(error.message)")
                        unreadable = true
                    }
                }
            }
        } unreadable: { _, message in
            // The other inputs are still simulated; the run ends with exit 65.
            printError("error: \(message)")
            unreadable = true
        }
        return (records, unreadable)
    }
}

/// Text and JSON renderings of a simulation.
enum SimulationRendering {
    static func recordID(_ result: BatchSimulation.RecordResult) -> String {
        result.position == .root ? result.origin : "\(result.origin)#\(result.position)"
    }

    static func text(_ simulation: BatchSimulation, terminal: Terminal) -> String {
        var lines: [String] = []
        let source = simulation.source
        let count = simulation.records.count
        lines.append(
            terminal.paint(
                "Batch: \(count) record\(count == 1 ? "" : "s") from \(source.displayName), \(simulation.mappings.count) mapping\(simulation.mappings.count == 1 ? "" : "s")",
                .bold))
        lines.append("A record a mapping does not pass is \(BatchSimulation.disposition(of: source)).")
        for (index, mapping) in simulation.mappings.enumerated() {
            lines.append("")
            lines.append(
                terminal.paint("Mapping \(index + 1) (\(mapping.name)): its function receives \(mapping.received.count) of \(count)", .bold)
            )
            for record in mapping.received {
                lines.append("  " + terminal.paint("receives", .green) + "  " + recordID(simulation.records[record]))
            }
            for record in mapping.notPassed {
                let result = simulation.records[record]
                lines.append(
                    "  " + terminal.paint("not passed", .red) + "  \(recordID(result))  (\(result.verdicts[index].expectationName))")
            }
            lines.append("  metrics: " + mapping.metrics.named.map { "\($0.name) \($0.value)" }.joined(separator: ", "))
        }
        lines.append(
            "(metrics as if the mapping polled the whole batch and every invocation succeeded\(source == .sqs ? "; DeletedEventCount counts the messages deleted after processing: the filtered-out ones, deleted too, are counted under FilteredOutEventCount only" : ""))"
        )
        lines.append("")
        let competing = BatchSimulation.consumption(of: source) == .competing
        if simulation.mappings.count > 1 {
            lines.append(
                competing
                    ? "Across mappings (\(source.displayName) mappings compete: each message is received by one of them):"
                    : "Across mappings (each mapping reads every record):")
            for result in simulation.records {
                let names = result.passedBy.map { "\($0 + 1)" }
                let passed = names.isEmpty ? "no mapping" : "mapping\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))"
                let fate: String
                switch result.fate {
                case .delivered: fate = terminal.paint("delivered", .green)
                case .atRisk:
                    let others = simulation.mappings.indices.filter { !result.passedBy.contains($0) }.map { "\($0 + 1)" }.joined(
                        separator: ", ")
                    fate = terminal.paint("at risk", .yellow) + ": deleted unprocessed if mapping \(others) receives it"
                case .lost: fate = terminal.paint("lost", .red)
                }
                lines.append("  \(recordID(result))  passed by \(passed): \(fate)")
            }
        }
        let lost = simulation.lost.count, atRisk = simulation.atRisk.count
        var summary = "\(count) record\(count == 1 ? "" : "s"): \(count - lost - atRisk) delivered"
        if competing && simulation.mappings.count > 1 { summary += ", \(atRisk) at risk" }
        summary += ", \(lost) lost (no mapping passes \(lost == 1 ? "it" : "them"))"
        lines.append(lost + atRisk > 0 ? terminal.paint(summary, .red) : summary)
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ simulation: BatchSimulation) -> JSONValue {
        let source = simulation.source
        let mappings: [JSONValue] = simulation.mappings.enumerated().map { index, mapping in
            .fields([
                "name": .string(mapping.name),
                "received": .array(mapping.received.map { .string(recordID(simulation.records[$0])) }),
                "notPassed": .array(
                    mapping.notPassed.map { record in
                        .fields([
                            "record": .string(recordID(simulation.records[record])),
                            "verdict": .string(simulation.records[record].verdicts[index].expectationName),
                        ])
                    }),
                "metrics": .object(mapping.metrics.named.map { JSONMember($0.name, .number(String($0.value))) }),
            ])
        }
        let records: [JSONValue] = simulation.records.map { result in
            .fields([
                "record": .string(recordID(result)),
                "passedBy": .array(result.passedBy.map { .string(simulation.mappings[$0].name) }),
                "fate": .string(result.fate.rawValue),
            ])
        }
        return .fields([
            "source": .string(source.rawValue),
            "consumption": .string(BatchSimulation.consumption(of: source).rawValue),
            "notPassedRecordsAre": .string(BatchSimulation.disposition(of: source)),
            "mappings": .array(mappings),
            "records": .array(records),
            "summary": .fields([
                "records": .integer(simulation.records.count),
                "delivered": .integer(simulation.records.count - simulation.lost.count - simulation.atRisk.count),
                "atRisk": .integer(simulation.atRisk.count),
                "lost": .integer(simulation.lost.count),
            ]),
        ])
    }
}
