/// Many patterns compiled together; answers which of them match a record.
///
/// Built once, read-only afterwards, so one `Matcher` is shared freely across threads. Matching
/// needs a `MatchScratch` per thread, which holds the buffers reused from record to record.
public struct Matcher: Sendable {
    /// The patterns, in the order given; their indices are the ids `match` reports.
    public let patterns: [Pattern]

    public init(patterns: [Pattern]) {
        self.patterns = patterns
    }

    /// Indices of the patterns that match the JSON record `bytes`, in ascending order.
    /// - Throws: `JSONSyntaxError` when the record is not valid JSON.
    public func matchingPatterns(in bytes: [UInt8]) throws(JSONSyntaxError) -> [Int] {
        var scratch = MatchScratch()
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try match(buffer, into: &scratch) }
        return scratch.matchedPatterns
    }

    /// Indices of the patterns that match `record`, in ascending order.
    public func matchingPatterns(in record: JSONValue) -> [Int] {
        let text = JSONWriter.write(record)
        // A written JSONValue is always valid JSON.
        return (try? matchingPatterns(in: Array(text.utf8))) ?? []
    }

    /// Matches one record, leaving the result in `scratch.matchedPatterns`.
    public func match(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout MatchScratch) throws(JSONSyntaxError) {
        fatalError("compiled matcher lands in the next commit")
    }
}

/// Per-thread buffers for `Matcher.match`, reused from record to record.
public struct MatchScratch {
    /// Indices of the patterns that matched the last record, ascending.
    public internal(set) var matchedPatterns: [Int] = []

    public init() {}
}
