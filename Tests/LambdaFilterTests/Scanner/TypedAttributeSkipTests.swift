import Testing

@testable import LambdaFilter

/// `JSONSkip.typedAttributeEnd` and `typedImageEnd`, the shortcuts for DynamoDB's `{"S":"…"}`
/// and images of them, against the byte-exact walk `containerEndByStops`: wherever one answers,
/// the walk ends at the same place; they answer on the containers they are for; and on every
/// prefix and one-byte mutation of them (escapes, brackets in strings, control bytes,
/// truncation, the level limit) they agree or decline.
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

    /// Bytes that matter to the skip, for one-byte mutations.
    static let mutations: [UInt8] = Array(#""\[]{}:,aS "#.utf8) + [0x00, 0x01, 0x1F, 0x7F, 0xC3]

    /// The walk's answer (its end or failure) and the shortcut's end, as texts.
    static func skips(_ bytes: [UInt8], from start: Int, levelLimit: Int, image: Bool = false) -> (reference: String, shortcut: String) {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var spill: [Bool] = []
            let reference: String
            do throws(JSONSkip.Failure) {
                reference =
                    "end \(try JSONSkip.containerEndByStops(base, buffer.count, from: start, levelLimit: levelLimit, spill: &spill))"
            } catch {
                reference = "failure \(error)"
            }
            let shortcut =
                (image
                ? JSONSkip.typedImageEnd(base, buffer.count, from: start, levelLimit: levelLimit)
                : JSONSkip.typedAttributeEnd(base, buffer.count, from: start, levelLimit: levelLimit)).map { "end \($0)" }
            return (reference, shortcut ?? "declined")
        }
    }

    /// Every variant of every container (itself, each prefix, each one-byte mutation after the
    /// opening bracket) after `padding` bytes and before each suffix.
    static func variants(of containers: [String], padding: Int) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for container in containers {
            let text = Array(container.utf8)
            var shapes: [[UInt8]] = (1...text.count).map { Array(text[..<$0]) }
            for index in 1..<text.count {
                for byte in mutations where byte != text[index] {
                    var mutated = text
                    mutated[index] = byte
                    shapes.append(mutated)
                }
            }
            for shape in shapes {
                for suffix in suffixes { result.append(Array(repeating: UInt8(ascii: " "), count: padding) + shape + Array(suffix.utf8)) }
            }
        }
        return result
    }

    /// Wherever the shortcut answers, the walk succeeds with the same end; with no level left,
    /// the shortcut declines (the walk reports the nesting).
    @Test(arguments: [(0, 512), (3, 512), (0, 1), (5, 0)])
    func answersOnlyWhereTheWalkEndsTheSame(_ padding: Int, _ levelLimit: Int) {
        var answered = 0
        var failures: [String] = []
        for bytes in Self.variants(of: Self.containers, padding: padding) {
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

    /// Images the image shortcut is for, and near misses it must decline or get right.
    static let images: [String] = [
        #"{"pk":{"S":"USER#97196"},"sk":{"S":"SESSION#d10267"}}"#, #"{"a":{"N":"1"}}"#, #"{"":{"S":""}}"#,
        #"{"p\"k":{"S":"x"}}"#, #"{"pk":{"S":"x"},"sk":[1]}"#, #"{"pk":{"S":"x"} ,"sk":{"S":"y"}}"#, #"{"pk":{"S":"x"},}"#,
        #"{"pk":{"S":"x"},"sk":{"S":"y"}]"#, #"{"pk":{"M":{"S":"x"}}}"#, #"{"pk" : {"S":"x"}}"#, "{\"p\u{1}\":{\"S\":\"x\"}}",
    ]

    /// The typed attribute's checks, for images: the image shortcut answers only where the walk
    /// ends the same, also with too few levels left for its members.
    @Test(arguments: [(0, 512), (2, 512), (0, 2), (1, 1)])
    func imageAnswersOnlyWhereTheWalkEndsTheSame(_ padding: Int, _ levelLimit: Int) {
        var answered = 0
        var failures: [String] = []
        for bytes in Self.variants(of: Self.images, padding: padding) {
            let (reference, shortcut) = Self.skips(bytes, from: padding, levelLimit: levelLimit, image: true)
            guard shortcut != "declined" else { continue }
            answered += 1
            if shortcut != reference {
                failures.append("\(String(decoding: bytes, as: UTF8.self)): walk \(reference), shortcut \(shortcut)")
            }
        }
        #expect(failures.count == 0, "mismatches, the first: \(failures.prefix(3))")
        if levelLimit >= 2 { #expect(answered > 500) } else { #expect(answered == 0) }
    }

    /// Images it is for: it answers, with the end just past the closing brace.
    @Test(arguments: [
        (#"{"pk":{"S":"USER#97196"},"sk":{"S":"SESSION#d10267"}}"#, 53), (#"{"a":{"N":"1"}}"#, 15), (#"{"":{"S":""}}"#, 13),
    ])
    func imageAnswersOnImages(_ container: String, _ end: Int) {
        let bytes = Array((container + ",\"k\":{\"S\":\"v\"}}").utf8)
        #expect(Self.skips(bytes, from: 0, levelLimit: 512, image: true) == ("end \(end)", "end \(end)"))
    }

    /// Shapes it must leave to the block skip.
    @Test(arguments: [
        #"{"p\"k":{"S":"x"}}"#, #"{"pk":{"S":"x"},"sk":[1]}"#, #"{"pk":{"S":"x"} ,"sk":{"S":"y"}}"#, #"{"pk":{"S":"x"},}"#,
        #"{"pk":{"S":"x"},"sk":{"S":"y"}]"#, #"{"pk":{"M":{"S":"x"}}}"#, #"{"pk" : {"S":"x"}}"#, #"{"pk":{"S":"x"}"#, #"{}"#,
        #"{"S":"x"}"#,
    ])
    func imageDeclinesOtherShapes(_ container: String) {
        #expect(Self.skips(Array(container.utf8), from: 0, levelLimit: 512, image: true).shortcut == "declined")
    }
}
