import ArgumentParser
import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources

/// `lambda-filter dynamodb`: authoring help for DynamoDB Streams filters.
struct DynamoDBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamodb",
        abstract: "Convert DynamoDB filters between plain items and the typed form stream records need.",
        discussion: """
            A stream record holds typed values ({"status": {"S": "OPEN"}}), so a filter must name \
            the type key. `typed` converts a pattern written against the plain item; `plain` shows \
            a stream record's images as plain items next to the typed form.

            Examples:
              lambda-filter dynamodb typed -p '{"dynamodb": {"NewImage": {"status": ["OPEN"]}}}'
              lambda-filter dynamodb typed -p filter.json --sample Samples/dynamodb/customers.json
              lambda-filter dynamodb typed -p filter.json --type Orders=N --type address.city=S
              lambda-filter dynamodb plain --record 'Records[0]' Samples/dynamodb/customers.json
            """,
        subcommands: [Typed.self, Plain.self]
    )

    /// `dynamodb typed`.
    struct Typed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add DynamoDB type keys to a pattern written against a plain item.",
            discussion: """
                Each attribute condition under NewImage, OldImage or Keys gets the attribute's \
                type: from --sample (a stream record or event) when it has the attribute, else \
                from --type, else from the values (strings S, numbers N, booleans BOOL, null \
                NULL), else --default-type. Nested objects become M. Numbers under N become \
                strings, as the stream holds them; a numeric range cannot be expressed and is \
                reported on stderr. Prints the typed pattern; exit 1 when a condition could not \
                be converted faithfully and --strict is given.
                """
        )

        @Option(
            name: [.short, .long], help: ArgumentHelp("The pattern file, or its JSON text when it starts with '{'.", valueName: "pattern"))
        var pattern: String

        @Option(name: .long, help: ArgumentHelp("A stream record or event whose attribute types to use.", valueName: "file"))
        var sample: String?

        @Option(
            name: .customLong("type"),
            help: ArgumentHelp("An attribute's type, e.g. Orders=N or address.city=S (repeatable).", valueName: "attribute=type"))
        var types: [String] = []

        @Option(name: .long, help: "The type of attributes nothing else types (S, N, BOOL...).")
        var defaultType: String?

        @Flag(name: .long, help: "Exit 1 when a condition could not be converted faithfully.")
        var strict = false

        func validate() throws {
            for entry in types where entry.split(separator: "=", maxSplits: 1).count != 2 || entry.hasPrefix("=") {
                throw ValidationError("--type \(entry): write attribute=type, e.g. Orders=N")
            }
        }

        func run() throws {
            try reportingFailures {
                let text =
                    pattern.drop(while: { $0 == " " || $0 == "\n" }).first == "{" ? pattern : try InputFiles.readText(.file(pattern)).text
                var typeMap: [String: String] = [:]
                for entry in types {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    typeMap[parts[0]] = parts[1]
                }
                var sampleValue: JSONValue?
                if let sample {
                    let bytes = try InputFiles.read(sample == "-" ? .standardInput : .file(sample))
                    do throws(JSONSyntaxError) {
                        sampleValue = try JSONParser().parseValue(bytes: bytes)
                    } catch {
                        throw CommandFailure.unreadable("\(sample): invalid JSON: \(error.reason)")
                    }
                }
                let conversion: DynamoDBTyping.Conversion
                do throws(DynamoDBTyping.ConversionError) {
                    conversion = try DynamoDBTyping.typed(text, sample: sampleValue, types: typeMap, defaultType: defaultType)
                } catch {
                    throw CommandFailure.invalid(error.message)
                }
                let output = OutputStream()
                output.line(conversion.pattern)
                output.flush()
                for warning in conversion.warnings { printError("warning: \(warning)") }
                if strict && !conversion.warnings.isEmpty { throw ExitStatus.failure }
            }
        }
    }

    /// `dynamodb plain`.
    struct Plain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show DynamoDB stream records as plain items next to their typed form.",
            discussion:
                "Keys, NewImage and OldImage are unwrapped: {\"S\": \"x\"} becomes \"x\", {\"N\": \"101\"} becomes 101, M an object, L an array."
        )

        @Option(name: .long, help: "Only this record of a whole event (e.g. 'Records[1]').")
        var record: String?

        @Option(name: .long, help: "Output format: text (side by side) or json.")
        var format: OutputFormat = .text

        @Argument(help: "A DynamoDB Streams record or event, or - for standard input.", completion: .file(extensions: ["json"]))
        var input: String

        func run() throws {
            try reportingFailures {
                let bytes = try InputFiles.read(input == "-" ? .standardInput : .file(input))
                let document: JSONValue
                do throws(JSONSyntaxError) {
                    document = try JSONParser().parseValue(bytes: bytes)
                } catch {
                    throw CommandFailure.unreadable("\(input): invalid JSON: \(error.reason)")
                }
                var shown: [(String, JSONValue)] = []
                for result in EventSplitter.records(in: document, selection: .dynamodb) {
                    switch result {
                    case .success(let sourceRecord):
                        if let record, sourceRecord.position.description != record { continue }
                        shown.append((sourceRecord.position.description, sourceRecord.record))
                    case .failure(let error):
                        throw CommandFailure.unreadable(
                            "\(input)#\(error.position): \(error.field.isEmpty ? "" : error.field + ": ")\(error.message)")
                    }
                }
                if let record, shown.isEmpty { throw CommandFailure.unreadable("\(input) has no record at \(record)") }
                let output = OutputStream()
                switch format {
                case .json:
                    let records: [JSONValue] = shown.map {
                        .fields(["position": .string($0.0), "typed": $0.1, "plain": DynamoDBTyping.plain($0.1)])
                    }
                    output.line(JSONWriter.write(.fields(["records": .array(records)]), options: .pretty))
                case .text, .junit:
                    for (position, value) in shown {
                        output.line("\(input)#\(position)")
                        output.write(
                            SideBySide.render(
                                left: ("typed (as the filter sees it)", value["dynamodb"] ?? value),
                                right: ("plain item", DynamoDBTyping.plain(value)["dynamodb"] ?? value)))
                    }
                }
                output.flush()
            }
        }
    }
}

/// Two pretty-printed JSON documents in two columns.
enum SideBySide {
    static func render(left: (String, JSONValue), right: (String, JSONValue)) -> String {
        let leftLines =
            [left.0] + JSONWriter.write(left.1, options: .pretty).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rightLines =
            [right.0]
            + JSONWriter.write(right.1, options: .pretty).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let width = (leftLines.map(\.unicodeScalars.count).max() ?? 0) + 4
        var lines: [String] = []
        for row in 0..<max(leftLines.count, rightLines.count) {
            let leftText = row < leftLines.count ? leftLines[row] : ""
            let rightText = row < rightLines.count ? rightLines[row] : ""
            let padding = String(repeating: " ", count: max(0, width - leftText.unicodeScalars.count))
            lines.append(rightText.isEmpty ? leftText : leftText + padding + rightText)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
