import LambdaFilter
import LambdaFilterCriteria

/// A pattern read from the command line: its name (file path, `<pattern 2>`, or the mapping
/// and filter it comes from) and text.
struct LoadedPattern {
    var name: String
    var text: String
    var pattern: Pattern
}

/// The filters of one FilterCriteria to run: every `--pattern` given, or one mapping of a
/// template, mapping output or FilterCriteria document.
struct FilterGroup {
    /// The mapping's id (`Orders.Queue`, a UUID, a Terraform address), `nil` for plain patterns.
    var mapping: String?
    var patterns: [LoadedPattern]
    /// The mapping's source, when its document says.
    var source: MappingSource? = nil
}

enum PatternLoading {
    /// Reads and validates every `--pattern` argument (a file, `-`, or inline JSON text), each
    /// a pattern or any document `FilterDocument` reads (FilterCriteria, mapping output,
    /// CloudFormation/SAM/Pipes, Serverless, Terraform).
    ///
    /// Every invalid pattern is reported (compiler-style, on stderr) before failing.
    /// - Parameter mapping: the `--mapping` id that picks one mapping of a document.
    /// - Parameter maxDocumentBytes: the largest document read (`--max-document-bytes`).
    /// - Returns: one group for plain patterns, or one per selected mapping.
    /// - Throws: `CommandFailure` (exit 1 for an invalid pattern, 64 for a mapping that is not
    ///   there, 65 for an unreadable file).
    static func loadGroups(
        _ arguments: [String], dialect: Dialect, mapping: String?, maxDocumentBytes: Int = FilterCriteriaReader.maxDocumentBytes
    ) throws -> [FilterGroup] {
        var plain: [LoadedPattern] = []
        var groups: [FilterGroup] = []
        var invalid = 0
        var documents = 0
        // Messages go to stderr, which is never coloured.
        let renderer = DiagnosticRenderer(terminal: .plain)
        for (index, argument) in arguments.enumerated() {
            let name: String
            var text: String
            if argument.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).first == "{" {
                name = "<pattern \(index + 1)>"
                text = argument
            } else {
                let input: InputFiles.Input = argument == "-" ? .standardInput : .file(argument)
                name = input.displayName
                text = try InputFiles.readText(input).text
                // A file's final line break is not part of the Pattern AWS receives.
                text = String(Substring(text.unicodeScalars.dropLastLineBreak))
            }
            let document = FilterDocument.read(text: text, name: name, options: FilterReadOptions(maxDocumentBytes: maxDocumentBytes))
            switch document.kind {
            case .pattern:
                let unmarked = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
                let diagnosis = Pattern.diagnose(unmarked, dialect: dialect, limits: PatternLimits(maxLength: nil))
                if let pattern = diagnosis.pattern {
                    plain.append(LoadedPattern(name: name, text: unmarked, pattern: pattern))
                } else {
                    invalid += 1
                    for error in diagnosis.errors {
                        printError(renderer.render(Diagnostic(error, dialect: dialect), file: name, source: TextLocator(unmarked.utf8)))
                    }
                }
            case .manifest:
                throw CommandFailure.usage("\(name) is a pattern manifest: run it with `lambda-filter test --manifest \(name)`")
            default:
                documents += 1
                let (found, failed) = try mappingGroups(document, name: name, mapping: mapping, dialect: dialect)
                groups += found
                invalid += failed
            }
        }
        if invalid > 0 {
            throw CommandFailure.invalid(
                "\(invalid) of \(arguments.count) pattern\(arguments.count == 1 ? "" : "s") invalid in the \(dialect.rawValue) dialect (see `lambda-filter check`)"
            )
        }
        if documents > 0 && !plain.isEmpty {
            throw CommandFailure.usage(
                "a --pattern holding mappings (a template, FilterCriteria or mapping output) cannot be combined with plain patterns: its mappings already say their filters"
            )
        }
        if mapping != nil && documents == 0 {
            throw CommandFailure.usage(
                "--mapping picks a mapping of a template, FilterCriteria or mapping output, but every --pattern is a plain pattern")
        }
        return documents > 0 ? groups : [FilterGroup(mapping: nil, patterns: plain)]
    }

    /// The single FilterCriteria `explain` and `criteria` work on.
    static func load(
        _ arguments: [String], dialect: Dialect, mapping: String? = nil, maxDocumentBytes: Int = FilterCriteriaReader.maxDocumentBytes
    ) throws -> [LoadedPattern] {
        let groups = try loadGroups(arguments, dialect: dialect, mapping: mapping, maxDocumentBytes: maxDocumentBytes)
        guard groups.count == 1 else {
            let ids = groups.compactMap(\.mapping).joined(separator: ", ")
            throw CommandFailure.usage("the --pattern input holds \(groups.count) mappings (\(ids)): pick one with --mapping")
        }
        return groups[0].patterns
    }

    /// The groups of a document's mappings, and how many of them are invalid (reported on stderr).
    private static func mappingGroups(
        _ document: FilterDocument, name: String, mapping: String?, dialect: Dialect
    ) throws -> ([FilterGroup], Int) {
        if let failure = document.failure {
            let place = failure.location.map { ":\($0.line):\($0.column)" } ?? ""
            throw CommandFailure.unreadable("\(name)\(place): \(failure.message)")
        }
        // Which reading an ambiguous input got (`{}`), and Terraform resources that deploy nothing.
        for note in document.notes where ["empty-criteria", "no-instances", "unresolved-value"].contains(note.code) {
            printError("\(name)\(note.location.map { ":\($0.line):\($0.column)" } ?? ""): \(note.severity.rawValue): \(note.message)")
        }
        let withFilters = document.mappings.filter(\.hasCriteria)
        let selected = document.mappings(matching: mapping)
        if let mapping, selected.isEmpty {
            let known = document.mappings.map(\.id)
            throw CommandFailure.usage(
                "\(name) has no mapping \(JSONWriter.quote(mapping))" + (known.isEmpty ? "" : "; it has \(known.joined(separator: ", "))"))
        }
        let chosen = mapping == nil ? withFilters : selected
        if chosen.isEmpty {
            let note = document.notes.first { $0.code == "no-filters" || $0.code == "cdk-source" }?.message ?? "it holds no FilterCriteria"
            throw CommandFailure.invalid("\(name): \(note)")
        }
        var groups: [FilterGroup] = []
        var invalid = 0
        for found in chosen {
            for warning in found.warnings where warning.code == .unresolvedValue || warning.code == .instancesNotKnown {
                printError("\(name): \(found.id)\(warning.filterIndex.map { ": Filters[\($0)]" } ?? ""): warning: \(warning.message)")
            }
            switch found.entry.result {
            case .failure:
                invalid += 1
                for error in found.errors {
                    printError(
                        "\(name): \(found.id): error: \(error.filterIndex.map { "Filters[\($0)]: " } ?? "")\(error.message) [\(error.code.rawValue)]"
                    )
                }
            case .success(let criteria):
                if !found.hasCriteria {
                    printError("\(name): \(found.id): note: this mapping has no FilterCriteria: every record reaches the function")
                }
                let patterns = criteria.filters.enumerated().map { index, filter in
                    let documentIndex = found.filterIndices.indices.contains(index) ? found.filterIndices[index] : index
                    // Rows name the mapping; the file suffices, with the filter's place when a computed one was left out.
                    let label = documentIndex == index ? name : "\(name) Filters[\(documentIndex)]"
                    return LoadedPattern(name: label, text: filter.patternText, pattern: filter.pattern)
                }
                groups.append(FilterGroup(mapping: found.id, patterns: patterns, source: found.source))
            }
        }
        return (groups, invalid)
    }
}
