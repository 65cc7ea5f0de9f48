import LambdaFilter
import Yams

/// Reads a YAML document (a CloudFormation or SAM template) into a `JSONValue`.
///
/// CloudFormation's short-form tags become the long form they abbreviate, so `!Ref Queue` reads
/// as `{"Ref": "Queue"}`, `!GetAtt Queue.Arn` as `{"Fn::GetAtt": ["Queue", "Arn"]}` and
/// `!Sub '...'` as `{"Fn::Sub": "..."}`. Any other local tag `!X` becomes `{"Fn::X": ...}`.
enum YAMLDocument {
    /// The deepest nesting read (libyaml's composer recurses, so deeper input is refused up front).
    static let maxDepth = 256
    /// The most nodes produced, counting each alias expansion (guards against alias bombs).
    static let maxNodes = 1_000_000

    /// Where each `Pattern` string scalar starts (byte offset) and how it is written, by its path.
    typealias PatternPlaces = [[String]: (offset: Int, style: PatternSource.Style)]

    static func read(_ text: String) throws(CriteriaError) -> JSONValue {
        try readLocating(text).value
    }

    /// The document, and where its `Pattern` strings are written.
    static func readLocatingPatterns(_ text: String) throws(CriteriaError) -> (value: JSONValue, patterns: PatternPlaces) {
        let read = try readLocating(text)
        return (read.value, read.patterns)
    }

    /// A document read, with where its members are written and the duplicate keys passed over.
    struct Read {
        var value: JSONValue
        var patterns: PatternPlaces
        /// Where each mapping value is written, by path (up to 16 levels).
        var places: [[String]: Int]
        /// Each duplicate key whose earlier occurrence was dropped (the later one wins).
        var duplicates: [(key: String, offset: Int)]
    }

    /// Marks an earlier duplicate key so libyaml's composer accepts the mapping; the member is dropped.
    static let duplicateMarker = "__lambda_filter_duplicate__"
    /// At most this many duplicate keys are passed over (each costs a re-read).
    static let maxDuplicates = 32

    /// How plain scalars are typed.
    enum Schema: Sendable {
        /// As CloudFormation reads a template: YAML 1.1 (`yes` is true), numbers kept as written.
        case cloudFormation
        /// As the Serverless Framework reads serverless.yml: js-yaml 4 (`JavaScriptYAML`).
        case serverless
    }

    /// Marks a plain scalar without a tag (the `serverless` schema types it itself).
    private static let plainTag = Tag.Name(rawValue: "tag:lambda-filter,2026:plain")
    private static let plainResolver = try! Resolver.basic.appending(plainTag, "^")

