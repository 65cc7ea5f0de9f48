import LambdaFilter

/// CloudFormation intrinsic functions evaluated offline where their result is literal text.
///
/// | written | read as |
/// |---|---|
/// | `"{...}"` | the string |
/// | `!Sub '{...}'` without `${Var}` (`${!x}` stands for `${x}`) | its text |
/// | `!Sub ['{"a":["${V}"]}', {V: literal}]` | the text with each variable replaced |
/// | `!Join ['', [literal, ...]]` | the parts joined |
/// | `!Sub` with variables, `!Ref`, `!Select`, `!GetAtt`, `!If`... | unresolved, naming it |
enum Intrinsics {
    enum Evaluation: Equatable {
        case text(String)
        /// Computed at deploy time: what computes it (`Fn::Sub with ${Stage}`, `Ref Pattern`).
        case unresolved(String)
        /// Not a string and not an intrinsic function.
        case notText
    }

    /// The intrinsic function computing `value` (`Fn::Sub`, `Ref`...), or `nil` for a plain value.
    static func functionName(_ value: JSONValue) -> String? {
        guard case .object(let members) = value, members.count == 1, let key = members.first?.key,
            key == "Ref" || key.hasPrefix("Fn::") || key == "Condition"
        else { return nil }
        return key
    }

    /// The text `value` stands for, when it is literal or an intrinsic over literals.
    static func text(_ value: JSONValue) -> Evaluation {
        if case .string(let text) = value { return .text(text) }
        guard let name = functionName(value), let argument = value[name] else { return .notText }
        switch name {
        case "Fn::Sub":
            if let template = argument.stringValue { return substitute(template, variables: [:]) }
            if let parts = argument.arrayElements, parts.count == 2, let template = parts[0].stringValue,
                case .object(let members) = parts[1]
            {
                var variables: [String: String] = [:]
                for member in members {
                    if case .text(let text) = Self.text(member.value) { variables[member.key] = text }
                }
                return substitute(template, variables: variables)
            }
            return .unresolved("Fn::Sub")
        case "Fn::Join":
            guard let parts = argument.arrayElements, parts.count == 2, let separator = parts[0].stringValue else {
                return .unresolved("Fn::Join")
            }
            guard let items = parts[1].arrayElements else {
                return .unresolved("Fn::Join over \(describe(parts[1]))")
            }
            var texts: [String] = []
            for item in items {
                switch Self.text(item) {
                case .text(let text): texts.append(text)
                case .unresolved(let what): return .unresolved("Fn::Join over \(what)")
                case .notText: return .unresolved("Fn::Join over \(describe(item))")
                }
            }
            return .text(texts.joined(separator: separator))
        case "Ref":
            return .unresolved("Ref \(argument.stringValue ?? JSONWriter.write(argument))")
        default:
            return .unresolved(name)
        }
    }

    /// A short name for a value in a message.
    static func describe(_ value: JSONValue) -> String {
        if let name = functionName(value) {
            if name == "Ref", let target = value[name]?.stringValue { return "Ref \(target)" }
            return name
        }
        return value.typeName
    }

    /// `template` with `${Name}` replaced from `variables`; any other `${Name}` leaves it unresolved.
    static func substitute(_ template: String, variables: [String: String]) -> Evaluation {
        var result = ""
        var missing: [String] = []
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            result += rest[rest.startIndex..<start.lowerBound]
            let after = rest[start.upperBound...]
            if after.hasPrefix("!") {
                result += "${"
                rest = after.dropFirst()
                continue
            }
            guard let close = after.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                rest = ""
                break
            }
            let name = String(after[after.startIndex..<close])
            if let value = variables[name] {
                result += value
            } else {
                if !missing.contains(name) { missing.append(name) }
                result += "${\(name)}"
            }
            rest = after[after.index(after: close)...]
        }
        result += rest
        if !missing.isEmpty {
            return .unresolved(
                "Fn::Sub with variable\(missing.count == 1 ? "" : "s") " + missing.map { "${\($0)}" }.joined(separator: ", "))
        }
        return .text(result)
    }
}

extension Substring {
    /// The range of the first occurrence of `target`.
    func range(of target: String) -> Range<Substring.Index>? {
        let needle = Array(target)
        guard let first = needle.first else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index] == first {
                var probe = index
                var matched = 0
                while matched < needle.count, probe < endIndex, self[probe] == needle[matched] {
                    probe = self.index(after: probe)
                    matched += 1
                }
                if matched == needle.count { return index..<probe }
            }
            index = self.index(after: index)
        }
        return nil
    }
}
