import LambdaFilter

/// A pattern read from the command line: its name (file path or `<pattern 2>`) and text.
struct LoadedPattern {
    var name: String
    var text: String
    var pattern: Pattern
}

enum PatternLoading {
    /// Reads and validates every `--pattern` argument (a file, `-`, or inline JSON text).
    ///
    /// Every invalid pattern is reported (compiler-style, on stderr) before failing.
    /// - Throws: `CommandFailure` (exit 1 for an invalid pattern, 65 for an unreadable file).
    static func load(_ arguments: [String], dialect: Dialect) throws -> [LoadedPattern] {
        var loaded: [LoadedPattern] = []
        var invalid = 0
        // Messages go to stderr, which is never coloured.
        let renderer = DiagnosticRenderer(terminal: .plain)
        for (index, argument) in arguments.enumerated() {
            let name: String
            let text: String
            if argument.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).first == "{" {
                name = "<pattern \(index + 1)>"
                text = argument
            } else {
                let input: InputFiles.Input = argument == "-" ? .standardInput : .file(argument)
                name = input.displayName
                text = try InputFiles.readText(input).text
            }
            let diagnosis = Pattern.diagnose(text, dialect: dialect)
            if let pattern = diagnosis.pattern {
                loaded.append(LoadedPattern(name: name, text: text, pattern: pattern))
            } else {
                invalid += 1
                for error in diagnosis.errors {
                    printError(renderer.render(Diagnostic(error, dialect: dialect), file: name, source: TextLocator(text.utf8)))
                }
            }
        }
        if invalid > 0 {
            throw CommandFailure.invalid("\(invalid) of \(arguments.count) pattern\(arguments.count == 1 ? "" : "s") invalid in the \(dialect.rawValue) dialect (see `lambda-filter check`)")
        }
        return loaded
    }
}
