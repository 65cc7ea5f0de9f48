import ArgumentParser
import Foundation

/// `--color`: when text output is coloured.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    /// When standard output is a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
    case auto
    case always
    case never
}

/// Where output goes, and whether it may be coloured.
///
/// With `--color auto` (the default) colour is used only when stdout is a terminal, `NO_COLOR`
/// is not set to a non-empty value (https://no-color.org: "when present and not an empty
/// string") and `TERM` is not `dumb`, so piped output and CI logs stay plain text. `always` and
/// `never` override all three, as no-color.org asks of a command-line switch.
struct Terminal: Sendable {
    let colorsStandardOutput: Bool
    let standardOutputIsTerminal: Bool
    let standardErrorIsTerminal: Bool

    static let current = Terminal(environment: ProcessInfo.processInfo.environment)

    /// Output without colour (stderr, files).
    static let plain = Terminal(colorsStandardOutput: false, standardOutputIsTerminal: false, standardErrorIsTerminal: false)

    init(colorsStandardOutput: Bool, standardOutputIsTerminal: Bool, standardErrorIsTerminal: Bool) {
        self.colorsStandardOutput = colorsStandardOutput
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
    }

    init(environment: [String: String], color: ColorChoice = .auto) {
        standardOutputIsTerminal = isatty(STDOUT_FILENO) == 1
        standardErrorIsTerminal = isatty(STDERR_FILENO) == 1
        switch color {
        case .always: colorsStandardOutput = true
        case .never: colorsStandardOutput = false
        case .auto:
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            colorsStandardOutput = standardOutputIsTerminal && !noColor && environment["TERM"] != "dumb"
        }
    }

    /// Whether a progress line may be drawn on stderr: only on a terminal that does not also
    /// show the output, where redrawing the line would overwrite verdict rows.
    var showsProgress: Bool { standardErrorIsTerminal && !standardOutputIsTerminal }

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

    /// Appends bytes with `write` straight into the buffer (a row built in place, no string).
    func append(_ write: (inout [UInt8]) -> Void) {
        write(&buffer)
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
