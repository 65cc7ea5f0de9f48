import Foundation
import LambdaFilter

extension JSONValue {
    /// An object from ordered pairs; `nil` values are left out (absent, not `null`).
    static func fields(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { JSONMember(key, $0) } })
    }

    static func text(_ value: String?) -> JSONValue? { value.map { .string($0) } }
    static func integer(_ value: Int?) -> JSONValue? { value.map { .number(String($0)) } }
}

extension Diagnostic {
    /// The diagnostic as a JSON object for `--format json`.
    var json: JSONValue {
        .fields([
            "severity": .string(severity.rawValue),
            "code": .string(code),
            "message": .string(message),
            "line": .integer(location.line),
            "column": .integer(location.column),
            "offset": .integer(location.offset),
            "path": .text(jsonPath),
            "awsMessage": .text(awsMessage),
            "fix": .text(fix),
        ])
    }
}

/// A minimal JUnit XML writer (the subset Jenkins, GitLab and GitHub reporters read).
struct JUnitReport {
    struct TestCase {
        var name: String
        var className: String
        /// A failed expectation or validation: `(message, details)`.
        var failure: (String, String)?
        /// The case could not run (unreadable input): `(message, details)`.
        var error: (String, String)?
        var output: String?
    }

    var suiteName: String
    var cases: [TestCase] = []

    func render() -> String {
        var lines = [
            Self.header(
                suiteName: suiteName, tests: cases.count,
                failures: cases.filter { $0.failure != nil }.count, errors: cases.filter { $0.error != nil }.count)
        ]
        lines += cases.map(Self.lines(for:))
        lines.append(Self.footer)
        return lines.joined(separator: "\n")
    }

    /// The XML declaration and the opening suite elements, which carry the totals.
    static func header(suiteName: String, tests: Int, failures: Int, errors: Int) -> String {
        let totals = #"tests="\#(tests)" failures="\#(failures)" errors="\#(errors)""#
        return [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="\#(escape(suiteName))" \#(totals)>"#,
            #"  <testsuite name="\#(escape(suiteName))" \#(totals)>"#,
        ].joined(separator: "\n")
    }

    static let footer = "  </testsuite>\n</testsuites>"

    /// One `<testcase>` element, on one or more lines (no trailing line feed).
    static func lines(for testCase: TestCase) -> String {
        let opening = #"    <testcase name="\#(escape(testCase.name))" classname="\#(escape(testCase.className))""#
        guard testCase.failure != nil || testCase.error != nil || testCase.output != nil else {
            return opening + "/>"
        }
        var lines = [opening + ">"]
        if let (message, details) = testCase.failure {
            lines.append(#"      <failure message="\#(escape(message))">\#(escape(details))</failure>"#)
        }
        if let (message, details) = testCase.error {
            lines.append(#"      <error message="\#(escape(message))">\#(escape(details))</error>"#)
        }
        if let output = testCase.output {
            lines.append("      <system-out>\(escape(output))</system-out>")
        }
        lines.append("    </testcase>")
        return lines.joined(separator: "\n")
    }

    /// XML-escapes text for attributes and content; control characters XML 1.0 forbids become U+FFFD.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\n", "\t": output.unicodeScalars.append(scalar)
            case "\r": output += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}

/// A JUnit report written as its test cases come, in bounded memory.
///
/// The suite's totals belong in its opening element, before the cases, so the cases are spooled
/// to an anonymous temporary file and copied out after the header once the totals are known
/// (holding every case in memory took 3.3 GB for a 1 GB input). Without a temporary file the
/// cases are kept in memory, as before.
final class JUnitSpool {
    let suiteName: String
    private(set) var tests = 0
    private(set) var failures = 0
    private(set) var errors = 0
    private let file: UnsafeMutablePointer<FILE>? = tmpfile()
    private var inMemory: [String] = []

    init(suiteName: String) {
        self.suiteName = suiteName
    }

    deinit {
        if let file { fclose(file) }
    }

    func append(_ testCase: JUnitReport.TestCase) {
        tests += 1
        if testCase.failure != nil { failures += 1 }
        if testCase.error != nil { errors += 1 }
        let text = JUnitReport.lines(for: testCase) + "\n"
        if let file {
            var bytes = Array(text.utf8)
            _ = fwrite(&bytes, 1, bytes.count, file)
        } else {
            inMemory.append(text)
        }
    }

    /// Writes the whole report: header with totals, the spooled cases, footer.
    func finish(into output: OutputStream) {
        output.line(JUnitReport.header(suiteName: suiteName, tests: tests, failures: failures, errors: errors))
        if let file {
            rewind(file)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&chunk, 1, chunk.count, file)
                if count <= 0 { break }
                output.write(bytes: chunk[0..<count])
            }
        } else {
            for text in inMemory { output.write(text) }
        }
        output.line(JUnitReport.footer)
    }
}
