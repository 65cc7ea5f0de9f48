import LambdaFilter
import LambdaFilterSources
import Testing

/// The AWS-recorded SQS, Kinesis and DynamoDB cases of the shared conformance corpus, run through
/// the adapters and the core matcher. The corpus lives outside the repository
/// (../shared/conformance/cases.jsonl from the package root); without it the test is skipped.
@Suite("Conformance corpus (sqs, kinesis, dynamodb)")
struct ConformanceTests {
    static let corpusPath = Fixtures.packageRoot + "/../shared/conformance/cases.jsonl"
    static let corpusExists = fileExists(corpusPath)

    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var source: EventSource
        var patterns: [String]
        var record: JSONValue
        var expect: String
        var testDescription: String { id }
    }

    static func loadCases() throws -> [Case] {
        let text = try readFile(corpusPath)
        var cases: [Case] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            let entry = try JSONParser().parseValue(String(line))
            guard let sourceName = entry["source"]?.stringValue, let source = EventSource(rawValue: sourceName),
                [.sqs, .kinesis, .dynamodb].contains(source)
            else { continue }
            guard let id = entry["id"]?.stringValue, let expect = entry["expect"]?.stringValue,
                let patterns = entry["patterns"]?.arrayElements?.compactMap(\.stringValue)
            else { throw FixtureError(message: "cases.jsonl line \(number + 1): missing id, expect or patterns") }
            let record: JSONValue
            if let exact = entry["event_text"]?.stringValue {
                record = try JSONParser().parseValue(exact)
            } else if let event = entry["event"] {
                record = event
            } else {
                throw FixtureError(message: "cases.jsonl line \(number + 1): no event")
            }
            cases.append(Case(id: id, source: source, patterns: patterns, record: record, expect: expect))
        }
        return cases
    }

    static let cases: [Case] = corpusExists ? ((try? loadCases()) ?? []) : []

    @Test(.enabled(if: corpusExists, "conformance corpus not found at ../shared/conformance/cases.jsonl; skipped"))
    func corpusLoads() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 50)
        #expect(Set(cases.map(\.source)) == [.sqs, .kinesis, .dynamodb])
    }

    @Test(.enabled(if: corpusExists, "conformance corpus not found at ../shared/conformance/cases.jsonl; skipped"), arguments: cases)
    func verdictMatchesAWS(_ example: Case) throws {
        var filters: [Pattern] = []
        for text in example.patterns {
            do {
                filters.append(try Pattern(parsing: text, dialect: .lambda))
            } catch {
                #expect(example.expect == "invalid", "pattern rejected: \(error.message)")
                return
            }
        }
        let set = FilterSet(filters: filters, source: example.source)
        if example.expect == "invalid" {
            // AWS refused the mapping: either the pattern is invalid or its data form is refused.
            #expect(!set.filtersRefusedByAWS.isEmpty, "AWS refused this FilterCriteria; the toolkit accepted it")
            return
        }
        let view = try SourceAdapter.view(of: example.record, source: example.source)
        let verdict = set.verdict(for: view)
        #expect(verdict.isDelivered == (example.expect == "match"), "expected \(example.expect), got \(verdict)")
    }
}
