import LambdaFilter

/// A FilterCriteria found in a document, with the mapping or template entry it belongs to.
public struct NamedCriteria: Sendable, Hashable {
    /// `MyMapping`, `MyFunction/Events/MyQueue`, a mapping's UUID, or `FilterCriteria`.
    public var name: String
    /// The CloudFormation logical ID or the mapping UUID, when there is one.
    public var resource: String?
    /// The SAM event name, for criteria on a SAM function event.
    public var event: String?
    /// The mapping's source, when the document says (ARN, SAM event type, referenced resource type).
    public var source: MappingSource?
    public var criteria: FilterCriteria

    public init(name: String, resource: String? = nil, event: String? = nil, source: MappingSource? = nil, criteria: FilterCriteria) {
        self.name = name
        self.resource = resource
        self.event = event
        self.source = source
        self.criteria = criteria
    }
}

/// One FilterCriteria location in a document and what reading it gave.
public struct CriteriaEntry: Sendable, Hashable {
    public var name: String
    public var resource: String?
    public var event: String?
    public var source: MappingSource?
    public var result: Result<FilterCriteria, CriteriaError>
    /// Each filter whose `Pattern` text could be read, valid or not, with where it is written.
    public var patterns: [PatternSource] = []

    /// The pattern of filter `index`, when it could be read.
    public func pattern(at index: Int) -> PatternSource? {
        // `patterns` is in filter order (some filters may lack a string): a binary search keeps
        // looking up every filter of a large file linear.
        var low = 0
        var high = patterns.count
        while low < high {
            let middle = (low + high) / 2
            if patterns[middle].filterIndex < index { low = middle + 1 } else { high = middle }
        }
        return low < patterns.count && patterns[low].filterIndex == index ? patterns[low] : nil
    }
}

/// Reads FilterCriteria back from what users have at hand: the FilterCriteria JSON itself,
/// `aws lambda get-event-source-mapping` / `list-event-source-mappings` output, request bodies,
/// and CloudFormation / SAM templates in JSON or YAML.
///
/// Patterns keep their text exactly as found (`PatternFormatting.asWritten`).
public enum FilterCriteriaReader {
    /// The largest document read, in UTF-8 bytes (CloudFormation's own template limit is 1 MB).
    public static let maxDocumentBytes = 16 * 1024 * 1024

    /// Every FilterCriteria in `text`.
    /// - Throws: the first entry's error (naming the resource and filter), or a document-level error.
    public static func read(text: String, limits: CriteriaLimits = .raisedQuota, allowsUnsupportedSource: Bool = false) throws(CriteriaError) -> [NamedCriteria] {
        var found: [NamedCriteria] = []
        for entry in try entries(text: text, limits: limits, allowsUnsupportedSource: allowsUnsupportedSource) {
            switch entry.result {
            case .success(let criteria):
                found.append(NamedCriteria(name: entry.name, resource: entry.resource, event: entry.event, source: entry.source, criteria: criteria))
            case .failure(let error):
                throw error
            }
        }
        return found
    }

    /// Every FilterCriteria location in `text`, each read independently, so one bad entry does
    /// not hide the others. `limits` defaults to the raised quota: deployed mappings may have it.
    /// - Throws: only when the document itself is unreadable or holds no FilterCriteria.
    public static func entries(text: String, limits: CriteriaLimits = .raisedQuota, allowsUnsupportedSource: Bool = false) throws(CriteriaError) -> [CriteriaEntry] {
        let document = try parseDocument(text)
        let locations = try locate(in: document.value)
        return locations.map { location in
            let options = CriteriaOptions(formatting: .asWritten, limits: limits, source: location.source, allowsUnsupportedSource: allowsUnsupportedSource)
            let result: Result<FilterCriteria, CriteriaError>
            if let problem = location.problem {
                result = .failure(problem.named(location.name))
            } else {
                do throws(CriteriaError) {
                    result = .success(try criteria(from: location.value, options: options))
                } catch {
                    result = .failure(error.named(location.name))
                }
            }
            var entry = CriteriaEntry(name: location.name, resource: location.resource, event: location.event, source: location.source, result: result)
            entry.patterns = patternSources(location, document: document)
            return entry
        }
    }

