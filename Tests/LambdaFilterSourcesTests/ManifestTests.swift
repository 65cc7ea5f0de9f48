import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources
import Testing

/// Patterns/manifest.json: every pattern × sample verdict it lists must hold, so the examples in
/// Samples/ and Patterns/ cannot go stale (format described in Patterns/README.md).
@Suite("Samples and Patterns manifest")
struct ManifestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var patterns: [String]
        /// The mapping of a template under `Patterns/templates/`, whose filters are the case's.
        var mapping: String?
        var sample: String
        var verdicts: [String: String]
        var testDescription: String { "\(patterns.joined(separator: " + "))\(mapping.map { " mapping \($0)" } ?? "") on \(sample)" }
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
            return Case(patterns: patterns, mapping: entry["mapping"]?.stringValue, sample: sample, verdicts: table)
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
        let filters: [Pattern]
        if let mapping = example.mapping {
            filters = try Self.mappingFilters(example.patterns, mapping: mapping)
        } else {
            for pattern in example.patterns {
                #expect(pattern.hasPrefix(folder + "/"), "\(pattern) is not in Patterns/\(folder)")
            }
            filters = try example.patterns.map { try Pattern(parsing: Fixtures.read("Patterns/" + $0)) }
        }
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

    /// The filters of one mapping of a template, read by the one reader every command uses.
    static func mappingFilters(_ paths: [String], mapping: String) throws -> [Pattern] {
        guard paths.count == 1, paths[0].hasPrefix("templates/") else {
            throw FixtureError(message: "a case with a mapping names one file under Patterns/templates/, not \(paths)")
        }
        let document = FilterDocument.read(text: try Fixtures.read("Patterns/" + paths[0]), name: paths[0])
        let found = document.mappings(matching: mapping)
        guard found.count == 1 else { throw FixtureError(message: "\(paths[0]) has no single mapping \(mapping): \(document.mappings.map(\.id))") }
        return try found[0].entry.result.get().patterns
    }

    @Test func everyTemplateIsUsedAndEveryMappingHasACase() throws {
        let cases = try Self.loadCases()
        let templates = listDirectory(Fixtures.packageRoot + "/Patterns/templates")
        #expect(templates.count >= 10)
        for name in templates {
            let path = "templates/" + name
            let document = FilterDocument.read(text: try Fixtures.read("Patterns/" + path), name: path)
            #expect(document.failure == nil, "\(path): \(document.notes)")
            let tested = Set(cases.filter { $0.patterns == [path] }.compactMap(\.mapping))
            for mapping in document.mappings where mapping.hasCriteria && !mapping.warnings.contains(where: { $0.code == .unresolvedValue }) {
                #expect(mapping.errors.isEmpty, "\(path) \(mapping.id): \(mapping.errors)")
                #expect(tested.contains(mapping.id), "\(path): mapping \(mapping.id) is in no manifest case")
            }
        }
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
