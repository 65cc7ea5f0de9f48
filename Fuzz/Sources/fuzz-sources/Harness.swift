import FuzzSupport
import LambdaFilter
import LambdaFilterSources

/// Filters for every source: metadata, payload as JSON, payload as a plain string.
let filters: [Pattern] = [
    #"{"eventSource": [{"prefix": "aws:"}]}"#,
    #"{"body": {"a": [{"exists": true}]}}"#,
    #"{"data": {"a": [1]}}"#,
    #"{"value": {"a": [{"anything-but": "x"}]}}"#,
    #"{"dynamodb": {"NewImage": {"a": {"S": [{"prefix": ""}]}}}}"#,
    #"{"body": [{"prefix": "a"}]}"#,
    #"{"data": [{"suffix": "="}]}"#,
].map { try! Pattern(parsing: $0, dialect: .lambda) }

/// Any JSON event through source detection, the splitter and every adapter, and a verdict
/// for each record.
@main
enum Harness {
    static func main() { runFuzzer(fuzzSources) }
}

func fuzzSources(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let document = try? JSONParser().parseValue(bytes: FuzzInput.bytes(data, size)) else { return 0 }
    for selection in SourceSelection.allCases {
        for case .success(let record) in EventSplitter.records(in: document, selection: selection) {
            let set = FilterSet(filters: filters, source: record.view.source)
            let outcomes = set.outcomes(for: record.view)
            if outcomes.count != filters.count { fuzzFailure("\(outcomes.count) outcomes for \(filters.count) filters") }
            _ = set.verdict(for: record.view)
        }
    }
    for source in EventSource.allCases {
        _ = try? SourceAdapter.view(of: document, source: source)
    }
    return 0
}
