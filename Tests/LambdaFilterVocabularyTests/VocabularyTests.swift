import LambdaFilterVocabulary
import Testing

/// The one vocabulary of AWS sources: each fact about a mapping kind is its event source's, and
/// the `--source` values name the same sources for every command.
@Suite("Source vocabulary")
struct VocabularyTests {
    @Test(arguments: MappingSource.allCases)
    func aMappingKindSaysWhatItsEventSourceSays(_ mapping: MappingSource) {
        let source = mapping.eventSource
        #expect(mapping.documentedDataKey == source.dataKey)
        #expect(mapping.supportsFiltering == source.awsAppliesFilters)
        #expect(mapping.requiresJSONDataPattern == source.requiresJSONDataPattern)
        #expect(MappingSource(source).eventSource == source)
    }

    @Test func onlyTheKafkaKindsHaveTheirOwnNames() {
        let own = MappingSource.allCases.filter { $0.displayName != $0.eventSource.displayName }
        #expect(own == [.msk, .kafka])
        #expect(Set(MappingSource.allCases.map(\.displayName)).count == MappingSource.allCases.count)
    }

    struct Facts: Sendable, CustomTestStringConvertible {
        var source: EventSource
        var dataKey: String?
        var filtersApply: Bool
        var requiresJSON: Bool
        var testDescription: String { source.rawValue }
    }

    // The per-source pages of the Lambda developer guide (spec §2).
    @Test(arguments: [
        Facts(source: .sqs, dataKey: "body", filtersApply: true, requiresJSON: false),
        Facts(source: .kinesis, dataKey: "data", filtersApply: true, requiresJSON: true),
        Facts(source: .dynamodb, dataKey: "dynamodb", filtersApply: true, requiresJSON: true),
        Facts(source: .documentdb, dataKey: nil, filtersApply: false, requiresJSON: false),
        Facts(source: .mq, dataKey: "data", filtersApply: true, requiresJSON: false),
        Facts(source: .kafka, dataKey: "value", filtersApply: true, requiresJSON: false),
    ])
    func perSourceFacts(_ facts: Facts) {
        #expect(facts.source.dataKey == facts.dataKey)
        #expect(facts.source.awsAppliesFilters == facts.filtersApply)
        #expect(facts.source.requiresJSONDataPattern == facts.requiresJSON)
    }

    @Test(arguments: [
        ("aws:sqs", EventSource.sqs), ("aws:kinesis", .kinesis), ("aws:dynamodb", .dynamodb), ("aws:docdb", .documentdb),
        ("aws:mq", .mq), ("aws:rmq", .mq), ("aws:kafka", .kafka), ("SelfManagedKafka", .kafka),
    ])
    func lambdaEventSourceNames(_ name: String, _ source: EventSource) {
        #expect(EventSource(lambdaEventSourceName: name) == source)
    }

    @Test func unknownEventSourceNames() {
        #expect(EventSource(lambdaEventSourceName: "aws:sns") == nil)
        #expect(EventSource(lambdaEventSourceName: "sqs") == nil)
    }

    /// Every spelling `test`/`explain` took (auto, raw and the six record sources) and every one
    /// `check`/`criteria` took (the seven mapping kinds) is a `--source` value, with its old meaning.
    @Test func everyOldSpellingIsAValue() {
        let values = SourceSelection.allCases.map(\.rawValue)
        let recordSpellings = ["auto", "raw"] + EventSource.allCases.map(\.rawValue)
        let mappingSpellings = MappingSource.allCases.map(\.rawValue)
        #expect(Set(values) == Set(recordSpellings + mappingSpellings))
        for source in EventSource.allCases {
            #expect(SourceSelection(rawValue: source.rawValue)?.eventSource == source)
        }
        for mapping in MappingSource.allCases {
            #expect(SourceSelection(rawValue: mapping.rawValue)?.mappingSource == mapping)
        }
        #expect(SourceSelection.msk.eventSource == .kafka)
        #expect(SourceSelection.auto.eventSource == nil && SourceSelection.raw.mappingSource == nil)
    }

    @Test func everyValueHasASummary() {
        for value in SourceSelection.allCases {
            #expect(!value.summary.isEmpty && value.summary != value.rawValue, "\(value)")
        }
    }

    @Test(arguments: [("passed", VerdictWord.passed), ("pass", .passed), ("filtered", .filtered), ("dropped", .dropped)])
    func verdictWords(_ written: String, _ word: VerdictWord) {
        #expect(VerdictWord(reading: written) == word)
    }

    @Test func unknownVerdictWords() {
        #expect(VerdictWord(reading: "unfiltered") == nil)
        #expect(VerdictWord(reading: "Passed") == nil)
        #expect(VerdictWord.listed == "dropped, filtered, passed")
    }
}

@Suite("Refused data-pattern forms")
struct RefusedFormTests {
    /// Only Kinesis and DynamoDB refuse, and only a plain-string data pattern (spec §2.2, §3.1).
    @Test(arguments: EventSource.allCases)
    func refusedForms(_ source: EventSource) {
        let refusing: Set<EventSource> = [.kinesis, .dynamodb]
        #expect(source.refuses(.plainString) == refusing.contains(source))
        #expect(!source.refuses(.json))
        #expect(!source.refuses(.absent))
    }
}
