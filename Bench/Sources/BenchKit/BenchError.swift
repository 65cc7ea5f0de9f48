/// Why a benchmark run could not produce a trustworthy result.
public enum BenchError: Error, Equatable, CustomStringConvertible {
    /// The command line was wrong.
    case usage(String)
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// A line of the patterns file is not a valid EventBridge pattern.
    case invalidPattern(path: String, line: Int, column: Int, message: String)
    /// An event is not valid JSON (or not UTF-8).
    case invalidEvent(path: String, line: Int, offset: Int, reason: String)
    /// A file holds no patterns or no events.
    case empty(path: String, what: String)
    /// The reference table itself is malformed.
    case invalidReferences(path: String, reason: String)
    /// The matcher gave a different count on a later pass over the same events.
    case unstableMatches(firstPass: Int, laterPass: Int)

    public var description: String {
        switch self {
        case .usage(let message):
            return "usage error: \(message)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .invalidPattern(let path, let line, let column, let message):
            return "\(path):\(line):\(column): invalid pattern: \(message)"
        case .invalidEvent(let path, let line, let offset, let reason):
            return "\(path):\(line): invalid event at byte \(offset) of the record: \(reason)"
        case .empty(let path, let what):
            return "\(path): no \(what) found"
        case .invalidReferences(let path, let reason):
            return "\(path): malformed reference table: \(reason)"
        case .unstableMatches(let firstPass, let laterPass):
            return "matcher is not deterministic: the counting pass found \(firstPass) matches, "
                + "a later pass over the same events \(laterPass)"
        }
    }
}
