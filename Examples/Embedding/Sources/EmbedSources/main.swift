import LambdaFilter
import LambdaFilterSources

// An SQS record as Lambda delivers it: the body is a JSON string the filter decodes.
let event = #"{"Records": [{"messageId": "1", "eventSource": "aws:sqs", "body": "{\"status\": \"ERR_TIMEOUT\"}"}]}"#
let document = try JSONParser().parseValue(event)
let filters = FilterSet(filters: [try Pattern(parsing: #"{"body": {"status": [{"prefix": "ERR"}]}}"#, dialect: .lambda)], source: .sqs)
for result in EventSplitter.records(in: document, selection: .auto) {
    let record = try result.get()
    print(filters.verdict(for: record.view))    // passed by filter 0
}