    /// Reads one FilterCriteria value (`{"Filters":[{"Pattern":"..."}]}` or `{}`).
    public static func criteria(from value: JSONValue, options: CriteriaOptions = CriteriaOptions(formatting: .asWritten, limits: .raisedQuota)) throws(CriteriaError) -> FilterCriteria {
        guard case .object(let members) = value else {
            throw CriteriaError(code: .malformedCriteria, message: "FilterCriteria must be an object, got \(value.typeName)")
        }
        if let reason = unresolved(value) {
            throw CriteriaError(code: .unresolvedPattern, message: "FilterCriteria is computed by \(reason); it cannot be read offline")
        }
        for member in members where member.key != "Filters" {
            let hint = member.key.lowercased() == "filters" ? " (the API's names are `Filters` and `Pattern`)" : ""
            throw CriteriaError(code: .malformedCriteria, message: "unknown FilterCriteria member `\(member.key)`\(hint)")
        }
        guard let filters = value["Filters"] else { return try FilterCriteria(patterns: [], options: options) }
        guard case .array(let elements) = filters else {
            if let reason = unresolved(filters) {
                throw CriteriaError(code: .unresolvedPattern, message: "Filters is computed by \(reason); it cannot be read offline")
            }
            throw CriteriaError(code: .malformedCriteria, message: "Filters must be a list, got \(filters.typeName)")
        }
        var patterns: [Pattern] = []
        for (index, element) in elements.enumerated() {
            let text = try patternText(element, filterIndex: index)
            patterns.append(try FilterCriteria.parsePattern(text, dialect: .lambda, filterIndex: index))
        }
        return try FilterCriteria(patterns: patterns, options: options)
    }

    // MARK: - Documents

    /// A document read, and where its `Pattern` strings are written (by path).
    private struct Document {
        var value: JSONValue
        var text: TextLocator
        var patterns: YAMLDocument.PatternPlaces
    }

    private static func parseDocument(_ text: String) throws(CriteriaError) -> Document {
        guard text.utf8.count <= maxDocumentBytes else {
            throw CriteriaError(code: .unreadableDocument, message: "document is \(text.utf8.count) bytes; the reader accepts at most \(maxDocumentBytes)")
        }
        let start = text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" })
        guard let first = start.first else {
            throw CriteriaError(code: .unreadableDocument, message: "document is empty")
        }
        if first == "{" || first == "[" {
            do {
                let root = try JSONParser().parse(text)
                var patterns: YAMLDocument.PatternPlaces = [:]
                var path: [String] = []
                notePatterns(root, path: &path, into: &patterns)
                return Document(value: root.value, text: TextLocator(text.utf8), patterns: patterns)
            } catch {
                let location = TextLocation(offset: error.offset, in: text.utf8)
                throw CriteriaError(code: .unreadableDocument, message: "invalid JSON at line \(location.line), column \(location.column): \(error.reason)")
            }
        }
        let yaml = try YAMLDocument.readLocatingPatterns(text)
        return Document(value: yaml.value, text: TextLocator(text.utf8), patterns: yaml.patterns)
    }

    /// Records every string member named `Pattern` by its path (a later duplicate key wins, as in `JSONValue`).
    private static func notePatterns(_ node: JSONNode, path: inout [String], into patterns: inout YAMLDocument.PatternPlaces) {
        switch node.kind {
        case .object(let members):
            for member in members {
                path.append(member.key)
                if member.key == "Pattern", case .string = member.value.kind {
                    patterns[path] = (member.value.offset, .json)
                } else {
                    notePatterns(member.value, path: &path, into: &patterns)
                }
                path.removeLast()
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                path.append(String(index))
                notePatterns(element, path: &path, into: &patterns)
                path.removeLast()
            }
        default:
            return
        }
    }

