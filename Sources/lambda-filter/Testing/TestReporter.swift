import LambdaFilter
import LambdaFilterSources

/// One line of `test` output: a record's verdict, or the error that stopped it.
struct RecordRow {
    /// `file`, `file:line` (JSON Lines), plus `#position` for a record inside a whole event.
    var id: String
    var file: String
    var line: Int?
    var position: RecordPosition?
    var verdict: Verdict?
    /// Why the record has no verdict: where and what.
    var error: String?
    /// The expected verdict, when an expectations file or manifest names one.
    var expected: String?
    /// The file (or inline name) of the filter that passed the record.
    var passingPattern: String?
    /// The manifest case the row belongs to (`sqs/orders-over-100.json on sqs/orders-batch.json`).
    var group: String?
    /// The mapping whose filters gave the verdict, when the filters come from a template or mapping.
    var mapping: String?

    var actual: String { verdict?.expectationName ?? "error" }
    var differs: Bool { expected.map { $0 != actual } ?? false }

    /// Builds the id the way expectations files write it.
    static func id(file: String, line: Int?, position: RecordPosition?) -> String {
        var id = file
        if let line { id += ":\(line)" }
        if let position, position != .root { id += "#\(position)" }
        return id
    }
}

/// Prints rows as they come (text or JSON Lines) or spools them (JUnit), and the summary.
final class TestReporter {
    let format: OutputFormat
    let terminal: Terminal
    /// Print only errors, differences and the summary.
    let quiet: Bool
    let output = OutputStream()
    /// Records per verdict word, indexed by `VerdictWord.allCases` order.
    private var counts = [Int](repeating: 0, count: VerdictWord.allCases.count)
    private(set) var records = 0
    private(set) var errors = 0
    private(set) var differences = 0
    private(set) var checked = 0
    /// JUnit cases are spooled as they come, so memory stays bounded on any input size.
    private let junit = JUnitSpool(suiteName: "lambda-filter test")

    init(format: OutputFormat, terminal: Terminal, quiet: Bool) {
        self.format = format
        self.terminal = terminal
        self.quiet = quiet
    }

    /// Whether a verdict with nothing to check prints nothing (quiet text), so `count` is
    /// enough for it and no row need be built.
    var printsOnlyProblems: Bool { quiet && format == .text }

    /// Counts a verdict whose row would print nothing (see `printsOnlyProblems`): what
    /// `report` does for such a row, without building it.
    func count(_ verdict: Verdict) {
        records += 1
        counts[Self.index(of: verdict.word)] += 1
    }

    /// Counts verdicts as `count` does, apart from the reporter: the printer tallies a batch's
    /// verdicts in a local value and adds them at once (`count(_:)` of a tally), so a record
    /// costs an increment, not two checked accesses to the reporter's counters.
    struct Tally {
        /// Records per verdict word, in `index(of:)` order.
        fileprivate var passed = 0, filtered = 0, dropped = 0

        mutating func add(_ verdict: Verdict) {
            switch verdict.word {
            case .passed: passed += 1
            case .filtered: filtered += 1
            case .dropped: dropped += 1
            }
        }
    }

    /// Counts every verdict of `tally` (see `count(_ verdict:)`).
    func count(_ tally: Tally) {
        records += tally.passed + tally.filtered + tally.dropped
        counts[Self.index(of: .passed)] += tally.passed
        counts[Self.index(of: .filtered)] += tally.filtered
        counts[Self.index(of: .dropped)] += tally.dropped
    }

    /// Whether `reportVerdict` serves rows with nothing to check: text and JSON output.
    var writesVerdictRowsDirectly: Bool { format == .text || format == .json }

    /// The last file name written in a JSON row, quoted: the rows of one file quote it once.
    private var quotedFile: (name: String, bytes: [UInt8])?

