import Foundation
import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// The compiled matcher against the naive reference, on the AWS corpus and on random inputs.
@Suite("Differential: compiled vs reference")
struct DifferentialTests {
    /// The corpus's raw cases (EventBridge verdicts): both matchers must give AWS's verdict.
    @Test func conformanceCorpusRawCases() throws {
        let path = conformanceCasesURL()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("conformance corpus not found at \(path)")
            return
        }
        var checked = 0
        for line in text.split(separator: "\n") where !line.isEmpty {
            let testCase = try JSONParser().parseValue(String(line))
            guard testCase["source"] == "raw", let expect = testCase["expect"]?.stringValue,
                let patternTexts = testCase["patterns"]?.arrayElements?.compactMap(\.stringValue)
            else { continue }
            let id = testCase["id"]?.stringValue ?? "?"
            let patterns = patternTexts.compactMap { try? Pattern(parsing: $0, dialect: .eventbridge) }
            if expect == "invalid" {
                #expect(patterns.count < patternTexts.count, "\(id): accepted an invalid pattern")
                checked += 1
                continue
            }
            #expect(patterns.count == patternTexts.count, "\(id): rejected a valid pattern")
            let recordText = testCase["event_text"]?.stringValue ?? JSONWriter.write(testCase["event"] ?? .null)
            let compiled = try !Matcher(patterns: patterns).matchingPatterns(in: Array(recordText.utf8)).isEmpty
            let reference = !ReferenceMatcher(patterns: patterns).matchingPatterns(in: try JSONParser().parseValue(recordText)).isEmpty
            #expect(compiled == (expect == "match"), "\(id): compiled matcher disagrees with AWS")
            #expect(reference == (expect == "match"), "\(id): reference matcher disagrees with AWS")
            checked += 1
        }
        #expect(checked >= 130)
    }

    /// Thousands of seeded random pattern sets and records: the two matchers must agree.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomPatternsAndRecords(seed: UInt64) throws {
        var generator = RandomCases(seed: seed)
        var agreements = 0, matchesSeen = 0
        for _ in 0..<150 {
            let patterns = (0..<4).map { _ in generator.pattern() }
            let compiled = Matcher(patterns: patterns)
            let reference = ReferenceMatcher(patterns: patterns)
            var scratch = MatchScratch()
            for _ in 0..<10 {
                let record = generator.record()
                let bytes = Array(JSONWriter.write(record).utf8)
                try bytes.withUnsafeBufferPointer { try compiled.match($0, into: &scratch) }
                let expected = reference.matchingPatterns(in: record)
                #expect(scratch.matchedPatterns == expected, "seed \(seed): \(patterns.map(\.text)) on \(JSONWriter.write(record))")
                if scratch.matchedPatterns == expected { agreements += 1 }
                matchesSeen += expected.count
            }
        }
        #expect(agreements == 1500)
        // The generator must actually produce matches, or agreement proves little.
        #expect(matchesSeen > 300)
    }
}
