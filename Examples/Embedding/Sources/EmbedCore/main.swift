import LambdaFilter

let filters = try [
    Pattern(parsing: #"{"body": {"status": [{"prefix": "ERR"}]}}"#, dialect: .lambda),
    Pattern(parsing: #"{"body": {"amount": [{"numeric": [">", 100]}]}}"#, dialect: .lambda),
]
let matcher = Matcher(patterns: filters)    // immutable and Sendable: share it across threads
var scratch = MatchScratch()                 // one per thread, reused record after record

let record = Array(#"{"body": {"status": "ERR_TIMEOUT", "amount": 42}}"#.utf8)
try record.withUnsafeBufferPointer { try matcher.match($0, into: &scratch) }
print(scratch.matchedPatterns)               // [0]
