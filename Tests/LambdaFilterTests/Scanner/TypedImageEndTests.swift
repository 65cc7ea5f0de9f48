import Testing

@testable import LambdaFilter

/// `JSONSkip.typedImageEnd`, the member-by-member skip of DynamoDB images, against the byte-exact
/// walk `containerEndByStops`: wherever it answers, the walk ends at the same place; it answers
/// on the images it is for; and on every prefix and one-byte mutation of them (escapes, brackets
/// in strings, control bytes, spacing, truncation, the level limit) it agrees or declines. The
/// scanner, whose patterns turn it on, gives the walk's outcome on records holding each variant.
@Suite("TypedImageEnd")
struct TypedImageEndTests {
    /// Images the skip is for, and near misses it must decline or get right.
    static let containers: [String] = [
        #"{"pk":{"S":"USER#97196"}}"#,
        #"{"pk":{"S":"USER#97196"},"sk":{"S":"SESSION#d10267"},"status":{"S":"PENDING"},"score":{"N":"225"}}"#,
        #"{"":{"S":""},"a":{"N":"1"}}"#, #"{"k{":{"S":"}]"},"[":{"S":"{"}}"#, #"{"k":{"S":"a\"b"},"j":{"S":"c"}}"#,
        #"{"k":{"S":"x"},"j":{"M":{"a":{"S":"b"}}}}"#, #"{"k":{"S":"x"},"j":{"L":[{"S":"b"}]}}"#, #"{"k":{"S":"x"}, "j":{"S":"y"}}"#,
        #"{"k":{"S":"x"},"j":"y"}"#, #"{"k":{"SS":"x"}}"#, #"{"k":"x"}"#, #"{"k" :{"S":"x"}}"#, #"{"k":{"S":"x"} }"#,
        #"{"k":{"S":"x"}]"#, #"{"k\"":{"S":"x"}}"#, "{\"k\":{\"S\":\"caf\u{E9}\"},\"\u{E9}\":{\"N\":\"1\"}}",
        "{\"k\":{\"S\":\"x\u{1}\"}}", "{\"k\u{1}\":{\"S\":\"x\"}}", #"{"k":{"S":"x"},}"#, #"{}"#,
    ]

    /// What may follow the image in a record.
    static let suffixes: [String] = ["", ",", "}", ",\"email\":{\"S\":\"a\"}}", "\"}", "   "]

    static let shortcut: SkipShortcutCheck.Shortcut = { JSONSkip.typedImageEnd($0, $1, from: $2, levelLimit: $3) }
    /// A pattern on the typed attribute `a.S`, which turns the image skip on.
    static let pattern = #"{"a":{"S":["x"]}}"#

    static func skips(_ bytes: [UInt8], from start: Int, levelLimit: Int) -> (reference: String, shortcut: String) {
        SkipShortcutCheck.skips(bytes, from: start, levelLimit: levelLimit, by: shortcut)
    }

    static func variants(padding: Int) -> [[UInt8]] {
        SkipShortcutCheck.variants(of: containers, suffixes: suffixes, padding: padding)
    }

