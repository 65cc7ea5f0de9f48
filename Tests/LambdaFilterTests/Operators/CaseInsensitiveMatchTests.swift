import LambdaFilter
import Testing

@Suite("equals-ignore-case")
struct CaseInsensitiveMatchTests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"equals-ignore-case": "alice"}]}"#, #"{"a": "ALICE"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "alice"}]}"#, #"{"a": "Alicia"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": ""}]}"#, #"{"a": ""}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": ""}]}"#, #"{"a": "x"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "ÉTÉ"}]}"#, #"{"a": "été"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "1"}]}"#, #"{"a": 1}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "x"}]}"#, #"{"a": ["Y", "X"]}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdict(testCase.pattern, testCase.record) == testCase.matches)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(
            #"{"a": [{"equals-ignore-case": ["x"]}]}"#, .invalidOperand, "equals-ignore-case match pattern must be a string",
            at: "$.a[0][\"equals-ignore-case\"]"),
        ErrorCase(
            #"{"a": [{"equals-ignore-case": {"prefix": "x"}}]}"#, .invalidOperand, "equals-ignore-case match pattern must be a string",
            at: "$.a[0][\"equals-ignore-case\"]"),
    ]

    @Test(arguments: errors)
    func rejects(_ testCase: ErrorCase) {
        expectRejected(testCase)
    }
}

/// Case folding beyond ASCII, as event-ruler reads a pattern: per pattern character, its Java
/// lower- and upper-case forms; the value is not folded. Documented cases kept: a character
/// always matches itself (emoji, titlecase letters).
@Suite("equals-ignore-case beyond ASCII")
struct CaseFoldingBeyondASCIITests {
    static let cases: [MatchCase] = [
        MatchCase(#"{"a": [{"equals-ignore-case": "ß"}]}"#, #"{"a": "SS"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ß"}]}"#, #"{"a": "ß"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ß"}]}"#, #"{"a": "ss"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "SS"}]}"#, #"{"a": "ß"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "straße"}]}"#, #"{"a": "STRASSE"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ı"}]}"#, #"{"a": "I"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "I"}]}"#, #"{"a": "ı"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "i"}]}"#, #"{"a": "İ"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "ς"}]}"#, #"{"a": "Σ"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "Σ"}]}"#, #"{"a": "ς"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "Σ"}]}"#, #"{"a": "σ"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ﬁ"}]}"#, #"{"a": "FI"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ﬁ"}]}"#, #"{"a": "fi"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "ß"}]}"#, #"{"a": "ẞ"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "ẞ"}]}"#, #"{"a": "ß"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "k"}]}"#, #"{"a": "\u212A"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "\u212A"}]}"#, #"{"a": "K"}"#, false),
        MatchCase(#"{"a": [{"equals-ignore-case": "\u212A"}]}"#, #"{"a": "k"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ÉTÉ"}]}"#, #"{"a": "éTé"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "é"}]}"#, #"{"a": "e\u0301"}"#, false),
        // Documented explicitly: a character matches itself.
        MatchCase(#"{"a": [{"equals-ignore-case": "😀"}]}"#, #"{"a": "😀"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ǅ"}]}"#, #"{"a": "ǅ"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "ǅ"}]}"#, #"{"a": "ǆ"}"#, true),
        MatchCase(#"{"a": [{"equals-ignore-case": "𐐀"}]}"#, #"{"a": "𐐨"}"#, true),
        // The -ignore-case forms read the pattern the same way.
        MatchCase(#"{"a": [{"prefix": {"equals-ignore-case": "ß"}}]}"#, #"{"a": "SSx"}"#, true),
        MatchCase(#"{"a": [{"prefix": {"equals-ignore-case": "SS"}}]}"#, #"{"a": "ßx"}"#, false),
        MatchCase(#"{"a": [{"prefix": {"equals-ignore-case": "k"}}]}"#, #"{"a": "\u212Ax"}"#, false),
        MatchCase(#"{"a": [{"suffix": {"equals-ignore-case": "ﬁ"}}]}"#, #"{"a": "xFI"}"#, true),
        MatchCase(#"{"a": [{"suffix": {"equals-ignore-case": "ﬁ"}}]}"#, #"{"a": "xfi"}"#, false),
        MatchCase(#"{"a": [{"suffix": {"equals-ignore-case": "x"}}]}"#, #"{"a": "éX"}"#, true),
        MatchCase(#"{"a": [{"anything-but": {"equals-ignore-case": "ß"}}]}"#, #"{"a": "SS"}"#, false),
        MatchCase(#"{"a": [{"anything-but": {"equals-ignore-case": ["x", "ß"]}}]}"#, #"{"a": "ss"}"#, true),
        MatchCase(#"{"a": [{"anything-but": {"equals-ignore-case": ["k"]}}]}"#, #"{"a": "\u212A"}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ testCase: MatchCase) throws {
        #expect(try verdictOfAllEngines(testCase.pattern, testCase.record) == testCase.matches)
    }
}
