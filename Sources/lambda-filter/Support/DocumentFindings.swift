import ArgumentParser
import LambdaFilter
import LambdaFilterCriteria

extension String.UnicodeScalarView {
    /// Without one final line break (`\n` or `\r\n`): a file's last line ending is not part of its text.
    var dropLastLineBreak: Substring.UnicodeScalarView {
        var scalars = self[...]
        if scalars.last == "\n" {
            scalars.removeLast()
            if scalars.last == "\r" { scalars.removeLast() }
        }
        return scalars
    }
}

/// Which request's rules apply to a mapping whose file does not say (`check --operation`).
enum OperationChoice: String, CaseIterable, ExpressibleByArgument {
    case create
    case update
}

/// `check` on a document `FilterDocument` reads: every error and warning of every filter of
/// every mapping, the document's own notes, and each mapping's parameters against the ranges
/// AWS documents for its source.
extension FileChecker {
    func checkDocument(_ document: FilterDocument, name: String) -> CheckedFile {
        var file = CheckedFile(name: name, kind: .criteria)
        let bytes = TextLocator(document.bytes)  // one index of the lines, shared by every finding
        let nowhere = TextLocation(offset: 0, line: 1, column: 1)
        for note in document.notes where note.severity != .note {
            let diagnostic = Diagnostic(
                severity: note.severity == .error ? .error : .warning, code: note.code, message: note.message,
                location: note.location ?? nowhere)
            file.findings.append(
                note.location == nil ? Finding(diagnostic: diagnostic, context: "") : Finding(diagnostic: diagnostic, source: bytes))
        }
        if document.failure != nil { return file }
        for mapping in document.mappings {
            let entry = mapping.entry
            file.filterCount += entry.patterns.count
            for error in mapping.errors {
                let context = entry.name + (error.filterIndex.map { ": Filters[\($0)]" } ?? "")
                let pattern = error.filterIndex.flatMap(entry.pattern(at:))
                if pattern == nil, let place = error.location {
                    // A filter that is not a pattern at all: point at it in the document.
                    let diagnostic = Diagnostic(
                        severity: .error, code: error.code.rawValue, message: "\(context): \(error.message)", location: place)
                    file.findings.append(Finding(diagnostic: diagnostic, source: bytes))
                    continue
                }
                file.findings.append(Finding(diagnostic: Self.diagnostic(error), context: context, pattern: pattern, document: bytes))
            }
            if case .success(let criteria) = entry.result {
                file.findings += lintFindings(criteria, entry: entry, bytes: bytes)
            }
            var placedFilters: Set<Int> = []
            for warning in mapping.warnings {
                let context = entry.name + (warning.filterIndex.map { ": Filters[\($0)]" } ?? "")
                // The core's warnings carry their place in the pattern: show them with a caret.
                if warning.code == .pattern, let index = warning.filterIndex, let source = entry.pattern(at: index) {
                    if placedFilters.insert(index).inserted {
                        let warnings = Pattern.diagnose(source.text, dialect: .lambda, limits: PatternLimits(maxLength: nil)).warnings
                        file.findings += warnings.map {
                            Finding(diagnostic: Diagnostic($0), context: context, pattern: source, document: bytes)
                        }
                    }
                    continue
                }
                if let place = warning.location {
                    let diagnostic = Diagnostic(
                        severity: .warning, code: warning.code.rawValue, message: "\(context): \(warning.message)", location: place)
                    file.findings.append(Finding(diagnostic: diagnostic, source: bytes))
                    continue
                }
                let diagnostic = Diagnostic(severity: .warning, code: warning.code.rawValue, message: warning.message, location: nowhere)
                file.findings.append(
                    Finding(
                        diagnostic: diagnostic, context: context, pattern: warning.filterIndex.flatMap(entry.pattern(at:)), document: bytes)
                )
            }
            file.findings += parameterFindings(mapping, bytes: bytes)
        }
        // A Terraform resource whose count or for_each makes no instance deploys nothing: say so.
        for note in document.notes where note.code == "no-instances" {
            let diagnostic = Diagnostic(severity: .note, code: note.code, message: note.message, location: note.location ?? nowhere)
            file.findings.append(
                note.location == nil ? Finding(diagnostic: diagnostic, context: "") : Finding(diagnostic: diagnostic, source: bytes))
        }
        let emptyCriteria = document.notes.contains { $0.code == "empty-criteria" }
        if (!document.mappings.contains(where: \.hasCriteria) || (emptyCriteria && file.filterCount == 0))
            && file.findings.allSatisfy({ $0.diagnostic.severity == .note })
        {
            let note =
                document.notes.first { ["no-filters", "cdk-source", "empty-criteria", "no-instances"].contains($0.code) }?.message
                ?? (document.mappings.count == 1 ? "this mapping has no FilterCriteria" : "these mappings have no FilterCriteria")
            file.skipped = note
        }
        return file
    }

    /// Each parameter AWS would reject for the mapping's source and operation, where it is written.
    private func parameterFindings(_ mapping: FoundMapping, bytes: TextLocator) -> [Finding] {
        mapping.parameterProblems(assumingUpdate: operation == .update).map { problem, location in
            let diagnostic = Diagnostic(
                severity: problem.severity == .error ? .error : .warning, code: problem.code.rawValue,
                message:
                    "\(mapping.id): \(problem.parameter) = \(problem.value) (\(problem.sourceDescription)): \(problem.reason); allowed: \(problem.allowed)",
                location: location ?? mapping.location ?? TextLocation(offset: 0, line: 1, column: 1))
            return Finding(diagnostic: diagnostic, source: bytes)
        }
    }

    /// A pattern file's length as AWS counts it: the minified Pattern `criteria` sends, or the
    /// text as written (without the file's final line break).
    func lengthFinding(_ pattern: Pattern, text: String) -> Finding? {
        let sent =
            asWritten ? String(Substring(text.unicodeScalars.dropLastLineBreak)) : PatternFormatting.minified.patternString(for: pattern)
        let how = asWritten ? "as written (--as-written)" : "minified, as `lambda-filter criteria` sends it"
        guard let error = CriteriaLimits.aws.lengthError(ofPatternString: sent, counted: how) else { return nil }
        return Finding(
            diagnostic: Diagnostic(
                severity: .error, code: error.code.rawValue, message: error.message, location: TextLocation(offset: 0, line: 1, column: 1)),
            context: "")
    }
}
