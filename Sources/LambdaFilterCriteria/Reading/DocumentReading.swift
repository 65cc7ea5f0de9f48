import LambdaFilter

/// A document's text, located: the reader's view of the core's `TextLocator`, which finds the
/// line starts once and keeps column checkpoints, so locating any offset costs `O(log lines)`
/// even on one long minified line.
struct LineTable: Sendable {
    let locator: TextLocator
    var bytes: [UInt8] { locator.bytes }

    init(_ bytes: [UInt8]) { locator = TextLocator(bytes) }

    func location(_ offset: Int) -> TextLocation { locator.location(ofOffset: offset) }
}

/// One filter of a mapping as the document gives it.
enum FilterSpec {
    /// The Pattern string (as AWS receives it) and where it is written.
    case text(String, PatternSource)
    /// Computed at deploy time: what computes it, and where it is written.
    case unresolved(String, location: TextLocation? = nil)
    /// Not a filter at all.
    case malformed(CriteriaError)

    /// The same spec, placed at `place` unless it already has a place.
    func located(_ place: TextLocation?) -> FilterSpec {
        switch self {
        case .unresolved(let what, nil): return .unresolved(what, location: place)
        case .malformed(var error) where error.location == nil:
            error.location = place
            return .malformed(error)
        default: return self
        }
    }
}

/// The work behind `FilterDocument.read`.
struct DocumentReading {
    let text: String
    let name: String
    let options: FilterReadOptions
    let bytes: [UInt8]
    let lines: LineTable
    var notes: [DocumentNote] = []
    var failure: CriteriaError?
    /// Where each object member's value is written, by path.
    var places: [[String]: Int] = [:]
    var patternPlaces: YAMLDocument.PatternPlaces = [:]

    init(text: String, name: String, options: FilterReadOptions) {
        // A byte-order mark is not part of the document, in JSON as in YAML.
        let unmarked = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        self.text = unmarked
        self.name = name
        self.options = options
        bytes = Array(unmarked.utf8)
        lines = LineTable(bytes)
    }

    func location(_ path: [String]) -> TextLocation? {
        places[path].map(lines.location)
    }

    mutating func read() -> FilterDocument {
        var kind = classifyAndRead()
        if let fallback = options.defaultSource {
            for index in kind.mappings.indices where kind.mappings[index].source == nil { kind.mappings[index].source = fallback }
        }
        return FilterDocument(kind: kind.kind, mappings: kind.mappings, notes: notes, bytes: bytes, failure: failure)
    }

    mutating func fail(_ error: CriteriaError) -> (kind: FilterDocument.Kind, mappings: [FoundMapping]) {
        failure = error
        notes.append(DocumentNote(severity: .error, code: error.code.rawValue, message: error.message, location: error.location))
        return (.other, [])
    }

