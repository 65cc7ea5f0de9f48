import Foundation
import LambdaFilter
import LambdaFilterSources

/// Runs a Patterns manifest: every case's patterns over its sample, each record's verdict
/// compared with the one the manifest lists (format in Patterns/README.md).
struct ManifestRun {
    var manifestPath: String
    var samplesPath: String?

    func run(reporter: TestReporter) throws {
        let manifestFolder = (manifestPath as NSString).deletingLastPathComponent
        let patternsFolder = manifestFolder.isEmpty ? "." : manifestFolder
        let samplesFolder = samplesPath ?? (patternsFolder as NSString).appendingPathComponent("../Samples")
        for entry in try loadCases() {
            let group = entry.title
            reporter.section("# " + group + (entry.note.map { ": \($0)" } ?? ""))
            let patterns = try PatternLoading.load(
                entry.patterns.map { (patternsFolder as NSString).appendingPathComponent($0) }, dialect: .lambda, mapping: entry.mapping)
            let samplePath = (samplesFolder as NSString).appendingPathComponent(entry.sample)
            let bytes = InputFiles.droppingByteOrderMark(try InputFiles.read(.file(samplePath)))
            let evaluator = try RecordEvaluator(patterns: patterns.map(\.pattern), selection: .auto)
            var scratch = RecordScratch()
            let document = InputDocument(name: entry.sample, line: nil, bytes: bytes[...])
            let outcome = evaluator.evaluate(bytes[...], scratch: &scratch)
            var listed = entry.verdicts
            for var row in RecordRows.rows(for: document, outcome: outcome, patternNames: entry.patterns, group: group) {
                let position = row.position?.description ?? "$"
                row.expected = listed.removeValue(forKey: position)?.rawValue ?? "not listed in the manifest"
                reporter.report(row)
            }
            for (position, verdict) in listed.sorted(by: { $0.key < $1.key }) {
                reporter.reportMissing("\(entry.sample)#\(position)", expected: verdict.rawValue)
            }
        }
    }

    /// Reads the manifest with the reader the test suite uses.
    func loadCases() throws -> [PatternManifest.Case] {
        let text = try InputFiles.readText(.file(manifestPath)).text
        do {
            return try PatternManifest(text: text, name: manifestPath).cases
        } catch {
            throw CommandFailure.unreadable(error.message)
        }
    }
}
