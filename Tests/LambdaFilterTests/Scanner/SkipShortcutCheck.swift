@testable import LambdaFilter

/// What the container-skip shortcuts' tests share (`TypedAttributeSkipTests`,
/// `TypedImageEndTests`): each shortcut is held against the byte-exact walk
/// `JSONSkip.containerEndByStops` on generated variants of the containers it is for, and the
/// scanner's outcome on records holding them against the outcome the walk implies.
enum SkipShortcutCheck {
    /// A shortcut: the end of the container at `from` in `count` bytes at `base`, within
    /// `levelLimit` levels, or nil when it declines.
    typealias Shortcut = @Sendable (_ base: UnsafePointer<UInt8>, _ count: Int, _ from: Int, _ levelLimit: Int) -> Int?

    /// Bytes that matter to a skip, for one-byte mutations.
    static let mutations: [UInt8] = Array(#""\[]{}:,aS "#.utf8) + [0x00, 0x01, 0x1F, 0x7F, 0xC3]

    /// The walk's answer (its end or failure) and the shortcut's end (or "declined"), as texts.
    static func skips(
        _ bytes: [UInt8], from start: Int, levelLimit: Int, by shortcut: Shortcut
    ) -> (reference: String, shortcut: String) {
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
            let answer = shortcut(base, buffer.count, start, levelLimit).map { "end \($0)" }
            return (reference, answer ?? "declined")
        }
    }

    /// Every variant of every container (itself, each prefix, each one-byte mutation after the
    /// opening bracket) after `padding` bytes and before each of `suffixes`.
    static func variants(of containers: [String], suffixes: [String], padding: Int) -> [[UInt8]] {
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

    /// The outcome of matching `record` (non-strict) with `pattern`: `matches [ids]` or
    /// `error at OFFSET: REASON`.
    static func outcome(of record: [UInt8], pattern: String) throws -> String {
        let matcher = Matcher(patterns: [try Pattern(parsing: pattern, dialect: .eventbridge)])
        var scratch = MatchScratch()
        do throws(JSONSyntaxError) {
            try record.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try matcher.match(buffer, into: &scratch) }
            return "matches \(scratch.matchedPatterns)"
        } catch {
            return "error at \(error.offset): \(error.reason)"
        }
    }

    /// The outcome the walk implies for `record`, whose member `z` (`{"z":` first) holds a
    /// container at offset 5, matched with `pattern`: where the walk ends the container, the
    /// outcome of the record with a string of the same length in its place (skipped without
    /// any container skip); where it fails, its failure as `skipContainer` words it.
    static func walksOutcome(of record: [UInt8], pattern: String, by shortcut: Shortcut) throws -> String {
        let (reference, _) = skips(record, from: 5, levelLimit: 512, by: shortcut)
        if reference.hasPrefix("end "), let end = Int(reference.dropFirst(4)) {
            let filler = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "q"), count: end - 7) + [UInt8(ascii: "\"")]
            return try outcome(of: Array(record[..<5]) + filler + Array(record[end...]), pattern: pattern)
        }
        return record.withUnsafeBufferPointer { buffer in
            var spill: [Bool] = []
            do throws(JSONSkip.Failure) {
                _ = try JSONSkip.containerEndByStops(buffer.baseAddress!, buffer.count, from: 5, levelLimit: 512, spill: &spill)
                return "no failure"
            } catch {
                switch error {
                case .truncated(let offset): return "error at \(offset): unexpected end of record inside a container"
                case .string(let stringError): return "error at \(stringError.offset): \(stringError.reason)"
                case .mismatched(let offset, let openedObject):
                    let expecting = openedObject ? "',' or '}' in object" : "',' or ']' in array"
                    return "error at \(offset): unexpected '\(Character(UnicodeScalar(record[offset])))', expected \(expecting)"
                case .tooDeep(let offset): return "too deep at \(offset)"
                }
            }
        }
    }
}