    /// Wherever the skip answers, the walk succeeds with the same end; with fewer than two
    /// levels left, it declines (the walk reports the nesting, or the block skip takes it).
    @Test(arguments: [(0, 512), (3, 512), (0, 2), (5, 1), (0, 0)])
    func answersOnlyWhereTheWalkEndsTheSame(_ padding: Int, _ levelLimit: Int) {
        var answered = 0
        var failures: [String] = []
        for bytes in Self.variants(padding: padding) {
            let (reference, image) = Self.skips(bytes, from: padding, levelLimit: levelLimit)
            guard image != "declined" else { continue }
            answered += 1
            if image != reference {
                failures.append("\(String(decoding: bytes, as: UTF8.self)): walk \(reference), image skip \(image)")
            }
        }
        #expect(failures.count == 0, "mismatches, the first: \(failures.prefix(3))")
        // Not vacuous: it answers on the intact images (and their harmless mutations), unless too few levels are left.
        if levelLimit >= 2 { #expect(answered > 1000) } else { #expect(answered == 0) }
    }

    /// The images it is for: it answers, with the end just past the closing brace.
    @Test(arguments: [
        (#"{"pk":{"S":"USER#97196"}}"#, 25), (#"{"":{"S":""},"a":{"N":"1"}}"#, 27), (#"{"k{":{"S":"}]"},"[":{"S":"{"}}"#, 31),
        (#"{"pk":{"S":"USER#97196"},"sk":{"S":"SESSION#d10267"},"status":{"S":"PENDING"},"score":{"N":"225"}}"#, 98),
    ])
    func answersOnImages(_ container: String, _ end: Int) {
        let bytes = Array((container + ",\"k\":{\"S\":\"v\"}}").utf8)
        #expect(Self.skips(bytes, from: 0, levelLimit: 512) == ("end \(end)", "end \(end)"))
    }

    /// Shapes it must leave to the block skip: a member that is no typed attribute, nesting,
    /// spacing, escapes, a trailing comma, a wrong closing bracket, text that ends too soon.
    @Test(arguments: [
        #"{"k":{"S":"x"},"j":{"M":{"a":{"S":"b"}}}}"#, #"{"k":{"S":"x"},"j":"y"}"#, #"{"k":"x"}"#, #"{"k" :{"S":"x"}}"#,
        #"{"k":{"S":"x"} }"#, #"{"k":{"S":"x"}, "j":{"S":"y"}}"#, #"{"k":{"S":"a\"b"}}"#, #"{"k\"":{"S":"x"}}"#,
        #"{"k":{"S":"x"},}"#, #"{"k":{"S":"x"}]"#, #"{"k":{"S":"x"}"#, #"{"k":{"S":"x"},"#, #"{}"#, #"[{"S":"x"}]"#,
        "{\"k\":{\"S\":\"x\u{1}\"}}",
    ])
    func declinesOtherShapes(_ container: String) {
        #expect(Self.skips(Array(container.utf8), from: 0, levelLimit: 512).shortcut == "declined")
    }

    /// Patterns naming a typed attribute turn the skip on; others leave it off.
    @Test(arguments: [
        (#"{"dynamodb":{"NewImage":{"status":{"S":["x"]}}}}"#, true), (#"{"a":{"N":[{"numeric":[">",1]}]}}"#, true),
        (#"{"a":{"BOOL":[true]}}"#, true), (#"{"S":["x"]}"#, false), (#"{"a":{"s":["x"]}}"#, false),
        (#"{"a":{"Status":["x"]}}"#, false), (#"{"body":{"status":["PAID"]}}"#, false),
    ])
    func turnsOnForTypedAttributePatterns(_ pattern: String, _ expected: Bool) throws {
        let matcher = Matcher(patterns: [try Pattern(parsing: pattern, dialect: .eventbridge)])
        #expect(matcher.tables.expectsTypedImages == expected)
    }

    /// The scanner on records whose unnamed member `z` holds each variant: the outcome the walk
    /// implies. Where the walk ends the container, the record with a string of the same length
    /// in its place gives the same outcome; where it fails, its failure is the error, as
    /// `skipContainer` words it.
    @Test(arguments: [",\"a\":{\"S\":\"x\"}}", "}", ""])
    func scannerGivesTheWalksOutcome(_ rest: String) throws {
        var failures: [String] = []
        var matched = 0
        for variant in Self.variants(padding: 0) where variant.first == UInt8(ascii: "{") {
            let record = Array("{\"z\":".utf8) + variant + Array(rest.utf8)
            let expected = try SkipShortcutCheck.walksOutcome(of: record, pattern: Self.pattern, by: Self.shortcut)
            let actual = try SkipShortcutCheck.outcome(of: record, pattern: Self.pattern)
            if actual == "matches [0]" { matched += 1 }
            if actual != expected { failures.append("\(String(decoding: record, as: UTF8.self)): \(actual), expected \(expected)") }
        }
        #expect(failures.count == 0, "mismatches, the first: \(failures.prefix(3))")
        if rest.hasPrefix(",") { #expect(matched > 1000) }
    }
}
