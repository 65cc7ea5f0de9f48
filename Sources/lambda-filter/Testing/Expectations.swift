import Foundation
import LambdaFilter
import LambdaFilterSources

extension Verdict {
    /// The verdict's word in output, expectations files and Patterns/manifest.json.
    var expectationName: String { word.rawValue }

    /// The filter that passed the record, if any.
    var passingFilter: Int? {
        switch self {
        case .passed(let filter): return filter
        default: return nil
        }
    }
}

/// An expectations file: which verdict each record must get.
///
/// ```json
/// {
///   "default": "filtered",
///   "verdicts": {
///     "samples/order-paid.json": "passed",
///     "samples/orders.jsonl:3": "filtered",
///     "samples/sqs-batch.json#Records[1]": "dropped"
///   }
/// }
/// ```
/// Keys are record ids as `test` prints them, with file paths relative to the expectations
/// file. `default`, when present, is the verdict every record not listed must get; without it,
/// records not listed are not checked. Every listed record must be seen in the run.
struct Expectations {
    /// Expected verdict by normalised record id.
    var verdicts: [String: String]
    /// The listed ids as written, by normalised id, for messages.
    var writtenIDs: [String: String]
    var defaultVerdict: String?
    /// Tables for the mappings of a template (`"mappings": {"<mapping id>": {"verdicts": ...}}`),
    /// used instead of the top-level one for rows of that mapping.
    var mappings: [String: Expectations] = [:]

    /// Reads an expectations file.
    /// - Throws: `CommandFailure` naming the file and the entry at fault.
    init(path: String) throws {
        let text = try InputFiles.readText(.file(path)).text
        let document: JSONValue
        do {
            document = try JSONParser().parseValue(text)
        } catch {
            let location = TextLocation(offset: error.offset, in: Array(text.utf8))
            throw CommandFailure.unreadable("\(path):\(location.line):\(location.column): \(error.reason)")
        }
        try self.init(document: document, path: path)
        for member in document["mappings"]?.objectMembers ?? [] {
            mappings[member.key] = try Expectations(
                document: member.value, path: path + ": mappings[\(JSONWriter.quote(member.key))]",
                base: (path as NSString).deletingLastPathComponent)
        }
    }

    /// The expectations of one mapping, or the top-level ones.
    func forMapping(_ mapping: String?) -> Expectations {
        mapping.flatMap { mappings[$0] } ?? self
    }

    private init(document: JSONValue, path: String, base explicitBase: String? = nil) throws {
        if explicitBase == nil, document["verdicts"] == nil, document["mappings"] != nil {
            verdicts = [:]
            writtenIDs = [:]
            return
        }
        guard let entries = document["verdicts"]?.objectMembers else {
            throw CommandFailure.unreadable("\(path): expected {\"verdicts\": {\"<record id>\": \"passed\" | \"filtered\" | ...}}")
        }
        let base = explicitBase ?? (path as NSString).deletingLastPathComponent
        verdicts = [:]
        writtenIDs = [:]
        for entry in entries {
            guard let verdict = entry.value.stringValue.flatMap(VerdictWord.init(reading:))?.rawValue else {
                throw CommandFailure.unreadable("\(path): verdicts[\(JSONWriter.quote(entry.key))]: expected one of \(VerdictWord.listed)")
            }
            let id = Self.normalize(entry.key, relativeTo: base)
            verdicts[id] = verdict
            writtenIDs[id] = entry.key
        }
        if let fallback = document["default"] {
            guard let verdict = fallback.stringValue.flatMap(VerdictWord.init(reading:))?.rawValue else {
                throw CommandFailure.unreadable("\(path): default: expected one of \(VerdictWord.listed)")
            }
            defaultVerdict = verdict
        }
    }

    /// The expected verdict of the record `id` (as printed), or nil when it is not checked.
    func expected(for id: String) -> String? {
        verdicts[Self.normalize(id, relativeTo: nil)] ?? defaultVerdict
    }

    /// The id with its file part made absolute and standardised, so that `./a.json`,
    /// `dir/../a.json` and a path relative to the expectations file compare equal.
    static func normalize(_ id: String, relativeTo base: String?) -> String {
        guard !id.hasPrefix("<stdin>") else { return id }
        let fileEnd = id.firstIndex(where: { $0 == "#" || $0 == ":" }) ?? id.endIndex
        var file = String(id[..<fileEnd])
        if let base, !file.hasPrefix("/") { file = base.isEmpty ? file : base + "/" + file }
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        return absolute + id[fileEnd...]
    }
}
