import LambdaFilter

/// Reads the patterns of a scenario: one EventBridge-dialect pattern per non-empty line.
public enum PatternFile {
    /// Parses every pattern of the file at `path`, failing on the first invalid one.
    public static func load(path: String) throws(BenchError) -> [Pattern] {
        let storage = try FileBytes.read(path)
        defer { storage.deallocate() }
        return try parse(UnsafeBufferPointer(storage), path: path)
    }

    /// Parses every non-empty line of `bytes` as a pattern; errors name the file, line and column.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(BenchError) -> [Pattern] {
        var patterns: [Pattern] = []
        for line in EventSet.lineRanges(in: bytes) {
            let lineBytes = UnsafeBufferPointer(rebasing: bytes[line.bytes])
            if let invalid = UTF8Validation.firstInvalidOffset(lineBytes) {
                throw .invalidPattern(path: path, line: line.line, column: invalid + 1, message: "invalid UTF-8")
            }
            let text = String(decoding: lineBytes, as: UTF8.self)
            do {
                patterns.append(try Pattern(parsing: text, dialect: .eventbridge))
            } catch {
                throw .invalidPattern(
                    path: path, line: line.line, column: error.location.column, message: error.message)
            }
        }
        guard !patterns.isEmpty else { throw .empty(path: path, what: "patterns") }
        return patterns
    }
}
