import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources
import Testing

/// Patterns/manifest.json: every pattern × sample verdict it lists must hold, so the examples in
/// Samples/ and Patterns/ cannot go stale (format described in Patterns/README.md).
@Suite("Samples and Patterns manifest")
struct ManifestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var manifestCase: PatternManifest.Case
        var patterns: [String] { manifestCase.patterns }
        var mapping: String? { manifestCase.mapping }
        var sample: String { manifestCase.sample }
        var verdicts: [String: VerdictWord] { manifestCase.verdicts }
        var testDescription: String { manifestCase.title }
    }

    /// The manifest, through the reader `lambda-filter test --manifest` uses.
    static func loadCases() throws -> [Case] {
        try PatternManifest(text: Fixtures.read("Patterns/manifest.json"), name: "manifest.json").cases.map(Case.init)
    }

    static let cases: [Case] = (try? loadCases()) ?? []

    @Test func manifestLoads() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 40)
    }

    @Test(arguments: cases)
    func verdictsHold(_ example: Case) throws {
        let folder = String(example.sample.prefix(while: { $0 != "/" }))
        let source = try #require(example.manifestCase.sampleSource, "sample folder \(folder) is not a source")
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
            let actual = set.verdict(for: record.view).word
            #expect(
                example.verdicts[position] == actual,
                "\(position): manifest says \(example.verdicts[position]?.rawValue ?? "nothing"), got \(actual)")
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
        guard found.count == 1 else {
            throw FixtureError(message: "\(paths[0]) has no single mapping \(mapping): \(document.mappings.map(\.id))")
        }
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
            for mapping in document.mappings where mapping.hasCriteria && !mapping.warnings.contains(where: { $0.code == .unresolvedValue })
            {
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

/// The manifest reader `test --manifest` and `ManifestTests` share: bad manifests are errors
/// that name the file and the place.
@Suite("Patterns manifest reader")
struct PatternManifestReaderTests {
    @Test func readsCasesWithTheirVerdictWords() throws {
        let text =
            #"{"format": 1, "cases": [{"patterns": ["sqs/a.json", "sqs/b.json"], "sample": "sqs/batch.json", "note": "n", "verdicts": {"Records[0]": "passed", "Records[1]": "pass", "Records[2]": "dropped"}}, {"patterns": ["templates/t.yaml"], "mapping": "F.E", "sample": "kafka/x.json", "verdicts": {}}]}"#
        let manifest = try PatternManifest(text: text, name: "m.json")
        #expect(manifest.cases.count == 2)
        let first = manifest.cases[0]
        #expect(first.verdicts == ["Records[0]": .passed, "Records[1]": .passed, "Records[2]": .dropped])
        #expect(first.note == "n" && first.mapping == nil)
        #expect(first.sampleSource == .sqs)
        #expect(first.title == "sqs/a.json + sqs/b.json on sqs/batch.json")
        #expect(manifest.cases[1].title == "templates/t.yaml mapping F.E on kafka/x.json")
        #expect(manifest.cases[1].sampleSource == .kafka)
    }

    struct BadManifest: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var message: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadManifest(name: "invalid JSON", text: "{\"format\": 1,\n \"cases\": [}", message: "m.json:2:12: "),
        BadManifest(name: "no format", text: #"{"cases": []}"#, message: #"m.json: expected {"format": 1, "cases": [...]}"#),
        BadManifest(
            name: "a case without a sample", text: #"{"format": 1, "cases": [{"patterns": ["a"], "verdicts": {}}]}"#,
            message: "m.json: cases[0] needs patterns, sample and verdicts"),
        BadManifest(
            name: "no patterns", text: #"{"format": 1, "cases": [{"patterns": [], "sample": "s", "verdicts": {}}]}"#,
            message: "m.json: cases[0] needs patterns, sample and verdicts"),
        BadManifest(
            name: "unknown verdict word",
            text: #"{"format": 1, "cases": [{"patterns": ["a"], "sample": "s", "verdicts": {"Records[0]": "delivered"}}]}"#,
            message: #"m.json: cases[0].verdicts["Records[0]"]: expected one of dropped, filtered, passed"#),
        BadManifest(
            name: "a verdict that is not a string",
            text: #"{"format": 1, "cases": [{"patterns": ["a"], "sample": "s", "verdicts": {"Records[0]": true}}]}"#,
            message: #"m.json: cases[0].verdicts["Records[0]"]: expected one of dropped, filtered, passed"#),
    ])
    func badManifestsAreLocatedErrors(_ example: BadManifest) {
        do {
            _ = try PatternManifest(text: example.text, name: "m.json")
            Issue.record("\(example.name): read without an error")
        } catch {
            #expect(error.message.hasPrefix(example.message), "\(error.message)")
        }
    }
}
