import FuzzSupport
import LambdaFilter

/// Any text through the pattern parser (both dialects, with diagnostics) and, when it parses,
/// the compiler, then one match of a small record so the compiled form is exercised.
@main
enum Harness {
    static func main() { runFuzzer(fuzzPattern) }
}

func fuzzPattern(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    for dialect in [Dialect.lambda, .eventbridge] {
        let diagnosis = Pattern.diagnose(text, dialect: dialect)
        let parsed = try? Pattern(parsing: text, dialect: dialect)
        if (parsed == nil) != (diagnosis.pattern == nil) {
            fuzzFailure("Pattern(parsing:) and Pattern.diagnose disagree on \(text.debugDescription) (\(dialect))")
        }
        guard let parsed else { continue }
        let matcher = Matcher(patterns: [parsed, parsed])
        let matched = (try? matcher.matchingPatterns(in: Array(#"{"a": [1, "x", {"b": null}], "c": true}"#.utf8))) ?? []
        if matched != [] && matched != [0, 1] {
            fuzzFailure("the same pattern twice matched as \(matched): \(text.debugDescription)")
        }
    }
    return 0
}
