import Foundation
import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// The compiled matcher against the naive reference, on the AWS corpus and on random inputs.
@Suite("Differential: compiled vs reference")
struct DifferentialTests {
    /// The corpus's raw cases (EventBridge verdicts): both matchers must give AWS's verdict.
    @Test func conformanceCorpusRawCases() throws {
        var checked = 0
        for testCase in try rawCorpusCases() {
            let patterns = testCase.patternTexts.compactMap { try? Pattern(parsing: $0, dialect: .eventbridge) }
            if testCase.expect == "invalid" {
                #expect(patterns.count < testCase.patternTexts.count, "\(testCase.id): accepted an invalid pattern")
                checked += 1
                continue
            }
            #expect(patterns.count == testCase.patternTexts.count, "\(testCase.id): rejected a valid pattern")
            let compiled = try !Matcher(patterns: patterns).matchingPatterns(in: Array(testCase.recordText.utf8)).isEmpty
            let reference = !ReferenceMatcher(patterns: patterns).matchingPatterns(in: try JSONParser().parseValue(testCase.recordText))
                .isEmpty
            #expect(compiled == (testCase.expect == "match"), "\(testCase.id): compiled matcher disagrees with AWS")
            #expect(reference == (testCase.expect == "match"), "\(testCase.id): reference matcher disagrees with AWS")
            checked += 1
        }
        #expect(checked >= 130)
    }

    /// Thousands of seeded random pattern sets and records: the two matchers must agree.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomPatternsAndRecords(seed: UInt64) throws {
        var generator = RandomCases(seed: seed)
        var agreements = 0, matchesSeen = 0, repeatedKeyMatches = 0, smallSetMatches = 0
        for _ in 0..<150 {
            let patterns = (0..<generator.patternSetSize()).map { _ in generator.pattern() }
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
                if !expected.isEmpty && Self.hasRepeatedKey(record) { repeatedKeyMatches += 1 }
                if expected.count == patterns.count && patterns.count <= 2 { smallSetMatches += 1 }
            }
        }
        #expect(agreements == 1500)
        // The generator must actually produce matches, or agreement proves little; among them
        // records with a repeated key, and sets of one or two patterns that all match (where the
        // scan may stop early).
        #expect(matchesSeen > 300)
        #expect(repeatedKeyMatches > 20)
        #expect(smallSetMatches > 0)
    }

    static func hasRepeatedKey(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members):
            return Set(members.map(\.key)).count < members.count || members.contains { hasRepeatedKey($0.value) }
        case .array(let elements):
            return elements.contains(where: hasRepeatedKey)
        default:
            return false
        }
    }
}
