import LambdaFilter
import Testing

@Suite("cidr")
struct CIDRMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "10.0.0.255"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "10.0.1.0"}"#, false),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/8"}]}"#, #"{"a": "10.200.3.4"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.7/31"}]}"#, #"{"a": "10.0.0.7"}"#, true),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "not an ip"}"#, false),
        MatchCase(#"{"a": [{"cidr": "10.0.0.0/24"}]}"#, #"{"a": "::ffff:10.0.0.1"}"#, false),
        MatchCase(#"{"a": [{"cidr": "2001:db8:1234:1a00::/64"}]}"#, #"{"a": "2001:0db8:1234:1a00:0000:0000:0000:0001"}"#, true),
        MatchCase(#"{"a": [{"cidr": "2001:db8:1234:1a00::/64"}]}"#, #"{"a": "2001:db8:123f:1a01::"}"#, false),
        MatchCase(#"{"a": [{"cidr": "::/0"}]}"#, #"{"a": "fe80::1"}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(#"{"a": [{"cidr": "xx.11.xx/8"}]}"#, .invalidCIDR, "Nonstandard IP address: xx.11.xx", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "xxxx:db8::/64"}]}"#, .invalidCIDR, "Nonstandard IP address: xxxx:db8::", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": "10.0.0.0/33"}]}"#, .invalidCIDR, "IPv4 mask bits must be < 32", at: "$.a[0].cidr"),
        ErrorCase(#"{"a": [{"cidr": 10}]}"#, .invalidOperand, "cidr match pattern must be a string", at: "$.a[0].cidr"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}
