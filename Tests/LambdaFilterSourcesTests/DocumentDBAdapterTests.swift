import LambdaFilter
import LambdaFilterSources
import Testing

@Suite("DocumentDB adapter")
struct DocumentDBAdapterTests {
    static let changeEvent = #"""
        {"_id": {"_data": "0163eeb6e7000000090100000009000041e1"},
         "clusterTime": {"$timestamp": {"t": 1676588775, "i": 9}},
         "documentKey": {"_id": {"$oid": "63eeb6e7d418cd98afb1c1d7"}},
         "ns": {"db": "test_database", "coll": "test_collection"},
         "operationType": "update",
         "updateDescription": {"updatedFields": {"stock": 3}, "removedFields": [], "truncatedArrays": []}}
        """#

    @Test func filterSeesTheChangeEventOfAnEventsItem() throws {
        let view = try DocumentDBAdapter.view(of: Fixtures.json(#"{"event": \#(Self.changeEvent)}"#))
        #expect(view.document == (try Fixtures.json(Self.changeEvent)))
        #expect(view.dataKey == nil)
        #expect(view.payload == .json)
        #expect(EventSource.documentdb.awsAppliesFilters == false)
    }

    @Test func acceptsTheBareChangeEvent() throws {
        let view = try DocumentDBAdapter.view(of: Fixtures.json(Self.changeEvent))
        #expect(view.document["updateDescription"]?["updatedFields"]?["stock"] == .number("3"))
    }

    struct BadRecord: Sendable, CustomTestStringConvertible {
        var name: String
        var record: String
        var field: String
        var reason: RecordError.Reason
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadRecord(name: "no event", record: #"{"eventSource": "aws:docdb"}"#, field: "event", reason: .missingField),
        BadRecord(
            name: "event is a string", record: #"{"event": "insert"}"#, field: "event",
            reason: .wrongType(expected: "an object", found: "string")),
        BadRecord(
            name: "operationType is a number", record: #"{"event": {"operationType": 1}}"#, field: "event.operationType",
            reason: .wrongType(expected: "a string", found: "number")),
    ])
    func malformedRecordsGetLocatedErrors(_ example: BadRecord) throws {
        let error = try Fixtures.adaptationError(.documentdb, example.record)
        #expect(error?.field == example.field)
        #expect(error?.reason == example.reason)
    }
}
