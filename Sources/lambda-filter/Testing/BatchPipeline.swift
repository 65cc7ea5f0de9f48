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
        case batch(DocumentBatch, outcomes: [DocumentOutcome])
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

    // Everything below is guarded by `lock`. Each kind of thread waits on its own condition and
    // is woken only when what it waits for may have changed, so a batch costs a few wake-ups
    // instead of one for every thread on every change (a wake-up is dear on a VM).
    private let lock = PipelineLock()
    /// Read batches no worker has taken yet, with their sequence numbers.
    private var waiting: [(sequence: Int, batch: DocumentBatch)] = []
    /// Finished steps by sequence number, until the printer takes them.
    private var finished: [Int: Slot] = [:]
    /// Steps read and not yet printed.
    private var inFlight = 0
    /// The step the printer waits for: only that one finishing wakes it.
    private var nextToPrint = 0
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
            lock.lock()
            nextToPrint = sequence
            while finished[sequence] == nil { lock.wait(.printer) }
            let slot = finished.removeValue(forKey: sequence)!
            inFlight -= 1
            lock.signal(.reader)
            lock.unlock()
            sequence += 1
            switch slot {
            case .done(let step): try handle(step)
            case .failed(let error): throw error
            case .end: return
            }
        }
    }

    private func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast(.reader)
        lock.broadcast(.workers)
        lock.unlock()
    }

    /// The reader thread: every batch and unreadable input, then the end (or the error).
    private func read() {
        var sequence = 0
        /// Waits for room, then returns the step's sequence number; nil once cancelled.
        /// Called with `lock` held.
        func reserve() -> Int? {
            while inFlight >= maxBatchesInFlight && !cancelled { lock.wait(.reader) }
            if cancelled { return nil }
            inFlight += 1
            sequence += 1
            return sequence - 1
        }
        let outcome = Result {
            try reader.forEachBatch { batch in
                lock.lock()
                defer { lock.unlock() }
                guard let number = reserve() else { throw CancellationError() }
                waiting.append((number, batch))
                lock.signal(.workers)
            } unreadable: { input, message in
                lock.lock()
                defer { lock.unlock() }
                guard let number = reserve() else { throw CancellationError() }
                finish(number, .done(.unreadable(input, message: message)))
            }
        }
        lock.lock()
        // The last slot: the end, or the error that stopped the reader. No room is waited for,
        // so the printer always gets it.
        inFlight += 1
        switch outcome {
        case .success: finish(sequence, .end)
        case .failure(let error): finish(sequence, .failed(error))
        }
        readerDone = true
        lock.broadcast(.workers)
        lock.unlock()
    }

    /// A worker thread: takes the oldest waiting batch and matches it, until the reader is done.
    private func work() {
        var scratch = RecordScratch()
        while true {
            lock.lock()
            while waiting.isEmpty && !readerDone && !cancelled { lock.wait(.workers) }
            if cancelled || waiting.isEmpty {
                lock.unlock()
                return
            }
            let next = waiting.removeFirst()
            lock.unlock()
            var outcomes: [DocumentOutcome] = []
            outcomes.reserveCapacity(next.batch.count)
            for index in 0..<next.batch.count {
                outcomes.append(evaluator.evaluate(next.batch.bytes(at: index), scratch: &scratch))
            }
            lock.lock()
            finish(next.sequence, .done(.batch(next.batch, outcomes: outcomes)))
            lock.unlock()
        }
    }

    /// Stores step `sequence`, waking the printer if it waits for that one. Called with `lock` held.
    private func finish(_ sequence: Int, _ slot: Slot) {
        finished[sequence] = slot
        if sequence == nextToPrint { lock.signal(.printer) }
    }
}

/// One mutex with a condition per kind of waiting thread (`BatchPipeline`): the printer waits
/// for the next step, the reader for room, the workers for a batch.
final class PipelineLock: @unchecked Sendable {
    /// Who waits on a condition.
    enum Waiter: Int, CaseIterable {
        case printer, reader, workers
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let conditions = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: Waiter.allCases.count)

    init() {
        pthread_mutex_init(mutex, nil)
        for index in Waiter.allCases.indices { pthread_cond_init(conditions + index, nil) }
    }

    deinit {
        for index in Waiter.allCases.indices { pthread_cond_destroy(conditions + index) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits (with the mutex held) until `waiter`'s condition is signalled; callers re-check
    /// what they wait for, as a wake-up may be spurious.
    func wait(_ waiter: Waiter) { pthread_cond_wait(conditions + waiter.rawValue, mutex) }
    /// Wakes one thread waiting as `waiter`.
    func signal(_ waiter: Waiter) { pthread_cond_signal(conditions + waiter.rawValue) }
    /// Wakes every thread waiting as `waiter`.
    func broadcast(_ waiter: Waiter) { pthread_cond_broadcast(conditions + waiter.rawValue) }
}
