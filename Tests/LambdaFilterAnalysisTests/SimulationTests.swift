import LambdaFilter
import LambdaFilterAnalysis
import LambdaFilterSources
import Testing

/// Simulations over the bundled samples; every expected outcome was worked out by hand from the
/// manifest's verdicts (Patterns/manifest.json) and AWS's per-source rules.
@Suite("Batch simulation over Samples/")
struct SimulationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var sample: String
        var source: EventSource
        /// One mapping per entry: its pattern files (Patterns/...).
        var mappings: [[String]]
        var fates: [BatchSimulation.Fate]
        /// Per mapping: (FilteredOutEventCount, InvokedEventCount).
        var counts: [(Int, Int)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // orders-over-100 passes Records[0], [2]; gold-customers-placed passes [0] only. SQS mappings
        // compete: [2] is deleted unprocessed if the gold mapping receives it.
        Case(
            name: "SQS: two mappings on one queue", sample: "sqs/orders-batch.json", source: .sqs,
            mappings: [["sqs/orders-over-100.json"], ["sqs/gold-customers-placed.json"]],
            fates: [.delivered, .lost, .atRisk, .lost], counts: [(2, 2), (3, 1)]),
        // Plain-text bodies against a JSON body pattern: all three dropped (format mismatch).
        Case(
            name: "SQS: format mismatch drops every message", sample: "sqs/plain-text-body.json", source: .sqs,
            mappings: [["sqs/orders-over-100.json"]], fates: [.lost, .lost, .lost], counts: [(3, 0)]),
        // Two filters of one mapping: a record passes when either does.
        Case(
            name: "SQS: one mapping, two filters", sample: "sqs/orders-batch.json", source: .sqs,
            mappings: [["sqs/orders-over-100.json", "sqs/gold-customers-placed.json"]],
            fates: [.delivered, .lost, .delivered, .lost], counts: [(2, 2)]),
        // buy-orders: dropped, dropped, filtered; error-level: dropped, dropped, passed. Each stream
        // mapping reads every record, so Records[2] reaches the error-level function.
        Case(
            name: "Kinesis: two mappings read every record", sample: "kinesis/mixed-payloads.json", source: .kinesis,
            mappings: [["kinesis/buy-orders.json"], ["kinesis/error-level.json"]],
            fates: [.lost, .lost, .delivered], counts: [(3, 0), (2, 1)]),
        // inserts-only: P F F P; removed-inactive-customers: F F P F. Records[1] (a MODIFY) no one wants.
        Case(
            name: "DynamoDB: inserts and removals", sample: "dynamodb/customers.json", source: .dynamodb,
            mappings: [["dynamodb/inserts-only.json"], ["dynamodb/removed-inactive-customers.json"]],
            fates: [.delivered, .lost, .delivered, .delivered], counts: [(2, 2), (3, 1)]),
        // device-prefix-ab: passed, filtered, passed; the filtered record's offset is committed.
        Case(
            name: "Kafka: one mapping", sample: "kafka/msk-payments.json", source: .kafka,
            mappings: [["kafka/device-prefix-ab.json"]], fates: [.delivered, .lost, .delivered], counts: [(1, 2)]),
        // positive-timeout: P F D D; alarms-with-timeout: F P D D (a format mismatch means the
        // filter does not match, its properties condition included). MQ consumers compete.
        Case(
            name: "Amazon MQ: competing mappings", sample: "mq/activemq-orders.json", source: .mq,
            mappings: [["mq/positive-timeout.json"], ["mq/alarms-with-timeout.json"]],
            fates: [.atRisk, .atRisk, .lost, .lost], counts: [(3, 1), (3, 1)]),
        // DocumentDB mappings do not apply filters: every change event is delivered.
        Case(
            name: "DocumentDB: filters are not applied", sample: "documentdb/inventory-changes.json", source: .documentdb,
            mappings: [["documentdb/updates-only.json"]], fates: [.delivered, .delivered, .delivered], counts: [(0, 3)]),
    ]

    @Test(arguments: cases)
    func simulates(_ testCase: Case) throws {
        let records = try Fixtures.sample(testCase.sample)
        let mappings = try testCase.mappings.map { files in
            SimulatedMapping(name: files.joined(separator: "+"), filters: try files.map(Fixtures.bundledPattern))
        }
        let simulation = BatchSimulation(records: records, mappings: mappings, source: testCase.source)
        #expect(simulation.records.map(\.fate) == testCase.fates)
        for (index, mapping) in simulation.mappings.enumerated() {
            #expect(mapping.metrics.polled == records.count)
            #expect(mapping.metrics.filteredOut == testCase.counts[index].0, "\(mapping.name)")
            #expect(mapping.metrics.invoked == testCase.counts[index].1, "\(mapping.name)")
            #expect(mapping.metrics.invoked + mapping.metrics.filteredOut == mapping.metrics.polled)
            #expect(mapping.metrics.deleted == (testCase.source == .sqs ? mapping.metrics.invoked : nil))
            #expect(mapping.received == simulation.records.indices.filter { simulation.records[$0].passedBy.contains(index) })
        }
        #expect(simulation.lost == testCase.fates.indices.filter { testCase.fates[$0] == .lost })
    }

    @Test func metricNamesAreAWSs() throws {
        let records = try Fixtures.sample("sqs/orders-batch.json")
        let simulation = BatchSimulation(
            records: records, mappings: [SimulatedMapping(name: "m", filters: [try Fixtures.bundledPattern("sqs/orders-over-100.json")])],
            source: .sqs)
        #expect(
            simulation.mappings[0].metrics.named.map(\.name) == [
                "PolledEventCount", "FilteredOutEventCount", "InvokedEventCount", "FailedInvokeEventCount", "DeletedEventCount",
                "DroppedEventCount",
            ])
        let stream = BatchSimulation(
            records: try Fixtures.sample("kinesis/trades.json"), mappings: [SimulatedMapping(name: "k", filters: [])], source: .kinesis)
        #expect(
            stream.mappings[0].metrics.named.map(\.name) == [
                "PolledEventCount", "FilteredOutEventCount", "InvokedEventCount", "FailedInvokeEventCount", "DroppedEventCount",
                "OnFailureDestinationDeliveredEventCount",
            ])
        // No filters: every record is delivered.
        #expect(stream.records.allSatisfy { $0.fate == .delivered })
    }
}