    private mutating func classifyAndRead() -> (kind: FilterDocument.Kind, mappings: [FoundMapping]) {
        guard bytes.count <= options.maxDocumentBytes else {
            return fail(
                CriteriaError(
                    code: .unreadableDocument,
                    message:
                        "document is \(bytes.count) bytes; the reader accepts at most \(options.maxDocumentBytes) (FilterReadOptions.maxDocumentBytes)"
                ))
        }
        let lowered = name.lowercased()
        let first = text.unicodeScalars.first { !($0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t") }
        guard let first else { return fail(CriteriaError(code: .unreadableDocument, message: "document is empty")) }
        if let language = Self.cdkSourceLanguage(name: lowered, text: text) {
            notes.append(
                DocumentNote(
                    severity: .note, code: "cdk-source",
                    message:
                        "this is CDK source code (\(language)), not a template: synthesize it (`cdk synth`) and check the template in cdk.out"
                ))
            return (.other, [])
        }
        if lowered.hasSuffix(".tf") || (first != "{" && first != "[" && HCLDocument.looksLikeTerraform(text)) {
            return (.terraform, readTerraform())
        }
        if first == "{" || first == "[" {
            let root: JSONNode
            do {
                root = try JSONParser().parse(text)
            } catch {
                let location = lines.location(error.offset)
                // A JSON file that does not parse is reported by the pattern reader, which locates it.
                if lowered.hasSuffix(".json") || lowered.hasPrefix("<") {
                    return (.pattern, [])
                }
                return fail(
                    CriteriaError(
                        code: .unreadableDocument,
                        message: "invalid JSON at line \(location.line), column \(location.column): \(error.reason)", location: location))
            }
            notePlaces(root)
            return readValue(root.value, fromJSON: true)
        }
        var yaml: YAMLDocument.Read
        var serverless = false
        do {
            yaml = try YAMLDocument.readLocating(text)
            // The Serverless Framework reads serverless.yml with js-yaml, whose scalars differ (`yes`, `0x1F`, `1e3`).
            serverless = Self.looksLikeServerless(yaml.value, name: name)
            if serverless {
                yaml = try YAMLDocument.readLocating(text, schema: .serverless)
            }
        } catch {
            return fail(error)
        }
        places = yaml.places
        patternPlaces = yaml.patterns
        for duplicate in yaml.duplicates {
            let framework = serverless ? ", but the Serverless Framework (js-yaml) refuses a duplicate key" : ""
            notes.append(
                DocumentNote(
                    severity: .warning, code: "duplicate-key",
                    message: "duplicate key \(JSONWriter.quote(duplicate.key)): the later one is used\(framework)",
                    location: lines.location(duplicate.offset)))
        }
        return readValue(yaml.value, fromJSON: false)
    }

    /// Whether a document is a Serverless Framework service: `functions` with `service` or
    /// `provider`, or a file named serverless.yml.
    static func looksLikeServerless(_ value: JSONValue, name: String) -> Bool {
        guard let members = value.objectMembers, value["Resources"] == nil || value["functions"] != nil else { return false }
        let keys = Set(members.map(\.key))
        let lowered = name.lowercased()
        return keys.contains("functions")
            && (keys.contains("service") || keys.contains("provider") || lowered.hasSuffix("serverless.yml")
                || lowered.hasSuffix("serverless.yaml"))
    }

    /// Which language a CDK app's source is written in, when `text` is one.
    static func cdkSourceLanguage(name: String, text: String) -> String? {
        let languages: [(String, String)] = [
            (".ts", "TypeScript"), (".js", "JavaScript"), (".mjs", "JavaScript"), (".py", "Python"), (".java", "Java"), (".cs", "C#"),
            (".go", "Go"),
        ]
        let markers = ["aws-cdk-lib", "@aws-cdk/", "aws_cdk", "software.amazon.awscdk", "Amazon.CDK", "awscdk"]
        guard markers.contains(where: { text.contains($0) }) else { return nil }
        if let language = languages.first(where: { name.hasSuffix($0.0) }) { return language.1 }
        let first = text.unicodeScalars.first { !($0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t") }
        return first == "{" || first == "[" ? nil : "source code"
    }

    /// Records where each member's value is written (a later duplicate key wins, as in `JSONValue`).
    private mutating func notePlaces(_ root: JSONNode) {
        var path: [String] = []
        func walk(_ node: JSONNode, into places: inout [[String]: Int], patterns: inout YAMLDocument.PatternPlaces) {
            switch node.kind {
            case .object(let members):
                for member in members {
                    path.append(member.key)
                    if path.count <= 16 { places[path] = member.value.offset }
                    if member.key == "Pattern" || member.key == "pattern", case .string = member.value.kind {
                        patterns[path] = (member.value.offset, .json)
                    } else {
                        walk(member.value, into: &places, patterns: &patterns)
                    }
                    path.removeLast()
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() {
                    path.append(String(index))
                    if path.count <= 16 { places[path] = element.offset }
                    walk(element, into: &places, patterns: &patterns)
                    path.removeLast()
                }
            default:
                return
            }
        }
        walk(root, into: &places, patterns: &patternPlaces)
    }

    // MARK: - What the value is

    private mutating func readValue(_ value: JSONValue, fromJSON: Bool) -> (kind: FilterDocument.Kind, mappings: [FoundMapping]) {
        guard case .object(let members) = value else {
            if fromJSON { return (.pattern, []) }
            return fail(
                CriteriaError(
                    code: .noCriteriaFound,
                    message: "expected an object (FilterCriteria, mapping, mapping list or template), got \(value.typeName)"))
        }
        let keys = Set(members.map(\.key))
        if keys.contains("format") && keys.contains("cases") { return (.manifest, []) }
        if keys.contains("format_version")
            && (keys.contains("values") || keys.contains("planned_values") || keys.contains("resource_changes"))
        {
            return (.terraformPlan, readTerraformPlan(value))
        }
        if let resources = value["Resources"] {
            return (.cloudFormation, readTemplate(resources, root: value))
        }
        // Template fragments: the resources map without `Resources:`, or one resource.
        if let type = value["Type"]?.stringValue, type.hasPrefix("AWS::"), value["Properties"] != nil {
            notes.append(
                DocumentNote(
                    severity: .note, code: "template-fragment",
                    message: "a template fragment: one \(type) resource, read as the resource `Resource`"))
            return (.cloudFormation, readTemplate(.object([JSONMember("Resource", value)]), root: value, resourcePath: { _ in [] }))
        }
        if members.contains(where: { $0.value["Type"]?.stringValue?.hasPrefix("AWS::") == true }) {
            notes.append(
                DocumentNote(
                    severity: .note, code: "template-fragment", message: "a template fragment: resources without a `Resources:` key"))
            return (.cloudFormation, readTemplate(value, root: value, resourcePath: { [$0] }))
        }
        if Self.looksLikeServerless(value, name: name) {
            return (.serverless, readServerless(value))
        }
        if let list = value["EventSourceMappings"] {
            guard let items = list.arrayElements else {
                return fail(CriteriaError(code: .noCriteriaFound, message: "EventSourceMappings must be a list, got \(list.typeName)"))
            }
            let mappings = items.enumerated().map { index, item in
                readMapping(
                    item, id: item["UUID"]?.stringValue ?? "EventSourceMappings[\(index)]", path: ["EventSourceMappings", String(index)])
            }
            if mappings.isEmpty {
                notes.append(
                    DocumentNote(severity: .note, code: "no-filters", message: "this list-event-source-mappings output holds no mappings"))
            }
            return (.mappingList, mappings)
        }
        if keys.contains("Filters") || members.isEmpty {
            if members.isEmpty {
                // `{}` is both an empty pattern (invalid) and an empty FilterCriteria (valid): say which it is taken for.
                notes.append(
                    DocumentNote(
                        severity: .note, code: "empty-criteria",
                        message:
                            "`{}` is read as an empty FilterCriteria (no filters: every record reaches the function), not as a pattern (an empty pattern is invalid)"
                    ))
            } else if value["Filters"]?.arrayElements?.isEmpty == true {
                notes.append(
                    DocumentNote(
                        severity: .note, code: "empty-criteria",
                        message: "this FilterCriteria has an empty Filters list: no filters, every record reaches the function"))
            }
            let (entry, indices) = readCriteria(
                value, path: [], name: "FilterCriteria", source: nil, isPipe: false, resource: nil, event: nil)
            return (
                .filterCriteria,
                [
                    FoundMapping(
                        id: "FilterCriteria", aliases: [], what: "FilterCriteria", source: nil, isPipe: false, location: lines.location(0),
                        hasCriteria: true, entry: entry, filterIndices: indices, parameters: nil)
                ]
            )
        }
        // A mapping's members are strings where a pattern's are arrays or objects: `{"UUID": ["x"]}` stays a pattern.
        let mappingMembers = ["UUID", "EventSourceArn", "FunctionName", "FunctionArn", "EventSourceMappingArn"]
        if keys.contains("FilterCriteria") || mappingMembers.contains(where: { value[$0]?.stringValue != nil }) {
            let id = value["UUID"]?.stringValue ?? (keys.contains("FilterCriteria") ? "FilterCriteria" : "request")
            return (.mapping, [readMapping(value, id: id, path: [])])
        }
        if fromJSON { return (.pattern, []) }
        notes.append(
            DocumentNote(
                severity: .note, code: "no-filters",
                message: "this YAML is not a CloudFormation/SAM template, a serverless.yml or a FilterCriteria: it holds no filters"))
        return (.other, [])
    }

    // MARK: - FilterCriteria

    /// Reads a FilterCriteria value at `path` into filter specs and checks them.
    mutating func readCriteria(
        _ value: JSONValue, path: [String], name: String, source: MappingSource?, isPipe: Bool, resource: String?, event: String?
    ) -> (CriteriaEntry, [Int]) {
        var structural: [CriteriaError] = []
        var specs: [FilterSpec] = []
        var whole: String?
        if let function = Intrinsics.functionName(value) {
            whole =
                "FilterCriteria is computed by \(Intrinsics.describe(value)) (\(function)); it cannot be read offline, so its filters are not checked"
        } else if case .object(let members) = value {
            for member in members where member.key != "Filters" {
                let hint = member.key.lowercased() == "filters" ? " (the API's names are `Filters` and `Pattern`)" : ""
                structural.append(CriteriaError(code: .malformedCriteria, message: "unknown FilterCriteria member `\(member.key)`\(hint)"))
            }
            if let filters = value["Filters"] {
                if let elements = filters.arrayElements {
                    for (index, element) in elements.enumerated() {
                        let filterPath = path + ["Filters", String(index)]
                        specs.append(filterSpec(element, index: index, path: filterPath).located(location(filterPath)))
                    }
                } else if Intrinsics.functionName(filters) != nil {
                    whole =
                        "Filters is computed by \(Intrinsics.describe(filters)); it cannot be read offline, so its filters are not checked"
                } else {
                    structural.append(CriteriaError(code: .malformedCriteria, message: "Filters must be a list, got \(filters.typeName)"))
                }
            }
        } else {
            structural.append(CriteriaError(code: .malformedCriteria, message: "FilterCriteria must be an object, got \(value.typeName)"))
        }
        var (entry, indices) = Self.evaluate(
            specs, structural: structural, name: name, source: source, isPipe: isPipe, resource: resource, event: event, options: options)
        if let whole {
            entry.warnings.insert(CriteriaWarning(code: .unresolvedValue, message: whole, location: location(path)), at: 0)
        }
        return (entry, indices)
    }

    private func filterSpec(_ element: JSONValue, index: Int, path: [String]) -> FilterSpec {
        guard case .object(let members) = element else {
            if Intrinsics.functionName(element) != nil {
                return .unresolved(Intrinsics.describe(element))
            }
            return .malformed(
                CriteriaError(
                    code: .malformedCriteria, message: "each filter must be an object with a `Pattern`, got \(element.typeName)",
                    filterIndex: index))
        }
        for member in members where member.key != "Pattern" {
            return .malformed(
                CriteriaError(
                    code: .malformedCriteria, message: "unknown filter member `\(member.key)` (a filter has only `Pattern`)",
                    filterIndex: index))
        }
        guard let pattern = element["Pattern"] else {
            return .malformed(CriteriaError(code: .malformedCriteria, message: "filter has no `Pattern`", filterIndex: index))
        }
        let patternPath = path + ["Pattern"]
        switch Intrinsics.text(pattern) {
        case .text(let text):
            if case .string = pattern, let place = patternPlaces[patternPath] {
                return .text(
                    text, PatternSource(filterIndex: index, text: text, style: place.style, lines: lines, startOffset: place.offset))
            }
            // A computed string's place is not mapped: the pattern's own lines are shown instead.
            let start = pattern.stringValue == nil ? nil : location(patternPath)
            return .text(
                text,
                PatternSource(filterIndex: index, text: text, start: start, style: pattern.stringValue == nil ? .substitution : .plain))
        case .unresolved(let what):
            return .unresolved(what)
        case .notText:
            return .malformed(
                CriteriaError(
                    code: .malformedCriteria,
                    message: "Pattern must be a string holding the pattern's JSON, got \(pattern.typeName) (in YAML, quote the pattern)",
                    filterIndex: index))
        }
    }

    /// The poller-added fields EventBridge Pipes does not let a pattern name.
    static let pipesReservedFields: Set<String> = [
        "awsRegion", "eventSource", "eventSourceARN", "eventVersion", "eventID", "eventName", "invokeIdentityArn", "eventSourceKey",
    ]

    /// Parses and checks every filter, collecting every error and warning.
    static func evaluate(
        _ specs: [FilterSpec], structural: [CriteriaError], name: String, source: MappingSource?, isPipe: Bool,
        resource: String?, event: String?, options: FilterReadOptions
    ) -> (CriteriaEntry, [Int]) {
        var errors = structural
        var warnings: [CriteriaWarning] = []
        var patterns: [Pattern] = []
        var indices: [Int] = []
        var sources: [PatternSource] = []
        for (index, spec) in specs.enumerated() {
            switch spec {
            case .unresolved(let what, let location):
                warnings.append(
                    CriteriaWarning(
                        code: .unresolvedValue,
                        message: "Pattern is computed by \(what); it cannot be read offline, so this filter is not checked or tested",
                        filterIndex: index, location: location))
            case .malformed(let error):
                errors.append(error)
            case .text(let text, let place):
                sources.append(place)
                let diagnosis = Pattern.diagnose(text, dialect: .lambda, limits: PatternLimits(maxLength: nil))
                if let pattern = diagnosis.pattern {
                    patterns.append(pattern)
                    indices.append(index)
                    if isPipe {
                        for field in pattern.json.objectMembers?.map(\.key) ?? [] where pipesReservedFields.contains(field) {
                            errors.append(
                                CriteriaError(
                                    code: .reservedPipeField,
                                    message:
                                        "EventBridge Pipes does not filter on `\(field)`: it is added by the poller (Pipes forbids \(pipesReservedFields.sorted().joined(separator: ", ")))",
                                    filterIndex: index))
                        }
                    }
                } else {
                    errors += diagnosis.errors.map { FilterCriteria.invalidPatternError($0, filterIndex: index) }
                }
            }
        }
        if specs.count > options.limits.maxFilters {
            errors.append(
                CriteriaError(
                    code: .tooManyFilters,
                    message:
                        "\(specs.count) filters; the mapping's quota allows \(options.limits.maxFilters) (5 by default, AWS raises it to at most 10 on request)"
                ))
        }
        let checkOptions = CriteriaOptions(
            formatting: .asWritten, limits: CriteriaLimits(maxFilters: Int.max, maxPatternLength: options.limits.maxPatternLength),
            source: source ?? options.defaultSource, allowsUnsupportedSource: options.allowsUnsupportedSource)
        let outcome = FilterCriteria.check(patterns: patterns, options: checkOptions)
        let remap: (Int?) -> Int? = { $0.map { indices.indices.contains($0) ? indices[$0] : $0 } }
        errors += outcome.errors.map { error in
            var copy = error
            copy.filterIndex = remap(error.filterIndex)
            return copy
        }
        warnings += outcome.warnings.map { warning in
            var copy = warning
            copy.filterIndex = remap(warning.filterIndex)
            return copy
        }
        errors = errors.map { $0.named(name) }
        let result: Result<FilterCriteria, CriteriaError>
        if let first = errors.first {
            result = .failure(first)
        } else {
            do throws(CriteriaError) {
                result = .success(try FilterCriteria(patterns: patterns, options: checkOptions))
            } catch {
                result = .failure(error.named(name))
            }
        }
        var entry = CriteriaEntry(name: name, resource: resource, event: event, source: source ?? options.defaultSource, result: result)
        entry.patterns = sources
        entry.errors = errors
        entry.warnings = warnings
        return (entry, indices)
    }

    // MARK: - Mapping output and requests

    /// Members of get/list output that are not request parameters.
    static let outputOnlyMembers: Set<String> = [
        "State", "StateTransitionReason", "LastModified", "LastProcessingResult", "EventSourceMappingArn",
        "FilterCriteriaError", "ResponseMetadata", "StartingPositionTimestamp",
    ]

    private mutating func readMapping(_ mapping: JSONValue, id: String, path: [String]) -> FoundMapping {
        let uuid = mapping["UUID"]?.stringValue
        let source = mapping["EventSourceArn"]?.stringValue.flatMap(MappingSource.init(eventSourceArn:))
        let isOutput =
            mapping["State"] != nil || mapping["LastModified"] != nil || mapping["FunctionArn"] != nil
            || mapping["EventSourceMappingArn"] != nil
        var request: [JSONMember] = []
        var locations: [String: TextLocation] = [:]
        for member in mapping.objectMembers ?? [] where member.key != "FilterCriteria" {
            if isOutput && (Self.outputOnlyMembers.contains(member.key) || member.key == "UUID") { continue }
            if isOutput && member.value == .null { continue }
            let key = member.key == "FunctionArn" ? "FunctionName" : member.key
            request.append(JSONMember(key, member.value))
            locations[key] = location(path + [member.key])
        }
        let parameters = FoundParameters(request: .object(request), locations: locations, operation: nil, suppliedElsewhere: [])
        var found = FoundMapping(
            id: id, aliases: uuid.map { [$0] } ?? [], what: isOutput ? "event source mapping" : "mapping request", source: source,
            isPipe: false,
            location: location(path) ?? lines.location(0), hasCriteria: false,
            entry: CriteriaEntry(name: id, resource: uuid, source: source, result: .success(.removingAllFilters)),
            filterIndices: [], parameters: parameters)
        if let error = mapping["FilterCriteriaError"], error != .null {
            let detail = [error["ErrorCode"]?.stringValue, error["Message"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            let problem = CriteriaError(
                code: .criteriaNotReturned, message: "AWS returned a FilterCriteriaError instead of the criteria: \(detail)", origin: id)
            found.hasCriteria = true
            found.entry.result = .failure(problem)
            found.entry.errors = [problem]
            return found
        }
        let value = mapping["FilterCriteria"]
        if value == nil || value == .null {
            if let key = mapping["KMSKeyArn"]?.stringValue, !key.isEmpty {
                let problem = CriteriaError(
                    code: .criteriaNotReturned,
                    message:
                        "FilterCriteria is not returned because it is encrypted with KMSKeyArn (list output never shows it); read it with get-event-source-mapping",
                    origin: id)
                found.hasCriteria = true
                found.entry.result = .failure(problem)
                found.entry.errors = [problem]
            }
            return found
        }
        let (entry, indices) = readCriteria(
            value ?? .null, path: path + ["FilterCriteria"], name: id, source: source, isPipe: false, resource: uuid, event: nil)
        found.hasCriteria = true
        found.entry = entry
        found.filterIndices = indices
        return found
    }

    // MARK: - CloudFormation, SAM, Pipes, cdk.out

    /// - Parameter resourcePath: where a resource is in the document (`Resources.X` in a template,
    ///   `X` in a fragment that is the resources map, the root for a single resource).
    private mutating func readTemplate(
        _ resources: JSONValue, root: JSONValue, resourcePath: (String) -> [String] = { ["Resources", $0] }
    ) -> [FoundMapping] {
        guard case .object(let members) = resources else {
            _ = fail(CriteriaError(code: .noCriteriaFound, message: "Resources must be a mapping, got \(resources.typeName)"))
            return []
        }
        var found: [FoundMapping] = []
        var sawMapping = false
        let types = Self.resourceTypes(resources)
        for resource in members {
            let properties = resource.value["Properties"]
            let base = resourcePath(resource.key) + ["Properties"]
            let cdkPath = resource.value["Metadata"]?["aws:cdk:path"]?.stringValue
            switch resource.value["Type"]?.stringValue {
            case "AWS::Lambda::EventSourceMapping":
                sawMapping = true
                let source = properties?["EventSourceArn"].flatMap { Self.sourceOf($0, types: types) }
                var mapping = FoundMapping(
                    id: resource.key,
                    aliases: cdkPath.map { [$0, String($0.split(separator: "/").dropLast().joined(separator: "/"))] } ?? [],
                    what: "AWS::Lambda::EventSourceMapping", source: source, isPipe: false,
                    location: location(resourcePath(resource.key)) ?? lines.location(0), hasCriteria: false,
                    entry: CriteriaEntry(name: resource.key, resource: resource.key, source: source, result: .success(.removingAllFilters)),
                    filterIndices: [], parameters: templateParameters(properties, path: base, renames: [:], implied: []))
                if let criteria = properties?["FilterCriteria"] {
                    (mapping.entry, mapping.filterIndices) = readCriteria(
                        criteria, path: base + ["FilterCriteria"], name: resource.key, source: source, isPipe: false,
                        resource: resource.key, event: nil)
                    mapping.hasCriteria = true
                }
                found.append(mapping)
            case "AWS::Serverless::Function":
                for event in properties?["Events"]?.objectMembers ?? [] {
                    let eventType = event.value["Type"]?.stringValue
                    guard let source = eventType.flatMap(MappingSource.init(samEventType:)) else { continue }
                    sawMapping = true
                    let eventProperties = event.value["Properties"]
                    let eventPath = base + ["Events", event.key, "Properties"]
                    let name = "\(resource.key)/Events/\(event.key)"
                    let renames = [
                        "Queue": "EventSourceArn", "Stream": "EventSourceArn", "Broker": "EventSourceArn", "Cluster": "EventSourceArn",
                        "KmsKeyArn": "KMSKeyArn",
                    ]
                    var mapping = FoundMapping(
                        id: "\(resource.key).\(event.key)", aliases: [name, event.key], what: "SAM \(eventType ?? "") event",
                        source: source, isPipe: false,
                        location: location(base + ["Events", event.key]), hasCriteria: false,
                        entry: CriteriaEntry(
                            name: name, resource: resource.key, event: event.key, source: source, result: .success(.removingAllFilters)),
                        filterIndices: [],
                        parameters: templateParameters(eventProperties, path: eventPath, renames: renames, implied: ["FunctionName"]))
                    if let criteria = eventProperties?["FilterCriteria"] {
                        (mapping.entry, mapping.filterIndices) = readCriteria(
                            criteria, path: eventPath + ["FilterCriteria"], name: name, source: source, isPipe: false,
                            resource: resource.key, event: event.key)
                        mapping.hasCriteria = true
                    }
                    found.append(mapping)
                }
            case "AWS::Pipes::Pipe":
                sawMapping = true
                let source = properties?["Source"].flatMap { Self.sourceOf($0, types: types) }
                var mapping = FoundMapping(
                    id: resource.key, aliases: cdkPath.map { [$0] } ?? [], what: "AWS::Pipes::Pipe", source: source, isPipe: true,
                    location: location(resourcePath(resource.key)) ?? lines.location(0), hasCriteria: false,
                    entry: CriteriaEntry(name: resource.key, resource: resource.key, source: source, result: .success(.removingAllFilters)),
                    filterIndices: [], parameters: nil)
                if let criteria = properties?["SourceParameters"]?["FilterCriteria"] {
                    (mapping.entry, mapping.filterIndices) = readCriteria(
                        criteria, path: base + ["SourceParameters", "FilterCriteria"], name: resource.key, source: source, isPipe: true,
                        resource: resource.key, event: nil)
                    mapping.hasCriteria = true
                }
                found.append(mapping)
            default:
                continue
            }
        }
        if !sawMapping {
            let cdk =
                root["Metadata"] != nil || members.contains { $0.value["Metadata"]?["aws:cdk:path"] != nil }
                ? " (a CDK-synthesized template)" : ""
            notes.append(
                DocumentNote(
                    severity: .note, code: "no-filters",
                    message:
                        "this template\(cdk) has no AWS::Lambda::EventSourceMapping, SAM function event or AWS::Pipes::Pipe: it holds no filters"
                ))
        }
        return found
    }

    /// A template resource's properties as request members: renamed to the API's names, SAM-only
    /// members dropped, and values computed at deploy time left out (they are not the author's mistakes).
    private func templateParameters(
        _ properties: JSONValue?, path: [String], renames: [String: String], implied: Set<String>
    ) -> FoundParameters {
        var request: [JSONMember] = []
        var locations: [String: TextLocation] = [:]
        var supplied = implied
        for member in properties?.objectMembers ?? [] where member.key != "FilterCriteria" {
            let key = renames[member.key] ?? member.key
            locations[key] = location(path + [member.key])
            if Intrinsics.functionName(member.value) != nil || member.value.containsIntrinsic {
                supplied.insert(key)
                continue
            }
            // SAM adds members of its own (DynamicPolicyName, SecretsManagerKmsKeyId...): not the API's.
            guard !renames.isEmpty ? ParameterValidator.applicability[key] != nil : true else { continue }
            request.append(JSONMember(key, member.value))
        }
        return FoundParameters(request: .object(request), locations: locations, operation: .create, suppliedElsewhere: supplied)
    }

    /// The source an ARN value points at: a literal ARN, or `Ref` / `Fn::GetAtt` of a resource
    /// in the template whose type says.
    /// Each resource's `Type` by logical ID, looked up once per template.
    static func resourceTypes(_ resources: JSONValue) -> [String: String] {
        var types: [String: String] = [:]
        for member in resources.objectMembers ?? [] {
            if let type = member.value["Type"]?.stringValue { types[member.key] = type }
        }
        return types
    }

    static func sourceOf(_ arn: JSONValue, types: [String: String]) -> MappingSource? {
        if let text = arn.stringValue { return MappingSource(eventSourceArn: text) }
        let referenced =
            arn["Ref"]?.stringValue ?? arn["Fn::GetAtt"]?.arrayElements?.first?.stringValue
            ?? arn["Fn::GetAtt"]?.stringValue?.split(separator: ".").first.map(String.init)
        guard let referenced, let type = types[referenced] else { return nil }
        return MappingSource(cloudFormationResourceType: type)
    }
}

extension JSONValue {
    /// Whether an intrinsic function appears anywhere inside.
    var containsIntrinsic: Bool {
        if Intrinsics.functionName(self) != nil { return true }
        switch self {
        case .object(let members): return members.contains { $0.value.containsIntrinsic }
        case .array(let elements): return elements.contains { $0.containsIntrinsic }
        default: return false
        }
    }
}
