import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources

/// Paths and helpers the analysis tests share.
enum Fixtures {
    /// The package root, found from this file's path (Tests/LambdaFilterAnalysisTests/Support.swift).
    static let packageRoot: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser().parseValue(text)
    }

    static func pattern(_ text: String, dialect: Dialect = .lambda) throws -> Pattern {
        try Pattern(parsing: text, dialect: dialect)
    }

    /// The views of one record (as Lambda hands it over) per text.
    static func views(_ source: EventSource, _ records: [String]) throws -> [FilterView] {
        try records.map { try SourceAdapter.view(of: json($0), source: source) }
    }

    /// Every record of a bundled sample file (`Samples/<path>`), with its origin.
    static func sample(_ path: String) throws -> [(record: SourceRecord, origin: String)] {
        let text = try readFile(packageRoot + "/Samples/" + path)
        return try EventSplitter.records(in: json(text), selection: .auto).map { (try $0.get(), path) }
    }

    /// A bundled pattern (`Patterns/<path>`).
    static func bundledPattern(_ path: String) throws -> Pattern {
        try pattern(readFile(packageRoot + "/Patterns/" + path))
    }

    /// A file's text (the test target does not import Foundation).
    static func readFile(_ path: String) throws -> String {
        guard let file = fopen(path, "r") else { throw FixtureError(message: "cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The ids of the findings lint gives `patterns` on `source`.
    static func ruleIDs(
        _ patterns: [String], source: EventSource?, samples: [FilterView] = [], options: LintOptions = LintOptions()
    ) throws -> [String] {
        // EventBridge dialect and no length limit, so lint (not the parser) meets refused operators and long patterns.
        try Linter.lint(
            patterns.map { try Pattern(parsing: $0, dialect: .eventbridge, limits: PatternLimits(maxLength: nil)) }, source: source,
            samples: samples, options: options
        ).map(\.rule.id)
    }
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
