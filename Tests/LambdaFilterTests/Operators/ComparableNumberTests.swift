import LambdaFilter
import LambdaFilterTestSupport
import Testing

/// Whether `pattern` matches `record` by the compiled matcher, the reference and the explainer;
/// `nil` when any two disagree.
func verdictOfAllEngines(_ pattern: String, _ record: String, dialect: Dialect = .eventbridge) throws -> Bool? {
    let parsed = try Pattern(parsing: pattern, dialect: dialect)
    let explained = PatternExplainer.explain(pattern: parsed, record: try JSONParser().parseValue(record)).matched
    guard let both = try verdict(pattern, record, dialect: dialect) else { return nil }
    return both == explained ? both : nil
}

/// Numbers compare by exact value, and only when event-ruler compares them by value at all
/// (`ComparableNumber`); the minimal cases of issue 10's random differential run and their neighbours.
@Suite("comparable numbers")
struct ComparableNumberTests {
    static let cases: [MatchCase] = [
        // Exact literals: a value that is not exactly a double equals only its own text.
        MatchCase(#"{"n": [2]}"#, #"{"n": 2.00000000000000002}"#, false),
        MatchCase(#"{"n": [2]}"#, #"{"n": 2.0000000000000002}"#, false),
        MatchCase(#"{"n": [2]}"#, #"{"n": 2.000000000000000000}"#, true),
        MatchCase(#"{"n": [2]}"#, #"{"n": 2e0}"#, true),
        MatchCase(#"{"n": [1000]}"#, #"{"n": 999.99999999999999}"#, false),
        MatchCase(#"{"n": [1000]}"#, #"{"n": 999.9999999999999}"#, false),
        MatchCase(#"{"n": [1000]}"#, #"{"n": 1e3}"#, true),
        MatchCase(#"{"n": [9007199254740993]}"#, #"{"n": 9007199254740993}"#, true),
        MatchCase(#"{"n": [9007199254740993]}"#, #"{"n": 9007199254740992}"#, false),
        MatchCase(#"{"n": [9007199254740993]}"#, #"{"n": 9007199254740993.0}"#, false),
        MatchCase(#"{"n": [9007199254740992]}"#, #"{"n": 9007199254740993}"#, false),
        MatchCase(#"{"n": [9007199254740992]}"#, #"{"n": 9007199254740992.0}"#, true),
        MatchCase(#"{"n": [12345678901234567890]}"#, #"{"n": 12345678901234567890}"#, true),
        MatchCase(#"{"n": [12345678901234567890]}"#, #"{"n": 12345678901234567000}"#, false),
        MatchCase(#"{"n": [0.1]}"#, #"{"n": 0.10000000000000001}"#, false),
        MatchCase(#"{"n": [0.1]}"#, #"{"n": 1e-1}"#, true),
        MatchCase(#"{"n": [0.30000000000000004]}"#, #"{"n": 0.30000000000000004}"#, true),
        MatchCase(#"{"n": [0.30000000000000004]}"#, #"{"n": 3.0000000000000004e-1}"#, true),
        MatchCase(#"{"n": [5e-324]}"#, #"{"n": 4.9e-324}"#, false),
        MatchCase(#"{"n": [4.9e-324]}"#, #"{"n": 49e-325}"#, true),
        MatchCase(#"{"n": [0]}"#, #"{"n": -0}"#, true),
        MatchCase(#"{"n": [0]}"#, #"{"n": 0.0e5}"#, true),
        MatchCase(#"{"n": [1e400]}"#, #"{"n": 1e400}"#, true),
        MatchCase(#"{"n": [1e400]}"#, #"{"n": 10e399}"#, false),
        // Ranges: only numbers event-ruler compares, compared exactly.
        MatchCase(#"{"n": [{"numeric": [">=", 1]}]}"#, #"{"n": 1.00000000000000001}"#, false),
        MatchCase(#"{"n": [{"numeric": [">=", 1]}]}"#, #"{"n": 1.0000000000000002}"#, true),
        MatchCase(#"{"n": [{"numeric": [">", 1]}]}"#, #"{"n": 1.0000000000000002}"#, true),
        MatchCase(#"{"n": [{"numeric": ["<", 1]}]}"#, #"{"n": 0.99999999999999999}"#, false),
        MatchCase(#"{"n": [{"numeric": ["<", 1]}]}"#, #"{"n": 0.9999999999999999}"#, true),
        MatchCase(#"{"n": [{"numeric": ["=", 1000]}]}"#, #"{"n": 999.99999999999999}"#, false),
        MatchCase(#"{"n": [{"numeric": [">", 0]}]}"#, #"{"n": 12345678901234567890}"#, false),
        MatchCase(#"{"n": [{"numeric": [">", 0]}]}"#, #"{"n": 12345678901234567000}"#, true),
        MatchCase(#"{"n": [{"numeric": [">", 0]}]}"#, #"{"n": 5e-324}"#, false),
        MatchCase(#"{"n": [{"numeric": [">", 0]}]}"#, #"{"n": 4.9e-324}"#, true),
        MatchCase(#"{"n": [{"numeric": [">", 0]}]}"#, #"{"n": 1e-320}"#, true),
        MatchCase(#"{"n": [{"numeric": ["<", 0]}]}"#, #"{"n": -1e400}"#, false),
        MatchCase(#"{"n": [{"numeric": [">", 1e308]}]}"#, #"{"n": 1.7976931348623157e308}"#, true),
        MatchCase(#"{"n": [{"numeric": [">", 5e9]}]}"#, #"{"n": 5000000000.5}"#, true),
        MatchCase(#"{"n": [{"numeric": ["=", 0.1]}]}"#, #"{"n": 0.1}"#, true),
        // anything-but numbers: a value that is not comparable is none of the excluded numbers.
        MatchCase(#"{"n": [{"anything-but": [2]}]}"#, #"{"n": 2.00000000000000002}"#, true),
        MatchCase(#"{"n": [{"anything-but": [2]}]}"#, #"{"n": 2.0}"#, false),
        MatchCase(#"{"n": [{"anything-but": 1000}]}"#, #"{"n": 999.99999999999999}"#, true),
        MatchCase(#"{"n": [{"anything-but": 1000}]}"#, #"{"n": 1000}"#, false),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdictOfAllEngines(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(
            #"{"n": [{"numeric": [">", 9007199254740993]}]}"#, .invalidNumericExpression, "Cannot compare number : 9007199254740993",
            at: "$.n[0].numeric[1]"),
        ErrorCase(
            #"{"n": [{"numeric": ["<", 12345678901234567890]}]}"#, .invalidNumericExpression,
            "Cannot compare number : 12345678901234567890", at: "$.n[0].numeric[1]"),
        ErrorCase(
            #"{"n": [{"numeric": [">", 5e-324]}]}"#, .invalidNumericExpression, "Cannot compare number : 5e-324", at: "$.n[0].numeric[1]"),
        ErrorCase(
            #"{"n": [{"numeric": [">", 0, "<", 1.00000000000000001]}]}"#, .invalidNumericExpression,
            "Cannot compare number : 1.00000000000000001", at: "$.n[0].numeric[3]"),
        ErrorCase(
            #"{"n": [{"anything-but": 9007199254740993}]}"#, .invalidAnythingBut, "Cannot compare number : 9007199254740993",
            at: #"$.n[0]["anything-but"]"#),
        ErrorCase(
            #"{"n": [{"anything-but": [1, 12345678901234567890]}]}"#, .invalidAnythingBut, "Cannot compare number : 12345678901234567890",
            at: #"$.n[0]["anything-but"][1]"#),
        ErrorCase(
            #"{"n": [{"anything-but": [5e-324]}]}"#, .invalidAnythingBut, "Cannot compare number : 5e-324",
            at: #"$.n[0]["anything-but"][0]"#),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }

    /// Neighbours that event-ruler accepts: the double Java writes for the number.
    @Test(arguments: [
        "9007199254740992", "1.2345678901234567E19", "4.9e-324", "1.7976931348623157e308", "-0", "0.30000000000000004", "1e22",
        "123456789012345.6",
    ])
    func accepts(_ bound: String) {
        #expect(patternError(#"{"n": [{"numeric": [">", \#(bound)]}]}"#) == nil)
        #expect(patternError(#"{"n": [{"anything-but": [\#(bound)]}]}"#) == nil)
    }

    /// Which numbers event-ruler compares by value, and the value.
    @Test(
        arguments: [
            ("1", 1.0), ("1.5", 1.5), ("15e-1", 1.5), ("-122.41349652470530", -122.4134965247053), ("1e-320", Double("1e-320")!),
            ("9.9e-324", 2 * .leastNonzeroMagnitude), ("4.9E-324", .leastNonzeroMagnitude), ("100000000000000000000000", 1e23),
            // The short decimals read as digits over a power of ten, and their neighbours.
            ("123.45", 123.45), ("-0.05", -0.05), ("0.0", 0), ("-0.0", 0), ("-0", 0), ("999999999999999", 999_999_999_999_999),
            ("99999999999999.9", 99_999_999_999_999.9), ("0.00000000000001", 1e-14), ("1234567890123456", 1_234_567_890_123_456),
            ("1.234567890123456", 1.234567890123456),
        ] as [(String, Double)])
    func comparable(_ text: String, _ value: Double) {
        #expect(ComparableNumber.value(of: text) == value)
    }

    @Test(arguments: [
        "1e-323", "5e-324", "2.00000000000000002", "9007199254740993", "1e400", "-1e400", "0.1000000000000000055511151231257827",
        "123456789012345678",
    ])
    func notComparable(_ text: String) {
        #expect(ComparableNumber.value(of: text) == nil)
    }

    /// The fast path (up to 15 significant digits, read without allocating) agrees with the
    /// standard library's parser, over leading and trailing zeros, fractions and exponents; and
    /// every normal double's shortest text is comparable, with that double as its value (a
    /// subnormal's may not be: `5e-324` is not what Java writes).
    @Test func fastPathAgreesWithTheStandardLibrary() {
        var random = SeededRandom(seed: 10)
        var checked = 0
        for _ in 0..<5_000 {
            let digits = String(random.next() % 1_000_000_000_000_000)
            let point = Int(random.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text.removeLast() }
            if random.next() % 2 == 0 { text += "000" }
            if random.next() % 3 == 0 { text += "e" + String(Int(random.next() % 40) - 20) }
            if random.next() % 2 == 0 { text = "-" + text }
            guard let expected = Double(text) else { continue }
            #expect(ComparableNumber.value(of: text) == expected, "\(text)")
            let bits = random.next()
            let double = Double(
                sign: bits >> 63 == 0 ? .plus : .minus, exponentBitPattern: UInt(1 + bits % 2046),
                significandBitPattern: bits & 0xF_FFFF_FFFF_FFFF)  // finite and normal
            #expect(ComparableNumber.value(of: "\(double)") == double, "\(double)")
            checked += 1
        }
        #expect(checked > 4_000)
    }
}
