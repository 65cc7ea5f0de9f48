import Foundation

/// Where output goes, and whether it may be coloured.
///
/// Colour is used only when the stream is a terminal and `NO_COLOR` is not set to a non-empty
/// value (https://no-color.org: "when present and not an empty string"), so piped output and CI
/// logs stay plain text.
struct Terminal: Sendable {
    let colorsStandardOutput: Bool
    let standardErrorIsTerminal: Bool

    static let current = Terminal(environment: ProcessInfo.processInfo.environment)

    /// Output without colour (stderr, files).
    static let plain = Terminal(colorsStandardOutput: false, standardErrorIsTerminal: false)

    init(colorsStandardOutput: Bool, standardErrorIsTerminal: Bool) {
        self.colorsStandardOutput = colorsStandardOutput
        self.standardErrorIsTerminal = standardErrorIsTerminal
    }

    init(environment: [String: String]) {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        colorsStandardOutput = isatty(STDOUT_FILENO) == 1 && !noColor
        standardErrorIsTerminal = isatty(STDERR_FILENO) == 1
    }

    /// The text-style escape codes used in text output.
    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    /// `text` in `style` when stdout is coloured, plain otherwise.
    func paint(_ text: String, _ style: Style) -> String {
        colorsStandardOutput ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// Buffered standard output: verdicts of millions of records must not cost a write each.
/// Buffered standard output; also a `TextOutputStream`, so writers can stream into it.
final class OutputStream: TextOutputStream {
    private var buffer: [UInt8] = []
    private let descriptor: Int32

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func line(_ text: String) {
        write(text)
        write("\n")
    }

    func flush() {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result <= 0 { break }  // a closed pipe: nothing more can be said
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes one line to standard error at once (messages never interleave mid-line).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