    /// The document, where its members and `Pattern` strings are written, and duplicate keys.
    static func readLocating(_ text: String, schema: Schema = .cloudFormation) throws(CriteriaError) -> Read {
        if let depth = NestingEstimate.exceeds(maxDepth, in: text) {
            throw CriteriaError(
                code: .unreadableDocument, message: "YAML nested deeper than \(maxDepth) levels (line \(depth.line))",
                location: TextLocation(offset: 0, line: depth.line, column: 1))
        }
        var source = text
        var duplicates: [(key: String, offset: Int)] = []
        // Markers inserted so far, in the current text's offsets.
        var insertions: [(at: Int, length: Int)] = []
        func original(_ offset: Int) -> Int {
            var result = offset
            for insertion in insertions where offset >= insertion.at {
                result -= min(insertion.length, offset - insertion.at)
            }
            return result
        }
        var root: Node?
        while true {
            do {
                root = try Yams.compose(yaml: source, schema == .serverless ? plainResolver : .default)
                break
            } catch let YamlError.duplicatedKeysInMapping(keys, context) where duplicates.count < maxDuplicates {
                // A duplicate key is a warning, not a stop: mark the earlier one and read again.
                guard let offset = Conversion(text: source).offset(of: context.mark), let key = keys.first else {
                    throw CriteriaError(code: .unreadableDocument, message: "invalid YAML: duplicate key \(keys.joined(separator: ", "))")
                }
                var bytes = Array(source.utf8)
                let insertAt =
                    offset < bytes.count && (bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'"))
                    ? offset + 1 : offset
                let marker = Array((duplicateMarker + String(duplicates.count) + "_").utf8)
                duplicates.append((key, original(offset)))
                for index in insertions.indices where insertions[index].at >= insertAt { insertions[index].at += marker.count }
                insertions.append((insertAt, marker.count))
                bytes.insert(contentsOf: marker, at: insertAt)
                source = String(decoding: bytes, as: UTF8.self)
            } catch let error as YamlError {
                throw CriteriaError(code: .unreadableDocument, message: "invalid YAML: " + describe(error), location: location(of: error))
            } catch {
                throw CriteriaError(code: .unreadableDocument, message: "invalid YAML: \(error)")
            }
        }
        guard let root else {
            throw CriteriaError(code: .unreadableDocument, message: "the YAML document is empty")
        }
        var conversion = Conversion(text: source, schema: schema)
        let value = try convert(root, depth: 0, conversion: &conversion)
        if !insertions.isEmpty {
            conversion.places = conversion.places.mapValues(original)
            conversion.patterns = conversion.patterns.mapValues { (original($0.offset), $0.style) }
        }
        return Read(value: value, patterns: conversion.patterns, places: conversion.places, duplicates: duplicates)
    }

    /// Where a libyaml error is.
    private static func location(of error: YamlError) -> TextLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return TextLocation(offset: 0, line: mark.line, column: mark.column)
        default:
            return nil
        }
    }

    /// What converting tracks besides the value: the node budget, the path, `Pattern` places.
    private struct Conversion {
        var budget = maxNodes
        var path: [String] = []
        var patterns: PatternPlaces = [:]
        var places: [[String]: Int] = [:]
        let bytes: [UInt8]
        let lineStarts: [Int]
        var schema: Schema = .cloudFormation

        init(text: String, schema: Schema = .cloudFormation) {
            self.schema = schema
            let utf8 = Array(text.utf8)
            bytes = utf8
            lineStarts = [0] + utf8.indices.filter { utf8[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        }

        /// The byte offset of a libyaml mark (1-based line, column in scalars).
        func offset(of mark: Mark) -> Int? {
            guard mark.line >= 1, mark.line <= lineStarts.count else { return nil }
            var offset = lineStarts[mark.line - 1]
            var scalars = 1
            while scalars < mark.column, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
                offset += 1
                while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                scalars += 1
            }
            return offset
        }

        mutating func notePattern(_ scalar: Node.Scalar) {
            guard let mark = scalar.mark, let offset = offset(of: mark) else { return }
            let style: PatternSource.Style
            switch scalar.style {
            case .singleQuoted: style = .singleQuoted
            case .doubleQuoted: style = .doubleQuoted
            case .literal: style = .literal
            case .folded: style = .folded
            default: style = .plain
            }
            patterns[path] = (offset, style)
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(readable(problem)) at line \(mark.line), column \(mark.column)"
        case .reader(let problem, let offset, _, _):
            return problem + (offset.map { " at byte \($0)" } ?? "")
        default:
            return "\(error)"
        }
    }

    /// libyaml's problem text, reworded where it speaks to libyaml's programmers instead of
    /// the template's author.
    static func readable(_ problem: String) -> String {
        if problem.hasPrefix("Maximum nesting level reached") {
            return "nested deeper than the YAML reader's limit of \(libyamlMaxNesting) levels"
        }
        return problem
    }

    /// libyaml's own nesting limit (its default), reached only if `NestingEstimate` missed.
    static let libyamlMaxNesting = 1000

    private static func convert(_ node: Node, depth: Int, conversion: inout Conversion) throws(CriteriaError) -> JSONValue {
        conversion.budget -= 1
        guard conversion.budget >= 0 else {
            throw CriteriaError(code: .unreadableDocument, message: "YAML expands to more than \(maxNodes) nodes (aliases?)")
        }
        guard depth <= maxDepth else {
            throw CriteriaError(code: .unreadableDocument, message: "YAML nested deeper than \(maxDepth) levels")
        }
        let tagName = node.tag.description
        if tagName.hasPrefix("!"), !tagName.hasPrefix("!!") {
            return try intrinsic(String(tagName.dropFirst()), node, depth: depth, conversion: &conversion)
        }
        switch node {
        case .scalar(let scalar):
            if conversion.path.last == "Pattern", tagName == Tag.Name.str.rawValue { conversion.notePattern(scalar) }
            if tagName == plainTag.rawValue { return JavaScriptYAML.value(ofPlain: scalar.string) }
            return typedScalar(scalar.string, tag: tagName)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for (index, element) in sequence.enumerated() {
                conversion.path.append(String(index))
                if conversion.path.count <= 16, let mark = element.mark, let offset = conversion.offset(of: mark) {
                    conversion.places[conversion.path] = offset
                }
                elements.append(try convert(element, depth: depth + 1, conversion: &conversion))
                conversion.path.removeLast()
            }
            return .array(elements)
        case .mapping(let mapping):
            var members: [JSONMember] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw CriteriaError(
                        code: .unreadableDocument, message: "a mapping key that is not a scalar at line \(key.mark?.line ?? 0)")
                }
                // An earlier duplicate, marked when reading: the later one is kept.
                if keyScalar.string.hasPrefix(duplicateMarker) { continue }
                // js-yaml keys are `String(value)`: `1e3:` is the key "1000".
                let keyText =
                    keyScalar.tag.description == plainTag.rawValue ? JavaScriptYAML.key(ofPlain: keyScalar.string) : keyScalar.string
                conversion.path.append(keyText)
                if conversion.path.count <= 16, let mark = value.mark ?? key.mark, let offset = conversion.offset(of: mark) {
                    conversion.places[conversion.path] = offset
                }
                members.append(JSONMember(keyText, try convert(value, depth: depth + 1, conversion: &conversion)))
                conversion.path.removeLast()
            }
            return .object(members)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one is unreadable.
            throw CriteriaError(code: .unreadableDocument, message: "unresolved YAML alias at line \(node.mark?.line ?? 0)")
        }
    }

    /// `!Name value` as CloudFormation's long form.
    private static func intrinsic(_ name: String, _ node: Node, depth: Int, conversion: inout Conversion) throws(CriteriaError) -> JSONValue
    {
        let key = name == "Ref" || name == "Condition" ? name : "Fn::" + name
        let content: JSONValue
        switch node {
        case .scalar(let scalar):
            if name == "GetAtt" {
                // `!GetAtt Resource.Attribute` splits at the first dot.
                let parts = scalar.string.split(separator: ".", maxSplits: 1).map { JSONValue.string(String($0)) }
                content = .array(parts)
            } else {
                content = .string(scalar.string)
            }
        case .sequence(let sequence):
            content = try convert(
                .sequence(Node.Sequence(Array(sequence), .implicit, sequence.style, sequence.mark)), depth: depth, conversion: &conversion)
        case .mapping(let mapping):
            content = try convert(
                .mapping(Node.Mapping(Array(mapping), .implicit, mapping.style, mapping.mark)), depth: depth, conversion: &conversion)
        case .alias:
            throw CriteriaError(code: .unreadableDocument, message: "unresolved YAML alias at line \(node.mark?.line ?? 0)")
        }
        return .object([JSONMember(key, content)])
    }

    /// A plain scalar typed as YAML resolved it; numbers stay text when JSON can carry it.
    private static func typedScalar(_ text: String, tag: String) -> JSONValue {
        switch tag {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue:
            return .bool(["true", "yes", "on", "y"].contains(text.lowercased()))
        case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
            if (try? JSONParser().parseValue(text)).map({ if case .number = $0 { return true } else { return false } }) == true {
                return .number(text)
            }
            return .string(text)
        default:
            return .string(text)
        }
    }
}

/// A cheap upper bound on a YAML text's nesting, checked before libyaml composes it.
enum NestingEstimate {
    /// The first line where the estimate passes `limit`, or `nil`.
    static func exceeds(_ limit: Int, in text: String) -> (line: Int, depth: Int)? {
        var flowDepth = 0
        var indents: [Int] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.first == "#" { continue }
            while let last = indents.last, last >= indent { indents.removeLast() }
            indents.append(indent)
            // Compact sequences (`- - - x`) nest without indenting.
            var dashes = 0
            var rest = content
            while rest.hasPrefix("- ") {
                dashes += 1
                rest = rest.dropFirst(2)
            }
            var lineFlowPeak = flowDepth
            for character in content {
                if character == "[" || character == "{" {
                    flowDepth += 1
                    lineFlowPeak = max(lineFlowPeak, flowDepth)
                } else if character == "]" || character == "}" {
                    flowDepth = max(0, flowDepth - 1)
                }
            }
            let depth = indents.count + dashes + lineFlowPeak
            if depth > limit { return (lineNumber, depth) }
        }
        return nil
    }
}
