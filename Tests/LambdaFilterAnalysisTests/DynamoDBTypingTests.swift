import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources
import Testing

@Suite("DynamoDB: plain patterns to typed, records to plain items")
struct DynamoDBTypingTests {
    struct ConversionCase: CustomTestStringConvertible, Sendable {
        var name: String
        var pattern: String
        var typed: String
        var types: [String: String] = [:]
        var defaultType: String?
        var withSample = false
        /// A fragment each expected warning contains (none: no warnings).
        var warnings: [String] = []
        var testDescription: String { name }
    }

    static let cases: [ConversionCase] = [
        ConversionCase(
            name: "string value (the issue's example)", pattern: #"{"NewImage":{"status":["OPEN"]}}"#,
            typed: #"{"NewImage":{"status":{"S":["OPEN"]}}}"#, warnings: ["wrap the pattern"]),
        ConversionCase(
            name: "inside dynamodb", pattern: #"{"dynamodb":{"NewImage":{"status":["OPEN","CLOSED"]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"status":{"S":["OPEN","CLOSED"]}}}}"#),
        ConversionCase(
            name: "number becomes its text under N", pattern: #"{"dynamodb":{"Keys":{"id":[101, 7.5]}}}"#,
            typed: #"{"dynamodb":{"Keys":{"id":{"N":["101","7.5"]}}}}"#),
        ConversionCase(
            name: "boolean", pattern: #"{"dynamodb":{"NewImage":{"active":[true]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"active":{"BOOL":[true]}}}}"#),
        ConversionCase(
            name: "null", pattern: #"{"dynamodb":{"NewImage":{"gone":[null]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"gone":{"NULL":[true]}}}}"#),
        ConversionCase(
            name: "nested object becomes M", pattern: #"{"dynamodb":{"NewImage":{"address":{"city":["Paris"]}}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"address":{"M":{"city":{"S":["Paris"]}}}}}}"#),
        ConversionCase(
            name: "typed attributes are kept", pattern: #"{"dynamodb":{"NewImage":{"status":{"S":["OPEN"]},"n":[1]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"status":{"S":["OPEN"]},"n":{"N":["1"]}}}}"#),
        ConversionCase(
            name: "prefix is a string condition", pattern: #"{"dynamodb":{"OldImage":{"sku":[{"prefix":"KB-"}]}}}"#,
            typed: #"{"dynamodb":{"OldImage":{"sku":{"S":[{"prefix":"KB-"}]}}}}"#),
        ConversionCase(
            name: "type from the sample: Orders is N", pattern: #"{"dynamodb":{"NewImage":{"Orders":["101"]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"Orders":{"N":["101"]}}}}"#, withSample: true),
        ConversionCase(
            name: "list from the sample: Organizations is L of S", pattern: #"{"dynamodb":{"NewImage":{"Organizations":["Sales"]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"Organizations":{"L":{"S":["Sales"]}}}}}"#, withSample: true),
        ConversionCase(
            name: "type from a flag", pattern: #"{"dynamodb":{"NewImage":{"code":["42"]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"code":{"N":["42"]}}}}"#, types: ["code": "N"]),
        ConversionCase(
            name: "nested attribute typed by a dotted flag", pattern: #"{"dynamodb":{"NewImage":{"address":{"zip":["75001"]}}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"address":{"M":{"zip":{"N":["75001"]}}}}}}"#, types: ["address.zip": "N"]),
        ConversionCase(
            name: "numeric equals becomes a string, with a warning", pattern: #"{"dynamodb":{"NewImage":{"n":[{"numeric":["=",101]}]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"n":{"N":["101"]}}}}"#, warnings: ["became the string"]),
        ConversionCase(
            name: "numeric range cannot be expressed", pattern: #"{"dynamodb":{"NewImage":{"n":[{"numeric":[">",100]}]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",100]}]}}}}"#, warnings: ["cannot be expressed"]),
        ConversionCase(
            name: "anything-but numbers become strings", pattern: #"{"dynamodb":{"NewImage":{"n":[{"anything-but":[0, 1]}]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"n":{"N":[{"anything-but":["0","1"]}]}}}}"#),
        ConversionCase(
            name: "$or inside an image", pattern: #"{"dynamodb":{"NewImage":{"$or":[{"a":["x"]},{"b":[2]}]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"$or":[{"a":{"S":["x"]}},{"b":{"N":["2"]}}]}}}"#),
        ConversionCase(
            name: "exists says no type: S, with a warning", pattern: #"{"dynamodb":{"NewImage":{"a":[{"exists":true}]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"a":{"S":[{"exists":true}]}}}}"#, warnings: ["no sample, --type or value"]),
        ConversionCase(
            name: "exists with a default type", pattern: #"{"dynamodb":{"NewImage":{"a":[{"exists":false}]}}}"#,
            typed: #"{"dynamodb":{"NewImage":{"a":{"BOOL":[{"exists":false}]}}}}"#, defaultType: "BOOL"),
        ConversionCase(
            name: "metadata fields stay as they are", pattern: #"{"eventName":["INSERT"],"dynamodb":{"Keys":{"id":["a"]}}}"#,
            typed: #"{"eventName":["INSERT"],"dynamodb":{"Keys":{"id":{"S":["a"]}}}}"#),
    ]

    @Test(arguments: cases)
    func converts(_ testCase: ConversionCase) throws {
        let sample =
            testCase.withSample ? try Fixtures.json(Fixtures.readFile(Fixtures.packageRoot + "/Samples/dynamodb/customers.json")) : nil
        let conversion = try DynamoDBTyping.typed(
            testCase.pattern, sample: sample, types: testCase.types, defaultType: testCase.defaultType)
        #expect(conversion.pattern == testCase.typed)
        #expect(conversion.warnings.count == testCase.warnings.count, "\(conversion.warnings)")
        for fragment in testCase.warnings {
            #expect(conversion.warnings.contains { $0.contains(fragment) }, "\(conversion.warnings)")
        }
        // The result is a valid pattern that lint finds no missing type key in.
        let typed = try Fixtures.pattern(conversion.pattern)
        #expect(!Linter.lint([typed], source: .dynamodb).contains { $0.rule.id == "dynamodb-missing-type-key" })
    }

    @Test func convertedPatternMatchesTheRecordThePlainOneMissed() throws {
        let records = try Fixtures.sample("dynamodb/customers.json")
        let plain = try Fixtures.pattern(#"{"dynamodb":{"NewImage":{"AccountManager":["Shirley Rodriguez"]}}}"#)
        let typed = try Fixtures.pattern(DynamoDBTyping.typed(plain.text).pattern)
        let plainVerdicts = records.map { FilterSet(filters: [plain], source: .dynamodb).verdict(for: $0.record.view).isDelivered }
        let typedVerdicts = records.map { FilterSet(filters: [typed], source: .dynamodb).verdict(for: $0.record.view).isDelivered }
        #expect(plainVerdicts == [false, false, false, false])
        // Records[1] is Shirley Rodriguez's (the manifest's account-manager-shirley case).
        #expect(typedVerdicts == [false, true, false, false])
    }

    @Test(arguments: [
        (#"not json"#, "not JSON"),
        (#"[1]"#, "not a JSON object"),
    ])
    func refusesWhatIsNotAPattern(_ text: String, _ fragment: String) {
        #expect { try DynamoDBTyping.typed(text) } throws: { ($0 as? DynamoDBTyping.ConversionError)?.message.contains(fragment) == true }
    }

    @Test func refusesAnUnknownType() {
        #expect(throws: DynamoDBTyping.ConversionError.self) {
            try DynamoDBTyping.typed(#"{"NewImage":{"a":["x"]}}"#, types: ["a": "STRING"])
        }
    }

    @Test func plainUnwrapsEveryType() throws {
        let record = try Fixtures.json(
            #"""
            {"eventName": "INSERT", "dynamodb": {"SizeBytes": 10, "Keys": {"id": {"S": "a"}}, "NewImage": {
              "s": {"S": "x"}, "n": {"N": "101.5"}, "b": {"B": "AAE="}, "t": {"BOOL": true}, "z": {"NULL": true},
              "m": {"M": {"inner": {"N": "1"}}}, "l": {"L": [{"S": "p"}, {"N": "2"}]},
              "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}}}}
            """#)
        let plain = DynamoDBTyping.plain(record)
        #expect(
            JSONWriter.write(plain)
                == #"{"eventName":"INSERT","dynamodb":{"SizeBytes":10,"Keys":{"id":"a"},"NewImage":{"s":"x","n":101.5,"b":"AAE=","t":true,"z":null,"m":{"inner":1},"l":["p",2],"ss":["a","b"],"ns":[1,2]}}}"#
        )
    }
}
