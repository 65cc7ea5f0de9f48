import FuzzSupport
import LambdaFilter
import LambdaFilterTestSupport

/// One or two patterns and a record, one a line: the compiled matcher must find exactly the
/// patterns the reference matcher finds. With few patterns the matcher's early stop is reached,
/// which is where bugs hide that a 120-pattern run never sees.
@main
enum Harness {
    static func main() { runFuzzer(fuzzMatcher) }
}

func fuzzMatcher(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let parts = FuzzInput.parts(FuzzInput.bytes(data, size), count: 3)
    guard parts.count >= 2 else { return 0 }
    let patternTexts = parts.count == 3 ? [parts[0], parts[1]] : [parts[0]]
    let recordBytes = parts[parts.count - 1]
    var patterns: [Pattern] = []
    for text in patternTexts {
        guard let pattern = try? Pattern(parsing: String(decoding: text, as: UTF8.self), dialect: .eventbridge) else { return 0 }
        patterns.append(pattern)
    }
    // The reference is brute force: keep its work small.
    guard recordBytes.count <= 4096, let record = try? JSONParser().parseValue(bytes: recordBytes),
        ReferenceMatcher.leaves(of: record).count <= 64
    else { return 0 }
    let compiled: [Int]
    do {
        compiled = try Matcher(patterns: patterns).matchingPatterns(in: recordBytes)
    } catch {
        fuzzFailure("the matcher rejects a record the parser accepts: \(error)\nrecord: \(String(decoding: recordBytes, as: UTF8.self))")
    }
    let reference = ReferenceMatcher(patterns: patterns).matchingPatterns(in: record)
    guard compiled != reference else { return 0 }
    fuzzFailure(
        """
        matcher \(compiled) != reference \(reference)
        patterns: \(patterns.map(\.text))
        record: \(String(decoding: recordBytes, as: UTF8.self))
        """)
}
