import ArgumentParser
import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources

/// `--max-patterns`, `--max-depth`, `--max-payload-bytes`: the limits records are matched
/// under (`test`, `explain`). Each flag sets one library setting, named in its help.
struct RecordLimitOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The most patterns compiled together (MatcherLimits.maxPatterns; AWS allows 5 filters, 10 with a raised quota).",
            valueName: "count")
    )
    var maxPatterns: Int = MatcherLimits.defaultMaxPatterns

    @Option(
        name: .long,
        help: ArgumentHelp("The deepest nesting of a record read, in arrays and objects (MatcherLimits.maxDepth).", valueName: "levels")
    )
    var maxDepth: Int = MatcherLimits.defaultMaxDepth

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The largest decoded payload of a record, in bytes, for every source (PayloadLimits; default: AWS's, SQS 1 MiB, Kinesis 10 MiB, Kafka and Amazon MQ 6 MiB).",
            discussion:
                "The payload is the SQS body, the decoded Kinesis data, the Kafka value and key, the Amazon MQ data; a larger one is an error for that record.",
            valueName: "bytes"
        )
    )
    var maxPayloadBytes: Int?

    func validate() throws {
        if maxPatterns < 1 { throw ValidationError("--max-patterns must be at least 1.") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be at least 1.") }
        if let maxPayloadBytes, maxPayloadBytes < 0 { throw ValidationError("--max-payload-bytes cannot be negative.") }
    }

    var matcherLimits: MatcherLimits { MatcherLimits(maxPatterns: maxPatterns, maxDepth: maxDepth) }

    var payloadLimits: PayloadLimits {
        guard let maxPayloadBytes else { return .aws }
        return PayloadLimits(sqs: maxPayloadBytes, kinesis: maxPayloadBytes, kafka: maxPayloadBytes, mq: maxPayloadBytes)
    }

    /// Compiles `patterns` under `limits`, or fails naming `--max-patterns`.
    static func matcher(for patterns: [Pattern], limits: MatcherLimits) throws -> Matcher {
        do {
            return try Matcher(patterns: patterns, limits: limits)
        } catch {
            throw CommandFailure.invalid("\(error); raise it with --max-patterns")
        }
    }
}

/// `--max-document-bytes`: the largest pattern, FilterCriteria or template file read.
struct DocumentLimitOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The largest pattern, FilterCriteria or template file read, in bytes (FilterReadOptions.maxDocumentBytes).", valueName: "bytes")
    )
    var maxDocumentBytes: Int = FilterCriteriaReader.maxDocumentBytes

    func validate() throws {
        if maxDocumentBytes < 1 { throw ValidationError("--max-document-bytes must be at least 1.") }
    }
}
