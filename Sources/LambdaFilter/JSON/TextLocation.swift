/// A place in a source text: byte offset plus the 1-based line and column people read.
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    /// Byte offset from the start of the text (0-based).
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars so a caret lines up under non-ASCII text.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The location of `offset` within `utf8` (offsets past the end are clamped to the end).
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

    public var description: String { "\(line):\(column)" }
}
