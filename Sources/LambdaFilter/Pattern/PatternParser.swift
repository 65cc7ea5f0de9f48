/// Reads a pattern's text into validated conjunctions, rule by rule as AWS applies them.
///
/// ```
/// text ──JSONParser──▶ JSONNode ──walk──▶ [Conjunction]   ($or expanded, last leaf wins)
/// ```
/// Keys are processed in order. A leaf at a path already set in the same conjunction replaces
/// the earlier one; nested objects merge; a `$or` multiplies the conjunctions built so far by
/// its branches (event-ruler's `JsonRuleCompiler` behaves the same way).
package struct PatternParser {
    package struct Parsed {
        package var json: JSONValue
        package var conjunctions: [Conjunction]
        package var warnings: [PatternWarning]
    }

    let text: String
    let dialect: Dialect
    let limits: PatternLimits
    /// When set, `parse` keeps going after an error in one field and records every error.
    package var collectsAllErrors = false
    package private(set) var collectedErrors: [PatternError] = []
    /// How many `$or` branches enclose the object being read: inside one, operator names are
    /// not field names (event-ruler's JsonRuleCompiler).
    private var orDepth = 0

    package init(text: String, dialect: Dialect, limits: PatternLimits = .aws) {
        self.text = text
        self.dialect = dialect
        self.limits = limits
    }

    package mutating func parse() throws(PatternError) -> Parsed {
        collectedErrors = []
        var context = Context(utf8: Array(text.utf8), dialect: dialect)
        if let maxLength = limits.maxLength, text.utf16.count > maxLength {
            let offset = Array(text.utf16.prefix(maxLength)).count  // first character past the limit
            throw context.error(
                .patternTooLong, "pattern is \(text.utf16.count) characters long; AWS accepts at most \(maxLength)",
                atOffset: min(offset, context.utf8.count))
        }
        let root: JSONNode
        do {
            root = try JSONParser(maxDepth: limits.maxDepth).parse(bytes: context.utf8)
        } catch {
            if error.kind == .tooDeep {
                throw context.error(
                    .invalidJSON, "pattern is nested deeper than \(limits.maxDepth) levels (PatternLimits.maxDepth)", atOffset: error.offset
                )
            }
            throw context.error(.invalidJSON, "pattern is not valid JSON: \(error.reason)", atOffset: error.offset)
        }
        guard case .object = root.kind else {
            throw context.error(.notAnObject, "Filter is not an object", at: root)
        }
        var partials = [Partial()]
        try parseObject(root, prefix: [], partials: &partials, context: &context)
        if let first = collectedErrors.first { throw first }
        partials = partials.filter { !$0.fields.isEmpty }
        let conjunctions = partials.map { Conjunction(fields: $0.fields) }
        try checkWildcardComplexity(conjunctions, context: &context)
        return Parsed(json: root.value, conjunctions: conjunctions, warnings: context.warnings)
    }

    /// Fields set so far in one conjunction, keyed by their dotted name's bytes (AWS tells
    /// canonically equivalent names such as "é" and "e\u{301}" apart; Swift's `==` would not).
    struct Partial {
        var fields: [FieldCondition] = []
        /// The dotted name of each of `fields`, as bytes.
        var names: [[UInt8]] = []
        /// Built once there are more than `linearSearchLimit` fields; until then a scan of
        /// `names` is cheaper than hashing (most patterns name a handful of fields).
        var positions: [[UInt8]: Int] = [:]
        static let linearSearchLimit = 8

        mutating func set(_ field: FieldCondition) {
            let name = Array(field.path.dottedName.utf8)
            if let position = position(of: name) {
                fields[position] = field
                return
            }
            if !positions.isEmpty || names.count == Self.linearSearchLimit {
                if positions.isEmpty {
                    for (index, known) in names.enumerated() { positions[known] = index }
                }
                positions[name] = fields.count
            }
            names.append(name)
            fields.append(field)
        }

        private func position(of name: [UInt8]) -> Int? {
            if !positions.isEmpty { return positions[name] }
            return names.firstIndex(of: name)
        }
    }

    /// Adds the fields of object `node` to every conjunction in `partials`.
    ///
    /// `partials` is changed in place (not passed in and returned), so each conjunction's fields
    /// stay uniquely referenced and adding one never copies them: a pattern with n fields once
    /// took O(n²) to read.
    private mutating func parseObject(
        _ node: JSONNode, prefix: [String], partials: inout [Partial], context: inout Context
    ) throws(PatternError) {
        guard case .object(let members) = node.kind else {
            throw context.error(.notAnObject, "Filter is not an object", at: node)
        }
        guard !members.isEmpty else {
            throw context.error(.emptyObject, "Empty objects are not allowed", at: node)
        }
        // A set only for large objects: comparing a few keys costs less than hashing them.
        let checksKeysBySet = members.count > 8
        var seenKeys = Set<String>()
        for (index, member) in members.enumerated() {
            context.path.append(.key(member.key))
            defer { context.path.removeLast() }
            if orDepth > 0 && Keyword.reservedInOr.contains(member.key) {
                let error = context.error(
                    .invalidOr, "\(member.key) is Ruler reserved fieldName which cannot be used inside \(Keyword.or).", at: member.value)
                guard collectsAllErrors else { throw error }
                collectedErrors.append(error)
                continue
            }
            let repeated =
                checksKeysBySet ? !seenKeys.insert(member.key).inserted : members[..<index].contains { $0.key == member.key }
            if repeated, case .array = member.value.kind {
                context.warn(
                    .duplicateKey, "key \"\(member.key)\" is repeated; the last one replaces the earlier ones, as on AWS", at: member.value)
            }
            do {
                try parseMember(member, prefix: prefix, partials: &partials, context: &context)
            } catch {
                guard collectsAllErrors else { throw error }
                collectedErrors.append(error)
            }
        }
    }

    private mutating func parseMember(
        _ member: JSONNode.Member, prefix: [String], partials: inout [Partial], context: inout Context
    ) throws(PatternError) {
        let value = member.value
        if member.key == Keyword.or {
            try expandOr(value, prefix: prefix, partials: &partials, context: &context)
            return
        }
        let path = prefix + [member.key]
        switch value.kind {
        case .object:
            try parseObject(value, prefix: path, partials: &partials, context: &context)
        case .array(let elements):
            guard !elements.isEmpty else {
                throw context.error(.emptyArray, "Empty arrays are not allowed", at: value)
            }
            var alternatives: [Condition] = []
            for (index, element) in elements.enumerated() {
                context.path.append(.index(index))
                defer { context.path.removeLast() }
                alternatives.append(try parseMatchValue(element, context: &context))
            }
            let field = FieldCondition(path: FieldPath(path), alternatives: alternatives, offset: value.offset)
            for index in partials.indices { partials[index].set(field) }
        default:
            var message = "\"\(member.key)\" must be an object or an array"
            if Keyword.operators.contains(member.key) {
                message += " (an operator goes inside the field's array: [{\"\(member.key)\": ...}])"
            } else {
                message += " (write [\(JSONWriter.write(value.value))] to match this value)"
            }
            throw context.error(.valueNotArrayOrObject, message, at: value)
        }
    }

    /// `$or`: an array of at least two objects, each a set of conditions, any of which may hold.
    /// Anything else is rejected with event-ruler's (JsonRuleCompiler's) message.
    private mutating func expandOr(
        _ value: JSONNode, prefix: [String], partials: inout [Partial], context: inout Context
    ) throws(PatternError) {
        guard case .array(let branches) = value.kind else {
            throw context.error(.invalidOr, "It must be an Array followed with \(Keyword.or).", at: value)
        }
        var expanded: [Partial] = []
        orDepth += 1
        defer { orDepth -= 1 }
        for (index, branch) in branches.enumerated() {
            context.path.append(.index(index))
            defer { context.path.removeLast() }
            guard case .object = branch.kind else {
                throw context.error(.invalidOr, "Only JSON object is allowed in array of \(Keyword.or) relationship.", at: branch)
            }
            // Each branch extends its own copy of the conjunctions so far: $or multiplies them.
            var branchPartials = partials
            try parseObject(branch, prefix: prefix, partials: &branchPartials, context: &context)
            expanded += branchPartials
            if expanded.count > limits.maxCombinations {
                throw context.error(.tooManyCombinations, "$or expands into more than \(limits.maxCombinations) combinations", at: branch)
            }
        }
        guard branches.count >= 2 else {
            throw context.error(.invalidOr, "There must have at least 2 Objects in \(Keyword.or) relationship.", at: value)
        }
        partials = expanded
    }

    /// One element of a leaf array: an exact value or an operator object.
    private func parseMatchValue(_ node: JSONNode, context: inout Context) throws(PatternError) -> Condition {
        if let literal = ExactMatch.parse(node) { return .equals(literal) }
        guard case .object(let members) = node.kind else {
            throw context.error(.invalidMatchValue, "Match value must be String, number, true, false, or null", at: node)
        }
        guard members.count == 1 else {
            throw context.error(
                members.isEmpty ? .emptyObject : .multipleOperatorKeys,
                members.isEmpty ? "Empty objects are not allowed" : "Only one key allowed in match expression", at: node)
        }
        let keyword = members[0].key
        let operand = members[0].value
        context.path.append(.key(keyword))
        defer { context.path.removeLast() }
        switch keyword {
        case Keyword.prefix, Keyword.suffix:
            return try AffixMatch.parse(keyword, operand: operand, context: &context)
        case Keyword.equalsIgnoreCase:
            return try CaseInsensitiveMatch.parse(operand: operand, context: &context)
        case Keyword.wildcard:
            try context.requireEventBridge(Keyword.wildcard, at: operand)
            return try WildcardPattern.parseCondition(operand: operand, context: &context)
        case Keyword.numeric:
            return try NumericRange.parse(operand: operand, context: &context)
        case Keyword.exists:
            return try ExistsMatch.parse(operand: operand, context: &context)
        case Keyword.anythingBut:
            return try AnythingBut.parse(operand: operand, context: &context)
        case Keyword.cidr:
            return try CIDRBlock.parse(operand: operand, context: &context)
        default:
            var message = "Unrecognized match type \(keyword)"
            if let known = Keyword.operators.first(where: { $0.lowercased() == keyword.lowercased() }) {
                message += " (operators are lower case: \"\(known)\")"
            }
            throw context.error(.unknownOperator, message, at: node)
        }
    }

    /// AWS rejects a rule whose wildcards on one field make its automaton too complex.
    private func checkWildcardComplexity(_ conjunctions: [Conjunction], context: inout Context) throws(PatternError) {
        // One group per event-ruler pattern: a wildcard, or an anything-but/wildcard's values.
        var byField: [String: (groups: [[WildcardPattern]], offset: Int, path: FieldPath)] = [:]
        for conjunction in conjunctions {
            for field in conjunction.fields {
                for condition in field.alternatives {
                    var found: [WildcardPattern] = []
                    if case .wildcard(let pattern) = condition { found = [pattern] }
                    if case .anythingBut(.wildcards(let patterns)) = condition { found = patterns }
                    guard !found.isEmpty else { continue }
                    var entry = byField[field.path.dottedName] ?? ([], field.offset, field.path)
                    if !entry.groups.contains(found) { entry.groups.append(found) }
                    byField[field.path.dottedName] = entry
                }
            }
        }
        for entry in byField.values.sorted(by: { $0.offset < $1.offset })
        where WildcardComplexity.evaluate(entry.groups) > limits.maxWildcardComplexity {
            context.path = entry.path.segments.map { .key($0) }
            throw context.error(
                .wildcardTooComplex,
                "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
                atOffset: entry.offset)
        }
    }
}

