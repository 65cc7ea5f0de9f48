import LambdaFilter

/// Event source mappings made by the terraform-aws-modules Lambda module, the common way to
/// write them without a resource of one's own:
///
/// ```
/// module "worker" {
///   source = "terraform-aws-modules/lambda/aws"
///   event_source_mapping = {
///     sqs = {                                     ← module.worker.aws_lambda_event_source_mapping.this["sqs"]
///       event_source_arn = aws_sqs_queue.q.arn
///       filter_criteria  = [{ pattern = jsonencode({ body = { a = [1] } }) }]   (or one object)
///     }
///   }
/// }
/// ```
///
/// The module makes `aws_lambda_event_source_mapping.this` with `for_each = var.event_source_mapping`
/// and one filter per `filter_criteria` element (`flatten([each.value.filter_criteria])`).
extension DocumentReading {
    /// Module sources that are this module: the registry address and its repository.
    static let lambdaModuleSources = ["terraform-aws-modules/lambda/aws", "terraform-aws-modules/terraform-aws-lambda"]

    mutating func terraformModuleMappings(_ block: HCLDocument.Block, scope: TerraformScope) -> [FoundMapping] {
        guard let name = block.labels.first, let source = block.body.attribute("source")?.value.stringValue,
            Self.lambdaModuleSources.contains(where: { source.contains($0) }),
            let argument = block.body.attribute("event_source_mapping")
        else { return [] }
        let place = lines.location(argument.valueOffset)
        var moduleScopes: [(address: String, scope: TerraformScope)]
        switch TerraformInstances.of(block.body, scope: scope, text: { _ in "…" }) {
        case .single:
            moduleScopes = [("module.\(name)", scope)]
        case .known(let instances):
            moduleScopes = instances.map { ("module.\(name)\($0.suffix)", $0.scope) }
        case .unknown, .invalid:
            notes.append(
                DocumentNote(
                    severity: .warning, code: "unresolved-value",
                    message:
                        "module.\(name) has `count` or `for_each` that is not read offline: its event_source_mapping filters are not checked",
                    location: lines.location(block.offset)))
            return []
        }
        var found: [FoundMapping] = []
        for module in moduleScopes {
            let value = module.scope.substituting(argument.value)
            guard case .object(let members) = value else {
                notes.append(
                    DocumentNote(
                        severity: .warning, code: "unresolved-value",
                        message:
                            "\(module.address) passes `event_source_mapping = ...` that cannot be evaluated offline (\(value.unresolvedPart ?? "not an object")): its mappings and their filters are not checked",
                        location: place))
                continue
            }
            // The module's resource has for_each over the map: instances in key order.
            for member in members.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
                found.append(moduleMapping(key: member.key, value: member.value, module: module.address, place: place))
            }
        }
        return found
    }

    private mutating func moduleMapping(key: String, value: HCLDocument.Value, module: String, place: TextLocation) -> FoundMapping {
        let address = "\(module).\(Self.terraformMappingType).this[\(TerraformInstances.terraformQuoted(key))]"
        func member(_ name: String) -> HCLDocument.Value? { TerraformScope.element(of: value, at: .string(name)) }
        var source: MappingSource?
        switch member("event_source_arn") {
        case .string(let text)?: source = MappingSource(eventSourceArn: text)
        case .reference(let reference)?: source = Self.terraformSource(reference: reference.text)
        default: break
        }
        var request: [JSONMember] = []
        var supplied: Set<String> = ["FunctionName"]
        for (argument, parameter) in Self.terraformParameters {
            guard let written = member(argument) else { continue }
            if let json = written.json { request.append(JSONMember(parameter, json)) } else { supplied.insert(parameter) }
        }
        let parameters = FoundParameters(request: .object(request), locations: [:], operation: .create, suppliedElsewhere: supplied)
        var mapping = FoundMapping(
            id: address, aliases: ["\(module).\(key)", "\(module.dropFirst("module.".count)).\(key)"],
            what: "terraform-aws-modules/lambda event_source_mapping",
            source: source, isPipe: false, location: place, hasCriteria: false,
            entry: CriteriaEntry(name: address, resource: address, source: source, result: .success(.removingAllFilters)),
            filterIndices: [], parameters: parameters)
        guard let criteria = member("filter_criteria"), criteria != .null else { return mapping }
        mapping.hasCriteria = true
        var specs: [FilterSpec] = []
        // `flatten([each.value.filter_criteria])`: one object, or a list of them.
        let elements: [HCLDocument.Value]
        switch criteria {
        case .list(let items): elements = items
        case .object: elements = [criteria]
        default:
            elements = []
            specs.append(.unresolved(criteria.unresolvedPart ?? "a filter_criteria that is not an object or a list", location: place))
        }
        for element in elements {
            let index = specs.count
            guard let pattern = TerraformScope.element(of: element, at: .string("pattern")) else {
                specs.append(
                    .malformed(
                        CriteriaError(
                            code: .malformedCriteria, message: "filter_criteria element has no `pattern`", filterIndex: index,
                            location: place)))
                continue
            }
            if let part = pattern.unresolvedPart {
                specs.append(.unresolved(part, location: place))
            } else if case .string(let text)? = pattern.json {
                specs.append(.text(text, PatternSource(filterIndex: index, text: text, start: place, style: .generated)))
            } else {
                specs.append(
                    .malformed(
                        CriteriaError(
                            code: .malformedCriteria,
                            message:
                                "pattern must be a string holding the pattern's JSON, got \(pattern.json?.typeName ?? "a value") (wrap an object in jsonencode(...))",
                            filterIndex: index, location: place)))
            }
        }
        (mapping.entry, mapping.filterIndices) = Self.evaluate(
            specs, structural: [], name: address, source: source, isPipe: false, resource: address, event: nil, options: options)
        return mapping
    }
}
