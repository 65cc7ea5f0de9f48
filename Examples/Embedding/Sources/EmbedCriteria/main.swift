import LambdaFilter
import LambdaFilterCriteria

// The FilterCriteria for UpdateEventSourceMapping, checked against AWS's limits.
let criteria = try FilterCriteria(patternTexts: [#"{"body": {"status": [{"prefix": "ERR"}]}}"#])
print(criteria.apiJSON)    // {"Filters":[{"Pattern":"{\"body\":{\"status\":[{\"prefix\":\"ERR\"}]}}"}]}
