import Dispatch
import Foundation
import LambdaFilter
import LambdaFilterSources

/// One input document as read: a whole file, or one line of a JSON Lines file.
struct InputDocument: Sendable {
    /// The input's display name (path or `<stdin>`).
    var name: String
    /// 1-based line number for JSON Lines input; `nil` for a whole-file document.
    var line: Int?
    var bytes: [UInt8]
}

/// The verdict (or error) of one record of a document.
struct RecordOutcome: Sendable {
    var position: RecordPosition
    var result: Result<Verdict, RecordError>
}

/// What evaluating one document gave: verdicts per record, or why the document is unreadable.
enum DocumentOutcome: Sendable {
    case records([RecordOutcome])
    case invalidJSON(JSONSyntaxError)
}

/// Gives every record of a document its verdict, as Lambda would for the chosen source.
///
/// Immutable and `Sendable`: one evaluator serves every worker thread. Raw documents go through
/// the compiled `Matcher` on their bytes; other sources are split and adapted by
/// `LambdaFilterSources`, then judged by a `FilterSet` compiled for their source.
struct RecordEvaluator: Sendable {
    let selection: SourceSelection
    let patterns: [Pattern]
    let matcher: Matcher
    /// One compiled filter set per source, so auto-detected documents never recompile.
    let filterSets: [EventSource: FilterSet]
    let parser = JSONParser(maxDepth: 512)

    init(patterns: [Pattern], selection: SourceSelection) {
        self.selection = selection
        self.patterns = patterns
        self.matcher = Matcher(patterns: patterns)
        var sets: [EventSource: FilterSet] = [:]
        if selection != .raw {
            let sources = selection.eventSource.map { [$0] } ?? EventSource.allCases
            for source in sources { sets[source] = FilterSet(filters: patterns, source: source) }
        }
        self.filterSets = sets
    }

    /// Evaluates one document. Records are parsed strictly first: the matcher alone would only
    /// check the structure of the subtrees it skips.
    func evaluate(_ bytes: [UInt8], scratch: inout MatchScratch) -> DocumentOutcome {
        let node: JSONNode
        do {
            node = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parser.parse(utf8: buffer) }
        } catch {
            return .invalidJSON(error)
        }
        if selection == .raw {
            do {
                try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.match(buffer, into: &scratch) }
            } catch {
                return .invalidJSON(error)
            }
            let verdict: Verdict = scratch.matchedPatterns.first.map { .passed(filter: $0) } ?? .filtered
            return .records([RecordOutcome(position: .root, result: .success(verdict))])
        }
        let outcomes = EventSplitter.records(in: node.value, selection: selection).map { result -> RecordOutcome in
            switch result {
            case .success(let record):
                let source = record.view.source ?? .sqs
                let set = filterSets[source] ?? FilterSet(filters: patterns, source: source)
                return RecordOutcome(position: record.position, result: .success(set.verdict(for: record.view)))
            case .failure(let error):
                return RecordOutcome(position: error.position, result: .failure(error))
            }
        }
        return .records(outcomes)
    }

    /// Evaluates a batch on every core, keeping the batch's order.
    func evaluate(batch: [InputDocument]) -> [DocumentOutcome] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 16))
        let results = ResultSlots(count: batch.count)
        let chunk = (batch.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var scratch = MatchScratch()
            let start = worker * chunk
            let end = min(batch.count, start + chunk)
            guard start < end else { return }
            for index in start..<end {
                results.store(evaluate(batch[index].bytes, scratch: &scratch), at: index)
            }
        }
        return results.values()
    }
}

/// Slots that worker threads fill, each index by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [DocumentOutcome?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ outcome: DocumentOutcome, at index: Int) {
        // The lock is taken once per record, negligible next to parsing and matching it.
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    func values() -> [DocumentOutcome] {
        slots.map { $0 ?? .records([]) }
    }
}
