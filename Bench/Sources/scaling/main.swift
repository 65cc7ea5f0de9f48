// `scaling`: times the same work at size n and 8n and prints the ratio, which is about 8 for
// linear code and about 64 for quadratic code. Not a benchmark of speed: a check of growth.
//
//   swift run -c release --package-path Bench scaling            # every case
//   swift run -c release --package-path Bench scaling --scale 2  # every n doubled
//   swift run -c release --package-path Bench scaling sqs-body   # some cases by name
import LambdaFilter
import LambdaFilterCriteria
import LambdaFilterSources

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One growth check: `prepare(n)` builds the input outside the timing, `work` is timed.
struct ScalingCase {
    var name: String
    var what: String
    var baseSize: Int
    var prepare: (Int) -> () -> Int
}

func numbers(_ count: Int) -> String { (0..<count).map(String.init).joined(separator: ",") }
func members(_ count: Int) -> String { (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") }
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
func unbounded(_ text: String) -> Pattern {
    try! Pattern(parsing: text, dialect: .eventbridge, limits: PatternLimits(maxLength: nil, maxCombinations: 1000, maxDepth: 128))
}

/// A SAM template of `functions` functions, each with an SQS event filtered by `pattern(index)`.
func samTemplate(functions: Int, pattern: (Int) -> String) -> String {
    let resources = (0..<functions).map { index in
        """
          F\(index):
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Q:
                  Type: SQS
                  Properties:
                    Queue: arn:aws:sqs:us-east-1:123456789012:q\(index)
                    FilterCriteria:
                      Filters:
                        - Pattern: '\(pattern(index))'
        """
    }
    return "Transform: AWS::Serverless-2016-10-31\nResources:\n" + resources.joined(separator: "\n") + "\n"
}

let probe = unbounded(#"{"z": [1], "a": [-1], "k1": [-1]}"#)

let cases: [ScalingCase] = [
    ScalingCase(name: "record-array", what: "match a record holding an array of n numbers", baseSize: 100_000) { n in
        let record = bytes("{\"a\":[\(numbers(n))],\"z\":1}")
        let matcher = Matcher(patterns: [probe])
        return { (try? matcher.matchingPatterns(in: record).count) ?? -1 }
    },
    ScalingCase(name: "record-object", what: "match a record holding an object of n members", baseSize: 50_000) { n in
        let record = bytes("{\"o\":{\(members(n))},\"z\":1}")
        let matcher = Matcher(patterns: [probe])
        return { (try? matcher.matchingPatterns(in: record).count) ?? -1 }
    },
    ScalingCase(name: "parse-array", what: "parse a record holding an array of n numbers", baseSize: 100_000) { n in
        let record = bytes("{\"a\":[\(numbers(n))]}")
        return { (try? JSONParser().parseValue(bytes: record))?["a"]?.arrayElements?.count ?? -1 }
    },
    ScalingCase(name: "parse-object", what: "parse a record holding an object of n members", baseSize: 50_000) { n in
        let record = bytes("{\(members(n))}")
        return { (try? JSONParser().parseValue(bytes: record))?.objectMembers?.count ?? -1 }
    },
    ScalingCase(
        name: "sqs-body", what: "an SQS record whose body is a JSON array of n numbers, through the adapter and a FilterSet",
        baseSize: 50_000
    ) { n in
        let body = "[\(numbers(n))]"
        let record: JSONValue = .object([
            JSONMember("messageId", "m"), JSONMember("eventSource", "aws:sqs"), JSONMember("body", .string(body)),
        ])
        let set = FilterSet(filters: [unbounded(#"{"body": {"a": [1]}}"#)], source: .sqs)
        // Bodies past SQS's 1 MiB are refused by default (PayloadLimits); growth is measured past it.
        let limits = PayloadLimits(sqs: .max)
        return { (try? SourceAdapter.view(of: record, source: .sqs, limits: limits)).map { set.outcomes(for: $0).count } ?? -1 }
    },
    ScalingCase(
        name: "sqs-body-object", what: "an SQS record whose body is a JSON object of n members, through the adapter and a FilterSet",
        baseSize: 25_000
    ) { n in
        let record: JSONValue = .object([
            JSONMember("messageId", "m"), JSONMember("eventSource", "aws:sqs"), JSONMember("body", .string("{\(members(n))}")),
        ])
        let set = FilterSet(filters: [unbounded(#"{"body": {"k1": [1]}}"#)], source: .sqs)
        let limits = PayloadLimits(sqs: .max)
        return { (try? SourceAdapter.view(of: record, source: .sqs, limits: limits)).map { set.outcomes(for: $0).count } ?? -1 }
    },
    ScalingCase(name: "pattern-array", what: "parse and compile a pattern with n values in one array", baseSize: 5_000) { n in
        let text = "{\"a\":[\((0..<n).map { "\"v\($0)\"" }.joined(separator: ","))]}"
        return { Matcher(patterns: [unbounded(text)]).patterns.count }
    },
    ScalingCase(name: "pattern-object", what: "parse and compile a pattern with n fields", baseSize: 2_000) { n in
        let text = "{\((0..<n).map { "\"k\($0)\":[\($0)]" }.joined(separator: ","))}"
        return { Matcher(patterns: [unbounded(text)]).patterns.count }
    },
    ScalingCase(name: "filters-in-file", what: "read a FilterCriteria document of n filters, with their places", baseSize: 2_000) { n in
        let text = "{\"Filters\":[\n" + (0..<n).map { "{\"Pattern\":\"{\\\"a\\\":[\\\"\($0)\\\"]}\"}" }.joined(separator: ",\n") + "]}"
        return { (try? FilterCriteriaReader.entries(text: text))?.first?.patterns.count ?? -1 }
    },
    ScalingCase(name: "template", what: "read a SAM template (YAML) of n functions, each with a filtered SQS event", baseSize: 500) { n in
        let text = samTemplate(functions: n) { #"{"body": {"a": ["\#($0)"]}}"# }
        return { (try? FilterCriteriaReader.entries(text: text))?.count ?? -1 }
    },
    ScalingCase(name: "diagnostics", what: "read that template with an invalid filter in each function, every error located", baseSize: 500)
    { n in
        let text = samTemplate(functions: n) { #"{"body": {"a": [{"prefix": \#($0)}]}}"# }
        return {
            let entries = (try? FilterCriteriaReader.entries(text: text)) ?? []
            // Every entry failed, and its error points at a line of the template.
            return entries.filter { if case .failure(let error) = $0.result { error.location != nil } else { false } }.count
        }
    },
    ScalingCase(name: "records-in-event", what: "split an SQS event of n records and view each", baseSize: 5_000) { n in
        let record = #"{"messageId":"m","eventSource":"aws:sqs","body":"{\"a\":1}"}"#
        let event = try! JSONParser().parseValue("{\"Records\":[" + Array(repeating: record, count: n).joined(separator: ",") + "]}")
        return { EventSplitter.records(in: event, selection: .auto).count }
    },
    ScalingCase(name: "patterns-in-matcher", what: "compile n patterns into one matcher and match a record", baseSize: 1_000) { n in
        let patterns = (0..<n).map { unbounded("{\"k\($0 % 50)\":[{\"prefix\":\"v\($0)\"}],\"z\":[\($0)]}") }
        let record = bytes(#"{"k1":"v1x","z":1}"#)
        return { (try? Matcher(patterns: patterns).matchingPatterns(in: record).count) ?? -1 }
    },
]

/// `value` with `digits` decimals, right-aligned in `width` columns (no Foundation here).
func fixed(_ value: Double, _ digits: Int, width: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    var text = String(scaled / Int(scale))
    if digits > 0 {
        let fraction = String(scaled % Int(scale))
        text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

/// The best of `runs` timings of `work`, in seconds.
func best(of runs: Int, _ work: () -> Int) -> (Double, Int) {
    var fastest = Double.infinity
    var answer = 0
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let elapsed = clock.measure { answer = work() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        fastest = min(fastest, seconds)
    }
    return (fastest, answer)
}

var scale = 1.0
var selected: Set<String> = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--scale", let value = arguments.popFirst().flatMap(Double.init) {
        scale = value
    } else if argument == "--help" || argument == "-h" {
        print("usage: scaling [--scale S] [case...]\ncases: \(cases.map(\.name).joined(separator: " "))")
        exit(0)
    } else if cases.contains(where: { $0.name == argument }) {
        selected.insert(argument)
    } else {
        print("scaling: unknown argument \(argument)")
        exit(2)
    }
}

print("case                 n        time(n)    time(8n)   ratio  (linear ~8, quadratic ~64)")
var worst = 0.0
for scalingCase in cases where selected.isEmpty || selected.contains(scalingCase.name) {
    let n = max(1, Int(Double(scalingCase.baseSize) * scale))
    let small = best(of: 3, scalingCase.prepare(n))
    let large = best(of: 3, scalingCase.prepare(8 * n))
    // Each work returns a count, -1 when it failed: a failed run is no timing.
    if small.1 < 0 || large.1 < 0 {
        print("\(scalingCase.name): FAILED (the work reported an error at n or 8n)")
        worst = .infinity
        continue
    }
    let ratio = large.0 / max(small.0, 1e-9)
    worst = max(worst, ratio)
    let line = [
        scalingCase.name.padding(toLength: 20, withPad: " ", startingAt: 0),
        String(n).padding(toLength: 8, withPad: " ", startingAt: 0),
        fixed(small.0, 4, width: 9) + "s", fixed(large.0, 4, width: 9) + "s", fixed(ratio, 1, width: 7),
    ].joined(separator: " ")
    print(line + "  " + scalingCase.what)
}
print("worst ratio " + fixed(worst, 1, width: 0))
