import Testing

@testable import LambdaFilter

/// `JSONSkip.typedAttributeEnd`, the shortcut for DynamoDB's `{"S":"…"}`, against the byte-exact
/// walk `containerEndByStops`: wherever it answers, the walk ends at the same place; it answers
/// on the typed attributes it is for; and on every prefix and one-byte mutation of them (escapes,
/// brackets in strings, control bytes, truncation, the level limit) it agrees or declines.
@Suite("TypedAttributeSkip")
struct TypedAttributeSkipTests {
    /// Containers the shortcut is for, and near misses it must decline or get right.
    static let containers: [String] = [
        #"{"S":"USER#97196"}"#, #"{"N":"574"}"#, #"{"S":"uma@shop.example.co.uk"}"#, #"{"S":""}"#,
        #"{"S":"0123456789abcdef0123456789abcdef0"}"#, #"{"S":"{[}]"}"#, #"{"S":"a\"b"}"#, #"{"S":"a\\"}"#,
        #"{"\u":"x"}"#, #"{"SS":"x"}"#, #"{"S":["x"]}"#, #"{"S":{"S":"x"}}"#, #"{"S":"x","N":"1"}"#, #"{"S":1}"#,
        #"{"S" :"x"}"#, #"{"S":"x" }"#, "{\"S\":\"caf\u{E9}\"}", "{\"S\":\"x\u{1}\"}", "{\"\u{1}\":\"x\"}",
        #"{"S":"x"]"#, #"{"S":"x"}"#,
    ]

    /// What may follow the container in a record.
    static let suffixes: [String] = ["", ",", "}", ",\"email\":{\"S\":\"a\"}}", "\"}", "          "]

    static let shortcut: SkipShortcutCheck.Shortcut = { JSONSkip.typedAttributeEnd($0, $1, from: $2, levelLimit: $3) }
    static let pattern = #"{"a":["x"]}"#

    static func skips(_ bytes: [UInt8], from start: Int, levelLimit: Int) -> (reference: String, shortcut: String) {
        SkipShortcutCheck.skips(bytes, from: start, levelLimit: levelLimit, by: shortcut)
    }

    static func variants(padding: Int) -> [[UInt8]] {
        SkipShortcutCheck.variants(of: containers, suffixes: suffixes, padding: padding)
    }

    /// Wherever the shortcut answers, the walk succeeds with the same end; with no level left,
    /// the shortcut declines (the walk reports the nesting).
    @Test(arguments: [(0, 512), (3, 512), (0, 1), (5, 0)])
    func answersOnlyWhereTheWalkEndsTheSame(_ padding: Int, _ levelLimit: Int) {
        var answered = 0
        var failures: [String] = []
        for bytes in Self.variants(padding: padding) {
            let (reference, shortcut) = Self.skips(bytes, from: padding, levelLimit: levelLimit)
            guard shortcut != "declined" else { continue }
            answered += 1
            if shortcut != reference {
                failures.append("\(String(decoding: bytes, as: UTF8.self)): walk \(reference), shortcut \(shortcut)")
            }
        }
        #expect(failures.count == 0, "mismatches, the first: \(failures.prefix(3))")
        // Not vacuous: it answers on the intact typed attributes (and their harmless mutations), unless no level is left.
        if levelLimit >= 1 { #expect(answered > 500) } else { #expect(answered == 0) }
    }

    /// The typed attributes it is for: it answers, with the end just past the closing brace.
    @Test(arguments: [
        (#"{"S":"USER#97196"}"#, 18), (#"{"N":"574"}"#, 11), (#"{"S":""}"#, 8), (#"{"S":"uma@shop.example.co.uk"}"#, 30),
        (#"{"S":"0123456789abcdef0123456789abcdef0"}"#, 41), (#"{"S":"{[}]"}"#, 12),
    ])
    func answersOnTypedAttributes(_ container: String, _ end: Int) {
        let bytes = Array((container + ",\"k\":{\"S\":\"v\"}}").utf8)
        #expect(Self.skips(bytes, from: 0, levelLimit: 512) == ("end \(end)", "end \(end)"))
    }

    /// Shapes it must leave to the block skip: escapes, a key that is not one plain byte, a
    /// value that is no string, spacing, a wrong closing bracket, text that ends too soon.
    @Test(arguments: [
        #"{"S":"a\"b"}"#, #"{"S":"a\\"}"#, #"{"\":"x"}"#, #"{""":"x"}"#, #"{"SS":"x"}"#, #"{"S":["x"]}"#, #"{"S":1}"#,
        #"{"S" :"x"}"#, #"{"S":"x" }"#, #"{"S":"x"]"#, #"{"S":"x","N":"1"}"#, "{\"S\":\"x\u{1}\"}", "{\"\u{1}\":\"x\"}", #"{"S":"x""#,
        #"{"S":""#,
    ])
    func declinesOtherShapes(_ container: String) {
        #expect(Self.skips(Array(container.utf8), from: 0, levelLimit: 512).shortcut == "declined")
    }

    /// The scanner on records whose unnamed member `z` holds each variant: the outcome the walk
    /// implies. Where the walk ends the container, the record with a string of the same length
    /// in its place (skipped without any container skip) gives the same outcome; where it
    /// fails, its failure is the error, as `skipContainer` words it.
    @Test(arguments: [",\"a\":\"x\"}", "}", ""])
    func scannerGivesTheWalksOutcome(_ rest: String) throws {
        var failures: [String] = []
        for variant in Self.variants(padding: 0) {
            let record = Array("{\"z\":".utf8) + variant + Array(rest.utf8)
            let expected = try SkipShortcutCheck.walksOutcome(of: record, pattern: Self.pattern, by: Self.shortcut)
            let actual = try SkipShortcutCheck.outcome(of: record, pattern: Self.pattern)
            if actual != expected { failures.append("\(String(decoding: record, as: UTF8.self)): \(actual), expected \(expected)") }
        }
        #expect(failures.count == 0, "mismatches, the first: \(failures.prefix(3))")
    }
}
