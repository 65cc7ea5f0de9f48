/// The words for what Lambda does with a record, as output, expectations files and
/// `Patterns/manifest.json` write them.
///
/// `passed`: a filter matched (or there are no filters), Lambda delivers the record;
/// `filtered`: every filter was evaluated and none matched; `dropped`: no filter matched, and
/// the payload's format (JSON or plain string) differs from a filter's data pattern, so that
/// filter did not match.
public enum VerdictWord: String, Sendable, Hashable, CaseIterable {
    /// `passed`, `filtered`, `dropped`: the raw value is the word as written.
    case passed, filtered, dropped

    /// The word written as `name`; `pass` is accepted for `passed`.
    package init?(reading name: String) {
        self.init(rawValue: name == "pass" ? "passed" : name)
    }

    /// The accepted words, for messages: `dropped, filtered, passed`.
    package static var listed: String { allCases.map(\.rawValue).sorted().joined(separator: ", ") }
}
