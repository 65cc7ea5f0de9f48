import FuzzSupport
import LambdaFilterCriteria

/// Any text through the FilterCriteria reader: JSON documents (FilterCriteria, mapping output,
/// CloudFormation) and YAML templates, with the places of their patterns.
@main
enum Harness {
    static func main() { runFuzzer(fuzzCriteria) }
}

func fuzzCriteria(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    guard let entries = try? FilterCriteriaReader.entries(text: text, allowsUnsupportedSource: true) else { return 0 }
    for entry in entries {
        for source in entry.patterns {
            if let location = source.documentLocation(ofPatternOffset: 0), location.offset > text.utf8.count {
                fuzzFailure("a pattern of \(entry.name) is placed past the end of the document")
            }
            if entry.pattern(at: source.filterIndex)?.text != source.text {
                fuzzFailure("pattern(at: \(source.filterIndex)) does not find filter \(source.filterIndex) of \(entry.name)")
            }
        }
    }
    return 0
}
