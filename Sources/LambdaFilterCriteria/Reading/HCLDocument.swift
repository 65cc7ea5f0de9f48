import LambdaFilter

/// A small reader of the Terraform language (HCL native syntax), enough to find event source
/// mappings and evaluate their filters offline.
///
/// ```
/// resource "aws_lambda_event_source_mapping" "orders" {   ← block: type, labels, body
///   batch_size = 10                                       ← attribute: name = expression
///   filter_criteria {
///     filter { pattern = jsonencode({ body = { total = [{ numeric = [">", 100] }] } }) }
///   }
/// }
/// ```
///
/// Evaluated: string literals (escapes, `$${`), heredocs (`<<EOF`, `<<-EOF`), numbers, `true`,
/// `false`, `null`, lists, objects and `jsonencode(...)` over them. Everything else (a variable,
/// a `local`, a resource attribute, another function, an operator, a `for` expression, a string
/// with `${...}`) is read over and kept as `.unresolved`, naming what it is; the file still reads.
/// Syntax errors carry the byte offset of the mistake. Cost is linear in the text.
enum HCLDocument {
    /// A value of the subset, or the name of what cannot be known offline.
    indirect enum Value: Sendable, Hashable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case list([Value])
        case object([Member])
        /// Known only at plan or apply time: `file()`, `"${...}"`, an operator.
        case unresolved(String)
        /// A name and its traversal (`each.value.pattern`, `count.index`, `local.p`, `var.x`):
        /// known once `substituting(_:)` replaces it, unresolved otherwise.
        case reference(Reference)
        /// `jsonencode`, `toset`, `tolist` or `tomap` over its argument, computed by `json` once
        /// the argument is known.
        case call(String, [Value])

        /// The first unresolved part, if any.
        var unresolvedPart: String? {
            switch self {
            case .unresolved(let what): return what
            case .reference(let reference): return reference.text
            case .call(_, let arguments): return arguments.lazy.compactMap(\.unresolvedPart).first
            case .list(let elements): return elements.lazy.compactMap(\.unresolvedPart).first
            case .object(let members): return members.lazy.compactMap(\.value.unresolvedPart).first
            default: return nil
            }
        }

        /// The value as JSON, when it is fully known.
        var json: JSONValue? {
            switch self {
            case .string(let text): return .string(text)
            case .number(let text): return .number(text)
            case .bool(let flag): return .bool(flag)
            case .null: return .null
            case .list(let elements):
                var values: [JSONValue] = []
                for element in elements {
                    guard let value = element.json else { return nil }
                    values.append(value)
                }
                return .array(values)
            case .object(let members):
                var values: [JSONMember] = []
                for member in members {
                    guard let value = member.value.json else { return nil }
                    values.append(JSONMember(member.key, value))
                }
                return .object(values)
            case .unresolved, .reference: return nil
            case .call(let name, let arguments):
                guard arguments.count == 1, let argument = arguments[0].json else { return nil }
                switch name {
                case "jsonencode": return .string(DocumentReading.terraformJSON(argument))
                case "toset":
                    // A set has no duplicates; Terraform orders a set of strings lexically.
                    guard case .array(let elements) = argument else { return nil }
                    var seen: Set<JSONValue> = []
                    let unique = elements.filter { seen.insert($0).inserted }
                    let strings = unique.compactMap(\.stringValue)
                    return strings.count == unique.count
                        ? .array(strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map(JSONValue.string))
                        : .array(unique)
                default: return argument
                }
            }
        }