    /// `report` of a verdict row with no expectation, in text output (`writesVerdictRowsDirectly`):
    /// the line `text(_:)` writes, appended straight to the output's buffer, with no row, id
    /// or line string built per record.
    func reportVerdict(_ verdict: Verdict, file: String, line: Int?, mapping: String?, patternName: String?) {
        count(verdict)
        if format == .json {
            writeJSONRow(verdict, file: file, line: line, mapping: mapping, patternName: patternName)
            return
        }
        if quiet { return }
        let style: Terminal.Style =
            verdict.isDelivered ? .green : (verdict.word == .filtered ? .dim : .yellow)
        let colored = terminal.colorsStandardOutput
        output.append { bytes in
            if colored { bytes.append(contentsOf: "\u{1B}[\(style.rawValue)m".utf8) }
            let word = verdict.word.rawValue.utf8
            bytes.append(contentsOf: word)
            for _ in word.count..<22 { bytes.append(0x20) }
            if colored { bytes.append(contentsOf: "\u{1B}[0m".utf8) }
            bytes.append(0x20)
            bytes.append(contentsOf: file.utf8)
            if let line {
                bytes.append(UInt8(ascii: ":"))
                Self.appendDecimal(line, to: &bytes)
            }
            if let mapping {
                bytes.append(contentsOf: "  mapping ".utf8)
                bytes.append(contentsOf: mapping.utf8)
            }
            let separator = mapping == nil ? "  " : ": "
            switch verdict {
            case .passed(let filter):
                bytes.append(contentsOf: separator.utf8)
                bytes.append(contentsOf: "filter ".utf8)
                Self.appendDecimal(filter, to: &bytes)
                if let patternName {
                    bytes.append(contentsOf: " (".utf8)
                    bytes.append(contentsOf: patternName.utf8)
                    bytes.append(UInt8(ascii: ")"))
                }
            case .droppedFormatMismatch:
                bytes.append(contentsOf: separator.utf8)
                bytes.append(contentsOf: verdict.description.utf8)
            case .filtered, .unfiltered:
                break
            }
            bytes.append(0x0A)
        }
    }