    /// The pattern texts of a location's filters, with where each string is written.
    private static func patternSources(_ location: Location, document: Document) -> [PatternSource] {
        guard let filters = location.value["Filters"]?.arrayElements else { return [] }
        var sources: [PatternSource] = []
        for (index, filter) in filters.enumerated() {
            let path = location.path + ["Filters", String(index), "Pattern"]
            if let text = filter["Pattern"]?.stringValue {
                if let place = document.patterns[path] {
                    sources.append(PatternSource(filterIndex: index, text: text, style: place.style, document: document.text, startOffset: place.offset))
                } else {
                    sources.append(PatternSource(filterIndex: index, text: text, style: .plain))
                }
            } else if let pattern = filter["Pattern"], let text = literalSub(pattern) {
                sources.append(PatternSource(filterIndex: index, text: text, style: .substitution))
            }
        }
        return sources
    }

    private struct Location {
        var name: String
        var resource: String?
        var event: String?
        var source: MappingSource?
        var value: JSONValue
        /// Set when the document says the criteria exist but withholds them.
        var problem: CriteriaError?
        /// The keys and indices leading to `value` in the document.
        var path: [String] = []
    }

    private static func locate(in document: JSONValue) throws(CriteriaError) -> [Location] {
        guard case .object = document else {
            throw CriteriaError(code: .noCriteriaFound, message: "expected an object (FilterCriteria, mapping, mapping list or template), got \(document.typeName)")
        }
        var locations: [Location]
        if let resources = document["Resources"] {
            locations = try templateLocations(resources)
        } else if let mappings = document["EventSourceMappings"] {
            guard case .array(let items) = mappings else {
                throw CriteriaError(code: .noCriteriaFound, message: "EventSourceMappings must be a list, got \(mappings.typeName)")
            }
            locations = []
            for (index, item) in items.enumerated() {
                let name = item["UUID"]?.stringValue ?? "EventSourceMappings[\(index)]"
                locations += try mappingLocation(item, name: name, path: ["EventSourceMappings", String(index)])
            }
        } else if document["Filters"] != nil || document.objectMembers?.isEmpty == true {
            return [Location(name: "FilterCriteria", value: document)]
        } else if document["FilterCriteria"] != nil || document["UUID"] != nil {
            // get-event-source-mapping output, or a request body.
            locations = try mappingLocation(document, name: document["UUID"]?.stringValue ?? "FilterCriteria", path: [])
        } else {
            locations = []
        }
        if locations.isEmpty {
            throw CriteriaError(code: .noCriteriaFound, message: "no FilterCriteria found (looked for a FilterCriteria object, mapping output, and template resources)")
        }
        return locations
    }

