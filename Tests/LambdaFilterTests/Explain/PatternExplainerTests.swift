import LambdaFilter
import LambdaFilterTestSupport
import Testing

@Suite("PatternExplainer")
struct PatternExplainerTests {
    /// The explainer's verdict must be AWS's on every raw corpus case (and so the compiled matcher's).
    @Test func agreesWithTheCorpusAndTheCompiledMatcher() throws {
        var checked = 0
        for testCase in try rawCorpusCases() where testCase.expect != "invalid" {
            let patterns = try testCase.patternTexts.map { try Pattern(parsing: $0, dialect: .eventbridge) }
            let record = try JSONParser().parseValue(testCase.recordText)
            let explained = patterns.contains { PatternExplainer.explain(pattern: $0, record: record).matched }
            let compiled = try !Matcher(patterns: patterns).matchingPatterns(in: Array(testCase.recordText.utf8)).isEmpty
            #expect(explained == (testCase.expect == "match"), "\(testCase.id): explainer disagrees with AWS")
            #expect(explained == compiled, "\(testCase.id): explainer disagrees with the compiled matcher")
            checked += 1
        }
        #expect(checked >= 100)
    }

    /// Seeded random patterns and records: the explainer and the compiled matcher must agree.
    @Test(arguments: [UInt64(11), 12, 13])
    func agreesWithTheCompiledMatcherOnRandomCases(seed: UInt64) throws {
        var generator = RandomCases(seed: seed)
        var matches = 0
        for _ in 0..<400 {
            let pattern = generator.pattern()
            let matcher = Matcher(patterns: [pattern])
            for _ in 0..<5 {
                let record = generator.record()
                let compiled = try !matcher.matchingPatterns(in: Array(JSONWriter.write(record).utf8)).isEmpty
                let explanation = PatternExplainer.explain(pattern: pattern, record: record)
                #expect(explanation.matched == compiled, "seed \(seed): \(pattern.text) on \(JSONWriter.write(record))")
                if compiled { matches += 1 }
            }
        }
        // Agreement only means something if matches happen.
        #expect(matches > 100)
    }

    struct ReasonCase: CustomTestStringConvertible, Sendable {
        var pattern: String
        var record: String
        var matched: Bool
        /// The reason of the first field whose path is `field`.
        var field: String
        var reason: String
        /// A fragment some hint must contain, or nil when the field must have no hint.
        var hint: String?
        var testDescription: String { "\(pattern) ~ \(record)" }
    }

