import LambdaFilter
import LambdaFilterSources
import Testing

/// Paths and small helpers shared by the tests.
enum Fixtures {
    /// The package root, found from this file's path (Tests/LambdaFilterSourcesTests/Support.swift).
    static let packageRoot: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    /// Parses JSON text written in a test.
    static func json(_ text: String) throws -> JSONValue {
        try JSONParser().parseValue(text)
    }

    /// Parses a pattern written in a test.
    static func pattern(_ text: String, dialect: Dialect = .lambda) throws -> Pattern {
        try Pattern(parsing: text, dialect: dialect)
    }

    /// Base64 of UTF-8 text.
    static func base64(_ text: String) -> String { base64(Array(text.utf8)) }

    /// Standard base64 with padding (an independent encoder, so decoding tests are not circular).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var output = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8) | UInt32(chunk.count > 2 ? chunk[2] : 0)
            output.append(alphabet[Int((value >> 18) & 63)])
            output.append(alphabet[Int((value >> 12) & 63)])
            output.append(chunk.count > 1 ? alphabet[Int((value >> 6) & 63)] : "=")
            output.append(chunk.count > 2 ? alphabet[Int(value & 63)] : "=")
            index += 3
        }
        return output
    }

    /// The verdict of `record` (one record as Lambda hands it over) under `patterns`.
    static func verdict(source: EventSource, record: String, patterns: [String]) throws -> Verdict {
        let view = try SourceAdapter.view(of: json(record), source: source)
        let filters = try patterns.map { try pattern($0) }
        return FilterSet(filters: filters, source: source).verdict(for: view)
    }

    /// The error adapting `record` for `source` throws, or nil when it adapts.
    static func adaptationError(_ source: EventSource, _ record: String) throws -> RecordError? {
        let value = try json(record)
        do {
            _ = try SourceAdapter.view(of: value, source: source, at: RecordPosition([.key("Records"), .index(3)]))
            return nil
        } catch {
            return error
        }
    }

    /// Reads a file under the package root.
    static func read(_ relativePath: String) throws -> String {
        try readFile(packageRoot + "/" + relativePath)
    }
}

/// Reads a whole file with the C library (the module under test avoids Foundation, and so do
/// its tests).
func readFile(_ path: String) throws -> String {
    guard let file = fopen(path, "rb") else { throw FixtureError(message: "cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Lists a directory's entries (names only, sorted).
func listDirectory(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted()
}

func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
