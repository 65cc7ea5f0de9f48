import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources
import LambdaFilterTestSupport
import Testing

/// `explain --source raw` gives the lint's "did you mean" hints from a record read only where
/// `PatternExplainer.recordParts` (with `FieldSuggestions.keysReadBeyondFields`) says; the hints
/// must be those of the whole record.
@Suite("Field hints on partly read records")
struct PartlyReadSampleTests {
    static func hints(_ pattern: Pattern, _ text: String) throws -> (whole: [String], partial: [String]) {
        let keeping = PatternExplainer.recordParts(for: [pattern], alsoKeeping: FieldSuggestions.keysReadBeyondFields)
        let partial = try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try JSONParser().parseValue(utf8: buffer, keeping: keeping)
        }
        return (
            Linter.fieldHints(for: pattern, record: .raw(try Fixtures.json(text))),
            Linter.fieldHints(for: pattern, record: .raw(partial))
        )
    }

    @Test(arguments: [
        (#"{"detail": {"Status": "paid", "x": [{"status": 1}]}}"#, #"{"status": ["paid"]}"#),
        (#"{"body": {"Message": {"a": 1}}, "dynamodb": {"NewImage": {"price": {"N": "5"}}}}"#, #"{"price": [5]}"#),
        (#"{"order": {"w.Total": 3, "items": [{"total": 1}]}}"#, #"{"Total": [{"numeric": [">", 1]}]}"#),
        (#"{"a": {"b": {"S": "x"}}, "c.b": 1}"#, #"{"b": ["x"]}"#),
    ])
    func sameHintsAsTheWholeRecord(record: String, pattern: String) throws {
        let (whole, partial) = try Self.hints(Fixtures.pattern(pattern), record)
        #expect(partial == whole)
        #expect(!whole.isEmpty, "the case should give a hint")
    }

    @Test func sameHintsOnRandomRecords() throws {
        var generator = RandomCases(seed: 41)
        var hinted = 0
        for _ in 0..<300 {
            let pattern = generator.pattern()
            let text = JSONWriter.write(generator.record())
            let (whole, partial) = try Self.hints(pattern, text)
            #expect(partial == whole, "\(pattern.text) on \(text)")
            if !whole.isEmpty { hinted += 1 }
        }
        #expect(hinted > 10)
    }
}
