/// A place in a source text: byte offset plus the 1-based line and column people read.
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    /// Byte offset from the start of the text (0-based).
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars so a caret lines up under non-ASCII text.
    public var column: Int

    /// A location from its three parts, as given (nothing is checked against a text).
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The location of `offset` within `utf8` (offsets past the end are clamped to the end).
    ///
    /// This walks the text from its start; to locate many offsets in one text, build a
    /// `TextLocator` once instead.
    public init(offset: Int, in utf8: some Collection<UInt8>) {
        var line = 1
        var column = 1
        var index = 0
        for byte in utf8 {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count scalars, not bytes: continuation bytes do not start a column.
                column += 1
            }
            index += 1
        }
        self.init(offset: min(offset, index), line: line, column: column)
    }

    /// `line:column`, as compilers print places.
    public var description: String { "\(line):\(column)" }
}

/// Locates many offsets in one text: the line starts are found once, then each lookup is a
/// binary search plus a walk of at most `checkpointStride` bytes.
///
/// Answers exactly what `TextLocation(offset:in:)` answers, without walking the text from its
/// start each time (which made locating every filter of a 10,000-filter file quadratic).
public struct TextLocator: Sendable {
    /// The text's bytes.
    public let bytes: [UInt8]
    /// The offset of the first byte of each line (the first is 0).
    public let lineStarts: [Int]
    /// `scalarCounts[k]` is the number of scalars starting before byte `k * checkpointStride`,
    /// so a column needs no walk longer than the stride, even on a long minified line.
    private let scalarCounts: [Int]
    private static let checkpointStride = 256

    /// Indexes `utf8` once: O(n) to build; each `location(ofOffset:)` is then O(log lines + 256).
    public init(_ utf8: some Collection<UInt8>) {
        let bytes = Array(utf8)
        var lineStarts = [0]
        var scalarCounts: [Int] = []
        scalarCounts.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        var scalars = 0
        for (index, byte) in bytes.enumerated() {
            if index % Self.checkpointStride == 0 { scalarCounts.append(scalars) }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        }
        scalarCounts.append(scalars)
        self.bytes = bytes
        self.lineStarts = lineStarts
        self.scalarCounts = scalarCounts
    }

    /// The location of `offset` (offsets past the end are clamped to the end, negative ones to 0).
    public func location(ofOffset offset: Int) -> TextLocation {
        let clamped = max(0, min(offset, bytes.count))
        let lineIndex = line(containing: clamped)
        let column = scalarsBefore(clamped) - scalarsBefore(lineStarts[lineIndex]) + 1
        return TextLocation(offset: clamped, line: lineIndex + 1, column: column)
    }

    /// The bytes of 1-based line `line`, without its line feed; `nil` past the last line.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        return bytes[start..<end]
    }

    /// The 0-based index of the line holding byte `offset`: the last line start at or before it.
    private func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// How many scalars start before byte `offset`.
    private func scalarsBefore(_ offset: Int) -> Int {
        let checkpoint = offset / Self.checkpointStride
        var count = scalarCounts[checkpoint]
        var index = checkpoint * Self.checkpointStride
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}
