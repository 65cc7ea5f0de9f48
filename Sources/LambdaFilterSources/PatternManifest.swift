import LambdaFilter

/// A patterns manifest (`Patterns/manifest.json`): the verdict each pattern gives each record of
/// a sample, so the examples cannot go stale. The one reader `lambda-filter test --manifest` and
/// the test suite share; the format is described in `Patterns/README.md`.
///
/// ```json
/// {"format": 1, "cases": [{"patterns": ["sqs/orders-over-100.json"], "sample": "sqs/orders-batch.json",
///   "verdicts": {"Records[0]": "passed", "Records[1]": "filtered"}}]}
/// ```
package struct PatternManifest: Sendable {
    /// One pattern set over one sample.
    package struct Case: Sendable, Hashable {
        /// Pattern files relative to the manifest's folder: the filters of one FilterCriteria,
        /// or one template under `templates/` with `mapping`.
        package var patterns: [String]
        /// The mapping of the template named in `patterns` whose filters the case tests.
        package var mapping: String?
        /// The sample file relative to the samples folder; its folder names the source.
        package var sample: String
        /// Why the case is there.
        package var note: String?
        /// The verdict of every record of the sample, by its position (`Records[0]`).
        package var verdicts: [String: VerdictWord]

        /// The source the sample's folder names (`sqs/orders-batch.json` → `.sqs`), if it is one.
        package var sampleSource: EventSource? {
            EventSource(rawValue: String(sample.prefix { $0 != "/" }))
        }

        /// `sqs/orders-over-100.json on sqs/orders-batch.json`, with the mapping when there is one.
        package var title: String {
            "\(patterns.joined(separator: " + "))\(mapping.map { " mapping \($0)" } ?? "") on \(sample)"
        }
    }

    /// The cases, in the manifest's order.
    package var cases: [Case]

    /// Reads a manifest's text.
    /// - Parameter name: the file's name, which every error message starts with.
    /// - Throws: `ManifestError` naming the file and the place at fault: invalid JSON (line and
    ///   column), a missing member (`cases[3] needs patterns, sample and verdicts`) or an unknown
    ///   verdict word.
    package init(text: String, name: String) throws(ManifestError) {
        let document: JSONValue
        do {
            document = try JSONParser().parseValue(text)
        } catch {
            let location = TextLocation(offset: error.offset, in: Array(text.utf8))
            throw ManifestError(message: "\(name):\(location.line):\(location.column): \(error.reason)")
        }
        guard document["format"] == 1, let entries = document["cases"]?.arrayElements else {
            throw ManifestError(message: "\(name): expected {\"format\": 1, \"cases\": [...]}")
        }
        var cases: [Case] = []
        for (index, entry) in entries.enumerated() {
            guard let patterns = entry["patterns"]?.arrayElements?.compactMap(\.stringValue), !patterns.isEmpty,
                let sample = entry["sample"]?.stringValue, let written = entry["verdicts"]?.objectMembers
            else {
                throw ManifestError(message: "\(name): cases[\(index)] needs patterns, sample and verdicts")
            }
            var verdicts: [String: VerdictWord] = [:]
            for member in written {
                guard let word = member.value.stringValue.flatMap(VerdictWord.init(reading:)) else {
                    throw ManifestError(
                        message: "\(name): cases[\(index)].verdicts[\(JSONWriter.quote(member.key))]: expected one of \(VerdictWord.listed)"
                    )
                }
                verdicts[member.key] = word
            }
            cases.append(
                Case(
                    patterns: patterns, mapping: entry["mapping"]?.stringValue, sample: sample, note: entry["note"]?.stringValue,
                    verdicts: verdicts))
        }
        self.cases = cases
    }
}

/// Why a patterns manifest cannot be read.
package struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, starting with the file's name: `manifest.json: cases[2] needs patterns, sample and verdicts`.
    package var message: String
    /// `message`, so the error prints as its one-line reason.
    package var description: String { message }
}
