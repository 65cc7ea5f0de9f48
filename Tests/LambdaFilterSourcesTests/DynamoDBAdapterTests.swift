import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("DynamoDB adapter")
struct DynamoDBAdapterTests {
    static func record(newImage: String, name: String = "INSERT") -> String {
        """
        {"eventID": "1", "eventVersion": "1.1", "eventName": "\(name)", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
         "dynamodb": {"ApproximateCreationDateTime": 1717430400, "Keys": {"Id": {"N": "101"}},
                      "NewImage": \(newImage), "SequenceNumber": "111", "SizeBytes": 26, "StreamViewType": "NEW_IMAGE"},
         "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Books/stream/2024-06-03T16:00:00.000"}
        """
    }

    @Test func typedValuesAreKeptAsTheyAre() throws {
        let image = #"""
            {"Id": {"N": "101"}, "Title": {"S": "Book"}, "Cover": {"B": "aGk="}, "InPrint": {"BOOL": true},
             "Gone": {"NULL": true}, "Size": {"M": {"Height": {"N": "8.5"}}}, "Tags": {"L": [{"S": "a"}, {"N": "1"}]},
             "Authors": {"SS": ["A", "B"]}, "Ratings": {"NS": ["4", "5"]}, "Thumbs": {"BS": ["aGk="]}}
            """#
        let record = try Fixtures.json(Self.record(newImage: image))
        let view = try DynamoDBAdapter.view(of: record)
        #expect(view.document == record)
        #expect(view.payload == .json)
        #expect(view.dataKey == "dynamodb")
        #expect(view.document["dynamodb"]?["NewImage"]?["Id"]?["N"] == "101")
    }

    struct BadRecord: Sendable, CustomTestStringConvertible {
        var name: String
        var record: String
        var field: String
        var reasonText: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadRecord(
            name: "untyped number", record: DynamoDBAdapterTests.record(newImage: #"{"price": 101}"#), field: "dynamodb.NewImage.price",
            reasonText: #"expected a typed attribute value such as {"S": "text"} or {"N": "101"}, found number"#),
        BadRecord(
            name: "N holding a JSON number", record: DynamoDBAdapterTests.record(newImage: #"{"price": {"N": 101}}"#),
            field: "dynamodb.NewImage.price.N",
            reasonText: "expected a string (DynamoDB streams write N values as strings), found number"),
        BadRecord(
            name: "two descriptors", record: DynamoDBAdapterTests.record(newImage: #"{"price": {"N": "1", "S": "1"}}"#),
            field: "dynamodb.NewImage.price",
            reasonText: "a typed attribute value has exactly one type descriptor, found 2 keys"),
        BadRecord(
            name: "unknown descriptor", record: DynamoDBAdapterTests.record(newImage: #"{"price": {"D": "1"}}"#),
            field: "dynamodb.NewImage.price",
            reasonText: #"unknown type descriptor "D"; expected one of S, N, B, BOOL, NULL, M, L, SS, NS, BS"#),
        BadRecord(
            name: "BOOL as a string", record: DynamoDBAdapterTests.record(newImage: #"{"ok": {"BOOL": "true"}}"#),
            field: "dynamodb.NewImage.ok.BOOL",
            reasonText: "expected a boolean, found string"),
        BadRecord(
            name: "NS with numbers", record: DynamoDBAdapterTests.record(newImage: #"{"r": {"NS": [4, 5]}}"#),
            field: "dynamodb.NewImage.r.NS",
            reasonText: "expected an array of strings, found array"),
        BadRecord(
            name: "bad value inside M", record: DynamoDBAdapterTests.record(newImage: #"{"addr": {"M": {"zip": {"N": 98101}}}}"#),
            field: "dynamodb.NewImage.addr.M.zip.N",
            reasonText: "expected a string (DynamoDB streams write N values as strings), found number"),
        BadRecord(
            name: "bad value inside L", record: DynamoDBAdapterTests.record(newImage: #"{"tags": {"L": [{"S": "a"}, "b"]}}"#),
            field: "dynamodb.NewImage.tags.L[1]",
            reasonText: #"expected a typed attribute value such as {"S": "text"} or {"N": "101"}, found string"#),
        BadRecord(
            name: "NewImage is an array", record: DynamoDBAdapterTests.record(newImage: "[]"), field: "dynamodb.NewImage",
            reasonText: "expected an object, found array"),
        BadRecord(
            name: "dynamodb is a string", record: #"{"eventName": "INSERT", "dynamodb": "x"}"#, field: "dynamodb",
            reasonText: "expected an object, found string"),
        BadRecord(
            name: "no dynamodb", record: #"{"eventName": "INSERT", "eventSource": "aws:dynamodb"}"#, field: "dynamodb",
            reasonText: "missing field"),
    ])
    func wrongTypesUnderDynamodbAreLocatedErrors(_ example: BadRecord) throws {
        let error = try Fixtures.adaptationError(.dynamodb, example.record)
        #expect(error?.position.description == "Records[3]")
        #expect(error?.field == example.field)
        #expect(error?.message == example.reasonText)
    }

    struct NumberConditionCase: Sendable, CustomTestStringConvertible {
        var pattern: String
        var flagged: [String]
        var testDescription: String { pattern }
    }

    // DDBF: "DynamoDB event filtering doesn't support the use of numeric operators".
    @Test(arguments: [
        NumberConditionCase(
            pattern: #"{"dynamodb": {"NewImage": {"price": {"N": [{"numeric": [">", 100]}]}}}}"#,
            flagged: ["dynamodb.NewImage.price.N"]),
        NumberConditionCase(pattern: #"{"dynamodb": {"Keys": {"Id": {"N": [101]}}}}"#, flagged: ["dynamodb.Keys.Id.N"]),
        NumberConditionCase(pattern: #"{"dynamodb":{"NewImage":{"Price":{"N":[101]}}}}"#, flagged: ["dynamodb.NewImage.Price.N"]),
        NumberConditionCase(
            pattern: #"{"dynamodb": {"OldImage": {"a": {"M": {"b": {"S": [{"numeric": ["=", 1]}]}}}}}}"#,
            flagged: ["dynamodb.OldImage.a.M.b.S"]),
        NumberConditionCase(pattern: #"{"dynamodb.NewImage.price.N": [{"numeric": ["<", 5]}]}"#, flagged: ["dynamodb.NewImage.price.N"]),
        NumberConditionCase(
            pattern: #"{"$or": [{"dynamodb": {"NewImage": {"p": {"N": [1]}}}}, {"eventName": ["INSERT"]}]}"#,
            flagged: ["dynamodb.NewImage.p.N"]),
        // Correct forms: strings on N, numeric on genuine JSON numbers of the record.
        NumberConditionCase(pattern: #"{"dynamodb": {"NewImage": {"price": {"N": ["101"]}}}}"#, flagged: []),
        NumberConditionCase(pattern: #"{"dynamodb": {"ApproximateCreationDateTime": [{"numeric": [">", 0]}]}}"#, flagged: []),
        NumberConditionCase(pattern: #"{"dynamodb": {"SizeBytes": [{"numeric": ["<", 400000]}]}}"#, flagged: []),
        NumberConditionCase(pattern: #"{"dynamodb": {"NewImage": {"ok": {"BOOL": [true]}}}}"#, flagged: []),
    ])
    func detectsNumberConditionsOnStringTypedValues(_ example: NumberConditionCase) throws {
        let found = DynamoDBAdapter.numberConditionsOnTypedValues(in: try Fixtures.pattern(example.pattern))
        #expect(found.map(\.path.dottedName) == example.flagged)
        for condition in found {
            #expect(condition.explanation.contains("never matches"))
        }
    }

    // AWS-recorded (spec §2.3): {"N": "101"} fails numeric [">", 100].
    @Test func numericNeverMatchesAnNValue() throws {
        let record = Self.record(newImage: #"{"Id": {"N": "101"}, "price": {"N": "101"}}"#)
        let numeric = #"{"dynamodb": {"NewImage": {"price": {"N": [{"numeric": [">", 100]}]}}}}"#
        let string = #"{"dynamodb": {"NewImage": {"price": {"N": ["101"]}}}}"#
        #expect(try Fixtures.verdict(source: .dynamodb, record: record, patterns: [numeric]) == .filtered)
        // A number literal never equals the string either (the case the two checks disagreed on).
        let number = #"{"dynamodb": {"NewImage": {"price": {"N": [101]}}}}"#
        #expect(try Fixtures.verdict(source: .dynamodb, record: record, patterns: [number]) == .filtered)
        #expect(try Fixtures.verdict(source: .dynamodb, record: record, patterns: [string]) == .passed(filter: 0))
    }
}
