import Foundation
import LambdaFilter
import LambdaFilterSources

/// `test`'s run over its inputs: reading, matching and printing overlap, in bounded memory.
///
/// One thread reads the inputs and cuts them into batches (`DocumentReader`); one worker per
/// core takes the next batch and matches it alone, with its own scratch; the calling thread
/// gets the batches back in input order and prints them. At most `maxBatchesInFlight` batches
/// are read and not yet printed, so memory stays a few batches whatever the input's size, and a
/// slow printer (or matcher) holds the reader back instead of letting batches pile up.
///
/// An input that cannot be read is handed back in its place among the batches, so its error row
/// comes after the rows of everything read before it. An error thrown by the reader or by
/// `handle` ends the run: the reader stops at its next batch and the error is rethrown.
final class BatchPipeline: @unchecked Sendable {
    /// One step of the run, in input order.
    enum Step {
        case batch([InputDocument], outcomes: [DocumentOutcome], bytesRead: Int)
        case unreadable(InputFiles.Input, message: String)
    }

    private enum Slot {
        case done(Step)
        case failed(any Error)
        case end
    }

    private let reader: DocumentReader
    private let evaluator: RecordEvaluator
    private let workers: Int
    private let maxBatchesInFlight: Int

    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    /// Read batches no worker has taken yet, with their sequence numbers.
    private var waiting: [(sequence: Int, batch: [InputDocument], bytesRead: Int)] = []
    /// Finished steps by sequence number, until the printer takes them.
    private var finished: [Int: Slot] = [:]
    /// Steps read and not yet printed.
    private var inFlight = 0
    private var readerDone = false
    /// Set when the printer stops early, so the reader and the workers stop too.
    private var cancelled = false

    init(
        reader: DocumentReader, evaluator: RecordEvaluator, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        maxBatchesInFlight: Int? = nil
    ) {
        self.reader = reader
        self.evaluator = evaluator
        self.workers = max(1, workers)
        // Enough for every worker to have one batch while the printer holds one and the reader
        // fills the next.
        self.maxBatchesInFlight = max(2, maxBatchesInFlight ?? self.workers + 2)
    }

    /// Runs the pipeline, calling `handle` on the calling thread with each step in input order.
    func run(_ handle: (Step) throws -> Void) throws {
        let readerThread = Thread { [self] in read() }
        readerThread.stackSize = 4 << 20
        readerThread.start()
        for _ in 0..<workers {
            let worker = Thread { [self] in work() }
            worker.stackSize = 8 << 20
            worker.start()
        }
        defer { cancel() }
        var sequence = 0
        while true {
            condition.lock()
            while finished[sequence] == nil { condition.wait() }
            let slot = finished.removeValue(forKey: sequence)!
            inFlight -= 1
            condition.broadcast()
            condition.unlock()
            sequence += 1
            switch slot {
            case .done(let step): try handle(step)
            case .failed(let error): throw error
            case .end: return
            }
        }
    }

    private func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The reader thread: every batch and unreadable input, then the end (or the error).
    private func read() {
        var sequence = 0
        /// Waits for room, then returns the step's sequence number; nil once cancelled.
        func reserve() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while inFlight >= maxBatchesInFlight && !cancelled { condition.wait() }
            if cancelled { return nil }
            inFlight += 1
            sequence += 1
            return sequence - 1
        }
        let outcome = Result {
            try reader.forEachBatch { batch, bytesRead in
                guard let number = reserve() else { throw CancellationError() }
                condition.lock()
                waiting.append((number, batch, bytesRead))
                condition.broadcast()
                condition.unlock()
            } unreadable: { input, message in
                guard let number = reserve() else { throw CancellationError() }
                condition.lock()
                finished[number] = .done(.unreadable(input, message: message))
                condition.broadcast()
                condition.unlock()
            }
        }
        condition.lock()
        // The last slot: the end, or the error that stopped the reader. No room is waited for,
        // so the printer always gets it.
        inFlight += 1
        switch outcome {
        case .success: finished[sequence] = .end
        case .failure(let error): finished[sequence] = .failed(error)
        }
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// A worker thread: takes the oldest waiting batch and matches it, until the reader is done.
    private func work() {
        var scratch = RecordScratch()
        while true {
            condition.lock()
            while waiting.isEmpty && !readerDone && !cancelled { condition.wait() }
            if cancelled || waiting.isEmpty {
                condition.unlock()
                return
            }
            let next = waiting.removeFirst()
            condition.unlock()
            let outcomes = next.batch.map { evaluator.evaluate($0.bytes, scratch: &scratch) }
            condition.lock()
            finished[next.sequence] = .done(.batch(next.batch, outcomes: outcomes, bytesRead: next.bytesRead))
            condition.broadcast()
            condition.unlock()
        }
    }
}
