import LambdaFilter

/// What a Terraform expression can be evaluated against offline: the file's `locals`, the
/// instance's `count.index` or `each.key`/`each.value`, and a `dynamic` block's iterator.
///
/// ```
/// resource "aws_lambda_event_source_mapping" "m" {
///   for_each = { orders = "ORD", refunds = "REF" }      ← instances m["orders"], m["refunds"]
///   filter_criteria {
///     filter { pattern = jsonencode({ body = { id = [{ prefix = each.value }] } }) }
///   }                                                   ← each.value: "ORD", then "REF"
/// }
/// ```
///
/// Variables, data sources, resource attributes and most functions are known only at plan time:
/// they stay references, and the reader names them in a warning.
struct TerraformScope {
    /// The file's `locals` by name, as written (they may refer to each other).
    var locals: [String: HCLDocument.Value] = [:]
    /// `each` and the iterators of enclosing `dynamic` blocks: name → key and value.
    var iterators: [String: (key: HCLDocument.Value, value: HCLDocument.Value)] = [:]
    var countIndex: Int?
    /// Whether `locals` already hold their values (see `resolvingLocals()`), so a reference takes one as it is.
    private var localsResolved = false

    /// How deep locals may refer to locals (a cycle is an error in Terraform; here it stays unresolved).
    static let maxLocalDepth = 16
    /// The most nodes one substitution builds (locals that double at each level stay unresolved).
    static let maxNodes = 100_000

    /// The same scope with each local evaluated once (locals cannot use `each` or `count`), so
    /// instances that use a local do not evaluate it again.
    func resolvingLocals() -> TerraformScope {
        var resolved = self
        resolved.locals = locals.mapValues { substituting($0) }
        resolved.localsResolved = true
        return resolved
    }

    /// `value` with every reference this scope knows replaced by its value.
    func substituting(_ value: HCLDocument.Value) -> HCLDocument.Value {
        var budget = Self.maxNodes
        return substituting(value, depth: 0, budget: &budget)
    }

    private func substituting(_ value: HCLDocument.Value, depth: Int, budget: inout Int) -> HCLDocument.Value {
        budget -= 1
        guard budget >= 0 else { return .unresolved("a value too large to evaluate offline") }
        switch value {
        case .string, .number, .bool, .null, .unresolved:
            return value
        case .list(let elements):
            return .list(elements.map { substituting($0, depth: depth, budget: &budget) })
        case .object(let members):
            return .object(members.map { HCLDocument.Member(key: $0.key, value: substituting($0.value, depth: depth, budget: &budget)) })
        case .call(let name, let arguments):
            return .call(name, arguments.map { substituting($0, depth: depth, budget: &budget) })
        case .reference(let reference):
            return resolve(reference, depth: depth, budget: &budget) ?? value
        }
    }

    /// The value a reference names, when this scope knows it.
    private func resolve(_ reference: HCLDocument.Reference, depth: Int, budget: inout Int) -> HCLDocument.Value? {
        var steps = reference.steps[...]
        let base: HCLDocument.Value
        switch (reference.root, steps.first) {
        case ("count", .attribute("index")?):
            guard let countIndex else { return nil }
            base = .number(String(countIndex))
            steps = steps.dropFirst()
        case ("local", .attribute(let name)?):
            guard depth < Self.maxLocalDepth, let local = locals[name] else { return nil }
            base = localsResolved ? local : substituting(local, depth: depth + 1, budget: &budget)
            steps = steps.dropFirst()
        case (let root, .attribute(let member)?) where member == "key" || member == "value":
            guard let iterator = iterators[root] else { return nil }
            base = member == "key" ? iterator.key : iterator.value
            steps = steps.dropFirst()
        default:
            return nil
        }
        var current = base
        for step in steps {
            let key: HCLDocument.Value
            switch step {
            case .attribute(let name): key = .string(name)
            case .index(let index): key = substituting(index, depth: depth, budget: &budget)
            }
            guard let next = Self.element(of: current, at: key) else {
                if current.unresolvedPart != nil || key.unresolvedPart != nil { return nil }
                return .unresolved("`\(reference.text)`, which names no element of its value")
            }
            current = next
        }
        return current
    }

    /// `value[key]`: an object's member or a list's element.
    static func element(of value: HCLDocument.Value, at key: HCLDocument.Value) -> HCLDocument.Value? {
        switch (value, key) {
        case (.object(let members), .string(let name)):
            return members.last { $0.key == name }?.value
        case (.call("tomap", let arguments), _) where arguments.count == 1:
            return element(of: arguments[0], at: key)
        case (.list(let elements), .number(let text)):
            guard let position = Int(text), elements.indices.contains(position) else { return nil }
            return elements[position]
        case (.call("tolist", let arguments), .number) where arguments.count == 1:
            return element(of: arguments[0], at: key)
        default:
            return nil
        }
    }
}

/// The instances a `count` or `for_each` makes, as Terraform names them.
enum TerraformInstances {
    /// No meta-argument: one instance, the resource's address.
    case single
    /// Each instance's address suffix (`[0]`, `["orders"]`) and the scope its values are read in.
    case known([(suffix: String, scope: TerraformScope)])
    /// The meta-argument as written, when it cannot be evaluated offline.
    case unknown(String)
    /// Terraform rejects the meta-argument: why.
    case invalid(String)

