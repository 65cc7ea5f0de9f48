import LambdaFilter

/// Terraform's `aws_lambda_event_source_mapping`, in HCL and in `terraform show -json` output:
///
/// ```
/// filter_criteria {
///   filter { pattern = jsonencode({ body = { total = [{ numeric = [">", 100] }] } }) }
/// }
/// ```
///
/// `jsonencode` writes object keys in lexicographic order and escapes `<`, `>` and `&` (and
/// U+2028, U+2029) as `\u003c`..., so the Pattern AWS receives, and its length, is that text.
extension DocumentReading {
    static let terraformMappingType = "aws_lambda_event_source_mapping"

    /// Resource argument names under the API's names.
    static let terraformParameters: [String: String] = [
        "batch_size": "BatchSize", "maximum_batching_window_in_seconds": "MaximumBatchingWindowInSeconds",
        "parallelization_factor": "ParallelizationFactor", "starting_position": "StartingPosition",
        "maximum_record_age_in_seconds": "MaximumRecordAgeInSeconds", "bisect_batch_on_function_error": "BisectBatchOnFunctionError",
        "maximum_retry_attempts": "MaximumRetryAttempts", "tumbling_window_in_seconds": "TumblingWindowInSeconds",
        "function_response_types": "FunctionResponseTypes", "enabled": "Enabled", "function_name": "FunctionName",
        "event_source_arn": "EventSourceArn", "topics": "Topics", "queues": "Queues", "kms_key_arn": "KMSKeyArn",
    ]

    /// The source behind a resource reference (`aws_sqs_queue.orders.arn`).
    static func terraformSource(reference: String) -> MappingSource? {
        let prefixes: [(String, MappingSource)] = [
            ("aws_sqs_queue.", .sqs), ("aws_kinesis_stream.", .kinesis), ("aws_dynamodb_table.", .dynamodb),
            ("aws_msk_cluster.", .msk), ("aws_msk_serverless_cluster.", .msk), ("aws_mq_broker.", .mq), ("aws_docdb_cluster.", .documentdb),
            ("data.aws_sqs_queue.", .sqs), ("data.aws_kinesis_stream.", .kinesis), ("data.aws_dynamodb_table.", .dynamodb),
        ]
        return prefixes.first { reference.hasPrefix($0.0) }?.1
    }

