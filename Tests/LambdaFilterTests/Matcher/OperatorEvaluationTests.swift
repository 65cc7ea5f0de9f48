import LambdaFilterTestSupport
import Testing

@testable import LambdaFilter

/// Every operator, in every compiled form, against values of every JSON type: the compiled
/// matcher, the explainer, `Condition.holds(for:)` and the reference matcher must agree.
///
/// The matcher and the explainer share one evaluation per operator (`FieldMatcher` with its
/// `PredicateTable`); the reference is written apart on purpose, so agreement is a real check.
@Suite("One evaluation per operator")
struct OperatorEvaluationTests {
    /// One operator form, as a field's leaf array.
    struct Form: CustomTestStringConvertible, Sendable {
        var name: String
        var leafArray: String
        var testDescription: String { "\(name): \(leafArray)" }
        init(_ name: String, _ leafArray: String) {
            self.name = name
            self.leafArray = leafArray
        }
    }

    static let forms: [Form] = [
        Form("exact string", #"["abc"]"#),
        Form("exact empty string", #"[""]"#),
        Form("exact number", "[5]"),
        Form("exact number by text", "[9007199254740993]"),
        Form("exact true", "[true]"),
        Form("exact false", "[false]"),
        Form("exact null", "[null]"),
        Form("prefix", #"[{"prefix": "ab"}]"#),
        Form("prefix ignoring case, ASCII", #"[{"prefix": {"equals-ignore-case": "AB"}}]"#),
        Form("prefix ignoring case, non-ASCII", #"[{"prefix": {"equals-ignore-case": "É"}}]"#),
        Form("suffix", #"[{"suffix": "bc"}]"#),
        Form("suffix ignoring case, ASCII", #"[{"suffix": {"equals-ignore-case": "BC"}}]"#),
        Form("suffix ignoring case, non-ASCII", #"[{"suffix": {"equals-ignore-case": "A"}}, {"suffix": {"equals-ignore-case": "Éa"}}]"#),
        Form("equals-ignore-case, ASCII", #"[{"equals-ignore-case": "ABC"}]"#),
        Form("equals-ignore-case, non-ASCII", #"[{"equals-ignore-case": "éa"}]"#),
        Form("wildcard", #"[{"wildcard": "a*c"}]"#),
        Form("numeric range", #"[{"numeric": [">", 1, "<=", 5]}]"#),
        Form("numeric equal", #"[{"numeric": ["=", 3]}]"#),
        Form("exists true", #"[{"exists": true}]"#),
        Form("exists false", #"[{"exists": false}]"#),
        Form("cidr", #"[{"cidr": "10.0.0.0/24"}]"#),
        Form("anything-but strings", #"[{"anything-but": ["abc", "x"]}]"#),
        Form("anything-but numbers", #"[{"anything-but": [5, 3]}]"#),
        Form("anything-but prefix", #"[{"anything-but": {"prefix": "ab"}}]"#),
        Form("anything-but suffix", #"[{"anything-but": {"suffix": "bc"}}]"#),
        Form("anything-but equals-ignore-case, ASCII", #"[{"anything-but": {"equals-ignore-case": ["ABC", "X"]}}]"#),
        Form("anything-but equals-ignore-case, non-ASCII", #"[{"anything-but": {"equals-ignore-case": ["éa", "X"]}}]"#),
        Form("anything-but wildcard", #"[{"anything-but": {"wildcard": "a*c"}}]"#),
        Form("two alternatives", #"["x", {"numeric": ["<", 0]}]"#),
    ]

    /// Values of every type, with the near misses of the forms above.
    static let values: [String] = [
        #""abc""#, #""ABC""#, #""aBx""#, #""x""#, #""""#, #""Éa""#, #""éA""#, #""ÉA""#,
        #""10.0.0.7""#, #""10.0.1.7""#, #""5""#,
        "5", "5.0", "3", "-1", "9007199254740993", "1e400", "true", "false", "null", "{}", "[]",
    ]

    struct Outcome: Equatable {
        var compiled: Bool
        var explained: Bool
        var reference: Bool
        var holdsForLeaf: Bool?
    }

    static func outcome(_ form: Form, _ value: String) throws -> Outcome {
        let pattern = try Pattern(parsing: #"{"f": "# + form.leafArray + "}", dialect: .eventbridge)
        let recordText = #"{"f": "# + value + "}"
        let record = try JSONParser().parseValue(recordText)
        let compiled = try !Matcher(patterns: [pattern]).matchingPatterns(in: Array(recordText.utf8)).isEmpty
        let explained = PatternExplainer.explain(pattern: pattern, record: record).matched
        let reference = !ReferenceMatcher(patterns: [pattern]).matchingPatterns(in: record).isEmpty
        // Per leaf, `exists: false` never holds (it is decided by absence), so compare the others.
        let alternatives = pattern.conjunctions[0].fields[0].alternatives
        var holdsForLeaf: Bool? = nil
        if !alternatives.contains(.exists(false)), let leafValue = record["f"] {
            ValueCheck.withLeafValue(leafValue) { leaf in holdsForLeaf = alternatives.contains { $0.holds(for: leaf) } }
        }
        return Outcome(compiled: compiled, explained: explained, reference: reference, holdsForLeaf: holdsForLeaf)
    }

    @Test(arguments: forms)
    func everyEngineAgrees(_ form: Form) throws {
        var verdicts: Set<Bool> = []
        for value in Self.values {
            let outcome = try Self.outcome(form, value)
            #expect(outcome.compiled == outcome.reference, "compiled matcher vs reference on \(value)")
            #expect(outcome.explained == outcome.reference, "explainer vs reference on \(value)")
            if let holds = outcome.holdsForLeaf {
                #expect(holds == outcome.reference, "Condition.holds(for:) vs reference on \(value)")
            }
            verdicts.insert(outcome.reference)
        }
        // The table reaches both verdicts of every form, so agreement is not agreement on one answer.
        #expect(verdicts == [true, false], "values that match and values that do not")
    }

    /// An `anything-but` holds for every value of another type than its operands, in every form
    /// (the drift fixed in 8c824e3: the non-ASCII equals-ignore-case form refused null and numbers).
    @Test(arguments: forms.filter { $0.name.hasPrefix("anything-but") })
    func anythingButHoldsForOtherTypes(_ form: Form) throws {
        let otherTypes = form.name == "anything-but numbers" ? [#""abc""#, "true", "false", "null"] : ["5", "true", "false", "null"]
        for value in otherTypes {
            #expect(try Self.outcome(form, value).compiled, "\(value)")
        }
    }

    /// Conditions no parsed pattern holds (a `Pattern` built in code can): `anything-but` over
    /// mixed types, booleans, null and numbers compared by text.
    static let builtConditions: [Condition] = [
        .anythingBut(.values([.string("abc"), .null])),
        .anythingBut(.values([.bool(true), .number(NumberLiteral(text: "5"))])),
        .anythingBut(.values([.number(NumberLiteral(text: "9007199254740993"))])),
        .anythingBut(.values([.bool(false)])),
    ]

    @Test(arguments: builtConditions)
    func builtConditionsAgreeWithTheReference(_ condition: Condition) throws {
        var verdicts: Set<Bool> = []
        for value in Self.values where !value.hasPrefix("{") && !value.hasPrefix("[") {  // leaves only
            let record = try JSONParser().parseValue(value)
            let expected = ReferenceMatcher.valueHolds(condition, record)
            var holds: Bool? = nil
            ValueCheck.withLeafValue(record) { holds = condition.holds(for: $0) }
            #expect(holds == expected, "\(value)")
            #expect(ValueCheck.holds(condition, for: record) == expected, "\(value)")
            verdicts.insert(expected)
        }
        #expect(verdicts == [true, false])
    }
}
