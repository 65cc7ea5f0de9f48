import LambdaFilter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a timed (or warm-up) loop did.
public struct LoopStatistics: Sendable {
    /// Events matched.
    public var events: Int
    /// Bytes of those events.
    public var bytes: Int
    /// Wall time on the monotonic clock.
    public var elapsed: Duration
    /// Passes over the whole event set that completed (each one's match count was checked).
    public var completePasses: Int
    /// Heap allocations made during the loop, when they can be counted.
    public var allocations: AllocationReading?
    /// CPU time this thread got during the loop; well under `seconds` means other processes
    /// took the core and the wall-clock rate understates the matcher.
    public var cpuSeconds: Double

    /// `elapsed` in seconds.
    public var seconds: Double { Self.seconds(elapsed) }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

/// Runs one compiled matcher over one event set: the counting pass and the timed loops.
public struct BenchRunner {
    /// The compiled patterns.
    public let matcher: Matcher
    /// The events, as raw bytes.
    public let events: EventSet
    /// Whether events are matched with `matchValidating` (strict mode) rather than `match`.
    public let validating: Bool

    /// How many events run between two clock readings; small enough to stop close to the
    /// deadline, large enough that reading the clock costs nothing measurable.
    static let eventsPerClockCheck = 256

    public init(matcher: Matcher, events: EventSet, validating: Bool = false) {
        self.matcher = matcher
        self.events = events
        self.validating = validating
    }

    /// Matches one record in the mode asked for.
    @inline(__always)
    func match(_ record: UnsafeBufferPointer<UInt8>, into scratch: inout MatchScratch) throws(JSONSyntaxError) {
        if validating {
            try matcher.matchValidating(record, into: &scratch)
        } else {
            try matcher.match(record, into: &scratch)
        }
    }

    /// The number of (event, pattern) matches over all events; fails on the first invalid event.
    public func countMatches() throws(BenchError) -> Int {
        var scratch = MatchScratch()
        var total = 0
        for (index, record) in events.records.enumerated() {
            do {
                try match(record, into: &scratch)
            } catch {
                throw .invalidEvent(
                    path: events.path, line: events.lineNumbers[index], offset: error.offset, reason: error.reason)
            }
            total += scratch.matchedPatterns.count
        }
        return total
    }

    /// When a loop stops.
    public enum Stop: Equatable, Sendable {
        /// After this many seconds on the monotonic clock (the last pass may be partial).
        case seconds(Double)
        /// After this many complete passes: fixed work, for instruction-counting profilers.
        case passes(Int)
    }

    /// Matches all events over and over on this thread until `stop`.
    ///
    /// Every complete pass must find `matchesPerPass` matches again: this keeps the work from
    /// being optimised away and catches a matcher whose answers drift once it is warm.
    public func loop(until stop: Stop, matchesPerPass: Int) throws(BenchError) -> LoopStatistics {
        let records = events.records
        let clock = ContinuousClock()
        var scratch = MatchScratch()
        var processedEvents = 0
        var processedBytes = 0
        var completePasses = 0
        let countAllocations = AllocationMeter.isAvailable
        let allocationsBefore = AllocationMeter.read()
        let cpuStart = Self.threadCPUSeconds()
        let start = clock.now
        let deadline: ContinuousClock.Instant
        let passLimit: Int
        switch stop {
        case .seconds(let seconds):
            deadline = start.advanced(by: .nanoseconds(Int64((seconds * 1e9).rounded())))
            passLimit = Int.max
        case .passes(let passes):
            // Unreachable deadline, so only the pass count stops the loop.
            deadline = start.advanced(by: .seconds(Int64(Int32.max)))
            passLimit = passes
        }
        timing: while completePasses < passLimit {
            var passMatches = 0
            var chunkStart = 0
            while chunkStart < records.count {
                let chunkEnd = min(chunkStart + Self.eventsPerClockCheck, records.count)
                for index in chunkStart..<chunkEnd {
                    let record = records[index]
                    do {
                        try match(record, into: &scratch)
                    } catch {
                        throw .invalidEvent(
                            path: events.path, line: events.lineNumbers[index], offset: error.offset,
                            reason: error.reason)
                    }
                    passMatches &+= scratch.matchedPatterns.count
                    processedBytes &+= record.count
                }
                processedEvents += chunkEnd - chunkStart
                chunkStart = chunkEnd
                if clock.now >= deadline { break timing }
            }
            completePasses += 1
            guard passMatches == matchesPerPass else {
                throw .unstableMatches(firstPass: matchesPerPass, laterPass: passMatches)
            }
        }
        let elapsed = start.duration(to: clock.now)
        let cpuSeconds = Self.threadCPUSeconds() - cpuStart
        let allocationsAfter = AllocationMeter.read()
        let allocations =
            countAllocations
            ? AllocationReading(
                count: allocationsAfter.count - allocationsBefore.count,
                bytes: allocationsAfter.bytes - allocationsBefore.bytes)
            : nil
        return LoopStatistics(
            events: processedEvents, bytes: processedBytes, elapsed: elapsed, completePasses: completePasses,
            allocations: allocations, cpuSeconds: cpuSeconds)
    }

    /// CPU time consumed by the calling thread so far.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