extension PatternParser {
    /// What operator parsers need: the current path, the text for locations, the dialect.
    package struct Context {
        let utf8: [UInt8]
        let dialect: Dialect
        var path: [JSONPathComponent] = []
        var warnings: [PatternWarning] = []

        /// Built at the first diagnostic, so a pattern without any pays nothing and one with
        /// thousands does not walk its text from the start for each.
        private let locatorCache = LocatorCache()

        private final class LocatorCache {
            var locator: TextLocator?
        }

        init(utf8: [UInt8], dialect: Dialect) {
            self.utf8 = utf8
            self.dialect = dialect
        }

        func location(_ offset: Int) -> TextLocation {
            if locatorCache.locator == nil { locatorCache.locator = TextLocator(utf8) }
            return locatorCache.locator!.location(ofOffset: offset)
        }

        func error(
            _ code: PatternError.Code, _ message: String, at node: JSONNode, appending extra: [JSONPathComponent] = []
        ) -> PatternError {
            PatternError(code: code, message: message, path: path + extra, location: location(node.offset))
        }

        func error(_ code: PatternError.Code, _ message: String, atOffset offset: Int) -> PatternError {
            PatternError(code: code, message: message, path: path, location: location(offset))
        }

        mutating func warn(_ code: PatternWarning.Code, _ message: String, at node: JSONNode) {
            warnings.append(PatternWarning(code: code, message: message, path: path, location: location(node.offset)))
        }

        /// Rejects an EventBridge-only operator in the Lambda dialect.
        func requireEventBridge(_ form: String, at node: JSONNode) throws(PatternError) {
            guard dialect == .lambda else { return }
            throw error(.unsupportedInDialect, "\(form) is not supported by Lambda event filtering (EventBridge only)", at: node)
        }

        /// Notes an operator Lambda does not document.
        mutating func warnIfLambda(_ message: String, at node: JSONNode) {
            guard dialect == .lambda else { return }
            warn(.undocumentedForLambda, message, at: node)
        }
    }
}
