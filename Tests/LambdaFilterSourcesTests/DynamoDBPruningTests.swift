import LambdaFilter
import Testing

@testable import LambdaFilterSources

/// The DynamoDB byte path matches a record as the members the patterns can name
/// (`Walker.dynamoDBVerdict`): its verdicts must be those of the whole record, for every set of
/// patterns, on valid records and on the same records broken at every byte, and near the depth
/// limit.
@Suite("DynamoDB records: members no pattern names left out")
struct DynamoDBPruningTests {
    /// Sets of patterns, each compiled on its own: a narrow one (most members left out), ones on
    /// every kind of member, dotted names, absence, and one naming nearly everything.
    static let patternSets: [[String]] = [
        [#"{"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}}"#],
        [#"{"eventName": ["INSERT"], "dynamodb": {"Keys": {"pk": {"S": [{"prefix": "USER"}]}}}}"#],
        [#"{"dynamodb": {"NewImage": {"gone": {"S": [{"exists": false}]}}}}"#, #"{"awsRegion": [{"exists": false}]}"#],
        [#"{"dynamodb": {"OldImage": {"status": {"S": [{"anything-but": ["PENDING"]}]}}, "SizeBytes": [{"numeric": [">", 10]}]}}"#],
        [#"{"dynamodb.NewImage": {"status": {"S": ["SHIPPED"]}}}"#, #"{"dynamodb": {"NewImage.score": {"N": ["574"]}}}"#],
        [#"{"dynamodb": {"NewImage": {"tags": {"L": {"S": ["a"]}}}}}"#, #"{"dynamodb": {"x": {"y": [1]}}}"#],
        [#"{"dynamodbX": ["1"], "dynamodb": {"StreamViewTypeX": ["1"]}}"#],
        [
            #"{"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}, "OldImage": {"status": {"S": ["PENDING"]}}}}"#,
            #"{"dynamodb": {"NewImage": {"m": {"M": {"x": {"S": ["1"]}}}, "a31": {"N": ["31"]}, "a32": {"N": [{"exists": false}]}}}}"#,
            #"{"dynamodb": {"NewImage": {"m.M.x.S": ["1"]}, "Keys": {"pk": {"S": [{"suffix": "9"}]}}}}"#,
        ],
        [
            #"{"eventID": [{"exists": true}], "eventSource": ["aws:dynamodb"], "eventSourceARN": [{"prefix": "arn"}]}"#,
            #"{"dynamodb": {"Keys": {"pk": {"S": [{"exists": true}]}}, "NewImage": {"status": {"S": ["SHIPPED"]}}}}"#,
            #"{"dynamodb": {"OldImage": {"status": {"S": ["PENDING"]}}, "StreamViewType": ["NEW_AND_OLD_IMAGES"]}}"#,
        ],
    ]

    /// DynamoDB records and events, dense as Lambda writes them.
    static let records: [String] = [
        #"{"eventID":"8","eventName":"MODIFY","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1735689600,"Keys":{"pk":{"S":"USER#9"}},"SizeBytes":73,"StreamViewType":"NEW_AND_OLD_IMAGES","NewImage":{"pk":{"S":"USER#9"},"status":{"S":"SHIPPED"},"score":{"N":"574"},"tags":{"L":[{"S":"a"},{"N":"1"}]}},"OldImage":{"status":{"S":"PENDING"}}},"eventSourceARN":"arn:aws"}"#,
        #"{"eventName":"INSERT","dynamodb":{"NewImage":{"status":{"S":"PENDING"}},"x":{"y":[1,2]},"Keys":{"pk":{"S":"ORDER#1"}}},"eventSource":"aws:dynamodb"}"#,
        #"{"dynamodb.NewImage":{"status":{"S":"SHIPPED"}},"eventSource":"aws:dynamodb","dynamodb":{"NewImage.score":{"N":"574"},"SizeBytes":11}}"#,
        #"{"":{"a":"x"},"eventSource":"aws:dynamodb","dynamodb":{"":1,"NewImage":{"status":{"S":"SHIPPED"}},"NewImage":{"gone":{"S":"x"}}},"dynamodbX":"1"}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{}}"#,
        // Many attributes; images repeated; a dotted attribute name beside the nested one.
        #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{\#((0..<40).map { #""a\#($0)":{"N":"\#($0)"}"# }.joined(separator: ","))}}}"#,
        #"{"eventSource":"aws:dynamodb","dynamodb":{"Keys":{"pk":{"S":"9"}},"NewImage":{"m":{"M":{"x":{"S":"1"}}},"m.M.x.S":{"S":"1"}},"OldImage":{"status":{"S":"PENDING"}},"NewImage":{"status":{"S":"SHIPPED"}},"Keys":{}}}"#,
        #"{"Records":[{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"status":{"S":"SHIPPED"}}}},{"eventSource":"aws:dynamodb","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"USER"}}}}]}"#,
    ]

    static func sets(_ texts: [String], maxDepth: Int = MatcherLimits.defaultMaxDepth) throws -> [EventSource: FilterSet] {
        let patterns = try texts.map { try Pattern(parsing: $0, dialect: .eventbridge) }
        let matcher = Matcher(patterns: patterns, maxDepth: maxDepth)
        return Dictionary(uniqueKeysWithValues: EventSource.allCases.map { ($0, FilterSet(source: $0, matcher: matcher)) })
    }

    /// The byte path's answer for `bytes` with the members left out (`pruning`) or not, and how
    /// many records were matched so.
    static func answer(_ bytes: [UInt8], _ sets: [EventSource: FilterSet], pruning: Bool) -> (DensePathTests.Answer, Int) {
        var scratch = RecordScratch()
        scratch.prunesDynamoDBRecords = pruning
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in
                try RecordBytes.verdicts(of: buffer, selection: .dynamodb, filterSets: sets, scratch: &scratch)
            }
        }
        switch result {
        case .success(let verdicts):
            return (DensePathTests.Answer(verdicts: verdicts.map { $0.map { "\($0.0) \($0.1)" } }), scratch.prunedDynamoDBRecords)
        case .failure(let error): return (DensePathTests.Answer(error: error), scratch.prunedDynamoDBRecords)
        }
    }

    /// The members `TypedImages.dense` records are the object's members as the member walk
    /// reads them (key content, value), on every `dynamodb` object it answers.
    @Test(arguments: DensePathTests.streamRecords.map(\.text))
    func denseRecordsTheMembersTheWalkReads(text: String) throws {
        for bytes in DensePathTests.mutations(of: text) where !bytes.isEmpty {
            try bytes.withUnsafeBufferPointer { buffer in
                var recorded: [MemberSpan] = []
                let end = TypedImages.dense(buffer.baseAddress!, buffer.count, at: 0, depth: 1, maxDepth: 512, members: &recorded)
                guard end != TypedImages.declined else { return }
                var walked: [MemberSpan] = []
                var cursor = StrictJSONCursor(buffer, maxDepth: 512)
                try cursor.forEachMember(depth: 1) { cursor, key, escaped throws(JSONSyntaxError) in
                    let start = cursor.position
                    try cursor.skipValue(depth: 2)
                    walked.append(MemberSpan(key: key, escaped: escaped, value: start..<cursor.position))
                }
                let shown = String(decoding: bytes, as: UTF8.self)
                #expect(recorded.map(\.key) == walked.map(\.key), "\(shown)")
                #expect(recorded.map(\.value) == walked.map(\.value), "\(shown)")
                let anyEscaped = walked.contains { $0.escaped }
                #expect(!anyEscaped, "\(shown)")
            }
        }
    }

    @Test(arguments: records, patternSets.indices)
    func theViewHasTheWholeRecordsVerdicts(text: String, set: Int) throws {
        let sets = try Self.sets(Self.patternSets[set])
        let bytes = Array(text.utf8)
        let (pruned, count) = Self.answer(bytes, sets, pruning: true)
        #expect(count > 0, "\(text)")
        #expect(pruned == Self.answer(bytes, sets, pruning: false).0, "\(text)")
        try RecordBytesTests.expectSame(text, .dynamodb, sets, mustAnswer: true)
    }

    /// Some verdicts are passes, so the comparison above is not between two "no match"es.
    @Test func somePatternsMatch() throws {
        let sets = try Self.sets(Self.patternSets[0])
        let (answer, _) = Self.answer(Array(Self.records[0].utf8), sets, pruning: true)
        #expect(answer.verdicts == ["$ success(passed by filter 0)"])
    }

    @Test(arguments: [0, 3, 7, 8])
    func brokenRecordsHaveTheWholeRecordsAnswers(set: Int) throws {
        let sets = try Self.sets(Self.patternSets[set])
        for text in Self.records.prefix(4) {
            for bytes in DensePathTests.mutations(of: text) {
                let pruned = Self.answer(bytes, sets, pruning: true).0
                #expect(pruned == Self.answer(bytes, sets, pruning: false).0, "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    /// A member left out may nest deeper than the matcher reads: the record must then fail to
    /// match as the whole record does (or be left to the walk).
    @Test(arguments: 2...9)
    func deepMembersLeftOutKeepTheDepthLimit(maxDepth: Int) throws {
        let sets = try Self.sets([#"{"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}}"#], maxDepth: maxDepth)
        for levels in 0...(maxDepth + 1) {
            let deep = String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels)
            let deepObject = String(repeating: #"{"a":"#, count: levels) + "1" + String(repeating: "}", count: levels)
            for text in [
                #"{"eventSource":"aws:dynamodb","deep":\#(deep),"dynamodb":{"NewImage":{"status":{"S":"SHIPPED"}}}}"#,
                #"{"eventSource":"aws:dynamodb","dynamodb":{"deep":\#(deepObject),"NewImage":{"status":{"S":"SHIPPED"}}}}"#,
                #"{"eventSource":"aws:dynamodb","dynamodb":{"NewImage":{"status":{"S":"SHIPPED"}},"OldImage":{"m":{"M":{"m":\#(deepObject)}}}}}"#,
            ] {
                let bytes = Array(text.utf8)
                #expect(Self.answer(bytes, sets, pruning: true).0 == Self.answer(bytes, sets, pruning: false).0, "\(text)")
            }
        }
    }
}
