import LambdaFilter

/// One message about a place in an input text: a pattern error or warning, or unreadable input.
struct Diagnostic {
    enum Severity: String {
        case error
        case warning
        /// A lint note: shown, never a failure (not even with --strict).
        case note

        /// `error:` in red, `warning:` in yellow, `note:` plain.
        func label(_ terminal: Terminal) -> String {
            switch self {
            case .error: return terminal.paint("error:", .red)
            case .warning: return terminal.paint("warning:", .yellow)
            case .note: return "note:"
            }
        }
    }

    var severity: Severity
    /// A stable identifier tools can test: a `PatternError.Code` raw value, `invalid-utf8`...
    var code: String
    var message: String
    var location: TextLocation
    /// The JSON path of the mistake inside the pattern (`$.status[0].prefix`), when known.
    var jsonPath: String?
    /// What AWS itself answers, when the diagnostic is a pattern rejection.
    var awsMessage: String?
    /// A lint rule's one-line fix.
    var fix: String?

    init(_ error: PatternError, dialect: Dialect) {
        severity = .error
        code = error.code.rawValue
        message = error.message
        location = error.location
        jsonPath = error.pathDescription
        awsMessage = error.awsMessage(for: dialect)
    }

    init(_ warning: PatternWarning) {
        severity = .warning
        code = warning.code.rawValue
        message = warning.message
        location = warning.location
        jsonPath = JSONPathFormatter.format(warning.path)
    }

    init(severity: Severity, code: String, message: String, location: TextLocation, jsonPath: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.jsonPath = jsonPath
    }
}

/// Renders diagnostics like a compiler: `file:line:col: error: message`, the line, a caret.
///
/// ```
/// order.json:3:25: error: prefix match pattern must be a string [invalid-operand]
///     3 |   "status": [{"prefix": 5}]
///       |                         ^
///       = at $.status[0].prefix
/// ```
struct DiagnosticRenderer {
    var terminal: Terminal
    /// The widest source excerpt shown; longer lines (minified patterns) are cut around the caret.
    var excerptWidth = 100

    func render(_ diagnostic: Diagnostic, file: String, source: TextLocator) -> String {
        let severity = diagnostic.severity.label(terminal)
        var lines = [
            "\(terminal.paint("\(file):\(diagnostic.location.line):\(diagnostic.location.column):", .bold)) \(severity) \(diagnostic.message) [\(diagnostic.code)]"
        ]
        lines += excerptLines(source, line: diagnostic.location.line, column: diagnostic.location.column)
        if let jsonPath = diagnostic.jsonPath {
            lines.append("  \(gutter(for: diagnostic.location.line)) = at \(jsonPath)")
        }
        if let fix = diagnostic.fix {
            lines.append("  \(gutter(for: diagnostic.location.line)) = fix: \(fix)")
        }
        return lines.joined(separator: "\n")
    }

    /// `  12 | the line` and `     |     ^` for a place in `source`; none when the line is not there.
    func excerptLines(_ source: TextLocator, line: Int, column: Int) -> [String] {
        guard let (excerpt, caretIndent) = excerpt(source, line: line, column: column) else { return [] }
        return ["  \(line) | \(excerpt)", "  \(gutter(for: line)) | \(caretIndent)\(terminal.paint("^", .green))"]
    }

    /// Blanks as wide as the line number, so notes line up under the excerpt's bar.
    func gutter(for line: Int) -> String {
        String(repeating: " ", count: String(line).count)
    }

    /// The source line (cut to `excerptWidth` around the column) and the indentation of the caret.
    func excerpt(_ source: TextLocator, line: Int, column: Int) -> (String, String)? {
        // The locator finds the line without splitting the whole text for each diagnostic.
        guard let lineBytes = source.lineBytes(line) else { return nil }
        var scalars = Array(String(decoding: lineBytes, as: UTF8.self).unicodeScalars)
        if scalars.last == "\r" { scalars.removeLast() }
        var caret = max(0, column - 1)
        var suffix = ""
        if scalars.count > excerptWidth {
            let start = max(0, min(caret - excerptWidth / 2, scalars.count - excerptWidth))
            let end = min(scalars.count, start + excerptWidth)
            if end < scalars.count { suffix = "…" }
            scalars = Array(scalars[start..<end])
            caret = caret - start + (start > 0 ? 1 : 0)
            if start > 0 { scalars.insert("…", at: 0) }
        }
        // Keep tabs so the caret lines up under tab-indented text.
        let indent =
            String(String.UnicodeScalarView(scalars.prefix(caret).map { $0 == "\t" ? "\t" : " " }))
            + String(repeating: " ", count: max(0, caret - scalars.count))
        return (String(String.UnicodeScalarView(scalars)) + suffix, indent)
    }
}
