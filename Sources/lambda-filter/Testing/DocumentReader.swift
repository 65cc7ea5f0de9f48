import Foundation

/// Reads input documents in batches with bounded memory.
///
/// A JSON file (or standard input without `--jsonl`) is one document. A JSON Lines file is read
/// in 1 MiB chunks and cut into lines, so a file of any size needs only one batch of lines (at
/// most `maxBatchRecords` records or about `maxBatchBytes` bytes) in memory at a time. Blank
/// lines are skipped but still counted, so line numbers match the file.
struct DocumentReader {
    var inputs: [InputFiles.Input]
    /// Read every input as JSON Lines, whatever its extension.
    var forceJSONLines: Bool
    var maxBatchRecords = 4096
    var maxBatchBytes = 8 << 20
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

    /// Calls `body` with each batch, in input order; `bytesRead` counts bytes consumed so far.
    /// - Throws: `CommandFailure.unreadable` when an input cannot be opened or read.
    func forEachBatch(_ body: (_ batch: [InputDocument], _ bytesRead: Int) throws -> Void) throws {
        var batch: [InputDocument] = []
        var batchBytes = 0
        var bytesRead = 0
        func add(_ document: InputDocument) throws {
            batch.append(document)
            batchBytes += document.bytes.count
            if batch.count >= maxBatchRecords || batchBytes >= maxBatchBytes {
                try body(batch, bytesRead)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
        }
        for input in inputs {
            if isJSONLines(input) {
                var lines = try LineReader(input)
                while let (number, line) = try lines.next() {
                    bytesRead = lines.bytesRead
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    try add(InputDocument(name: input.displayName, line: number, bytes: line))
                    if endsBatchWhenInputIsUsedUp, !lines.hasBufferedLine, !batch.isEmpty {
                        try body(batch, bytesRead)
                        batch.removeAll(keepingCapacity: true)
                        batchBytes = 0
                    }
                }
            } else {
                let bytes = try InputFiles.read(input)
                bytesRead += bytes.count
                try add(InputDocument(name: input.displayName, line: nil, bytes: bytes))
            }
        }
        if !batch.isEmpty { try body(batch, bytesRead) }
    }
}

/// Reads lines from a file descriptor in chunks, never holding more than one chunk plus the
/// current line.
struct LineReader {
    private let handle: FileHandle
    private let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it hold none.
    private var scanned = 0
    private var lineNumber = 0
    private var finished = false
    private(set) var bytesRead = 0
    private let chunkSize = 1 << 20

    init(_ input: InputFiles.Input) throws {
        name = input.displayName
        switch input {
        case .standardInput:
            handle = FileHandle.standardInput
        case .file(let path):
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure.unreadable("\(path): cannot open the file")
            }
            handle = opened
        }
    }

    /// Whether a whole line is already read, so `next()` returns without reading.
    var hasBufferedLine: Bool { Self.firstNewline(in: buffer, from: max(start, scanned)) != nil }

    /// The index of the first `\n` at or after `start` (memchr: this runs on every byte read).
    private static func firstNewline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let hit = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// The next line (without its `\n` or `\r\n`) and its 1-based number, or nil at the end.
    mutating func next() throws -> (Int, [UInt8])? {
        while true {
            if let newline = Self.firstNewline(in: buffer, from: max(start, scanned)) {
                var line = Array(buffer[start..<newline])
                if line.last == 0x0D { line.removeLast() }
                start = newline + 1
                scanned = start
                lineNumber += 1
                return (lineNumber, line)
            }
            if finished {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            // Keep the unfinished line, drop what was consumed, read the next chunk.
            buffer.removeSubrange(0..<start)
            start = 0
            scanned = buffer.count
            // One read(2): it returns what a pipe or terminal has now, where FileHandle's
            // read(upToCount:) would wait for a whole chunk, so a line that arrives alone is
            // seen at once.
            let previousCount = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunkSize))
            var count: Int
            repeat {
                count = buffer.withUnsafeMutableBytes { raw in
                    Foundation.read(handle.fileDescriptor, raw.baseAddress! + previousCount, chunkSize)
                }
            } while count < 0 && errno == EINTR
            buffer.removeSubrange((previousCount + max(count, 0))...)
            if count < 0 {
                throw CommandFailure.unreadable("\(name): read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                finished = true
            } else {
                bytesRead += count
            }
        }
    }
}