    /// The text `jsonencode` gives for a known value.
    static func terraformJSON(_ value: JSONValue) -> String {
        var text = ""
        for scalar in JSONWriter.write(value, options: JSONWriter.Options(sortKeys: true)).unicodeScalars {
            switch scalar {
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "&": text += "\\u0026"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    // MARK: - HCL

    mutating func readTerraform() -> [FoundMapping] {
        let body: HCLDocument.Body
        do {
            body = try HCLDocument.parse(text)
        } catch {
            let place = lines.location(error.offset)
            _ = fail(
                CriteriaError(
                    code: .unreadableDocument,
                    message: "invalid Terraform (HCL) at line \(place.line), column \(place.column): \(error.message)", location: place))
            return []
        }
        var scope = TerraformScope()
        for locals in body.blocks("locals") {
            for attribute in locals.body.attributes { scope.locals[attribute.name] = attribute.value }
        }
        scope = scope.resolvingLocals()
        var found: [FoundMapping] = []
        var resources = 0
        for block in body.blocks("resource") where block.labels.first == Self.terraformMappingType && block.labels.count == 2 {
            resources += 1
            found += terraformInstances(block, scope: scope)
        }
        for block in body.blocks("module") {
            let made = terraformModuleMappings(block, scope: scope)
            if !made.isEmpty || notes.contains(where: { $0.code == "unresolved-value" }) { resources += 1 }
            found += made
        }
        if resources == 0 {
            let what = body.blocks("resource").isEmpty ? "no resources" : "no \(Self.terraformMappingType) resource"
            notes.append(
                DocumentNote(
                    severity: .note, code: "no-filters",
                    message: "this is Terraform HCL with \(what) and no `filter_criteria`: it holds no filters"))
        } else if !found.contains(where: \.hasCriteria) && !(found.isEmpty && notes.contains { $0.code == "no-instances" }) {
            notes.append(
                DocumentNote(
                    severity: .note, code: "no-filters",
                    message: "this is Terraform HCL with no `filter_criteria` in its \(Self.terraformMappingType) resources"))
        }
        return found
    }

    /// An expression as written, on one line and shortened, for messages.
    private func expressionText(_ attribute: HCLDocument.Attribute) -> String {
        let end = min(max(attribute.valueEnd, attribute.valueOffset), bytes.count)
        let text = String(decoding: bytes[attribute.valueOffset..<end], as: UTF8.self)
        let oneLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingSpaces }.joined(separator: " ")
        return oneLine.count > 60 ? String(oneLine.prefix(57)) + "..." : oneLine
    }

    /// The mappings one resource block deploys: one per instance of its `count` or `for_each`,
    /// named as Terraform names them (`aws_lambda_event_source_mapping.m[0]`, `...m["orders"]`).
    private mutating func terraformInstances(_ block: HCLDocument.Block, scope: TerraformScope) -> [FoundMapping] {
        let name = block.labels[1]
        let address = "\(Self.terraformMappingType).\(name)"
        let meta = block.body.attribute("count") ?? block.body.attribute("for_each")
        let metaLocation = meta.map { lines.location($0.valueOffset) }
        switch TerraformInstances.of(block.body, scope: scope, text: expressionText) {
        case .single:
            return [terraformMapping(block, id: address, aliases: [name], scope: scope)]
        case .known(let instances):
            if instances.isEmpty, let meta {
                notes.append(
                    DocumentNote(
                        severity: .note, code: "no-instances",
                        message:
                            "\(address) has `\(meta.name) = \(expressionText(meta))`, which makes no instance: it deploys no mapping, so no filter of it is checked",
                        location: metaLocation))
            }
            // Each instance also answers to the resource's address, as `-target` does.
            return instances.map { instance in
                terraformMapping(
                    block, id: address + instance.suffix, aliases: [name + instance.suffix, address, name], scope: instance.scope)
            }
        case .unknown(let written):
            let warning = CriteriaWarning(
                code: .instancesNotKnown,
                message:
                    "`\(written)` cannot be evaluated offline, so the instances of \(address) are not known: its filters are read once, for every instance (a filter using each.* or count.index is not read)",
                location: metaLocation)
            return [terraformMapping(block, id: address, aliases: [name], scope: scope, warnings: [warning])]
        case .invalid(let why):
            let error = CriteriaError(code: .malformedCriteria, message: why, location: metaLocation)
            return [terraformMapping(block, id: address, aliases: [name], scope: scope, structural: [error])]
        }
    }

    private mutating func terraformMapping(
        _ block: HCLDocument.Block, id address: String, aliases: [String], scope: TerraformScope,
        warnings instanceWarnings: [CriteriaWarning] = [], structural instanceErrors: [CriteriaError] = []
    ) -> FoundMapping {
        let resourceBody = block.body
        var source: MappingSource?
        if let arn = resourceBody.attribute("event_source_arn").map({ scope.substituting($0.value) }) {
            switch arn {
            case .string(let text): source = MappingSource(eventSourceArn: text)
            case .reference(let reference): source = Self.terraformSource(reference: reference.text)
            case .unresolved(let reference): source = Self.terraformSource(reference: reference)
            default: break
            }
        } else if !resourceBody.blocks("self_managed_event_source").isEmpty {
            source = .kafka
        }
        var mapping = FoundMapping(
            id: address, aliases: aliases, what: Self.terraformMappingType, source: source, isPipe: false,
            location: lines.location(block.offset), hasCriteria: false,
            entry: CriteriaEntry(name: address, resource: address, source: source, result: .success(.removingAllFilters)),
            filterIndices: [], parameters: terraformParameters(resourceBody, scope: scope))
        // The criteria blocks as written, and those a `dynamic "filter_criteria"` generates.
        var criteriaBodies = resourceBody.blocks("filter_criteria").map { (body: $0.body, scope: scope) }
        var warnings = instanceWarnings
        for generator in resourceBody.blocks("dynamic") where generator.labels.first == "filter_criteria" {
            guard let content = generator.body.blocks("content").first else { continue }
            switch TerraformDynamicBlock.expand(generator, scope: scope, text: expressionText) {
            case .known(let scopes):
                criteriaBodies += scopes.map { (body: content.body, scope: $0) }
            case .unknown(let written):
                criteriaBodies.append((body: content.body, scope: scope))
                warnings.append(
                    CriteriaWarning(
                        code: .instancesNotKnown,
                        message:
                            "`dynamic \"filter_criteria\"` has `\(written)`, which cannot be evaluated offline: whether the mapping has these filters is not known, so they are read as if it has them once",
                        location: lines.location(generator.offset)))
            }
        }
        guard !criteriaBodies.isEmpty || !instanceErrors.isEmpty else { return mapping }
        mapping.hasCriteria = true
        var specs: [FilterSpec] = []
        var structural = instanceErrors
        var normalisation: [CriteriaWarning] = []
        if criteriaBodies.count > 1 {
            structural.append(
                CriteriaError(
                    code: .malformedCriteria, message: "\(criteriaBodies.count) filter_criteria blocks; the resource takes at most one"))
        }
        for criteria in criteriaBodies {
            var filters = criteria.body.blocks("filter").map { (block: $0, scope: criteria.scope) }
            var generated: [FilterSpec] = []
            for generator in criteria.body.blocks("dynamic") where generator.labels.first == "filter" {
                guard let content = generator.body.blocks("content").first else { continue }
                switch TerraformDynamicBlock.expand(generator, scope: criteria.scope, text: expressionText) {
                case .known(let scopes):
                    filters += scopes.map { (block: content, scope: $0) }
                case .unknown:
                    // `dynamic "filter" { for_each = ... }` generates its filters at plan time.
                    generated.append(
                        .unresolved("a `dynamic \"filter\"` block, expanded at plan time", location: lines.location(generator.offset)))
                }
            }
            for filter in filters {
                let index = specs.count
                guard let pattern = filter.block.body.attribute("pattern") else {
                    specs.append(
                        .malformed(
                            CriteriaError(
                                code: .malformedCriteria, message: "filter has no `pattern`", filterIndex: index,
                                location: lines.location(filter.block.offset))))
                    continue
                }
                for decomposed in pattern.decomposedStrings {
                    normalisation.append(
                        CriteriaWarning(
                            code: .unicodeNormalization,
                            message:
                                "Terraform normalises strings to Unicode NFC: \(JSONWriter.quote(decomposed)) holds combining characters, so the pattern AWS receives may be the composed form, not the text written",
                            filterIndex: index))
                }
                specs.append(terraformFilter(pattern, index: index, scope: filter.scope).located(lines.location(pattern.valueOffset)))
            }
            specs += generated
        }
        var (entry, indices) = Self.evaluate(
            specs, structural: structural, name: address, source: source, isPipe: false, resource: address, event: nil, options: options)
        entry.warnings = warnings + entry.warnings + normalisation
        mapping.entry = entry
        mapping.filterIndices = indices
        return mapping
    }

    private func terraformFilter(_ attribute: HCLDocument.Attribute, index: Int, scope: TerraformScope) -> FilterSpec {
        let value = scope.substituting(attribute.value)
        if let part = value.unresolvedPart {
            return .unresolved(attribute.writing == .jsonencode ? "\(part) (inside `jsonencode`)" : part)
        }
        if attribute.writing == .jsonencode, case .string(let text)? = value.json {
            return .text(
                text, PatternSource(filterIndex: index, text: text, start: lines.location(attribute.valueOffset), style: .generated))
        }
        guard case .string(let text)? = value.json else {
            return .malformed(
                CriteriaError(
                    code: .malformedCriteria,
                    message:
                        "pattern must be a string holding the pattern's JSON, got \(value.json?.typeName ?? "a value") (wrap an object in jsonencode(...))",
                    filterIndex: index))
        }
        switch attribute.writing {
        case .quoted:
            return .text(
                text, PatternSource(filterIndex: index, text: text, style: .json, lines: lines, startOffset: attribute.valueOffset))
        case .heredoc(let contentStart):
            var source = PatternSource(filterIndex: index, text: text, style: .plain, lines: lines, startOffset: contentStart)
            source.style = .heredoc
            return .text(text, source)
        default:
            return .text(text, PatternSource(filterIndex: index, text: text, start: lines.location(attribute.valueOffset), style: .heredoc))
        }
    }

    private func terraformParameters(_ body: HCLDocument.Body, scope: TerraformScope) -> FoundParameters {
        var request: [JSONMember] = []
        var locations: [String: TextLocation] = [:]
        var supplied: Set<String> = []
        for attribute in body.attributes {
            guard let key = Self.terraformParameters[attribute.name] else { continue }
            locations[key] = lines.location(attribute.valueOffset)
            guard let value = scope.substituting(attribute.value).json else {
                supplied.insert(key)
                continue
            }
            request.append(JSONMember(key, value))
        }
        if let scaling = body.blocks("scaling_config").first {
            locations["ScalingConfig"] = lines.location(scaling.offset)
            if let concurrency = scaling.body.attribute("maximum_concurrency")?.value.json {
                request.append(JSONMember("ScalingConfig", .object([JSONMember("MaximumConcurrency", concurrency)])))
            }
        }
        if let destination = body.blocks("destination_config").first?.body.blocks("on_failure").first {
            locations["DestinationConfig"] = lines.location(destination.offset)
            if let arn = destination.body.attribute("destination_arn")?.value.json {
                request.append(
                    JSONMember("DestinationConfig", .object([JSONMember("OnFailure", .object([JSONMember("Destination", arn)]))])))
            } else {
                supplied.insert("DestinationConfig")
            }
        }
        return FoundParameters(request: .object(request), locations: locations, operation: .create, suppliedElsewhere: supplied)
    }

    // MARK: - terraform show -json

    mutating func readTerraformPlan(_ root: JSONValue) -> [FoundMapping] {
        var found: [FoundMapping] = []
        func visit(_ module: JSONValue, path: [String]) {
            for (index, resource) in (module["resources"]?.arrayElements ?? []).enumerated()
            where resource["type"]?.stringValue == Self.terraformMappingType {
                found.append(planMapping(resource, path: path + ["resources", String(index)]))
            }
            for (index, child) in (module["child_modules"]?.arrayElements ?? []).enumerated() {
                visit(child, path: path + ["child_modules", String(index)])
            }
        }
        if let values = root["values"]?["root_module"] {
            visit(values, path: ["values", "root_module"])
        } else if let planned = root["planned_values"]?["root_module"] {
            visit(planned, path: ["planned_values", "root_module"])
        }
        if found.isEmpty {
            notes.append(
                DocumentNote(
                    severity: .note, code: "no-filters",
                    message: "this terraform show -json output has no \(Self.terraformMappingType) resource: it holds no filters"))
        }
        return found
    }

    private mutating func planMapping(_ resource: JSONValue, path: [String]) -> FoundMapping {
        let address = resource["address"]?.stringValue ?? "\(Self.terraformMappingType).\(resource["name"]?.stringValue ?? "?")"
        let values = resource["values"] ?? .object([])
        let source = values["event_source_arn"]?.stringValue.flatMap(MappingSource.init(eventSourceArn:))
        var request: [JSONMember] = []
        var locations: [String: TextLocation] = [:]
        for member in values.objectMembers ?? [] {
            guard let key = Self.terraformParameters[member.key], member.value != .null else { continue }
            if case .array(let items) = member.value, items.isEmpty { continue }
            request.append(JSONMember(key, member.value))
            locations[key] = location(path + ["values", member.key])
        }
        if let concurrency = values["scaling_config"]?.arrayElements?.first?["maximum_concurrency"], concurrency != .null {
            request.append(JSONMember("ScalingConfig", .object([JSONMember("MaximumConcurrency", concurrency)])))
            locations["ScalingConfig"] = location(path + ["values", "scaling_config"])
        }
        var mapping = FoundMapping(
            id: address, aliases: [resource["name"]?.stringValue].compactMap { $0 }, what: Self.terraformMappingType, source: source,
            isPipe: false,
            location: location(path), hasCriteria: false,
            entry: CriteriaEntry(name: address, resource: address, source: source, result: .success(.removingAllFilters)),
            filterIndices: [],
            parameters: FoundParameters(request: .object(request), locations: locations, operation: .create, suppliedElsewhere: []))
        guard let criteria = values["filter_criteria"]?.arrayElements, !criteria.isEmpty else { return mapping }
        mapping.hasCriteria = true
        var specs: [FilterSpec] = []
        for (criteriaIndex, block) in criteria.enumerated() {
            for (filterIndex, filter) in (block["filter"]?.arrayElements ?? []).enumerated() {
                let index = specs.count
                let patternPath = path + ["values", "filter_criteria", String(criteriaIndex), "filter", String(filterIndex), "pattern"]
                guard let text = filter["pattern"]?.stringValue else {
                    let filterPath = path + ["values", "filter_criteria", String(criteriaIndex), "filter", String(filterIndex)]
                    specs.append(
                        .malformed(
                            CriteriaError(
                                code: .malformedCriteria, message: "filter has no string `pattern`", filterIndex: index,
                                location: location(filterPath))))
                    continue
                }
                if let place = patternPlaces[patternPath] {
                    specs.append(
                        .text(
                            text, PatternSource(filterIndex: index, text: text, style: place.style, lines: lines, startOffset: place.offset)
                        ))
                } else {
                    specs.append(.text(text, PatternSource(filterIndex: index, text: text, start: location(patternPath), style: .json)))
                }
            }
        }
        (mapping.entry, mapping.filterIndices) = Self.evaluate(
            specs, structural: [], name: address, source: source, isPipe: false, resource: address, event: nil, options: options)
        return mapping
    }
}
