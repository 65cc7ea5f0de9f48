import LambdaFilter
import LambdaFilterSources
import Testing

/// Patterns/manifest.json: every pattern × sample verdict it lists must hold, so the examples in
/// Samples/ and Patterns/ cannot go stale (format described in Patterns/README.md).
@Suite("Samples and Patterns manifest")
struct ManifestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var patterns: [String]
        var sample: String
        var verdicts: [String: String]
        var testDescription: String { "\(patterns.joined(separator: " + ")) on \(sample)" }
    }

    static func loadCases() throws -> [Case] {
        let manifest = try Fixtures.json(Fixtures.read("Patterns/manifest.json"))
        guard manifest["format"] == 1, let cases = manifest["cases"]?.arrayElements else {
            throw FixtureError(message: "manifest.json: expected {\"format\": 1, \"cases\": [...]}")
        }
        return try cases.enumerated().map { index, entry in
            guard let patterns = entry["patterns"]?.arrayElements?.compactMap(\.stringValue), !patterns.isEmpty,
                let sample = entry["sample"]?.stringValue, let verdicts = entry["verdicts"]?.objectMembers
            else { throw FixtureError(message: "manifest.json: cases[\(index)] needs patterns, sample and verdicts") }
            var table: [String: String] = [:]
            for member in verdicts {
                guard let verdict = member.value.stringValue else {
                    throw FixtureError(message: "manifest.json: cases[\(index)].verdicts[\(member.key)] must be a string")
                }
                table[member.key] = verdict
            }
            return Case(patterns: patterns, sample: sample, verdicts: table)
        }
    }

    static let cases: [Case] = (try? loadCases()) ?? []

    /// The manifest's word for a verdict.
    static func manifestName(of verdict: Verdict) -> String {
        switch verdict {
        case .passed, .unfiltered: return "passed"
        case .filtered: return "filtered"
        case .droppedFormatMismatch: return "dropped"
        }
    }

    @Test func manifestLoads() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 40)
    }

    @Test(arguments: cases)
    func verdictsHold(_ example: Case) throws {
        let folder = String(example.sample.prefix(while: { $0 != "/" }))
        let source = try #require(EventSource(rawValue: folder), "sample folder \(folder) is not a source")
        for pattern in example.patterns {
            #expect(pattern.hasPrefix(folder + "/"), "\(pattern) is not in Patterns/\(folder)")
        }
        let filters = try example.patterns.map { try Pattern(parsing: Fixtures.read("Patterns/" + $0)) }
        let document = try Fixtures.json(Fixtures.read("Samples/" + example.sample))
        let set = FilterSet(filters: filters, source: source)
        var seen: Set<String> = []
        for result in EventSplitter.records(in: document, selection: .auto) {
            let record = try result.get()
            #expect(record.view.source == source)
            let position = record.position.description
            seen.insert(position)
            let actual = Self.manifestName(of: set.verdict(for: record.view))
            #expect(example.verdicts[position] == actual, "\(position): manifest says \(example.verdicts[position] ?? "nothing"), got \(actual)")
        }
        #expect(seen == Set(example.verdicts.keys), "the manifest must list every record of the sample, and only those")
    }

    @Test func everyPatternAndSampleIsUsedAndValid() throws {
        let cases = try Self.loadCases()
        let usedPatterns = Set(cases.flatMap(\.patterns))
        let usedSamples = Set(cases.map(\.sample))
        for source in EventSource.allCases {
            let folder = source.rawValue
            let patterns = listDirectory(Fixtures.packageRoot + "/Patterns/" + folder).filter { $0.hasSuffix(".json") }
            let samples = listDirectory(Fixtures.packageRoot + "/Samples/" + folder).filter { $0.hasSuffix(".json") }
            #expect(patterns.count >= 3, "Patterns/\(folder) needs examples")
            #expect(samples.count >= 2, "Samples/\(folder) needs examples")
            for name in patterns {
                let path = folder + "/" + name
                #expect(usedPatterns.contains(path), "Patterns/\(path) is in no manifest case")
                let pattern = try Pattern(parsing: Fixtures.read("Patterns/" + path))
                #expect(pattern.warnings.isEmpty, "Patterns/\(path): \(pattern.warnings)")
            }
            for name in samples {
                let path = folder + "/" + name
                #expect(usedSamples.contains(path), "Samples/\(path) is in no manifest case")
                let document = try Fixtures.json(Fixtures.read("Samples/" + path))
                for result in EventSplitter.records(in: document, selection: .auto) {
                    if case .failure(let error) = result { Issue.record("Samples/\(path): \(error)") }
                }
            }
        }
    }

    @Test func onlyTheDynamoDBPitfallUsesNumbersOnTypedValues() throws {
        for name in listDirectory(Fixtures.packageRoot + "/Patterns/dynamodb") {
            let pattern = try Pattern(parsing: Fixtures.read("Patterns/dynamodb/" + name))
            let flagged = !DynamoDBAdapter.numberConditionsOnTypedValues(in: pattern).isEmpty
            #expect(flagged == name.hasPrefix("pitfall-"), "\(name)")
        }
    }
}
