import Foundation

/// Reads input documents in batches with bounded memory.
///
/// A JSON file (or standard input without `--jsonl`) is one document. A JSON Lines file is read
/// in 64 KiB chunks and cut into lines, so a file of any size needs only one batch of lines (at
/// most `maxBatchRecords` records or about `maxBatchBytes` bytes) in memory at a time. Blank
/// lines are skipped but still counted, so line numbers match the file.
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

    /// Calls `body` with each batch, in input order; `bytesRead` counts bytes consumed so far.
    /// An input that cannot be opened or read (or fails part-way) goes to `unreadable`, after the
    /// batch read before it, and reading goes on with the next input.
    func forEachBatch(
        _ body: (_ batch: [InputDocument], _ bytesRead: Int) throws -> Void,
        unreadable: (_ input: InputFiles.Input, _ message: String) throws -> Void
    ) throws {
        var batch: [InputDocument] = []
        var batchBytes = 0
        var batchLimit = min(minBatchBytes, maxBatchBytes)
        var bytesRead = 0
        /// Hands the batch on; `remaining` is what is left of the current input, when known.
        func handOn(remaining: Int?) throws {
            try body(batch, bytesRead)
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
            batchLimit = nextBatchBytes(after: batchLimit, remaining: remaining)
        }
        func add(_ document: InputDocument, remaining: Int?) throws {
            batch.append(document)
            batchBytes += document.bytes.count
            if batch.count >= maxBatchRecords || batchBytes >= batchLimit { try handOn(remaining: remaining) }
        }
        for input in inputs {
            let name = input.displayName
            do {
                if isJSONLines(input) {
                    var lines = try LineReader(input)
                    let before = bytesRead
                    while let (number, line) = try lines.next() {
                        bytesRead = before + lines.bytesRead
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        try add(InputDocument(name: name, line: number, bytes: line), remaining: lines.bytesLeft)
                        if endsBatchWhenInputIsUsedUp, !lines.hasBufferedLine, !batch.isEmpty { try handOn(remaining: lines.bytesLeft) }
                    }
                    if lines.bytesRead == 0, case .file(let path) = input, InputFiles.isFIFO(path: path) {
                        throw CommandFailure.unreadable("\(path): a FIFO with no writer; nothing to read")
                    }
                } else {
                    let bytes = InputFiles.droppingByteOrderMark(try InputFiles.read(input))
                    bytesRead += bytes.count
                    try add(InputDocument(name: name, line: nil, bytes: bytes[...]), remaining: nil)
                }
            } catch let failure as CommandFailure {
                if !batch.isEmpty { try handOn(remaining: nil) }
                try unreadable(input, failure.message)
            }
        }
        if !batch.isEmpty { try body(batch, bytesRead) }
    }
}

/// Reads lines from a file descriptor in chunks, never holding more than the chunks whose lines
/// are still in use.
///
/// Each line is a slice of the chunk it was read in, so no line is copied: a chunk is a new
/// array that is never changed once it hands out lines (the unfinished line at its end starts
/// the next chunk), and it is freed when the last of its lines is.
struct LineReader {
    private let handle: FileHandle
    private let name: String
    private var chunk: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it hold none.
    private var scanned = 0
    private var lineNumber = 0
    private var finished = false
    private(set) var bytesRead = 0
    /// The size of a regular file (or standard input redirected from one), nil for a stream.
    private let expectedSize: Int?
    /// 64 KiB: below malloc's threshold for mapping an allocation of its own, so freed chunks
    /// are reused instead of unmapped and their pages faulted in again.
    private let chunkSize = 64 << 10

    init(_ input: InputFiles.Input) throws {
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
        var status = stat()
        let isRegular = fstat(handle.fileDescriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        expectedSize = isRegular ? Int(status.st_size) : nil
    }

    /// About how many bytes of a regular file are still to be read (nil for a stream): a guide
    /// for batch sizes, not a count to rely on (the file may change while it is read).
    var bytesLeft: Int? { expectedSize.map { max(0, $0 - bytesRead) } }

    /// Whether a whole line is already read, so `next()` returns without reading.
    var hasBufferedLine: Bool { Self.firstNewline(in: chunk, from: max(start, scanned)) != nil }

    /// The index of the first `\n` at or after `start` (memchr: this runs on every byte read).
    private static func firstNewline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let hit = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// The next line (without its `\n` or `\r\n`) and its 1-based number, or nil at the end.
    mutating func next() throws -> (Int, ArraySlice<UInt8>)? {
        while true {
            if let newline = Self.firstNewline(in: chunk, from: max(start, scanned)) {
                let line = chunk[start..<newline]
                start = newline + 1
                scanned = start
                return numbered(line)
            }
            if finished {
                guard start < chunk.count else { return nil }
                let line = chunk[start...]
                start = chunk.count
                return numbered(line)
            }
            // The unfinished line starts the next chunk. A line longer than a chunk doubles
            // the read, so reading it stays linear in its length.
            let unfinished = chunk[start...]
            let size = max(chunkSize, unfinished.count)
            // One read(2): it returns what a pipe or terminal has now, so a line that arrives
            // alone is seen at once.
            let (next, read) = try InputFiles.readChunk(descriptor: handle.fileDescriptor, after: unfinished, upTo: size, name: name)
            chunk = next
            start = 0
            scanned = unfinished.count
            if read == 0 {
                finished = true
            } else {
                bytesRead += read
            }
        }
    }

    private mutating func numbered(_ line: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>) {
        var line = line
        if line.last == 0x0D { line.removeLast() }
        lineNumber += 1
        if lineNumber == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        return (lineNumber, line)
    }
}
