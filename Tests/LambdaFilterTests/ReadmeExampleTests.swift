import LambdaFilter
import Testing

/// README's "Embedding the matcher" snippet as a unit test (`scripts/check-embedding.sh` also
/// builds it verbatim in a package of its own).
@Suite("README example")
struct ReadmeExampleTests {
    @Test func embeddingSnippetRunsAsDocumented() throws {
        let filters = try [
            Pattern(parsing: #"{"body": {"status": [{"prefix": "ERR"}]}}"#, dialect: .lambda),
            Pattern(parsing: #"{"body": {"amount": [{"numeric": [">", 100]}]}}"#, dialect: .lambda),
        ]
        let matcher = Matcher(patterns: filters)  // immutable and Sendable: share it across threads
        var scratch = MatchScratch()  // one per thread, reused record after record

        let record = Array(#"{"body": {"status": "ERR_TIMEOUT", "amount": 42}}"#.utf8)
        try record.withUnsafeBufferPointer { try matcher.match($0, into: &scratch) }
        #expect(scratch.matchedPatterns == [0])
    }
}
