import AllocationCounter

/// A reading of the process-wide allocation counters.
public struct AllocationReading: Equatable, Sendable {
    /// Heap allocations made so far.
    public var count: UInt64
    /// Bytes those allocations requested.
    public var bytes: UInt64
}

/// Process-wide heap allocation counts, from the interposed allocator in `AllocationCounter`.
public enum AllocationMeter {
    /// Whether readings mean anything: the allocator is interposed here and a probe allocation
    /// was actually seen (a statically linked or non-glibc build would otherwise read 0 forever).
    public static let isAvailable: Bool = {
        guard lf_bench_allocation_counting_compiled() != 0 else { return false }
        let before = read()
        let probe = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        let after = read()
        probe.deallocate()
        return after.count > before.count && after.bytes >= before.bytes + 4096
    }()

    /// The counters now.
    @inline(__always)
    public static func read() -> AllocationReading {
        AllocationReading(count: lf_bench_allocation_count(), bytes: lf_bench_allocated_bytes())
    }
}
