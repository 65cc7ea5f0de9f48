import Foundation
import LambdaFilter
import LambdaFilterSources

/// Runs a Patterns manifest: every case's patterns over its sample, each record's verdict
/// compared with the one the manifest lists (format in Patterns/README.md).
struct ManifestRun {
    struct Case {
        var patterns: [String]
        /// The mapping of a template named in `patterns`.
        var mapping: String?
        var sample: String
        var note: String?
        var verdicts: [String: String]
    }

    var manifestPath: String
    var samplesPath: String?

    func run(reporter: TestReporter) throws {
        let manifestFolder = (manifestPath as NSString).deletingLastPathComponent
        let patternsFolder = manifestFolder.isEmpty ? "." : manifestFolder
        let samplesFolder = samplesPath ?? (patternsFolder as NSString).appendingPathComponent("../Samples")
        for entry in try loadCases() {
            let group = "\(entry.patterns.joined(separator: " + "))\(entry.mapping.map { " mapping \($0)" } ?? "") on \(entry.sample)"
            reporter.section("# " + group + (entry.note.map { ": \($0)" } ?? ""))
            let patterns = try PatternLoading.load(entry.patterns.map { (patternsFolder as NSString).appendingPathComponent($0) }, dialect: .lambda, mapping: entry.mapping)
            let samplePath = (samplesFolder as NSString).appendingPathComponent(entry.sample)
            let bytes = InputFiles.droppingByteOrderMark(try InputFiles.read(.file(samplePath)))
            let evaluator = try RecordEvaluator(patterns: patterns.map(\.pattern), selection: .auto)
            var scratch = RecordScratch()
            let document = InputDocument(name: entry.sample, line: nil, bytes: bytes)
            let outcome = evaluator.evaluate(bytes, scratch: &scratch)
            var listed = entry.verdicts
            for var row in RecordRows.rows(for: document, outcome: outcome, patternNames: entry.patterns, group: group) {
                let position = row.position?.description ?? "$"
                row.expected = listed.removeValue(forKey: position) ?? "not listed in the manifest"
                reporter.report(row)
            }
            for (position, verdict) in listed.sorted(by: { $0.key < $1.key }) {
                reporter.reportMissing("\(entry.sample)#\(position)", expected: verdict)
            }
        }
    }

    /// Reads and checks the manifest's structure.
    func loadCases() throws -> [Case] {
        let text = try InputFiles.readText(.file(manifestPath)).text
        let document: JSONValue
        do {
            document = try JSONParser().parseValue(text)
        } catch {
            let location = TextLocation(offset: error.offset, in: Array(text.utf8))
            throw CommandFailure.unreadable("\(manifestPath):\(location.line):\(location.column): \(error.reason)")
        }
        guard document["format"] == 1, let cases = document["cases"]?.arrayElements else {
            throw CommandFailure.unreadable("\(manifestPath): expected {\"format\": 1, \"cases\": [...]}")
        }
        return try cases.enumerated().map { index, entry in
            guard let patterns = entry["patterns"]?.arrayElements?.compactMap(\.stringValue), !patterns.isEmpty,
                let sample = entry["sample"]?.stringValue, let verdicts = entry["verdicts"]?.objectMembers
            else {
                throw CommandFailure.unreadable("\(manifestPath): cases[\(index)] needs patterns, sample and verdicts")
            }
            var table: [String: String] = [:]
            for member in verdicts {
                guard let verdict = member.value.stringValue else {
                    throw CommandFailure.unreadable("\(manifestPath): cases[\(index)].verdicts[\(JSONWriter.quote(member.key))] must be a string")
                }
                table[member.key] = verdict
            }
            return Case(patterns: patterns, mapping: entry["mapping"]?.stringValue, sample: sample, note: entry["note"]?.stringValue, verdicts: table)
        }
    }
}