    /// The object `json(_:)` writes for the row of a one-record document (position `$`) with
    /// no expectation, appended straight to the output's buffer.
    private func writeJSONRow(_ verdict: Verdict, file: String, line: Int?, mapping: String?, patternName: String?) {
        let quoted: [UInt8]
        if let cached = quotedFile, cached.name == file {
            quoted = cached.bytes
        } else {
            quoted = Array(JSONWriter.quote(file).utf8)
            quotedFile = (file, quoted)
        }
        output.append { bytes in
            // The record id is the file name and line: the quoted name with `:line` before its
            // closing quote.
            bytes.append(contentsOf: #"{"record":"#.utf8)
            bytes.append(contentsOf: quoted.dropLast())
            if let line {
                bytes.append(UInt8(ascii: ":"))
                Self.appendDecimal(line, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\""))
            if let mapping {
                bytes.append(contentsOf: #","mapping":"#.utf8)
                bytes.append(contentsOf: JSONWriter.quote(mapping).utf8)
            }
            bytes.append(contentsOf: #","file":"#.utf8)
            bytes.append(contentsOf: quoted)
            if let line {
                bytes.append(contentsOf: #","line":"#.utf8)
                Self.appendDecimal(line, to: &bytes)
            }
            bytes.append(contentsOf: #","position":"$","matched":"#.utf8)
            bytes.append(contentsOf: (verdict.isDelivered ? "true" : "false").utf8)
            bytes.append(contentsOf: #","verdict":""#.utf8)
            bytes.append(contentsOf: verdict.word.rawValue.utf8)
            bytes.append(UInt8(ascii: "\""))
            if case .passed(let filter) = verdict {
                bytes.append(contentsOf: #","filter":"#.utf8)
                Self.appendDecimal(filter, to: &bytes)
                if let patternName {
                    bytes.append(contentsOf: #","pattern":"#.utf8)
                    bytes.append(contentsOf: JSONWriter.quote(patternName).utf8)
                }
            }
            bytes.append(contentsOf: #","detail":"#.utf8)
            switch verdict {
            case .passed(let filter):
                bytes.append(contentsOf: #""passed by filter "#.utf8)
                Self.appendDecimal(filter, to: &bytes)
                bytes.append(UInt8(ascii: "\""))
            case .filtered:
                bytes.append(contentsOf: #""filtered (no filter matched)""#.utf8)
            case .droppedFormatMismatch, .unfiltered:
                bytes.append(contentsOf: JSONWriter.quote(verdict.description).utf8)
            }
            bytes.append(contentsOf: "}\n".utf8)
        }
    }

    /// Appends `value` (not negative) in decimal.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func index(of word: VerdictWord) -> Int {
        switch word {
        case .passed: return 0
        case .filtered: return 1
        case .dropped: return 2
        }
    }

    private func count(of word: VerdictWord) -> Int { counts[Self.index(of: word)] }

    func report(_ row: RecordRow) {
        records += 1
        if let verdict = row.verdict { counts[Self.index(of: verdict.word)] += 1 } else { errors += 1 }
        if row.expected != nil { checked += 1 }
        if row.differs { differences += 1 }
        switch format {
        case .text:
            if !quiet || row.differs || row.error != nil { output.line(text(row)) }
        case .json:
            output.line(JSONWriter.write(json(row)))
        case .junit:
            junit.append(junitCase(row))
        }
    }

    /// A heading before a group of rows (a manifest case), in text output only.
    func section(_ title: String) {
        if format == .text && !quiet { output.line(terminal.paint(title, .cyan)) }
    }

    /// A listed record that never appeared in the run.
    func reportMissing(_ id: String, expected: String) {
        differences += 1
        checked += 1
        switch format {
        case .text:
            output.line(
                "\(terminal.paint("missing".padding(toLength: 22, withPad: " ", startingAt: 0), .red)) \(id)  \(terminal.paint("✗ expected \(expected), but no such record was tested", .red))"
            )
        case .json:
            output.line(
                JSONWriter.write(
                    .fields([
                        "record": .string(id), "expected": .string(expected), "ok": .bool(false),
                        "error": .string("no such record was tested"),
                    ])))
        case .junit:
            junit.append(
                JUnitReport.TestCase(
                    name: id, className: "test.missing", failure: ("expected \(expected), but no such record was tested", "")))
        }
    }

    /// `12 records: 5 passed, 7 filtered` (plus errors and expectation results).
    var summary: String {
        var parts = [VerdictWord.passed, .filtered].map { "\(count(of: $0)) \($0.rawValue)" }
        if count(of: .dropped) > 0 { parts.append("\(count(of: .dropped)) \(VerdictWord.dropped.rawValue)") }
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        var text = "\(records) record\(records == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        if checked > 0 {
            text +=
                differences == 0
                ? "; all \(checked) expectations held"
                : "; \(differences) of \(checked) expectations differ"
        }
        return text
    }

    func finish() {
        switch format {
        case .text:
            let failed = differences > 0 || errors > 0
            output.line(failed ? terminal.paint(summary, .red) : terminal.paint(summary, .bold))
        case .json:
            // stdout stays one object per record (the conformance contract); people at a
            // terminal still get the summary.
            // The records first: stdout is buffered, stderr is not.
            output.flush()
            if terminal.standardErrorIsTerminal { printError(summary) }
        case .junit:
            junit.finish(into: output)
        }
        output.flush()
    }

    // MARK: Rendering

    private func text(_ row: RecordRow) -> String {
        let style: Terminal.Style
        switch row.verdict {
        case .none: style = .red
        case .some(let verdict): style = verdict.isDelivered ? .green : (row.actual == VerdictWord.filtered.rawValue ? .dim : .yellow)
        }
        let label = row.actual.padding(toLength: 22, withPad: " ", startingAt: 0)
        var line = terminal.paint(label, style) + " " + row.id
        if let mapping = row.mapping { line += "  mapping \(mapping)" }
        if let detail = detail(row) { line += (row.mapping == nil ? "  " : ": ") + detail }
        if let expected = row.expected, row.differs {
            line += "  " + terminal.paint("✗ expected \(expected)", .red)
        }
        return line
    }

    private func detail(_ row: RecordRow) -> String? {
        if let error = row.error { return error }
        guard let verdict = row.verdict else { return nil }
        switch verdict {
        case .passed(let filter):
            return "filter \(filter)" + (row.passingPattern.map { " (\($0))" } ?? "")
        case .droppedFormatMismatch:
            return verdict.description
        case .filtered, .unfiltered:
            return nil
        }
    }

    private func json(_ row: RecordRow) -> JSONValue {
        .fields([
            "record": .string(row.id),
            "case": .text(row.group),
            "mapping": .text(row.mapping),
            "file": .string(row.file),
            "line": .integer(row.line),
            "position": .text(row.position.map(\.description)),
            "matched": .bool(row.verdict?.isDelivered ?? false),
            "verdict": .string(row.actual),
            "filter": .integer(row.verdict?.passingFilter),
            "pattern": .text(row.passingPattern),
            "detail": .text(row.verdict.map(\.description)),
            "error": .text(row.error),
            "expected": .text(row.expected),
            "ok": row.expected.map { _ in .bool(!row.differs) },
        ])
    }

    private func junitCase(_ row: RecordRow) -> JUnitReport.TestCase {
        var testCase = JUnitReport.TestCase(
            name: row.mapping.map { "\($0): \(row.id)" } ?? row.id,
            className: row.group ?? row.mapping.map { "test.mapping.\($0)" } ?? "test.\(row.file)")
        if let error = row.error {
            testCase.error = (error, row.id)
        } else if let expected = row.expected, row.differs {
            testCase.failure = ("expected \(expected), got \(row.actual)", row.verdict?.description ?? "")
        } else {
            testCase.output = row.verdict?.description
        }
        return testCase
    }
}
