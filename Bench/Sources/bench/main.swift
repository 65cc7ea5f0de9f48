// `bench`: times lambda-filter's compiled Matcher on one scenario and prints one JSON line.
import BenchKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard error (through the descriptor: the C `stderr` global is not
/// concurrency-safe to touch from Swift 6).
func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

// The table ships beside this package's manifest: Bench/Sources/bench/main.swift -> Bench/.
let defaultReferencesPath: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return (components + ["references.json"]).joined(separator: "/")
}()

let options: BenchOptions
do {
    guard let parsed = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
        print(BenchOptions.usage)
        exit(0)
    }
    options = parsed
} catch {
    printError("bench: \(error)\n\n\(BenchOptions.usage)")
    exit(2)
}

do {
    let session = BenchSession(options: options, defaultReferencesPath: defaultReferencesPath) { print($0) }
    let result = try session.run()
    print(result.jsonLine)
    if !result.matchesAsExpected, let expected = result.expectedMatches {
        printError(
            "bench: error: \(result.scenario): the matcher found \(result.matches) matches, "
                + "expected \(expected): a fast wrong answer is a failure")
        exit(1)
    }
} catch {
    printError("bench: error: \(error)")
    exit(1)
}
