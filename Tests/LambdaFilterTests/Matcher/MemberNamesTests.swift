import Testing

@testable import LambdaFilter

/// `Matcher.nameState`/`readsMembers`/`firstKeyBytes`, the answers a caller uses to leave out
/// members the scan would skip unread: the states are the trie's, the first-byte sets never
/// drop a key that `nameState` keeps, and dropping what they drop leaves every match as it was.
@Suite("Matcher: member names the scan reads")
struct MemberNamesTests {
    static let patternSets: [[String]] = [
        [#"{"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}}"#],
        [#"{"a.b": ["1"], "a": {"c": [{"exists": false}]}, "": {"x": ["1"]}}"#],
        [#"{"eventName": ["INSERT"], "detail": {"state": [{"prefix": "r"}]}}"#, #"{"é": ["1"], "e\u0301": ["2"]}"#],
        [#"{"x": [1]}"#, #"{"xy": {"z": [true]}}"#],
    ]

    /// Keys at the top and one level down: named ones, their prefixes and extensions, dotted
    /// ones, empty, non-ASCII.
    static let keys: [String] = [
        "dynamodb", "dynamodbX", "dynamo", "NewImage", "status", "a", "a.b", "a.c", "b", "c", "", ".b", "x", "xy", "xyz", "z",
        "eventName", "eventNam", "detail", "state", "é", "e\u{301}", "e", "\u{301}", "NewImage.status",
    ]

    static func matcher(_ texts: [String]) throws -> Matcher {
        Matcher(patterns: try texts.map { try Pattern(parsing: $0, dialect: .eventbridge) })
    }

    static func state(_ matcher: Matcher, _ key: String, from state: Int32, atTop: Bool) -> Int32? {
        Array(key.utf8).withUnsafeBufferPointer { matcher.nameState(entering: $0, from: state, atTop: atTop) }
    }

    @Test(arguments: patternSets)
    func statesAreTheTriesAndTheFirstBytesKeepThem(texts: [String]) throws {
        let matcher = try Self.matcher(texts)
        var states: [(Int32, Bool)] = [(Matcher.documentNameState, true)]
        for key in Self.keys {
            if let state = Self.state(matcher, key, from: Matcher.documentNameState, atTop: true) { states.append((state, false)) }
        }
        for (state, atTop) in states {
            let words = matcher.firstKeyBytes(from: state, atTop: atTop)
            #expect(words.count == 4)
            for key in Self.keys {
                let entered = Self.state(matcher, key, from: state, atTop: atTop)
                let expected = Array(key.utf8).withUnsafeBufferPointer { matcher.tables.trie.enter(state, key: $0, atTop: atTop) }
                #expect((entered ?? PathTrie.dead) == expected, "\(key)")
                if entered != nil, let first = key.utf8.first {
                    #expect((words[Int(first >> 6)] >> UInt64(first & 63)) & 1 == 1, "\(key) from \(state)")
                }
            }
        }
        let copy = matcher
        #expect(copy.tablesIdentity == matcher.tablesIdentity)
        let other = try Self.matcher(texts)
        #expect(other.tablesIdentity != matcher.tablesIdentity)
    }

    /// Matching the members whose names the scan reads gives the whole record's matches.
    @Test(arguments: patternSets)
    func leavingOutUnreadMembersKeepsTheMatches(texts: [String]) throws {
        let matcher = try Self.matcher(texts)
        let records = [
            #"{"dynamodb":{"NewImage":{"status":{"S":"SHIPPED"}},"Keys":{}},"eventName":"INSERT","a.b":"1","":{"x":"1"}}"#,
            #"{"a":{"b":"1","c":null},"detail":{"state":"run"},"é":"1","x":1,"xy":{"z":true},"xyz":[1]}"#,
            #"{"dynamo":1,"dynamodbX":{"NewImage":{"status":{"S":"SHIPPED"}}},"e\u0301":"2","e":"2"}"#,
        ]
        for record in records {
            let whole = try matcher.matchingPatterns(in: Array(record.utf8))
            let members = try #require(try JSONParser().parseValue(record).objectMembers)
            let kept = members.filter { Self.state(matcher, $0.key, from: Matcher.documentNameState, atTop: true) != nil }
            let pruned = JSONWriter.write(.object(kept))
            #expect(kept.count < members.count, "\(record)")
            #expect(try matcher.matchingPatterns(in: Array(pruned.utf8)) == whole, "\(record) as \(pruned)")
        }
    }
}
