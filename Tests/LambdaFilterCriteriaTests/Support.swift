import Foundation
import LambdaFilter
import LambdaFilterCriteria

/// Golden files live next to this file, under `Golden/`.
///
/// To re-record them on purpose, run the suite with `LAMBDA_FILTER_RECORD_GOLDEN=1`
/// (`LAMBDA_FILTER_RECORD_GOLDEN=1 swift test --filter LambdaFilterCriteriaTests`): every golden
/// comparison then rewrites its file with the current output and still fails the comparison
/// when the text changed, so a re-record is never silent. Review the diff before committing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let isRecording = ProcessInfo.processInfo.environment["LAMBDA_FILTER_RECORD_GOLDEN"] == "1"

    /// The golden text at `relativePath`, or `nil` when the file does not exist.
    static func text(_ relativePath: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Compares `actual` with the golden file, recording it first when asked to.
    /// - Returns: the expected text (`nil` when missing and not recording).
    static func expected(_ relativePath: String, actual: String) -> String? {
        let url = directory.appendingPathComponent(relativePath)
        let existing = text(relativePath)
        if isRecording, existing != actual {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
        }
        return existing
    }
}

/// The realistic pattern files the renderings are proven on: `Patterns/` at the package root when
/// it holds any, else the fixture set in `Golden/Patterns/`.
enum PatternFixtures {
    struct Fixture: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var source: MappingSource
        var description: String { name }
    }

    static let packagePatterns = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Patterns")

    /// Fixture name → the source its pattern is written for.
    static let sources: [String: MappingSource] = [
        "sqs-orders": .sqs, "sqs-plain-body": .sqs, "kinesis-or": .kinesis, "dynamodb-images": .dynamodb,
        "escaping": .sqs, "number-text": .sqs, "duplicate-keys": .dynamodb, "kafka-value": .msk, "mq-data": .mq,
    ]

    static let fixtures: [Fixture] = load(Golden.directory.appendingPathComponent("Patterns"))

    /// Every pattern `.json` file under `directory` (not `manifest.json` or `templates/`), sorted by name; the
    /// source comes from the folder (`Patterns/<source>/`), the table above, or the file name's
    /// first word (`sqs-...`), defaulting to SQS.
    static func load(_ directory: URL) -> [Fixture] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var fixtures: [Fixture] = []
        for case let url as URL in enumerator where url.pathExtension == "json" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let name = url.deletingPathExtension().lastPathComponent
            guard name != "manifest" else { continue }
            let folder = url.deletingLastPathComponent().lastPathComponent
            // `Patterns/templates/` holds templates and mapping output, not patterns.
            guard folder != "templates" else { continue }
            let prefix = name.split(separator: "-").first.map(String.init) ?? ""
            // `Patterns/kafka/` holds filters for Kafka records: render them for an MSK mapping, whose ARN names its source.
            let source =
                (folder == "kafka" ? .msk : MappingSource(rawValue: folder)) ?? sources[name] ?? MappingSource(rawValue: prefix) ?? .sqs
            fixtures.append(Fixture(name: folder == directory.lastPathComponent ? name : "\(folder)/\(name)", text: text, source: source))
        }
        return fixtures.sorted { $0.name < $1.name }
    }

    /// The files of `Patterns/` at the package root (empty until that folder has files).
    static let packageFixtures: [Fixture] = load(packagePatterns)
}

/// Runs a command and returns its standard output (tests that call real interpreters).
enum Command {
    struct Result {
        var status: Int32
        var output: Data
        var errorText: String
    }

    static func isAvailable(_ name: String) -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: outputData, errorText: String(decoding: errorData, as: UTF8.self))
    }
}

/// Shared values for the rendering tests.
enum Samples {
    static let uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"

    /// Parameters for update requests (no create-only members).
    static func updateParameters(for source: MappingSource) -> MappingParameters {
        var parameters = MappingParameters(functionName: "order-processor", batchSize: source == .sqs ? 10 : 100)
        if source == .sqs { parameters.scalingConfig = .init(maximumConcurrency: 5) }
        if source == .kinesis || source == .dynamodb { parameters.bisectBatchOnFunctionError = true }
        return parameters
    }

    static let arns: [MappingSource: String] = [
        .sqs: "arn:aws:sqs:us-east-1:123456789012:orders",
        .kinesis: "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
        .dynamodb: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000",
        .msk: "arn:aws:kafka:us-east-1:123456789012:cluster/devices/abcd1234-0123-4567-89ab-cdef01234567-1",
        .mq: "arn:aws:mq:us-east-1:123456789012:broker:results:b-0123",
        .documentdb: "arn:aws:rds:us-east-1:123456789012:cluster:docs",
    ]

    /// Parameters for templates and create requests.
    static func createParameters(for source: MappingSource) -> MappingParameters {
        var parameters = updateParameters(for: source)
        parameters.eventSourceArn = arns[source]
        if [.kinesis, .dynamodb, .msk, .kafka].contains(source) { parameters.startingPosition = "LATEST" }
        if source == .msk { parameters.topics = ["devices"] }
        if source == .mq { parameters.queues = ["results"] }
        return parameters
    }

    /// The context a format is rendered with in the golden tests.
    static func context(for format: CriteriaFormat, source: MappingSource, syntax: TemplateSyntax = .yaml) -> RenderContext {
        if format.usesOperation {
            return RenderContext(operation: .update(uuid: uuid), parameters: updateParameters(for: source), source: source)
        }
        return RenderContext(operation: .create, parameters: createParameters(for: source), syntax: syntax, source: source)
    }
}
