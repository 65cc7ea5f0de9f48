import Testing

@testable import LambdaFilter

/// `JSONSkip.containerEnd`, the scanner's skip of unnamed subtrees, and the matcher's answers
/// around it.
@Suite("JSONSkip")
struct JSONSkipTests {
    struct SkipCase: CustomTestStringConvertible, Sendable {
        var text: String
        /// The offset just past the container, or nil when the skip must fail.
        var end: Int?
        var testDescription: String { text }
    }

    static let deep = String(repeating: "[", count: 70) + "\"]\"" + String(repeating: "]", count: 70)

    @Test(arguments: [
        SkipCase(text: #"{"a":"b"} tail"#, end: 9),
        SkipCase(text: #"[1,[2,{"x":[3]}],"]}"]"#, end: 22),
        SkipCase(text: #"{"k\"ey":"v\\","w":[]},"#, end: 22),
        SkipCase(text: #"{"long":"0123456789abcdef0123456789","n":[-1.5e3,2,3,4,5,6,7,8,9]}"#, end: 66),
        SkipCase(text: deep, end: 143),  // nesting past the 64 levels of the bit word
        SkipCase(text: #"{"a":[1,2}"#, end: nil),  // `}` closes an array
        SkipCase(text: #"[{"a":1]]"#, end: nil),  // `]` closes an object
        SkipCase(text: #"{"a":"b"#, end: nil),  // ends inside a string
        SkipCase(text: #"{"a":[1,2"#, end: nil),  // ends inside the container
        SkipCase(text: "{\"a\":\"b\u{01}\"}", end: nil),  // raw control character
    ])
    func containerEnd(_ testCase: SkipCase) {
        let bytes = Array(testCase.text.utf8)
        var spill: [Bool] = []
        let found: Int? = bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONSkip.Failure) {
                return try JSONSkip.containerEnd(buffer.baseAddress!, buffer.count, from: 0, levelLimit: 512, spill: &spill)
            } catch {
                return nil
            }
        }
        #expect(found == testCase.end)
        if found != nil { #expect(spill.isEmpty) }
    }

    @Test func levelLimitCountsTheOuterContainer() {
        let bytes = Array("[[[1]]]".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var spill: [Bool] = []
            #expect((try? JSONSkip.containerEnd(buffer.baseAddress!, buffer.count, from: 0, levelLimit: 3, spill: &spill)) == 7)
            #expect(throws: JSONSkip.Failure.self) {
                try JSONSkip.containerEnd(buffer.baseAddress!, buffer.count, from: 0, levelLimit: 2, spill: &spill)
            }
        }
    }

    struct LeafCase: CustomTestStringConvertible, Sendable {
        var record: String
        var matches: Bool
        var testDescription: String { record }
    }

    /// String leaves take a fast path when plain ASCII; escapes and UTF-8 go the full way. Each
    /// record is also matched with the leaf at the very end of the buffer (fewer than sixteen
    /// bytes left for the search).
    @Test(arguments: [
        LeafCase(record: #"{"x":[1],"s":"caf"}"#, matches: false),
        LeafCase(record: #"{"x":[1],"s":"café"}"#, matches: true),
        LeafCase(record: #"{"x":[1],"s":"caf\u00e9"}"#, matches: true),
        LeafCase(record: #"{"x":[1],"s":"caf\u00e9 "}"#, matches: false),
        LeafCase(record: #"{"x":[1],"s":"a long string of plain ascii, well past sixteen bytes"}"#, matches: false),
        LeafCase(record: #"{"x":[1],"s":"café","t":"0123456789abcdefghij"}"#, matches: true),
    ])
    func stringLeaves(_ testCase: LeafCase) throws {
        let matcher = Matcher(patterns: [try Pattern(parsing: #"{"s":["café"]}"#)])
        var scratch = MatchScratch()
        let bytes = Array(testCase.record.utf8)
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.match(buffer, into: &scratch) }
        #expect(scratch.matchedPatterns == (testCase.matches ? [0] : []))
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.matchValidating(buffer, into: &scratch) }
        #expect(scratch.matchedPatterns == (testCase.matches ? [0] : []))
    }

    @Test func invalidUTF8InALeafIsStillAnError() throws {
        let matcher = Matcher(patterns: [try Pattern(parsing: #"{"s":["café"]}"#)])
        var scratch = MatchScratch()
        let bytes = Array(#"{"s":"caf"#.utf8) + [0xC3] + Array(#"","t":"0123456789abcdef"}"#.utf8)
        #expect(throws: JSONSyntaxError.self) {
            try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.match(buffer, into: &scratch) }
        }
    }
}
