import Foundation

/// Reads input documents in batches with bounded memory.
///
/// A JSON file (or standard input without `--jsonl`) is one document. A JSON Lines file is read
/// into buffers of `readBufferBytes` and cut into lines (`LineCutter`), so a file of any size
/// needs only the buffers of the batches in flight (each at most `maxBatchRecords` records or
/// about `maxBatchBytes` bytes) in memory at a time. Blank lines are skipped but still counted,
/// so line numbers match the file. A batch's documents are ranges of those buffers
/// (`DocumentBatch`): no line is copied.
///
/// Batch sizes follow the work: the first batch holds `minBatchBytes`, so the workers start at
/// once, and each next one twice as much up to `maxBatchBytes`, few enough that handing batches
/// between threads costs little (a wake-up is dear on a VM); near the end of a file of known
/// size a batch holds at most an eighth of what is left, so the last batches are small and no
/// worker is left alone with a big one.
struct DocumentReader {
    var inputs: [InputFiles.Input]
    /// Read every input as JSON Lines, whatever its extension.
    var forceJSONLines: Bool
    var maxBatchRecords = 4096
    var maxBatchBytes = 2 << 20
    var minBatchBytes = 64 << 10
    /// The size of the buffers JSON Lines are read into (`LineCutter`): 1 MiB, so a read(2)
    /// fills several batches' worth of small records and a large file takes few calls.
    var readBufferBytes = 1 << 20
    /// End a batch of JSON Lines when the lines read so far are used up, so records that arrive
    /// over time (a pipe, a terminal) are handed on before the reader waits for more.
    var endsBatchWhenInputIsUsedUp = false

    /// Whether `input` is read as JSON Lines.
    func isJSONLines(_ input: InputFiles.Input) -> Bool {
        if forceJSONLines { return true }
        guard case .file(let path) = input else { return false }
        let lowered = path.lowercased()
        return lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson")
    }

    /// The byte budget of the batch after one of `current` bytes, with `remaining` bytes of the
    /// input left to read when its size is known.
    func nextBatchBytes(after current: Int, remaining: Int?) -> Int {
        let grown = min(max(current * 2, minBatchBytes), maxBatchBytes)
        guard let remaining else { return grown }
        return min(grown, max(minBatchBytes, remaining / 8))
    }

    /// Calls `body` with each batch, in input order; a batch's `bytesRead` counts bytes consumed
    /// so far. An input that cannot be opened or read (or fails part-way) goes to `unreadable`,
    /// after the batch read before it, and reading goes on with the next input.
    func forEachBatch(
        _ body: (_ batch: DocumentBatch) throws -> Void,
        unreadable: (_ input: InputFiles.Input, _ message: String) throws -> Void
    ) throws {
        var batch = DocumentBatch()
        var batchLimit = min(minBatchBytes, maxBatchBytes)
        var bytesRead = 0
        // Enough buffers kept for the batches in flight (a batch spans a few), freed after the run.
        let pool = BufferPool(size: readBufferBytes, limit: 16)
        /// Hands the batch on; `remaining` is what is left of the current input, when known.
        func handOn(remaining: Int?) throws {
            batch.bytesRead = bytesRead
            try body(batch)
            batch.removeAll()
            batchLimit = nextBatchBytes(after: batchLimit, remaining: remaining)
        }
        func handOnIfFull(remaining: Int?) throws {
            if batch.count >= maxBatchRecords || batch.documentBytes >= batchLimit { try handOn(remaining: remaining) }
        }
        for input in inputs {
            let name = input.displayName
            do {
                if isJSONLines(input) {
                    var lines = try LineCutter(input, pool: pool)
                    let before = bytesRead
                    while let (number, range) = try lines.nextLine() {
                        bytesRead = before + lines.bytesRead
                        if lines.isBlank(range) { continue }
                        batch.append(lines.buffer, range, name: name, line: number)
                        try handOnIfFull(remaining: lines.bytesLeft)
                        if endsBatchWhenInputIsUsedUp, !lines.hasBufferedLine, !batch.isEmpty { try handOn(remaining: lines.bytesLeft) }
                    }
                    if lines.bytesRead == 0, case .file(let path) = input, InputFiles.isFIFO(path: path) {
                        throw CommandFailure.unreadable("\(path): a FIFO with no writer; nothing to read")
                    }
                } else {
                    let bytes = InputFiles.droppingByteOrderMark(try InputFiles.read(input))
                    bytesRead += bytes.count
                    batch.append(ByteBuffer(copying: bytes), 0..<bytes.count, name: name, line: nil)
                    try handOnIfFull(remaining: nil)
                }
            } catch let failure as CommandFailure {
                if !batch.isEmpty { try handOn(remaining: nil) }
                try unreadable(input, failure.message)
            }
        }
        if !batch.isEmpty {
            batch.bytesRead = bytesRead
            try body(batch)
        }
    }
}

