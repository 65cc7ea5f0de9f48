import LambdaFilter
import Testing

/// Pattern validity where AWS's documentation is silent: what event-ruler's JsonRuleCompiler and
/// CIDR reject, with their messages, and the neighbours they accept.
@Suite("pattern validity (event-ruler)")
struct PatternValidityTests {
    static let errors: [ErrorCase] = [
        // $or must hold an array of at least two objects naming fields.
        ErrorCase(#"{"$or": [1]}"#, .invalidOr, "Only JSON object is allowed in array of $or relationship.", at: #"$["$or"][0]"#),
        ErrorCase(
            #"{"$or": [{"a": [1]}, "b"]}"#, .invalidOr, "Only JSON object is allowed in array of $or relationship.", at: #"$["$or"][1]"#),
        ErrorCase(#"{"$or": {"k": [1]}}"#, .invalidOr, "It must be an Array followed with $or.", at: #"$["$or"]"#),
        ErrorCase(#"{"$or": "k"}"#, .invalidOr, "It must be an Array followed with $or.", at: #"$["$or"]"#),
        ErrorCase(#"{"$or": [{"a": [1]}]}"#, .invalidOr, "There must have at least 2 Objects in $or relationship.", at: #"$["$or"]"#),
        ErrorCase(#"{"$or": []}"#, .invalidOr, "There must have at least 2 Objects in $or relationship.", at: #"$["$or"]"#),
        ErrorCase(
            #"{"$or": [{"numeric": [">", 1]}, {"b": [2]}]}"#, .invalidOr,
            "numeric is Ruler reserved fieldName which cannot be used inside $or.", at: #"$["$or"][0].numeric"#),
        ErrorCase(
            #"{"$or": [{"a": [1]}, {"prefix": "x"}]}"#, .invalidOr, "prefix is Ruler reserved fieldName which cannot be used inside $or.",
            at: #"$["$or"][1].prefix"#),
        ErrorCase(
            #"{"$or": [{"a": {"exists": [true]}}, {"b": [2]}]}"#, .invalidOr,
            "exists is Ruler reserved fieldName which cannot be used inside $or.", at: #"$["$or"][0].a.exists"#),
        ErrorCase(
            #"{"$or": [{"a": [1]}, {"$or": [{"c": [3]}, {"=": [4]}]}]}"#, .invalidOr,
            "= is Ruler reserved fieldName which cannot be used inside $or.", at: #"$["$or"][1]["$or"][1]["="]"#),
        // cidr: /bits required, below the address width, no dotted tail in IPv6.
        ErrorCase(#"{"a": [{"cidr": "10.0.0.7"}]}"#, .invalidCIDR, "Malformed CIDR, one '/' required", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0.0/"}]}"#, .invalidCIDR, "Malformed CIDR, one '/' required", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0.0/8/8"}]}"#, .invalidCIDR, "Malformed CIDR, one '/' required", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "2001:db8::1"}]}"#, .invalidCIDR, "Malformed CIDR, one '/' required", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0.0/32"}]}"#, .invalidCIDR, "IPv4 mask bits must be < 32", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "2001:db8::/128"}]}"#, .invalidCIDR, "IPv6 mask bits must be < 128", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0.0/x"}]}"#, .invalidCIDR, "Malformed CIDR, mask bits must be an integer", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0.0/-1"}]}"#, .invalidCIDR, "Malformed CIDR, mask bits must not be negative", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "::ffff:10.0.0.0/104"}]}"#, .invalidCIDR, "Nonstandard IP address: ::ffff:10.0.0.0", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "256.0.0.0/8"}]}"#, .invalidCIDR, "Nonstandard IP address: 256.0.0.0", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0/8"}]}"#, .invalidCIDR, "Nonstandard IP address: 10.0.0", at: "$.a[0].cidr"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }

    @Test(arguments: [
        #"{"$or": [{"a": [1]}, {"b": [2]}]}"#,
        #"{"$or": [{"a": [1]}, {"b": {"c": [2]}}, {"d": [{"numeric": [">", 1]}]}]}"#,
        #"{"x": {"$or": [{"a": [1]}, {"$or": [{"b": [2]}, {"c": [3]}]}]}}"#,
        #"{"numeric": [1], "$or": [{"a": [1]}, {"b": [2]}]}"#,
        #"{"a": [{"cidr": "010.0.0.0/8"}]}"#,
        #"{"a": [{"cidr": "10.0.0.0/08"}]}"#,
        #"{"a": [{"cidr": "10.0.0.0/+8"}]}"#,
        #"{"a": [{"cidr": "10.0.0.0/31"}]}"#,
        #"{"a": [{"cidr": "2001:db8::/127"}]}"#,
        #"{"a": [{"cidr": "10.0.0.0/8/"}]}"#,
    ])
    func accepts(_ pattern: String) {
        #expect(patternError(pattern) == nil)
    }

    static let cases: [MatchCase] = [
        // Leading zeros are decimal, in patterns and in values.
        MatchCase(#"{"a": [{"cidr": "010.0.0.0/8"}]}"#, #"{"a": "10.1.2.3"}"#, true),
        MatchCase(#"{"a": [{"cidr": "010.0.0.0/8"}]}"#, #"{"a": "8.1.2.3"}"#, false),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "010.000.000.001"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "0010.0.0.1"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "10.0.0.256"}"#, false),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "10.0.0"}"#, false),
        MatchCase(#"{"a": [{"cidr": "10.0.0.6/31"}]}"#, #"{"a": "10.0.0.7"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.6/31"}]}"#, #"{"a": "10.0.0.8"}"#, false),
        // Documented explicitly, kept: exact strings are exact; other families and numbers never match.
        MatchCase(#"{"a": ["127.0.0.1"]}"#, #"{"a": "127.000.000.001"}"#, false),
        MatchCase(#"{"a": ["127.0.0.1"]}"#, #"{"a": "127.0.0.1"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/8"}]}"#, #"{"a": "::ffff:10.0.0.1"}"#, false),
        MatchCase(#"{"a": [{"cidr": "::ffff:0:0/96"}]}"#, #"{"a": "::ffff:10.0.0.1"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/8"}]}"#, #"{"a": 10}"#, false),
        // $or branches are alternatives.
        MatchCase(#"{"$or": [{"a": [1]}, {"b": [2]}]}"#, #"{"b": 2}"#, true),
        MatchCase(#"{"$or": [{"a": [1]}, {"b": [2]}]}"#, #"{"b": 1}"#, false),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdictOfAllEngines(testCase.pattern, testCase.record) == testCase.matches)
    }
}
