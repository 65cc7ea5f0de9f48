/// A fixed-size, zero-initialised buffer owned by a class, written through a pointer.
///
/// The matcher's per-record stamps are written on every hit; doing so through a pointer skips
/// the copy-on-write uniqueness check an `Array` element write costs. Only `MatchScratch` uses
/// it, and a `MatchScratch` belongs to one thread at a time.
final class FixedBuffer<Element: FixedWidthInteger> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        pointer.deallocate()
    }

    /// Sets every element back to zero.
    func reset() {
        pointer.update(repeating: 0, count: count)
    }
}