    /// The most instances expanded; more is almost surely a mistake and would flood the report.
    static let maxInstances = 1_000

    /// The instances of a resource with this body, in `scope` (the file's locals).
    static func of(_ body: HCLDocument.Body, scope: TerraformScope, text: (HCLDocument.Attribute) -> String) -> TerraformInstances {
        let count = body.attribute("count")
        let forEach = body.attribute("for_each")
        if count != nil && forEach != nil {
            return .invalid("`count` and `for_each` together: Terraform takes one of them")
        }
        if let count {
            let value = scope.substituting(count.value)
            if value.unresolvedPart != nil { return .unknown("count = \(text(count))") }
            let number: String?
            switch value {
            case .number(let text): number = text
            case .string(let text): number = HCLDocument.numberText(text)
            default: number = nil
            }
            guard let number, let instances = Int(number), instances >= 0 else {
                return .invalid("`count = \(text(count))` must be a whole number of at least 0")
            }
            guard instances <= maxInstances else {
                return .invalid("`count = \(text(count))` makes \(instances) instances; this reader expands at most \(maxInstances)")
            }
            return .known(
                (0..<instances).map { index in
                    var instance = scope
                    instance.countIndex = index
                    return ("[\(index)]", instance)
                })
        }
        guard let forEach else { return .single }
        let value = scope.substituting(forEach.value)
        if value.unresolvedPart != nil { return .unknown("for_each = \(text(forEach))") }
        let written = "`for_each = \(text(forEach))`"
        let pairs: [(key: String, value: HCLDocument.Value)]
        switch value {
        case .object(let members):
            pairs = members.map { ($0.key, $0.value) }
        case .call("tomap", let arguments) where arguments.count == 1:
            guard case .object(let members) = arguments[0] else { return .invalid("\(written): tomap takes an object") }
            pairs = members.map { ($0.key, $0.value) }
        case .call("toset", _):
            guard let elements = value.json?.arrayElements else { return .invalid("\(written): toset takes a list") }
            let keys = elements.compactMap(\.stringValue)
            guard keys.count == elements.count else {
                return .invalid("\(written) is a set of non-strings: for_each takes a map or a set of strings")
            }
            pairs = keys.map { ($0, .string($0)) }
        case .list, .call("tolist", _):
            return .invalid("\(written) is a list: for_each takes a map or a set of strings (wrap the list in toset(...))")
        default:
            return .invalid("\(written) is \(value.json?.typeName ?? "not a collection"): for_each takes a map or a set of strings")
        }
        guard pairs.count <= maxInstances else {
            return .invalid("\(written) makes \(pairs.count) instances; this reader expands at most \(maxInstances)")
        }
        // Terraform orders a map's instances by key.
        let ordered = pairs.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        return .known(
            ordered.map { pair in
                var instance = scope
                instance.iterators["each"] = (.string(pair.key), pair.value)
                return ("[\(terraformQuoted(pair.key))]", instance)
            })
    }

    /// A string instance key as Terraform writes it in an address: an HCL quoted string.
    static func terraformQuoted(_ key: String) -> String {
        var text = "\""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}

/// A `dynamic "name" { for_each = ...; iterator = ...; content { ... } }` block's expansion.
enum TerraformDynamicBlock {
    case known([TerraformScope])
    /// The `for_each` as written, when it cannot be evaluated offline.
    case unknown(String)

    /// Each generated block's scope (its iterator bound), in `scope`.
    static func expand(_ block: HCLDocument.Block, scope: TerraformScope, text: (HCLDocument.Attribute) -> String) -> TerraformDynamicBlock
    {
        let name: String
        if case .reference(let iterator)? = block.body.attribute("iterator")?.value, iterator.steps.isEmpty {
            name = iterator.root
        } else {
            name = block.labels.first ?? "each"
        }
        guard let forEach = block.body.attribute("for_each") else { return .unknown("a `dynamic` block without for_each") }
        let value = scope.substituting(forEach.value)
        if value.unresolvedPart != nil { return .unknown("for_each = \(text(forEach))") }
        var pairs: [(key: HCLDocument.Value, value: HCLDocument.Value)] = []
        var collection = value
        if case .call(let function, let arguments) = value, function == "tomap" || function == "tolist", arguments.count == 1 {
            collection = arguments[0]
        }
        switch collection {
        case .object(let members):
            pairs = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }.map { (.string($0.key), $0.value) }
        case .list(let elements):
            pairs = elements.enumerated().map { (.number(String($0.offset)), $0.element) }
        case .call("toset", _):
            // A set's key is its value.
            let elements = value.json?.arrayElements ?? []
            pairs = elements.map { element in
                let item = element.stringValue.map(HCLDocument.Value.string) ?? .unresolved("a set element")
                return (item, item)
            }
        default:
            return .unknown("for_each = \(text(forEach)) (not a collection)")
        }
        return .known(
            pairs.prefix(TerraformInstances.maxInstances).map { pair in
                var generated = scope
                generated.iterators[name] = pair
                return generated
            })
    }
}
