import LambdaFilter
import Testing

@Suite("Pattern parsing, $or and locations")
struct PatternParserTests {
    static let errors: [ErrorCase] = [
        ErrorCase(#"["not", "an", "object"]"#, .notAnObject, "Filter is not an object", at: "$"),
        ErrorCase("null", .notAnObject, "Filter is not an object", at: "$"),
        ErrorCase(
            "simple string", .invalidJSON,
            "pattern is not valid JSON: unexpected 'simple', expected a JSON value (object, array, string, number, true, false or null)",
            at: "$"),
        ErrorCase(
            #"{'bad': 'quotation'}"#, .invalidJSON, "pattern is not valid JSON: object keys must use double quotes, not single quotes",
            at: "$"),
        ErrorCase(#"{"a": ["x",]}"#, .invalidJSON, "pattern is not valid JSON: trailing comma in array", at: "$"),
        ErrorCase(#"{"$or": [{"a": ["x"]}, {"b": []}]}"#, .emptyArray, "Empty arrays are not allowed", at: "$[\"$or\"][1].b"),
        ErrorCase(#"{"a": {"b": {"c": [{"nope": 1}]}}}"#, .unknownOperator, "Unrecognized match type nope", at: "$.a.b.c[0].nope"),
        ErrorCase(
            #"{"a": {"prefix": "x"}}"#, .valueNotArrayOrObject,
            #""prefix" must be an object or an array (an operator goes inside the field's array: [{"prefix": ...}])"#, at: "$.a.prefix"),
        ErrorCase(#"{"$or": [{"a": ["x"]}]}"#, .invalidOr, "There must have at least 2 Objects in $or relationship.", at: "$[\"$or\"]"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }

    @Test func errorsCarryLineColumnAndOffset() throws {
        let text = "{\n  \"body\": {\n    \"status\": [{\"prefix\": 7}]\n  }\n}"
        let error = try #require(patternError(text))
        #expect(error.code == .invalidOperand)
        #expect(error.location.line == 3)
        #expect(error.location.column == 27)
        #expect(error.location.offset == Array(text.utf8).firstIndex(of: UInt8(ascii: "7")))
        #expect(error.pathDescription == "$.body.status[0].prefix")
    }

    @Test func jsonErrorsPointAtTheBadCharacter() throws {
        let error = try #require(patternError("{\"a\": [\"x\"] \"b\": 1}"))
        #expect(error.code == .invalidJSON)
        #expect(error.location.column == 13)
    }

    @Test func diagnoseReportsEveryBrokenField() {
        let result = Pattern.diagnose(#"{"a": [], "b": [{"prefix": 1}], "c": ["ok"]}"#)
        #expect(result.pattern == nil)
        #expect(result.errors.map(\.code) == [.emptyArray, .invalidOperand])
    }

    @Test func lambdaRejectionUsesAWSWording() throws {
        let error = try #require(patternError(#"{"a": []}"#, dialect: .lambda))
        #expect(error.awsMessage(for: .lambda) == "Invalid filter pattern definition.")
        #expect(error.awsMessage(for: .eventbridge) == "Event pattern is not valid. Reason: Empty arrays are not allowed")
    }

    @Test func lengthLimitCountsUTF16UnitsAsAWSDoes() throws {
        let filler = String(repeating: "x", count: 4096 - #"{"a": [""]}"#.count)
        #expect(patternError(#"{"a": ["\#(filler)"]}"#) == nil)
        let error = try #require(patternError(#"{"a": ["\#(filler)y"]}"#))
        #expect(error.code == .patternTooLong)
        #expect(error.message == "pattern is 4097 characters long; AWS accepts at most 4096")
        // An emoji is two UTF-16 units.
        let emoji = String(repeating: "🚀", count: 2045)
        #expect(patternError(#"{"a": ["\#(emoji)"]}"#)?.code == .patternTooLong)
    }

    @Test func orExpandsIntoConjunctions() throws {
        let pattern = try Pattern(parsing: #"{"x": ["1"], "$or": [{"a": ["2"]}, {"b": ["3"], "$or": [{"c": ["4"]}, {"d": ["5"]}]}]}"#)
        let shapes = pattern.conjunctions.map { $0.fields.map(\.path.dottedName) }
        #expect(shapes == [["x", "a"], ["x", "b", "c"], ["x", "b", "d"]])
    }

    @Test func laterLeafReplacesEarlierOneAtTheSamePath() throws {
        let pattern = try Pattern(parsing: #"{"name": ["a", "b"], "$or": [{"name": [{"anything-but": "a"}]}, {"condition1": ["x"]}]}"#)
        #expect(pattern.conjunctions.count == 2)
        #expect(pattern.conjunctions[0].fields.map(\.alternatives) == [[.anythingBut(.values([.string("a")]))]])
        #expect(pattern.conjunctions[1].fields.count == 2)
        let duplicate = try Pattern(parsing: #"{"k": ["hello"], "k": ["world"]}"#)
        #expect(duplicate.conjunctions[0].fields.map(\.alternatives) == [[.equals(.string("world"))]])
        #expect(duplicate.warnings.map(\.code) == [.duplicateKey])
    }

    /// Few fields are found by a scan, many through a dictionary: a repeated field replaces the
    /// earlier one and warns either way, also when the dictionary is built between the two.
    @Test(arguments: [2, 8, 9, 12])
    func laterLeafReplacesEarlierOneWithManyFields(fieldCount: Int) throws {
        let others = (0..<fieldCount).map { #""f\#($0)": [\#($0)]"# }
        for repeatAt in [0, fieldCount - 1] {
            let text = "{" + (others + [#""f\#(repeatAt)": ["last"]"#]).joined(separator: ", ") + "}"
            let pattern = try Pattern(parsing: text)
            let fields = pattern.conjunctions[0].fields
            #expect(fields.map(\.path.dottedName) == (0..<fieldCount).map { "f\($0)" }, "\(text)")
            #expect(fields[repeatAt].alternatives == [.equals(.string("last"))], "\(text)")
            #expect(pattern.warnings.map(\.code) == [.duplicateKey], "\(text)")
        }
        // "a.b" and {"a": {"b": ...}} name one field: the later replaces the earlier.
        let nested = (others + [#""g": {"h": [1]}"#, #""g.h": [2]"#]).joined(separator: ", ")
        let merged = try Pattern(parsing: "{" + nested + "}").conjunctions[0].fields
        #expect(merged.count == fieldCount + 1)
        #expect(merged.last?.alternatives.first == .equals(.number(NumberLiteral(text: "2"))))
    }

    @Test func repeatedObjectKeysMerge() throws {
        // DynamoDB's documented "Boolean AND" example repeats the key "dynamodb".
        let pattern = try Pattern(
            parsing: #"{"dynamodb": {"NewImage": {"a": {"S": ["x"]}}}, "dynamodb": {"OldImage": {"a": {"S": ["y"]}}}}"#)
        #expect(pattern.conjunctions[0].fields.map(\.path.dottedName) == ["dynamodb.NewImage.a.S", "dynamodb.OldImage.a.S"])
    }

    /// event-ruler's JsonRuleCompiler rejects a `$or` that is not an array of two or more objects
    /// naming fields (more cases in PatternValidityTests).
    @Test func orWithAnOperatorForABranchIsRejected() throws {
        let error = try #require(patternError(#"{"$or": [{"prefix": "x"}]}"#))
        #expect(error.code == .invalidOr)
        #expect(error.message == "prefix is Ruler reserved fieldName which cannot be used inside $or.")
    }

    @Test func orCombinationsAreCapped() throws {
        let branch = #"{"$or": [{"a": ["1"]}, {"b": ["2"]}, {"c": ["3"]}, {"d": ["4"]}]}"#
        let nested = (0..<5).map { #""k\#($0)": \#(branch)"# }.joined(separator: ", ")
        let error = try #require(patternError("{\(nested)}"))
        #expect(error.code == .tooManyCombinations)
    }

    @Test func fieldPathsArePathsNotStrings() throws {
        let pattern = try Pattern(parsing: #"{"a": {"b.c": ["x"]}, "d": [1]}"#)
        #expect(pattern.fieldPaths.map(\.segments) == [["a", "b.c"], ["d"]])
        #expect(pattern.fieldPaths[0].description == #"$.a["b.c"]"#)
    }
}
