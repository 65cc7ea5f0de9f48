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
        let failures = cases.filter { $0.failure != nil }.count
        let errors = cases.filter { $0.error != nil }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        lines.append(#"<testsuites name="\#(Self.escape(suiteName))" tests="\#(cases.count)" failures="\#(failures)" errors="\#(errors)">"#)
        lines.append(#"  <testsuite name="\#(Self.escape(suiteName))" tests="\#(cases.count)" failures="\#(failures)" errors="\#(errors)">"#)
        for testCase in cases {
            let opening = #"    <testcase name="\#(Self.escape(testCase.name))" classname="\#(Self.escape(testCase.className))""#
            guard testCase.failure != nil || testCase.error != nil || testCase.output != nil else {
                lines.append(opening + "/>")
                continue
            }
            lines.append(opening + ">")
            if let (message, details) = testCase.failure {
                lines.append(#"      <failure message="\#(Self.escape(message))">\#(Self.escape(details))</failure>"#)
            }
            if let (message, details) = testCase.error {
                lines.append(#"      <error message="\#(Self.escape(message))">\#(Self.escape(details))</error>"#)
            }
            if let output = testCase.output {
                lines.append("      <system-out>\(Self.escape(output))</system-out>")
            }
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
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