        var stringValue: String? {
            if case .string(let text) = self { return text }
            return nil
        }
    }

    struct Member: Sendable, Hashable {
        var key: String
        var value: Value
    }

    /// `root.step[step]...` as written: `each.value["pattern"]`, `aws_sqs_queue.q[each.key].arn`.
    struct Reference: Sendable, Hashable {
        enum Step: Sendable, Hashable {
            case attribute(String)
            case index(Value)
        }

        var root: String
        var steps: [Step]
        /// The source text, for messages.
        var text: String
    }

    /// How an attribute's value is written, for mapping a pattern string back into the file.
    enum Writing: Sendable, Hashable {
        /// `"..."` starting at the opening quote.
        case quoted
        /// `<<EOF` whose content starts at the offset given, kept byte for byte.
        case heredoc(contentStart: Int)
        /// `<<-EOF`: indentation is removed, so bytes do not map one to one.
        case indentedHeredoc
        /// `jsonencode(...)`: Terraform writes the JSON.
        case jsonencode
        case other
    }

    struct Attribute: Sendable {
        var name: String
        var value: Value
        /// Where the name starts and where the value starts (bytes).
        var nameOffset: Int
        var valueOffset: Int
        /// Where the value ends (bytes).
        var valueEnd: Int
        var writing: Writing
        /// Strings inside the value that hold combining characters (Terraform normalises to NFC).
        var decomposedStrings: [String]
    }

    struct Block: Sendable {
        var type: String
        var labels: [String]
        var body: Body
        var offset: Int
    }

    struct Body: Sendable {
        var attributes: [Attribute] = []
        var blocks: [Block] = []

        func attribute(_ name: String) -> Attribute? { attributes.last { $0.name == name } }
        func blocks(_ type: String) -> [Block] { blocks.filter { $0.type == type } }
    }

    struct SyntaxError: Error, Sendable {
        var offset: Int
        var message: String
    }

    /// The file's top-level body.
    static func parse(_ text: String) throws(SyntaxError) -> Body {
        var parser = Parser(bytes: Array(text.utf8))
        return try parser.parseFile()
    }

    /// The longest decimal form of a number literal kept (a Pattern holds at most 4,096 characters).
    static let maxNumberLength = 10_000

    /// A number literal as Terraform writes it back: `jsonencode` (and every string conversion)
    /// prints the number's decimal value without an exponent, without leading zeros and without
    /// trailing fractional zeros (`1e3` → `1000`, `1.50` → `1.5`, `007` → `7`, `1e-7` →
    /// `0.0000001`, `-0` → `-0`), as `terraform console` shows. `nil` past `maxNumberLength`.
    ///
    /// Terraform keeps 512 bits of a number, so a literal of more than about 154 significant
    /// digits is rounded there and not here.
    static func numberText(_ literal: String) -> String? {
        var scalars = Substring(literal)
        let negative = scalars.first == "-"
        if negative { scalars = scalars.dropFirst() }
        let mantissa = scalars.prefix { $0 != "e" && $0 != "E" }
        let exponentText = scalars.dropFirst(mantissa.count + 1)
        let whole = mantissa.prefix { $0 != "." }
        let fraction = mantissa.dropFirst(whole.count + 1)
        var exponent = 0
        if !exponentText.isEmpty {
            let exponentDigits = exponentText.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
            guard exponentDigits.count <= 6, let magnitude = Int(exponentDigits.isEmpty ? "0" : String(exponentDigits)) else { return nil }
            exponent = exponentText.first == "-" ? -magnitude : magnitude
        }
        // The digits, and where the decimal point falls among them.
        var digits = Array((whole + fraction).utf8)
        var point = whole.utf8.count + exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        point -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0" }
        guard max(point, digits.count) - min(point, 0) <= maxNumberLength else { return nil }
        let text = String(decoding: digits, as: UTF8.self)
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + text }
        if point >= digits.count { return sign + text + String(repeating: "0", count: point - digits.count) }
        return sign + String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
    }

    /// Whether `text` reads like Terraform rather than YAML: a top-level block keyword.
    static func looksLikeTerraform(_ text: String) -> Bool {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(400) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            for keyword in ["resource \"", "module \"", "variable \"", "provider \"", "data \"", "output \"", "terraform {", "locals {"]
            where trimmed.hasPrefix(keyword) && line.first != " " && line.first != "\t" {
                return true
            }
        }
        return false
    }

    // MARK: - Parser

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// Nesting of expressions; a line break ends an attribute's expression only at depth 0.
        var depth = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func parseFile() throws(SyntaxError) -> Body {
            let body = try parseBody(closing: nil)
            return body
        }

        // MARK: Bodies

        mutating func parseBody(closing: UInt8?) throws(SyntaxError) -> Body {
            var body = Body()
            while true {
                skipTrivia(newlines: true)
                guard index < bytes.count else {
                    if closing != nil { throw SyntaxError(offset: index, message: "the block is not closed: expected `}`") }
                    return body
                }
                if let closing, bytes[index] == closing {
                    index += 1
                    return body
                }
                let nameOffset = index
                guard let name = identifier() else {
                    throw SyntaxError(offset: index, message: "expected an attribute name or a block type, found \(describe(at: index))")
                }
                skipTrivia(newlines: false)
                if peek() == UInt8(ascii: "="), peek(1) != UInt8(ascii: "=") {
                    index += 1
                    skipTrivia(newlines: false)
                    let valueOffset = index
                    var expression = ExpressionFacts()
                    let value = try parseExpression(facts: &expression)
                    body.attributes.append(
                        Attribute(
                            name: name, value: value, nameOffset: nameOffset, valueOffset: valueOffset, valueEnd: index,
                            writing: expression.writing, decomposedStrings: expression.decomposed))
                    try endOfItem(after: "the value of `\(name)`")
                    continue
                }
                var labels: [String] = []
                while index < bytes.count, bytes[index] != UInt8(ascii: "{") {
                    if bytes[index] == UInt8(ascii: "\"") {
                        var facts = ExpressionFacts()
                        guard case .string(let label) = try parseQuoted(facts: &facts) else {
                            throw SyntaxError(offset: index, message: "a block label cannot be computed")
                        }
                        labels.append(label)
                    } else if let label = identifier() {
                        labels.append(label)
                    } else {
                        throw SyntaxError(
                            offset: index, message: "expected `=` after `\(name)`, or a block label or `{`, found \(describe(at: index))")
                    }
                    skipTrivia(newlines: false)
                }
                guard index < bytes.count else {
                    throw SyntaxError(offset: index, message: "expected `{` to open the `\(name)` block")
                }
                index += 1
                let inner = try parseBody(closing: UInt8(ascii: "}"))
                body.blocks.append(Block(type: name, labels: labels, body: inner, offset: nameOffset))
            }
        }

        /// After an attribute: a line break, a comment, the end, or the closing brace of a one-line block.
        mutating func endOfItem(after what: String) throws(SyntaxError) {
            skipTrivia(newlines: false)
            guard index < bytes.count else { return }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "}") { return }
            throw SyntaxError(offset: index, message: "unexpected \(describe(at: index)) after \(what) (one attribute per line)")
        }

        // MARK: Expressions

        struct ExpressionFacts {
            var writing: Writing = .other
            var decomposed: [String] = []
        }

        mutating func parseExpression(facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            let start = index
            let value = try parsePrimary(facts: &facts)
            let end = index
            skipTrivia(newlines: depth > 0)
            // Anything that continues the expression (an operator, a conditional) is not evaluated.
            guard let byte = peek(), Self.continuesExpression(byte, next: peek(1)) else {
                // The separator after the value (a line break) is the caller's to read.
                index = end
                return value
            }
            try skipRest()
            facts.writing = .other
            return .unresolved("the expression `\(excerpt(from: start))`")
        }

        static func continuesExpression(_ byte: UInt8, next: UInt8?) -> Bool {
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "?"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "-"):
                return true
            case UInt8(ascii: "="), UInt8(ascii: "!"): return next == UInt8(ascii: "=")
            case UInt8(ascii: "&"): return next == UInt8(ascii: "&")
            case UInt8(ascii: "|"): return next == UInt8(ascii: "|")
            default: return false
            }
        }

        mutating func parsePrimary(facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            guard let byte = peek() else { throw SyntaxError(offset: index, message: "expected a value, found the end of the file") }
            switch byte {
            case UInt8(ascii: "\""):
                facts.writing = .quoted
                return try parseQuoted(facts: &facts)
            case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<"):
                return try parseHeredoc(facts: &facts)
            case UInt8(ascii: "["):
                return try parseList(facts: &facts)
            case UInt8(ascii: "{"):
                return try parseObject(facts: &facts)
            case UInt8(ascii: "("):
                index += 1
                depth += 1
                skipTrivia(newlines: true)
                let inner = try parseExpression(facts: &facts)
                skipTrivia(newlines: true)
                try expect(UInt8(ascii: ")"), "to close `(`")
                depth -= 1
                return inner
            case UInt8(ascii: "-") where peek(1).map(isDigit) == true:
                return try parseNumber()
            case UInt8(ascii: "-"), UInt8(ascii: "!"):
                let start = index
                index += 1
                _ = try parsePrimary(facts: &facts)
                return .unresolved("the expression `\(excerpt(from: start))`")
            default:
                if isDigit(byte) { return try parseNumber() }
                let start = index
                guard let name = identifier() else {
                    throw SyntaxError(offset: index, message: "expected a value, found \(describe(at: index))")
                }
                switch name {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null": return .null
                default: break
                }
                skipTrivia(newlines: false)
                if peek() == UInt8(ascii: "(") {
                    return try parseCall(name, start: start, facts: &facts)
                }
                return try parseReference(name, start: start)
            }
        }

        /// The steps after a name: `.attribute`, `.0` (legacy index) and `[expression]`; a splat
        /// (`.*`, `[*]`) is read over and left unresolved.
        mutating func parseReference(_ root: String, start: Int) throws(SyntaxError) -> Value {
            var steps: [Reference.Step] = []
            var splat = false
            while let byte = peek() {
                if byte == UInt8(ascii: "."), let next = peek(1), isIdentifierStart(next) || isDigit(next) || next == UInt8(ascii: "*") {
                    index += 1
                    if peek() == UInt8(ascii: "*") {
                        index += 1
                        splat = true
                    } else if let name = identifier() {
                        steps.append(.attribute(name))
                    } else {
                        let digits = index
                        while let digit = peek(), isDigit(digit) { index += 1 }
                        steps.append(.index(.number(String(decoding: bytes[digits..<index], as: UTF8.self))))
                    }
                } else if byte == UInt8(ascii: "[") {
                    let open = index
                    index += 1
                    depth += 1
                    skipTrivia(newlines: true)
                    if peek() == UInt8(ascii: "*") {
                        index = open
                        depth -= 1
                        try skipBalanced()
                        splat = true
                        continue
                    }
                    var facts = ExpressionFacts()
                    let key = try parseExpression(facts: &facts)
                    skipTrivia(newlines: true)
                    try expect(UInt8(ascii: "]"), "to close the index `[`")
                    depth -= 1
                    steps.append(.index(key))
                } else {
                    break
                }
            }
            let text = excerpt(from: start)
            return splat ? .unresolved(text) : .reference(Reference(root: root, steps: steps, text: text))
        }

        /// `.attribute`, `[index]` and `.*` after a name, read over.
        mutating func skipTraversal() throws(SyntaxError) {
            while let byte = peek() {
                if byte == UInt8(ascii: "."), let next = peek(1), isIdentifierStart(next) || isDigit(next) || next == UInt8(ascii: "*") {
                    index += 1
                    if peek() == UInt8(ascii: "*") {
                        index += 1
                    } else if identifier() == nil {
                        while let digit = peek(), isDigit(digit) { index += 1 }
                    }
                } else if byte == UInt8(ascii: "[") {
                    try skipBalanced()
                } else {
                    return
                }
            }
        }

        mutating func parseCall(_ name: String, start: Int, facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            index += 1
            depth += 1
            var arguments: [Value] = []
            skipTrivia(newlines: true)
            while peek() != UInt8(ascii: ")") {
                var inner = ExpressionFacts()
                arguments.append(try parseExpression(facts: &inner))
                facts.decomposed += inner.decomposed
                skipTrivia(newlines: true)
                if peek() == UInt8(ascii: ".") && peek(1) == UInt8(ascii: ".") { index += 3; skipTrivia(newlines: true) }
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    skipTrivia(newlines: true)
                } else if peek() != UInt8(ascii: ")") {
                    throw SyntaxError(
                        offset: index, message: "expected `,` or `)` in the arguments of `\(name)(...)`, found \(describe(at: index))")
                }
            }
            index += 1
            depth -= 1
            try skipTraversal()
            guard Self.evaluatedFunctions.contains(name) else {
                facts.writing = .other
                return .unresolved("the function `\(name)()`")
            }
            facts.writing = name == "jsonencode" ? .jsonencode : .other
            guard arguments.count == 1 else {
                return .unresolved("`\(name)` with \(arguments.count) arguments")
            }
            return .call(name, arguments)
        }

        /// The functions read offline: the encoding of patterns, and the conversions `for_each` takes.
        static let evaluatedFunctions: Set<String> = ["jsonencode", "toset", "tolist", "tomap"]

        /// Steps past the `[` or `{` at `start`; a `for` expression there is skipped whole and
        /// returned as unresolved (it cannot be evaluated offline).
        mutating func enterCollection(at start: Int) throws(SyntaxError) -> Value? {
            index += 1
            skipTrivia(newlines: true)
            guard startsWord("for") else { return nil }
            index = start
            try skipBalanced()
            return .unresolved("a `for` expression")
        }

        mutating func parseList(facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            let start = index
            depth += 1
            defer { depth -= 1 }
            if let forExpression = try enterCollection(at: start) { return forExpression }
            var elements: [Value] = []
            while peek() != UInt8(ascii: "]") {
                guard peek() != nil else { throw SyntaxError(offset: start, message: "the list is not closed: expected `]`") }
                var inner = ExpressionFacts()
                elements.append(try parseExpression(facts: &inner))
                facts.decomposed += inner.decomposed
                skipTrivia(newlines: true)
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    skipTrivia(newlines: true)
                } else if peek() != UInt8(ascii: "]") {
                    throw SyntaxError(offset: index, message: "expected `,` or `]` in a list, found \(describe(at: index))")
                }
            }
            index += 1
            facts.writing = .other
            return .list(elements)
        }

        mutating func parseObject(facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            let start = index
            depth += 1
            defer { depth -= 1 }
            if let forExpression = try enterCollection(at: start) { return forExpression }
            var members: [Member] = []
            var seen: Set<String> = []
            while peek() != UInt8(ascii: "}") {
                guard peek() != nil else { throw SyntaxError(offset: start, message: "the object is not closed: expected `}`") }
                let keyOffset = index
                var keyFacts = ExpressionFacts()
                let key: Value
                if peek() == UInt8(ascii: "\"") {
                    key = try parseQuoted(facts: &keyFacts)
                } else if peek() == UInt8(ascii: "(") {
                    key = try parsePrimary(facts: &keyFacts)
                } else if let name = identifier() {
                    key = .string(name)
                } else {
                    throw SyntaxError(offset: index, message: "expected an object key, found \(describe(at: index))")
                }
                skipTrivia(newlines: false)
                guard let separator = peek(), separator == UInt8(ascii: "=") || separator == UInt8(ascii: ":") else {
                    throw SyntaxError(offset: index, message: "expected `=` or `:` after an object key, found \(describe(at: index))")
                }
                index += 1
                skipTrivia(newlines: true)
                var inner = ExpressionFacts()
                let value = try parseExpression(facts: &inner)
                facts.decomposed += keyFacts.decomposed + inner.decomposed
                guard case .string(let name) = key else {
                    members.append(Member(key: "(computed key)", value: .unresolved(key.unresolvedPart ?? "a computed object key")))
                    try objectSeparator()
                    continue
                }
                guard seen.insert(name).inserted else {
                    throw SyntaxError(offset: keyOffset, message: "duplicate object key \(JSONWriter.quote(name)) (Terraform rejects it)")
                }
                members.append(Member(key: name, value: value))
                try objectSeparator()
            }
            index += 1
            facts.writing = .other
            return .object(members)
        }

        mutating func objectSeparator() throws(SyntaxError) {
            skipTrivia(newlines: false)
            if peek() == UInt8(ascii: ",") { index += 1 }
            let before = index
            skipTrivia(newlines: true)
            if index == before, let byte = peek(), byte != UInt8(ascii: "}") {
                throw SyntaxError(
                    offset: index, message: "expected `,`, a line break or `}` after an object member, found \(describe(at: index))")
            }
        }

        mutating func parseNumber() throws(SyntaxError) -> Value {
            let start = index
            if peek() == UInt8(ascii: "-") { index += 1 }
            while let byte = peek(), isDigit(byte) { index += 1 }
            if peek() == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
                index += 1
                while let byte = peek(), isDigit(byte) { index += 1 }
            }
            if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                index += 1
                if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek(), isDigit(digit) else {
                    throw SyntaxError(offset: index, message: "a number's exponent needs digits")
                }
                while let byte = peek(), isDigit(byte) { index += 1 }
            }
            let literal = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let text = HCLDocument.numberText(literal) else {
                return .unresolved(
                    "the number `\(literal.prefix(40))`, whose decimal form is longer than \(HCLDocument.maxNumberLength) characters")
            }
            return .number(text)
        }

        /// A quoted template: escapes decoded; `${...}` or `%{...}` make it unresolved.
        mutating func parseQuoted(facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            let start = index
            index += 1
            var decoded: [UInt8] = []
            var interpolation: String?
            while true {
                guard let byte = peek() else { throw SyntaxError(offset: start, message: "the string is not closed: expected `\"`") }
                if byte == UInt8(ascii: "\n") {
                    throw SyntaxError(offset: index, message: "a line break inside a quoted string (use a heredoc for several lines)")
                }
                if byte == UInt8(ascii: "\"") { index += 1; break }
                if byte == UInt8(ascii: "\\") {
                    guard let scalar = try escape() else { continue }
                    decoded += Array(String(scalar).utf8)
                    continue
                }
                if let template = try templateSequence() {
                    if let template { interpolation = interpolation ?? template }
                    continue
                }
                decoded.append(byte)
                index += 1
            }
            return finishString(decoded, interpolation: interpolation, facts: &facts)
        }

        /// At `${`, `%{`, `$${` or `%%{`: the sequence's text when it interpolates, `.some(nil)`
        /// when it is an escaped literal (appended by the caller as text), `nil` when not a sequence.
        mutating func templateSequence() throws(SyntaxError) -> String?? {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") else { return nil }
            if peek(1) == byte, peek(2) == UInt8(ascii: "{") {
                // `$${` is a literal `${`: let the caller copy `${` after skipping one sign.
                index += 1
                return nil
            }
            guard peek(1) == UInt8(ascii: "{") else { return nil }
            let start = index
            index += 1
            try skipBalanced()
            return .some(excerpt(from: start))
        }

        func finishString(_ decoded: [UInt8], interpolation: String?, facts: inout ExpressionFacts) -> Value {
            if let interpolation { return .unresolved("the interpolation `\(interpolation)`") }
            let text = String(decoding: decoded, as: UTF8.self)
            if text.unicodeScalars.contains(where: { $0.properties.canonicalCombiningClass.rawValue != 0 }) {
                facts.decomposed.append(text)
            }
            return .string(text)
        }

        /// An escape after a backslash in a quoted string.
        mutating func escape() throws(SyntaxError) -> Unicode.Scalar? {
            let start = index
            index += 1
            guard let letter = peek() else { throw SyntaxError(offset: start, message: "a backslash at the end of the file") }
            index += 1
            switch letter {
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = letter == UInt8(ascii: "u") ? 4 : 8
                guard index + count <= bytes.count,
                    let value = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(value)
                else {
                    throw SyntaxError(
                        offset: start,
                        message:
                            "invalid `\\\(Character(Unicode.Scalar(letter)))` escape: expected \(count) hexadecimal digits of a Unicode scalar"
                    )
                }
                index += count
                return scalar
            default:
                throw SyntaxError(offset: start, message: "unknown escape `\\\(Character(Unicode.Scalar(letter)))` in a quoted string")
            }
        }

        /// `<<EOF` or `<<-EOF`, the lines up to a line holding only `EOF`.
        mutating func parseHeredoc(facts: inout ExpressionFacts) throws(SyntaxError) -> Value {
            let start = index
            index += 2
            let indented = peek() == UInt8(ascii: "-")
            if indented { index += 1 }
            guard let marker = identifier() else {
                throw SyntaxError(offset: index, message: "expected the heredoc's delimiter word after `<<`")
            }
            while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\r") { index += 1 }
            guard peek() == UInt8(ascii: "\n") else {
                throw SyntaxError(offset: index, message: "expected a line break after the heredoc's `\(marker)`")
            }
            index += 1
            let contentStart = index
            var lines: [ArraySlice<UInt8>] = []
            while true {
                guard index < bytes.count else {
                    throw SyntaxError(offset: start, message: "the heredoc is not closed: no line holding only `\(marker)`")
                }
                let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                var line = bytes[index..<lineEnd]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                index = min(lineEnd + 1, bytes.count)
                if Array(trimmed) == Array(marker.utf8) {
                    index = lineEnd
                    break
                }
                lines.append(line)
            }
            if indented {
                let margin =
                    lines.filter { $0.contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } }
                    .map { $0.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count }.min() ?? 0
                lines = lines.map { $0.dropFirst(min(margin, $0.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count)) }
            }
            var decoded: [UInt8] = []
            for line in lines {
                decoded += line
                decoded.append(UInt8(ascii: "\n"))
            }
            facts.writing = indented ? .indentedHeredoc : .heredoc(contentStart: contentStart)
            // Interpolation in a heredoc makes it unresolved, like in a quoted string.
            if let sequence = Self.firstInterpolation(decoded) {
                return .unresolved("the interpolation `\(sequence)` in a heredoc")
            }
            let unescaped = String(decoding: decoded, as: UTF8.self).replacingAll("$${", with: "${").replacingAll("%%{", with: "%{")
            if unescaped != String(decoding: decoded, as: UTF8.self) { facts.writing = .indentedHeredoc }
            return finishString(Array(unescaped.utf8), interpolation: nil, facts: &facts)
        }

        /// The first `${...}` or `%{...}` in a heredoc's text (not `$${`, `%%{`), up to its `}`.
        static func firstInterpolation(_ text: [UInt8]) -> String? {
            var index = 0
            while index + 1 < text.count {
                let byte = text[index]
                if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") {
                    if text[index + 1] == byte {
                        index += 2
                        continue
                    }
                    if text[index + 1] == UInt8(ascii: "{") {
                        let end = text[index...].firstIndex(of: UInt8(ascii: "}")).map { $0 + 1 } ?? text.count
                        return String(decoding: text[index..<min(end, index + 60)], as: UTF8.self)
                    }
                }
                index += 1
            }
            return nil
        }

        // MARK: Skipping

        /// Reads over the rest of an expression this reader does not evaluate, up to where it ends.
        mutating func skipRest() throws(SyntaxError) {
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): try skipBalanced()
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","): return
                case UInt8(ascii: "\n") where depth == 0: return
                case UInt8(ascii: "#"): return
                case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"): skipTrivia(newlines: depth > 0)
                case UInt8(ascii: "\""):
                    var facts = ExpressionFacts()
                    _ = try parseQuoted(facts: &facts)
                case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<") && peek(2).map(isIdentifierStart) == true:
                    var facts = ExpressionFacts()
                    _ = try parseHeredoc(facts: &facts)
                default: index += 1
                }
            }
        }

        /// From an opening bracket to its closing one, minding strings and comments.
        mutating func skipBalanced() throws(SyntaxError) {
            let start = index
            var stack: [UInt8] = []
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "("): stack.append(UInt8(ascii: ")")); index += 1
                case UInt8(ascii: "["): stack.append(UInt8(ascii: "]")); index += 1
                case UInt8(ascii: "{"): stack.append(UInt8(ascii: "}")); index += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard stack.last == byte else {
                        throw SyntaxError(offset: index, message: "unbalanced `\(Character(Unicode.Scalar(byte)))`")
                    }
                    stack.removeLast()
                    index += 1
                    if stack.isEmpty { return }
                case UInt8(ascii: "\""):
                    var facts = ExpressionFacts()
                    _ = try parseQuoted(facts: &facts)
                case UInt8(ascii: "#"):
                    skipTrivia(newlines: true)
                case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"):
                    skipTrivia(newlines: true)
                default:
                    index += 1
                }
            }
            throw SyntaxError(offset: start, message: "`\(Character(Unicode.Scalar(bytes[start])))` is not closed")
        }

        /// Spaces, comments and (when `newlines`) line breaks.
        mutating func skipTrivia(newlines: Bool) {
            while let byte = peek() {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                    index += 1
                } else if byte == UInt8(ascii: "\n") {
                    guard newlines else { return }
                    index += 1
                } else if byte == UInt8(ascii: "#") || (byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/")) {
                    while let next = peek(), next != UInt8(ascii: "\n") { index += 1 }
                } else if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                    index += 2
                    while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { index += 1 }
                    index = min(index + 2, bytes.count)
                } else {
                    return
                }
            }
        }

        // MARK: Tokens

        mutating func identifier() -> String? {
            guard let first = peek(), isIdentifierStart(first) else { return nil }
            let start = index
            index += 1
            while let byte = peek(), isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-") { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        func startsWord(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else { return false }
            let after = index + utf8.count < bytes.count ? bytes[index + utf8.count] : UInt8(ascii: " ")
            return !(isIdentifierStart(after) || isDigit(after))
        }

        mutating func expect(_ byte: UInt8, _ why: String) throws(SyntaxError) {
            guard peek() == byte else {
                throw SyntaxError(
                    offset: index, message: "expected `\(Character(Unicode.Scalar(byte)))` \(why), found \(describe(at: index))")
            }
            index += 1
        }

        func peek(_ ahead: Int = 0) -> UInt8? {
            index + ahead < bytes.count ? bytes[index + ahead] : nil
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_") || byte >= 0x80
        }

        /// The source from `start` to here, on one line, shortened.
        func excerpt(from start: Int) -> String {
            let text = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
            let oneLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingSpaces }.joined(separator: " ")
            return oneLine.count > 60 ? String(oneLine.prefix(57)) + "..." : oneLine
        }

        func describe(at offset: Int) -> String {
            guard offset < bytes.count else { return "the end of the file" }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") { return "a line break" }
            let end = min(bytes.count, offset + 12)
            let token = String(decoding: bytes[offset..<end], as: UTF8.self).prefix { !$0.isWhitespace }
            return "`\(token.prefix(max(1, token.count)))`"
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
