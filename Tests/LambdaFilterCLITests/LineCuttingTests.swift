import Foundation
import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// `test` cuts JSON Lines into records as it reads them, into shared 1 MiB buffers whose lines
/// are handed on as ranges (`LineCutter`, `DocumentBatch`). These cases compare its rows with a
/// reference cut, done here on the whole file at once: every line numbered, `\r\n` and `\n`
/// alike, a byte-order mark dropped from line 1 only, blank lines skipped but counted, the last
/// line read without a final newline, lines longer than a buffer and lines across buffer
/// boundaries, from a file and through a pipe.
@Suite("Line cutting")
struct LineCuttingTests {
    /// How one input is built from random lines.
    struct Shape: CustomStringConvertible, Sendable {
        var name: String
        var lines: Int
        /// The longest padding of a record line; a few lines get `longPadding` instead.
        var maxPadding: Int
        var longPadding: Int = 0
        var crlf = false
        var byteOrderMark = false
        var finalNewline = true
        var seed: UInt64

        var description: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "one line, no final newline", lines: 1, maxPadding: 10, finalNewline: false, seed: 1),
        Shape(name: "one line with a BOM and CRLF", lines: 1, maxPadding: 10, crlf: true, byteOrderMark: true, seed: 2),
        Shape(name: "short lines", lines: 5_000, maxPadding: 40, seed: 3),
        Shape(name: "short CRLF lines with a BOM", lines: 5_000, maxPadding: 40, crlf: true, byteOrderMark: true, seed: 4),
        // About 5 MiB: lines across the boundaries of several read buffers.
        Shape(name: "lines across buffers", lines: 4_000, maxPadding: 2_600, finalNewline: false, seed: 5),
        // Lines of 1.5 MiB, longer than a read buffer, among short ones.
        Shape(name: "lines longer than a buffer", lines: 60, maxPadding: 300, longPadding: 1_600_000, crlf: true, seed: 6),
    ]

    /// The line of `index`: a record (passed when `keep` is true), a blank line, or broken JSON.
    static func line(_ index: Int, shape: Shape, random: inout SeededRandom) -> String {
        switch random.next() % 16 {
        case 0: return ""
        case 1: return [" ", "\t", " \t ", "\r"][Int(random.next() % 4)]
        case 2: return "{\"broken\": \(index)"
        default:
            let long = shape.longPadding > 0 && random.next() % 8 == 0
            let padding = long ? shape.longPadding : Int(random.next() % UInt64(shape.maxPadding + 1))
            let keep = random.next() % 2 == 0
            return #"{"keep": \#(keep), "i": \#(index), "pad": "\#(String(repeating: "x", count: padding))"}"#
        }
    }

    /// The input's bytes and the rows a reference cut gives: (line number, verdict) per record line.
    static func input(_ shape: Shape) -> (bytes: [UInt8], rows: [(line: Int, verdict: String)]) {
        var random = SeededRandom(seed: shape.seed)
        let lines = (0..<shape.lines).map { line($0, shape: shape, random: &random) }
        var text = lines.joined(separator: shape.crlf ? "\r\n" : "\n")
        if shape.finalNewline { text += shape.crlf ? "\r\n" : "\n" }
        let bytes = (shape.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        // The reference: cut the whole text on `\n`, each line without one `\r` at its end.
        var rows: [(line: Int, verdict: String)] = []
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        for (offset, piece) in pieces.enumerated() {
            var line = piece
            if line.last == 0x0D { line.removeLast() }
            if offset == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let text = String(decoding: line, as: UTF8.self)
            let verdict = text.hasPrefix("{\"broken\"") ? "error" : (text.hasPrefix(#"{"keep": true"#) ? "passed" : "filtered")
            rows.append((offset + 1, verdict))
        }
        return (bytes, rows)
    }

    static let arguments = ["test", "--format", "json", "--source", "raw", "-p", #"{"keep": [true]}"#]

    @Test(arguments: shapes)
    func rowsMatchTheReferenceCutFromAFileAndAPipe(_ shape: Shape) throws {
        let (bytes, expected) = Self.input(shape)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("records.jsonl")
        try Data(bytes).write(to: url)
        let fromFile = try CLIRunner.run(Self.arguments + [url.path]).standardOutput
        let fromPipe = try PipelineConcurrencyTests.runThroughPipe(Self.arguments + ["--jsonl", "-"], input: Data(bytes))
        for (source, output) in [("file", fromFile), ("pipe", fromPipe)] {
            let rows = try output.split(separator: "\n").map { row -> (line: Int, verdict: String) in
                let object = try JSONParser().parseValue(String(row))
                return (object["line"].flatMap { Int(JSONWriter.write($0)) } ?? -1, object["verdict"]?.stringValue ?? "?")
            }
            #expect(rows.count == expected.count, "\(source): \(rows.count) rows, \(expected.count) expected")
            let firstDifference = zip(rows, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let difference = firstDifference.map { "\(source) row \($0): \(rows[$0]) vs \(expected[$0])" }
            #expect(firstDifference == nil, "\(difference ?? "")")
        }
    }

    /// Several inputs in one run: each starts its own line numbers and its own buffer, and an
    /// input that cannot be read between them gets its error row in its place.
    @Test func eachInputIsNumberedFromOneInItsPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        var expected: [String] = []
        for (index, shape) in [Self.shapes[3], Self.shapes[0], Self.shapes[4]].enumerated() {
            let (bytes, rows) = Self.input(shape)
            let url = directory.appendingPathComponent("part\(index).jsonl")
            try Data(bytes).write(to: url)
            paths.append(url.path)
            expected += rows.map { "\(url.path):\($0.line) \($0.verdict)" }
            if index == 0 {
                let missing = directory.appendingPathComponent("missing.jsonl").path
                paths.append(missing)
                expected.append("\(missing) error")
            }
        }
        let output = try CLIRunner.run(Self.arguments + paths).standardOutput
        let rows = try output.split(separator: "\n").map { row -> String in
            let object = try JSONParser().parseValue(String(row))
            return "\(object["record"]?.stringValue ?? "?") \(object["verdict"]?.stringValue ?? "?")"
        }
        #expect(rows.count == expected.count)
        let firstDifference = zip(rows, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "\(firstDifference.map { "row \($0): \(rows[$0]) vs \(expected[$0])" } ?? "")")
    }
}
