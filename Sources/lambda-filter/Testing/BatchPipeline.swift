import Foundation
import LambdaFilter
import LambdaFilterSources

/// `test`'s run over its inputs: reading, matching and printing overlap, in bounded memory.
///
/// One worker per core reads the next batch (`DocumentReader.Batches`, one reader at a time)
/// and matches it itself, with its own scratch, while the other workers match theirs: a batch is
/// matched on the core that read it, whose caches hold its bytes, and no thread only reads. The
/// calling thread gets the batches back in input order and prints them. At most
/// `maxBatchesInFlight` batches are read and not yet printed, so memory stays a few batches
/// whatever the input's size, and a slow printer (or matcher) holds reading back instead of
/// letting batches pile up.
///
/// An input that cannot be read is handed back in its place among the batches, so its error row
/// comes after the rows of everything read before it. An error thrown by reading or by `handle`
/// ends the run: no batch is read after it and the error is rethrown.
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

    private let evaluator: RecordEvaluator
    private let workers: Int
    private let maxBatchesInFlight: Int

    // Everything below is guarded by `lock`. Each kind of thread waits on its own condition and
    // is woken only when what it waits for may have changed, so a batch costs a few wake-ups
    // instead of one for every thread on every change (a wake-up is dear on a VM).
    private let lock = PipelineLock()
    /// The batches still to read; only the worker that set `reading` uses it, outside the lock.
    private var batches: DocumentReader.Batches
    /// Whether a worker is reading.
    private var reading = false
    /// Finished steps by sequence number, until the printer takes them.
    private var finished: [Int: Slot] = [:]
    /// The sequence number of the next step read.
    private var nextSequence = 0
    /// Steps read (or being read) and not yet printed.
    private var inFlight = 0
    /// The step the printer waits for: only that one finishing wakes it.
    private var nextToPrint = 0
    /// Set once the last step (the end, or an error) is read.
    private var readerDone = false
    /// Set when the printer stops early, so the workers stop too.
    private var cancelled = false

    init(
        reader: DocumentReader, evaluator: RecordEvaluator, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        maxBatchesInFlight: Int? = nil
    ) {
        self.batches = reader.batches()
        self.evaluator = evaluator
        self.workers = max(1, workers)
        // Enough for every worker to have one batch while the printer holds one and the next
        // is read.
        self.maxBatchesInFlight = max(2, maxBatchesInFlight ?? self.workers + 2)
    }

    /// Runs the pipeline, calling `handle` on the calling thread with each step in input order.
    func run(_ handle: (Step) throws -> Void) throws {
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
            // Room for one more: a worker waiting to read may go on.
            lock.signal(.workers)
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
        lock.broadcast(.workers)
        lock.unlock()
    }

    /// A worker thread: reads the next batch when no other worker is reading and there is room,
    /// and matches it; stops once everything is read and matched.
    private func work() {
        var scratch = RecordScratch()
        while true {
            lock.lock()
            while !cancelled && !readerDone && (reading || inFlight >= maxBatchesInFlight) { lock.wait(.workers) }
            if cancelled || readerDone {
                lock.unlock()
                return
            }
            reading = true
            inFlight += 1
            let sequence = nextSequence
            nextSequence += 1
            lock.unlock()
            // Read outside the lock: only this worker touches `batches` until `reading` is reset.
            let step = Result { try batches.next() }
            lock.lock()
            reading = false
            switch step {
            case .success(.some(.batch(let batch))):
                // Another worker may read the next batch while this one is matched.
                lock.signal(.workers)
                lock.unlock()
                var outcomes: [DocumentOutcome] = []
                outcomes.reserveCapacity(batch.count)
                for index in 0..<batch.count {
                    outcomes.append(evaluator.evaluate(batch.bytes(at: index), scratch: &scratch))
                }
                lock.lock()
                finish(sequence, .done(.batch(batch, outcomes: outcomes)))
                lock.unlock()
            case .success(.some(.unreadable(let input, let message))):
                finish(sequence, .done(.unreadable(input, message: message)))
                lock.signal(.workers)
                lock.unlock()
            case .success(.none):
                finish(sequence, .end)
                readerDone = true
                lock.broadcast(.workers)
                lock.unlock()
            case .failure(let error):
                finish(sequence, .failed(error))
                readerDone = true
                lock.broadcast(.workers)
                lock.unlock()
            }
        }
    }

    /// Stores step `sequence`, waking the printer if it waits for that one. Called with `lock` held.
    private func finish(_ sequence: Int, _ slot: Slot) {
        finished[sequence] = slot
        if sequence == nextToPrint { lock.signal(.printer) }
    }
}

/// One mutex with a condition per kind of waiting thread (`BatchPipeline`): the printer waits
/// for the next step, the workers for their turn to read (and room).
final class PipelineLock: @unchecked Sendable {
    /// Who waits on a condition.
    enum Waiter: Int, CaseIterable {
        case printer, workers
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
