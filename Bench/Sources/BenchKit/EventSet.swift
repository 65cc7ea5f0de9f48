/// The events of a JSON Lines file, each kept as its raw UTF-8 bytes in one contiguous buffer.
///
/// Records are never decoded or re-encoded: the matcher sees exactly the bytes of each line, as an
/// embedding tool reading records off a stream would hand them over.
public final class EventSet {
    /// The file the events came from (for error messages).
    public let path: String
    /// One buffer per record, pointing into `storage`, in file order.
    public let records: [UnsafeBufferPointer<UInt8>]
    /// The 1-based line number of each record in `records`.
    public let lineNumbers: [Int]
    /// Sum of the records' byte counts (line terminators excluded).
    public let totalBytes: Int
    private let storage: UnsafeMutableBufferPointer<UInt8>

    /// Reads the file at `path`; one record per non-empty line.
    public convenience init(path: String) throws(BenchError) {
        let storage = try FileBytes.read(path)
        self.init(path: path, taking: storage)
    }

    /// Splits `bytes` into records (copying them into storage the set owns).
    public convenience init(path: String, bytes: [UInt8]) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = storage.initialize(fromContentsOf: bytes)
        self.init(path: path, taking: UnsafeMutableBufferPointer(rebasing: storage[..<bytes.count]))
    }

    private init(path: String, taking storage: UnsafeMutableBufferPointer<UInt8>) {
        self.path = path
        self.storage = storage
        let lines = Self.lineRanges(in: UnsafeBufferPointer(storage))
        let base = UnsafeBufferPointer(storage)
        records = lines.map { UnsafeBufferPointer(rebasing: base[$0.bytes]) }
        lineNumbers = lines.map(\.line)
        totalBytes = lines.reduce(0) { $0 + $1.bytes.count }
    }

    deinit {
        storage.deallocate()
    }

    /// Byte ranges of the non-empty lines of `bytes`, without "\n" or a "\r\n" terminator's "\r".
    ///
    /// Empty lines are not records (a file ends with one); any other line is kept as it is, so a
    /// line that is not JSON reaches the matcher and gets an error rather than being dropped.
    public static func lineRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [(line: Int, bytes: Range<Int>)] {
        var result: [(line: Int, bytes: Range<Int>)] = []
        var lineStart = 0
        var lineNumber = 1
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                var lineEnd = index
                if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if lineEnd > lineStart { result.append((lineNumber, lineStart..<lineEnd)) }
                lineStart = index + 1
                lineNumber += 1
            }
            index += 1
        }
        return result
    }
}