/// Memory the reader fills and the workers read: one `read(2)` target, shared by the batches
/// whose documents lie in it, freed with the last of them.
///
/// Only the reader writes, and only past `filled`; a batch is handed on (under the pipeline's
/// lock) holding documents below it, so no byte is written after a worker may read it.
final class ByteBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes written so far, from `base`.
    fileprivate(set) var filled = 0
    /// Where the memory goes back when the buffer is freed, if it came from one.
    private let pool: BufferPool?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
        pool = nil
    }

    /// A buffer of `pool.size` bytes, whose memory goes back to `pool` when it is freed.
    init(pool: BufferPool) {
        capacity = pool.size
        base = pool.take()
        self.pool = pool
    }

    /// A buffer holding `bytes`, full.
    convenience init(copying bytes: [UInt8]) {
        self.init(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { if let source = $0.baseAddress { base.update(from: source, count: bytes.count) } }
        filled = bytes.count
    }

    deinit {
        if let pool { pool.give(base) } else { base.deallocate() }
    }

    /// The bytes in `range`, which must lie below `filled`.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}

/// Read buffers of one size, kept when freed and handed out again, so a long input reuses the
/// memory of the buffers it is done with instead of mapping new pages (a page fault for every
/// 4 KiB) for each buffer. Thread-safe: buffers are freed on the printing thread.
final class BufferPool: @unchecked Sendable {
    let size: Int
    /// The most buffers kept: about what the batches in flight hold.
    private let limit: Int
    private var free: [UnsafeMutablePointer<UInt8>] = []
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init(size: Int, limit: Int) {
        self.size = max(1, size)
        self.limit = limit
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        for memory in free { memory.deallocate() }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Memory of `size` bytes: a kept buffer's, or new.
    func take() -> UnsafeMutablePointer<UInt8> {
        pthread_mutex_lock(mutex)
        let kept = free.popLast()
        pthread_mutex_unlock(mutex)
        return kept ?? .allocate(capacity: size)
    }

    /// Keeps `memory` (from `take`) for reuse, or frees it when enough are kept.
    func give(_ memory: UnsafeMutablePointer<UInt8>) {
        pthread_mutex_lock(mutex)
        let keeps = free.count < limit
        if keeps { free.append(memory) }
        pthread_mutex_unlock(mutex)
        if !keeps { memory.deallocate() }
    }
}

/// Documents as read, in input order: each a range of one of a few shared buffers, so reading,
/// handing on and printing a record moves a few integers instead of a slice and a name.
struct DocumentBatch: Sendable {
    /// Where one document is. Plain values: a batch's documents cost no reference counting.
    struct Span: Sendable {
        /// The index of its buffer in `buffers`.
        var buffer: Int
        /// The index of its input's name in `names`.
        var input: Int
        var range: Range<Int>
        /// 1-based line number for JSON Lines input; `nil` for a whole-file document.
        var line: Int?
    }

    private(set) var buffers: [ByteBuffer] = []
    private(set) var names: [String] = []
    private(set) var spans: [Span] = []
    /// Bytes of every input consumed when the batch was handed on.
    var bytesRead = 0
    /// The bytes of its documents (the line bytes, without line breaks).
    private(set) var documentBytes = 0

    var count: Int { spans.count }
    var isEmpty: Bool { spans.isEmpty }

    /// The bytes of document `index`; valid while the batch is.
    func bytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return buffers[span.buffer].bytes(span.range)
    }

    /// The name of document `index`'s input.
    func name(at index: Int) -> String { names[spans[index].input] }

    /// Document `index` as an `InputDocument`; its bytes are copied only when `includingBytes`
    /// (an invalid document's error row names its line and column; other rows need none).
    func document(at index: Int, includingBytes: Bool = true) -> InputDocument {
        let span = spans[index]
        let bytes = includingBytes ? ArraySlice(buffers[span.buffer].bytes(span.range)) : []
        return InputDocument(name: names[span.input], line: span.line, bytes: bytes)
    }

    /// Adds the document at `range` of `buffer`, from the input named `name`.
    mutating func append(_ buffer: ByteBuffer, _ range: Range<Int>, name: String, line: Int?) {
        if buffers.last !== buffer { buffers.append(buffer) }
        // A batch's documents nearly all share one name (one storage: `==` is quick).
        if let last = names.last, last == name {} else { names.append(name) }
        spans.append(Span(buffer: buffers.count - 1, input: names.count - 1, range: range, line: line))
        documentBytes += range.count
    }

    /// Empties the batch, keeping the span array's capacity.
    mutating func removeAll() {
        buffers.removeAll()
        names.removeAll()
        spans.removeAll(keepingCapacity: true)
        documentBytes = 0
    }
}

/// Cuts one JSON Lines input into lines as it reads it, into buffers of the pool's size (one
/// `read(2)` fills what is free of one; a file smaller than that gets a buffer of its size),
/// never holding more than the buffers whose lines are still in use.
///
/// A line is a range of the buffer it was read in, so no line is copied, except the unfinished
/// line at a full buffer's end, which starts the next buffer (one twice its length if it fills
/// a whole buffer, so reading a long line stays linear in its length).
struct LineCutter {
    private let descriptor: Int32
    /// Keeps the descriptor open while it is read (and closes it after, for a file).
    private let handle: FileHandle
    private let name: String
    private let pool: BufferPool
    private(set) var buffer: ByteBuffer
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it hold none.
    private var scanned = 0
    private var lineNumber = 0
    private(set) var finished = false
    private(set) var bytesRead = 0
    /// The size of a regular file (or standard input redirected from one), nil for a stream.
    private let expectedSize: Int?

    init(_ input: InputFiles.Input, pool: BufferPool) throws {
        name = input.displayName
        switch input {
        case .standardInput:
            handle = FileHandle.standardInput
        case .file(let path):
            // Opened so that a FIFO without a writer fails instead of blocking forever.
            handle = FileHandle(fileDescriptor: try InputFiles.open(path), closeOnDealloc: true)
        case .unmatchedGlob(let pattern):
            throw CommandFailure.unreadable("\(pattern): no file matches this pattern")
        }
        descriptor = handle.fileDescriptor
        var status = stat()
        let isRegular = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        expectedSize = isRegular ? Int(status.st_size) : nil
        self.pool = pool
        // A small file gets a buffer of its size (and the byte that shows its end).
        if let expectedSize, expectedSize < pool.size {
            buffer = ByteBuffer(capacity: expectedSize + 1)
        } else {
            buffer = ByteBuffer(pool: pool)
        }
    }

    /// About how many bytes of a regular file are still to be read (nil for a stream): a guide
    /// for batch sizes, not a count to rely on (the file may change while it is read).
    var bytesLeft: Int? { expectedSize.map { max(0, $0 - bytesRead) } }

    /// Whether a whole line is already read, so `nextLine()` returns without reading.
    var hasBufferedLine: Bool {
        finished ? start < buffer.filled : Self.firstNewline(in: buffer, from: scanned) != nil
    }

    /// The index of the first `\n` at or after `from` and below `filled` (memchr: this runs on
    /// every byte read).
    private static func firstNewline(in buffer: ByteBuffer, from: Int) -> Int? {
        guard from < buffer.filled, let hit = memchr(buffer.base + from, 0x0A, buffer.filled - from) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.base)
    }

    /// The next line's range in `buffer` (without its `\n` or `\r\n`, nor a byte-order mark on
    /// line 1) and its 1-based number, or nil at the end. Reads when no whole line is left.
    mutating func nextLine() throws -> (line: Int, range: Range<Int>)? {
        while true {
            if let newline = Self.firstNewline(in: buffer, from: scanned) {
                let range = start..<newline
                start = newline + 1
                scanned = start
                return numbered(range)
            }
            scanned = buffer.filled
            if finished {
                guard start < buffer.filled else { return nil }
                let range = start..<buffer.filled
                start = buffer.filled
                return numbered(range)
            }
            try read()
        }
    }

    /// One read(2) into the free part of the buffer: it returns what a pipe or terminal has
    /// now, so a line that arrives alone is seen at once. A full buffer first hands its
    /// unfinished line to a new one.
    private mutating func read() throws {
        if buffer.filled == buffer.capacity {
            let unfinished = buffer.filled - start
            let next = unfinished * 2 > pool.size ? ByteBuffer(capacity: unfinished * 2) : ByteBuffer(pool: pool)
            next.base.update(from: buffer.base + start, count: unfinished)
            next.filled = unfinished
            buffer = next
            start = 0
            scanned = unfinished
        }
        while true {
            let result = Foundation.read(descriptor, buffer.base + buffer.filled, buffer.capacity - buffer.filled)
            if result > 0 {
                buffer.filled += result
                bytesRead += result
                return
            }
            if result == 0 {
                finished = true
                return
            }
            if errno != EINTR { throw CommandFailure.unreadable("\(name): read failed: \(InputFiles.describeErrno())") }
        }
    }

    private mutating func numbered(_ range: Range<Int>) -> (line: Int, range: Range<Int>) {
        var range = range
        if !range.isEmpty, buffer.base[range.upperBound - 1] == 0x0D { range = range.lowerBound..<range.upperBound - 1 }
        lineNumber += 1
        if lineNumber == 1, range.count >= 3, buffer.base[range.lowerBound] == 0xEF, buffer.base[range.lowerBound + 1] == 0xBB,
            buffer.base[range.lowerBound + 2] == 0xBF
        {
            range = range.lowerBound + 3..<range.upperBound
        }
        return (lineNumber, range)
    }

    /// Whether the line at `range` of `buffer` holds only spaces, tabs and carriage returns
    /// (a blank line: skipped, but counted).
    func isBlank(_ range: Range<Int>) -> Bool {
        for index in range {
            let byte = buffer.base[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        }
        return true
    }
}