    static let reasonCases: [ReasonCase] = [
        ReasonCase(
            pattern: #"{"amount": [{"numeric": [">", 100]}]}"#, record: #"{"amount": 99.5}"#, matched: false,
            field: "$.amount", reason: #"numeric [">", 100] failed: 99.5"#, hint: nil),
        ReasonCase(
            pattern: #"{"status": [{"exists": true}]}"#, record: #"{"other": 1}"#, matched: false,
            field: "$.status", reason: "missing, needs exists: true", hint: nil),
        ReasonCase(
            pattern: #"{"status": ["paid"]}"#, record: #"{"status": "paid"}"#, matched: true,
            field: "$.status", reason: #"exact "paid" held: "paid""#, hint: nil),
        ReasonCase(
            pattern: #"{"amount": [{"numeric": [">", 100]}]}"#, record: #"{"amount": "150"}"#, matched: false,
            field: "$.amount", reason: #"numeric [">", 100] failed: "150""#, hint: "is the string \"150\", not a number"),
        ReasonCase(
            pattern: #"{"status": ["PAID"]}"#, record: #"{"status": "paid"}"#, matched: false,
            field: "$.status", reason: #"exact "PAID" failed: "paid""#, hint: "only in case"),
        ReasonCase(
            pattern: #"{"code": ["200"]}"#, record: #"{"code": 200}"#, matched: false,
            field: "$.code", reason: #"exact "200" failed: 200"#, hint: "a string never equals a number"),
        ReasonCase(
            pattern: #"{"detail": [{"exists": true}]}"#, record: #"{"detail": {"state": "on"}}"#, matched: false,
            field: "$.detail", reason: "missing, needs exists: true", hint: "is an object, not a value"),
        ReasonCase(
            pattern: #"{"price": [{"numeric": [">", 1]}]}"#, record: #"{"price": {"N": "5"}}"#, matched: false,
            field: "$.price", reason: #"missing, needs numeric [">", 1]"#, hint: "DynamoDB typed value"),
        ReasonCase(
            pattern: #"{"name": ["x"]}"#, record: #"{"name": {"value": "x"}}"#, matched: false,
            field: "$.name", reason: #"missing, needs exact "x""#, hint: "one level deeper"),
        ReasonCase(
            pattern: #"{"body": {"status": ["ok"]}}"#, record: #"{"body": "{\"status\": \"ok\"}"}"#, matched: false,
            field: "$.body.status", reason: #"missing, needs exact "ok""#, hint: "holding JSON text"),
        ReasonCase(
            pattern: #"{"Status": ["ok"]}"#, record: #"{"status": "ok"}"#, matched: false,
            field: "$.Status", reason: #"missing, needs exact "ok""#, hint: "keys are case-sensitive"),
        ReasonCase(
            pattern: #"{"gone": [{"exists": false}]}"#, record: #"{"gone": null}"#, matched: false,
            field: "$.gone", reason: "exists: false failed: null", hint: "is present"),
        ReasonCase(
            pattern: #"{"gone": [{"exists": false}]}"#, record: #"{"other": 1}"#, matched: true,
            field: "$.gone", reason: "absent, as exists: false requires", hint: nil),
        ReasonCase(
            pattern: #"{"name": ["é"]}"#, record: "{\"name\": \"e\u{301}\"}", matched: false,
            field: "$.name", reason: "exact \"é\" failed: \"e\u{301}\"", hint: "Unicode normalization"),
        ReasonCase(
            pattern: #"{"tags": ["a", "b"]}"#, record: #"{"tags": ["c", "b"]}"#, matched: true,
            field: "$.tags", reason: #"exact "b" held: "b" at $.tags[1]"#, hint: nil),
        ReasonCase(
            pattern: #"{"flag": [true]}"#, record: #"{"flag": "true"}"#, matched: false,
            field: "$.flag", reason: "exact true failed: \"true\"", hint: "not the boolean true"),
        ReasonCase(
            pattern: #"{"n": [2]}"#, record: #"{"n": 2.00000000000000002}"#, matched: false,
            field: "$.n", reason: "exact 2 failed: 2.00000000000000002", hint: "compares it only by its text"),
        ReasonCase(
            pattern: #"{"n": [{"numeric": [">=", 1]}]}"#, record: #"{"n": 1.00000000000000001}"#, matched: false,
            field: "$.n", reason: #"numeric [">=", 1] failed: 1.00000000000000001"#, hint: "never compares it by value"),
        ReasonCase(
            pattern: #"{"n": [{"numeric": [">=", 1]}]}"#, record: #"{"n": 0.9999999999999999}"#, matched: false,
            field: "$.n", reason: #"numeric [">=", 1] failed: 0.9999999999999999"#, hint: nil),
    ]

    @Test(arguments: reasonCases)
    func reasonsAndHints(_ testCase: ReasonCase) throws {
        let pattern = try Pattern(parsing: testCase.pattern, dialect: .eventbridge)
        let explanation = PatternExplainer.explain(pattern: pattern, record: try JSONParser().parseValue(testCase.record))
        #expect(explanation.matched == testCase.matched)
        let field = try #require(explanation.conjunctions.flatMap(\.fields).first { $0.path.description == testCase.field })
        #expect(field.reason == testCase.reason)
        if let hint = testCase.hint {
            #expect(field.hints.contains { $0.contains(hint) }, "hints: \(field.hints)")
        } else {
            #expect(field.hints.isEmpty, "unexpected hints: \(field.hints)")
        }
    }

    /// Regression: a value one level deeper than the pattern expects (a DynamoDB value without its
    /// type key) holds the very text the pattern names; it used to draw a false "another Unicode
    /// normalization form" hint, since the texts are identical.
    @Test(arguments: [#"{"status": {"S": "OPEN"}}"#, #"{"status": {"value": "OPEN"}}"#])
    func deeperIdenticalTextGetsNoNormalizationHint(_ record: String) throws {
        let pattern = try Pattern(parsing: #"{"status": ["OPEN"]}"#)
        let explanation = PatternExplainer.explain(pattern: pattern, record: try JSONParser().parseValue(record))
        let hints = explanation.conjunctions[0].fields[0].hints
        #expect(hints.contains { $0.contains("one level deeper") }, "hints: \(hints)")
        #expect(!hints.contains { $0.contains("normalization") }, "hints: \(hints)")
    }

    /// Two fields that each hold, but only in different elements of one array.
    @Test func reportsAnArrayConsistencyConflict() throws {
        let pattern = try Pattern(parsing: #"{"items": {"sku": ["a"], "qty": [2]}}"#)
        let record = try JSONParser().parseValue(#"{"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2}]}"#)
        let explanation = PatternExplainer.explain(pattern: pattern, record: record)
        #expect(!explanation.matched)
        #expect(explanation.conjunctions[0].fields.allSatisfy { $0.held })
        #expect(explanation.conjunctions[0].arrayConflict?.map(\.description) == ["$.items.sku", "$.items.qty"])
        let sku = explanation.conjunctions[0].fields[0]
        #expect(sku.leaves.map(\.locationDescription) == ["$.items[0].sku", "$.items[1].sku"])
        #expect(sku.alternatives[0].matchingLeaves == [0])
    }

    /// `$or` expands into conjunctions, each explained on its own.
    @Test func explainsEachOrBranch() throws {
        let pattern = try Pattern(parsing: #"{"$or": [{"a": [1]}, {"b": [{"prefix": "x"}]}]}"#)
        let record = try JSONParser().parseValue(#"{"a": 2, "b": "xy"}"#)
        let explanation = PatternExplainer.explain(pattern: pattern, record: record)
        #expect(explanation.matched)
        #expect(explanation.conjunctions.map(\.held) == [false, true])
        #expect(explanation.conjunctions[1].fields[0].reason == #"prefix "x" held: "xy""#)
    }

    struct SummaryCase: CustomTestStringConvertible, Sendable {
        var pattern: String
        var summary: String
        var testDescription: String { pattern }
    }

    static let summaryCases: [SummaryCase] = [
        SummaryCase(pattern: #"{"f": [{"numeric": [">=", 0, "<", 1.5]}]}"#, summary: #"numeric [">=", 0, "<", 1.5]"#),
        SummaryCase(pattern: #"{"f": [{"numeric": ["=", 100]}]}"#, summary: #"numeric ["=", 100]"#),
        SummaryCase(pattern: #"{"f": [{"anything-but": ["a", "b"]}]}"#, summary: #"anything-but ["a", "b"]"#),
        SummaryCase(pattern: #"{"f": [{"anything-but": {"prefix": "x"}}]}"#, summary: #"anything-but prefix "x""#),
        SummaryCase(pattern: #"{"f": [{"suffix": {"equals-ignore-case": ".PNG"}}]}"#, summary: #"suffix equals-ignore-case ".PNG""#),
        SummaryCase(pattern: #"{"f": [{"wildcard": "a*b"}]}"#, summary: #"wildcard "a*b""#),
        SummaryCase(pattern: #"{"f": [{"cidr": "10.0.0.0/24"}]}"#, summary: #"cidr "10.0.0.0/24""#),
        SummaryCase(pattern: #"{"f": [1.50]}"#, summary: "exact 1.50"),
        SummaryCase(pattern: #"{"f": [null]}"#, summary: "exact null"),
    ]

    @Test(arguments: summaryCases)
    func conditionSummaries(_ testCase: SummaryCase) throws {
        let pattern = try Pattern(parsing: testCase.pattern, dialect: .eventbridge)
        #expect(pattern.conjunctions[0].fields[0].alternatives[0].summary == testCase.summary)
    }
}

/// `explain` reads a raw record only where `PatternExplainer.recordParts` says; the
/// explanation must be the same as of the whole record.
@Suite("PatternExplainer on partly read records")
struct PartlyReadRecordTests {
    static func partly(_ text: String, for patterns: [Pattern]) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try JSONParser().parseValue(utf8: buffer, keeping: PatternExplainer.recordParts(for: patterns))
        }
    }

    @Test func corpusCasesExplainTheSame() throws {
        var checked = 0
        for testCase in try rawCorpusCases() where testCase.expect != "invalid" {
            let patterns = try testCase.patternTexts.map { try Pattern(parsing: $0, dialect: .eventbridge) }
            let whole = try JSONParser().parseValue(testCase.recordText)
            let partial = try Self.partly(testCase.recordText, for: patterns)
            for pattern in patterns {
                #expect(
                    PatternExplainer.explain(pattern: pattern, record: partial)
                        == PatternExplainer.explain(pattern: pattern, record: whole),
                    "\(testCase.id)")
            }
            checked += 1
        }
        #expect(checked >= 100)
    }

    @Test(arguments: [UInt64(31), 32])
    func randomCasesExplainTheSame(seed: UInt64) throws {
        var generator = RandomCases(seed: seed)
        var pruned = 0
        for _ in 0..<300 {
            let pattern = generator.pattern()
            for _ in 0..<3 {
                let text = JSONWriter.write(generator.record())
                let whole = try JSONParser().parseValue(text)
                let partial = try Self.partly(text, for: [pattern])
                if partial != whole { pruned += 1 }
                #expect(
                    PatternExplainer.explain(pattern: pattern, record: partial)
                        == PatternExplainer.explain(pattern: pattern, record: whole),
                    "seed \(seed): \(pattern.text) on \(text)")
            }
        }
        // The check means something only if parts were left out.
        #expect(pruned > 100)
    }

    /// The hints that look beside the path: a key in another case, a value one level deeper, a
    /// scalar in the way, an empty array.
    @Test(arguments: [
        (#"{"order": {"Status": "paid"}}"#, #"{"order": {"status": ["paid"]}}"#),
        (#"{"order": {"status": {"S": "paid", "x": {"y": 1}}}, "other": [1, 2]}"#, #"{"order": {"status": ["paid"]}}"#),
        (#"{"order": "{\"status\": \"paid\"}", "z": 1}"#, #"{"order": {"status": ["paid"]}}"#),
        (#"{"order": {"status": []}, "junk": {"status": 1}}"#, #"{"order": {"status": [{"exists": true}]}}"#),
        (#"{"a.b": [{"C": 2}, 3], "a": {"b": {"c": "1"}}}"#, #"{"a": {"b": {"c": [1]}}}"#),
    ])
    func hintsBesideThePathAreTheSame(record: String, pattern: String) throws {
        let pattern = try Pattern(parsing: pattern)
        let whole = PatternExplainer.explain(pattern: pattern, record: try JSONParser().parseValue(record))
        #expect(PatternExplainer.explain(pattern: pattern, record: try Self.partly(record, for: [pattern])) == whole)
        #expect(whole.conjunctions.contains { $0.fields.contains { !$0.hints.isEmpty } })
    }
}