    /// One mapping from get/list output or a request body; none when it has no filters.
    private static func mappingLocation(_ mapping: JSONValue, name: String, path: [String]) throws(CriteriaError) -> [Location] {
        let uuid = mapping["UUID"]?.stringValue
        let source = mapping["EventSourceArn"]?.stringValue.flatMap(MappingSource.init(eventSourceArn:))
        if let error = mapping["FilterCriteriaError"], error != .null {
            let detail = [error["ErrorCode"]?.stringValue, error["Message"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            let problem = CriteriaError(code: .criteriaNotReturned, message: "AWS returned a FilterCriteriaError instead of the criteria: \(detail)")
            return [Location(name: name, resource: uuid, source: source, value: .null, problem: problem)]
        }
        let value = mapping["FilterCriteria"]
        if value == nil || value == .null {
            if let key = mapping["KMSKeyArn"]?.stringValue, !key.isEmpty {
                let problem = CriteriaError(code: .criteriaNotReturned, message: "FilterCriteria is not returned because it is encrypted with KMSKeyArn (list output never shows it); read it with get-event-source-mapping")
                return [Location(name: name, resource: uuid, source: source, value: .null, problem: problem)]
            }
            return []
        }
        return [Location(name: name, resource: uuid, source: source, value: value ?? .null, path: path + ["FilterCriteria"])]
    }

    private static func templateLocations(_ resources: JSONValue) throws(CriteriaError) -> [Location] {
        guard case .object(let members) = resources else {
            throw CriteriaError(code: .noCriteriaFound, message: "Resources must be a mapping, got \(resources.typeName)")
        }
        var locations: [Location] = []
        for resource in members {
            let properties = resource.value["Properties"]
            switch resource.value["Type"]?.stringValue {
            case "AWS::Lambda::EventSourceMapping":
                guard let criteria = properties?["FilterCriteria"] else { continue }
                let source = properties?["EventSourceArn"].flatMap { sourceOf($0, resources: resources) }
                locations.append(Location(name: resource.key, resource: resource.key, source: source, value: criteria,
                                          path: ["Resources", resource.key, "Properties", "FilterCriteria"]))
            case "AWS::Serverless::Function":
                guard let events = properties?["Events"]?.objectMembers else { continue }
                for event in events {
                    guard let criteria = event.value["Properties"]?["FilterCriteria"] else { continue }
                    let source = event.value["Type"]?.stringValue.flatMap(MappingSource.init(samEventType:))
                    locations.append(Location(name: "\(resource.key)/Events/\(event.key)", resource: resource.key, event: event.key, source: source, value: criteria,
                                              path: ["Resources", resource.key, "Properties", "Events", event.key, "Properties", "FilterCriteria"]))
                }
            default:
                continue
            }
        }
        return locations
    }

    /// The source an `EventSourceArn` value points at: a literal ARN, or `Ref` / `Fn::GetAtt` of a
    /// resource in the template whose type says.
    private static func sourceOf(_ arn: JSONValue, resources: JSONValue) -> MappingSource? {
        if let text = arn.stringValue { return MappingSource(eventSourceArn: text) }
        let referenced = arn["Ref"]?.stringValue ?? arn["Fn::GetAtt"]?.arrayElements?.first?.stringValue
            ?? arn["Fn::GetAtt"]?.stringValue?.split(separator: ".").first.map(String.init)
        guard let referenced, let type = resources[referenced]?["Type"]?.stringValue else { return nil }
        return MappingSource(cloudFormationResourceType: type)
    }

    // MARK: - Filters

    private static func patternText(_ element: JSONValue, filterIndex: Int) throws(CriteriaError) -> String {
        guard case .object(let members) = element else {
            throw CriteriaError(code: .malformedCriteria, message: "each filter must be an object with a `Pattern`, got \(element.typeName)", filterIndex: filterIndex)
        }
        for member in members where member.key != "Pattern" {
            throw CriteriaError(code: .malformedCriteria, message: "unknown filter member `\(member.key)` (a filter has only `Pattern`)", filterIndex: filterIndex)
        }
        guard let pattern = element["Pattern"] else {
            throw CriteriaError(code: .malformedCriteria, message: "filter has no `Pattern`", filterIndex: filterIndex)
        }
        switch pattern {
        case .string(let text):
            return text
        case .object where unresolved(pattern) != nil:
            if let literal = literalSub(pattern) { return literal }
            throw CriteriaError(code: .unresolvedPattern, message: "Pattern is computed by \(unresolved(pattern) ?? ""); it cannot be read offline", filterIndex: filterIndex)
        default:
            throw CriteriaError(code: .malformedCriteria, message: "Pattern must be a string holding the pattern's JSON, got \(pattern.typeName) (in YAML, quote the pattern)", filterIndex: filterIndex)
        }
    }

    /// The intrinsic function computing `value` (`Fn::Sub`, `Ref`...), or `nil` for a plain value.
    private static func unresolved(_ value: JSONValue) -> String? {
        guard case .object(let members) = value, members.count == 1, let key = members.first?.key,
              key == "Ref" || key.hasPrefix("Fn::")
        else { return nil }
        return key
    }

    /// A `Fn::Sub` string with no variables, which is its own literal value (`${!x}` stands for `${x}`).
    private static func literalSub(_ value: JSONValue) -> String? {
        guard let text = value["Fn::Sub"]?.stringValue else { return nil }
        let withoutEscapes = text.replacingAll("${!", with: "")
        guard !withoutEscapes.contains("${") else { return nil }
        return text.replacingAll("${!", with: "${")
    }
}
