import LambdaFilter
import LambdaFilterSources

/// One input document as read: a whole file, or one line of a JSON Lines file.
struct InputDocument: Sendable {
    /// The input's display name (path or `<stdin>`).
    var name: String
    /// 1-based line number for JSON Lines input; `nil` for a whole-file document.
    var line: Int?
    /// The document's bytes (a copy: `DocumentBatch` holds the ones read, in shared buffers).
    var bytes: ArraySlice<UInt8>
}

/// The verdict (or error) of one record of a document.
struct RecordOutcome: Sendable {
    var position: RecordPosition
    var result: Result<Verdict, RecordError>
}

/// What evaluating one document gave: verdicts per record, or why the document is unreadable.
enum DocumentOutcome: Sendable {
    case records([RecordOutcome])
    /// The document is one record (at the root) with this verdict: most documents, given
    /// without an array each.
    case verdict(Verdict)
    case invalidJSON(JSONSyntaxError)
}

/// Gives every record of a document its verdict, as Lambda would for the chosen source.
///
/// Immutable and `Sendable`: one evaluator serves every worker thread. A document is read once,
/// as bytes: raw documents by `Matcher.matchValidating` (matching and strict validation in one
/// scan), events and records of every source by `RecordBytes`. Documents of unusual shapes, and
/// records with errors other than their payload's, are split and adapted by `EventSplitter`
/// into trees, with the same verdicts. One `Matcher` is compiled; each source's `FilterSet` shares it.
struct RecordEvaluator: Sendable {
    let selection: SourceSelection
    let patterns: [Pattern]
    let matcher: Matcher
    /// One filter set per source, so auto-detected documents never recompile.
    let filterSets: [EventSource: FilterSet]
    /// `filterSets` indexed for `RecordBytes`, once for every document.
    let sourceSets: SourceFilterSets
    let parser: JSONParser
    /// The largest decoded payload per source (`--max-payload-bytes`), the same for both paths.
    let payloadLimits: PayloadLimits

    /// - Throws: `CommandFailure` when there are more patterns than `matcherLimits` allow.
    init(
        patterns: [Pattern], selection: SourceSelection, matcherLimits: MatcherLimits = .standard, payloadLimits: PayloadLimits = .aws
    ) throws {
        self.selection = selection
        self.patterns = patterns
        let matcher = try RecordLimitOptions.matcher(for: patterns, limits: matcherLimits)
        self.matcher = matcher
        self.parser = JSONParser(maxDepth: matcherLimits.maxDepth)
        self.payloadLimits = payloadLimits
        var sets: [EventSource: FilterSet] = [:]
        if selection != .raw {
            let sources = selection.eventSource.map { [$0] } ?? EventSource.allCases
            for source in sources { sets[source] = FilterSet(source: source, matcher: matcher) }
        }
        self.filterSets = sets
        self.sourceSets = SourceFilterSets(sets)
    }

    /// Evaluates one document.
    func evaluate(_ bytes: ArraySlice<UInt8>, scratch: inout RecordScratch) -> DocumentOutcome {
        bytes.withUnsafeBufferPointer { evaluate($0, scratch: &scratch) }
    }

    func evaluate(_ buffer: UnsafeBufferPointer<UInt8>, scratch: inout RecordScratch) -> DocumentOutcome {
        if selection == .raw {
            do {
                try matcher.matchValidating(buffer, into: &scratch.match)
            } catch {
                return .invalidJSON(error)
            }
            return .verdict(scratch.match.matchedPatterns.first.map { .passed(filter: $0) } ?? .filtered)
        }
        do {
            if let verdicts = try RecordBytes.verdicts(
                of: buffer, selection: selection, filterSets: sourceSets, limits: payloadLimits, scratch: &scratch)
            {
                // `isRoot`: `== .root` would check the global's initialisation and compare two
                // arrays for every record.
                if verdicts.count == 1, verdicts[0].position.isRoot, case .success(let verdict) = verdicts[0].result {
                    return .verdict(verdict)
                }
                return .records(verdicts.map { RecordOutcome(position: $0.position, result: $0.result) })
            }
        } catch {
            return .invalidJSON(error)
        }
        return evaluateTree(buffer)
    }

    /// The tree path: parse, split into records, adapt each (errors name the field and reason).
    private func evaluateTree(_ buffer: UnsafeBufferPointer<UInt8>) -> DocumentOutcome {
        let node: JSONNode
        do {
            node = try parser.parse(utf8: buffer)
        } catch {
            return .invalidJSON(error)
        }
        let outcomes = EventSplitter.records(in: node.value, selection: selection, limits: payloadLimits).map { result -> RecordOutcome in
            switch result {
            case .success(let record):
                let source = record.view.source ?? .sqs
                let set = filterSets[source] ?? FilterSet(source: source, matcher: matcher)
                return RecordOutcome(position: record.position, result: .success(set.verdict(for: record.view)))
            case .failure(let error):
                return RecordOutcome(position: error.position, result: .failure(error))
            }
        }
        return .records(outcomes)
    }
}
