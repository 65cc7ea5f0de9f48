import LambdaFilter
import Testing

@Suite("Compiled matcher")
struct MatcherTests {
    func matcher(_ texts: [String], dialect: Dialect = .eventbridge) throws -> Matcher {
        Matcher(patterns: try texts.map { try Pattern(parsing: $0, dialect: dialect) })
    }

    @Test func reportsEveryMatchingPatternInOrder() throws {
        let matcher = try matcher([
            #"{"a": ["x"]}"#, #"{"b": [1]}"#, #"{"a": [{"prefix": "x"}], "b": [1]}"#, #"{"c": [{"exists": false}]}"#,
        ])
        #expect(try matcher.matchingPatterns(in: Array(#"{"a": "x", "b": 1}"#.utf8)) == [0, 1, 2, 3])
        #expect(try matcher.matchingPatterns(in: Array(#"{"a": "y", "b": 1, "c": 0}"#.utf8)) == [1])
        #expect(try matcher.matchingPatterns(in: Array(#"{}"#.utf8)) == [3])
    }

    /// Wildcards are compiled predicates of their own kind: they hold on strings only, and a
    /// field's wildcards are each checked (not just the first).
    @Test(arguments: [
        (#"{"f": "dir/a.png"}"#, [0, 2]), (#"{"f": "dir/a.jpg"}"#, [1]), (#"{"f": "x.png"}"#, [2]),
        (#"{"f": 7}"#, []), (#"{"f": ["dir/b.png", "dir/c.jpg"]}"#, [0, 1, 2]), (#"{"f": "dir/*.png"}"#, [0, 2]),
    ])
    func wildcardsHoldOnStringsOnly(record: String, expected: [Int]) throws {
        let matcher = try matcher([
            #"{"f": [{"wildcard": "dir/*.png"}]}"#, #"{"f": [{"wildcard": "dir/*.jpg"}]}"#, #"{"f": [{"wildcard": "*.png"}]}"#,
        ])
        #expect(try matcher.matchingPatterns(in: Array(record.utf8)) == expected)
    }

    @Test func scratchIsReusableAcrossRecords() throws {
        let matcher = try matcher([#"{"a": ["x"], "b": ["y"]}"#])
        var scratch = MatchScratch()
        let records = [#"{"a": "x", "b": "y"}"#, #"{"a": "x"}"#, #"{"b": "y"}"#, #"{"b": "y", "a": "x"}"#]
        var verdicts: [Bool] = []
        for record in records {
            try Array(record.utf8).withUnsafeBufferPointer { buffer in try matcher.match(buffer, into: &scratch) }
            verdicts.append(!scratch.matchedPatterns.isEmpty)
        }
        #expect(verdicts == [true, false, false, true])
    }

    @Test func arrayElementsMustAgree() throws {
        // event-ruler's arraysBugTest: the two fields sit in different elements of one array.
        let matcher = try matcher([#"{"h": {"blue": [false], "creator": ["A123"]}}"#, #"{"h": {"blue": [true], "creator": ["A123"]}}"#])
        let record = #"{"h": [{"blue": true, "creator": "A123"}, {"blue": false, "creator": "A234"}]}"#
        #expect(try matcher.matchingPatterns(in: Array(record.utf8)) == [1])
    }

    @Test func nestedArraysAndOuterFieldsCombine() throws {
        let matcher = try matcher([#"{"id": ["1"], "o": {"l": {"k": ["a"], "v": [2]}}}"#])
        #expect(try matcher.matchesAny(Array(#"{"id": "1", "o": [{"l": [{"k": "a", "v": 1}, {"k": "b", "v": 2}]}]}"#.utf8)) == false)
        #expect(try matcher.matchesAny(Array(#"{"id": "1", "o": [{"l": [{"k": "b", "v": 1}, {"k": "a", "v": 2}]}]}"#.utf8)) == true)
        #expect(try matcher.matchesAny(Array(#"{"id": ["0", "1"], "o": {"l": {"k": ["a"], "v": [2]}}}"#.utf8)) == true)
    }

    @Test func skipsUnnamedSubtreesButStillRejectsBrokenRecords() throws {
        let matcher = try matcher([#"{"a": ["x"]}"#])
        #expect(try matcher.matchesAny(Array(#"{"z": {"deep": [1, {"q": "\u00e9"}]}, "a": "x"}"#.utf8)))
        // Errors met before the last named field are reported with their offset.
        let broken: [(String, Int)] = [
            (#"{"z": [1, 2}, "a": "x"}"#, 11), (#"{"a": "x"#, 6), (#"{"z": tru, "a": "x"}"#, 6), (#"{"z": {"q": [}}, "a": "x"}"#, 13),
            ("", 0),
            (#"{"a": "#, 6), (#"{"b": "x"} x"#, 11),
        ]
        for (record, offset) in broken {
            #expect(throws: JSONSyntaxError.self) { try matcher.matchesAny(Array(record.utf8)) }
            do {
                _ = try matcher.matchesAny(Array(record.utf8))
            } catch {
                #expect(error.offset == offset, "\(record): \(error)")
            }
        }
    }

    @Test func stopsReadingOnceEveryPatternHasMatched() throws {
        // Once "a" matched, nothing after it can change the verdict, so the scan stops there
        // (documented on RecordScanner); strict callers parse with JSONParser first, which
        // rejects this record. (EngineFidelityTests.earlyStopWaitsForEveryPattern: not sooner.)
        let matcher = try matcher([#"{"a": ["x"]}"#])
        let record = #"{"a": "x", "z": [1, 2}"#
        #expect(try matcher.matchesAny(Array(record.utf8)))
        #expect(throws: JSONSyntaxError.self) { try JSONParser().parse(record) }
        // Inside an array more elements may follow, so the scan goes on.
        let arrays = try self.matcher([#"{"a": ["y"]}"#])
        #expect(try arrays.matchesAny(Array(#"{"a": ["x", "y"], "z": 1}"#.utf8)))
    }

    @Test func emptyKeysJoinLikeAnyOtherKey() throws {
        // AWS joins keys with ".": {"": {"b": 1}} names ".b", not "b" (found by the mutation test).
        let matcher = try matcher([#"{"b": [1]}"#, #"{"": {"b": [1]}}"#, #"{"": [1]}"#])
        #expect(try matcher.matchingPatterns(in: Array(#"{"": {"b": 1}}"#.utf8)) == [1])
        #expect(try matcher.matchingPatterns(in: Array(#"{"": 1}"#.utf8)) == [2])
        #expect(try matcher.matchingPatterns(in: Array(#"{"b": 1}"#.utf8)) == [0])
        // A matcher whose only field is the empty key still reads the top object's members.
        let onlyEmpty = try self.matcher([#"{"": ["x"]}"#])
        #expect(try onlyEmpty.matchesAny(Array(#"{"a": 1, "": "x"}"#.utf8)))
    }

    @Test func deepRecordsGetAnErrorNotACrash() throws {
        let matcher = try matcher([#"{"a": ["x"]}"#])
        let deep = #"{"z": "# + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}"
        #expect(throws: JSONSyntaxError.self) { try matcher.matchesAny(Array(deep.utf8)) }
    }

    @Test func invalidUTF8InANamedValueIsAnError() throws {
        let matcher = try matcher([#"{"a": ["x"]}"#])
        let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: JSONSyntaxError(offset: 7, reason: "invalid UTF-8 byte 0xFF", kind: .invalidUTF8)) { try matcher.matchesAny(bytes) }
    }

    @Test func matchingAJSONValueAgreesWithBytes() throws {
        let matcher = try matcher([#"{"a": {"b": [{"numeric": [">", 1]}]}}"#])
        let record: JSONValue = .object([JSONMember("a", .object([JSONMember("b", .number("2"))]))])
        #expect(matcher.matchingPatterns(in: record) == [0])
    }

    @Test func conditionsSharedByManyPatternsAreEvaluatedOnce() throws {
        // 500 patterns over one field share one index entry; each still gets its own verdict.
        let texts = (0..<500).map { #"{"k": ["v\#($0 % 5)"], "n": [\#($0)]}"# }
        let matcher = try matcher(texts)
        #expect(try matcher.matchingPatterns(in: Array(#"{"k": "v2", "n": 7}"#.utf8)) == [7])
        #expect(try matcher.matchingPatterns(in: Array(#"{"k": "v2", "n": 8}"#.utf8)) == [])
    }
}
