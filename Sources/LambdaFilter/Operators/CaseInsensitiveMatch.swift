/// `equals-ignore-case`, and the case folding that the ignore-case variants of `prefix`,
/// `suffix` and `anything-but` share.
///
/// ```json
/// {"Name": [{"equals-ignore-case": "alice"}]}
/// ```
/// Folding follows event-ruler's `EqualsIgnoreCaseParser`: the *pattern* is read character by
/// character, and at each character the value may hold that character's lower-case or its
/// upper-case form (Java's `toLowerCase`/`toUpperCase` of the one character, full mappings):
///
/// ```
/// pattern   a      ß        ı       ς       ﬁ        K (Kelvin)
/// value     a|A    ß|SS     ı|I     ς|Σ     ﬁ|FI     k|K
/// ```
/// So `ß` matches `SS` but `SS` does not match `ß`, and the Kelvin sign never matches `K`. The
/// value itself is never folded. Where the docs are explicit, a character also always matches
/// itself (event-ruler reads a titlecase letter as its lower and upper forms only, and an emoji
/// as two lone UTF-16 halves, so neither would match itself). An ASCII pattern takes a byte path.
package enum CaseInsensitiveMatch {
    static func parse(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        guard case .string(let text) = operand.kind else {
            throw context.error(.invalidOperand, "equals-ignore-case match pattern must be a string", at: operand)
        }
        return .equalsIgnoreCase(text)
    }

    /// Whether `leaf` is a string equal to `text` ignoring case (`Condition.equalsIgnoreCase(text).holds(for: leaf)`).
    package static func equals(_ leaf: LeafValue, _ text: String) -> Bool {
        Condition.equalsIgnoreCase(text).holds(for: leaf)
    }

    /// The lower-cased bytes of an ASCII `text`, for the byte path; nil when `text` is not ASCII.
    /// For an ASCII pattern the two forms of every character are ASCII, so a value matches when
    /// its bytes, lower-cased one by one, equal these.
    static func asciiFold(_ text: String) -> [UInt8]? {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.map(asciiLower) : nil
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}

/// A pattern string read for case-insensitive matching: per character, the UTF-8 forms a value
/// may hold there (see `CaseInsensitiveMatch`).
struct FoldedPattern: Sendable, Hashable {
    /// Per pattern character: its distinct forms (itself, its lower case, its upper case).
    let forms: [[[UInt8]]]

    init(_ text: String) {
        forms = text.unicodeScalars.map { scalar in
            let itself = String(Character(scalar))
            var result: [[UInt8]] = [Array(itself.utf8)]
            for form in [itself.lowercased(), itself.uppercased()] where !result.contains(Array(form.utf8)) {
                result.append(Array(form.utf8))
            }
            return result
        }
    }

    enum Anchoring {
        case whole, prefix, suffix
    }

    /// Whether `value` is (`.whole`), starts with (`.prefix`) or ends with (`.suffix`) a sequence
    /// of one form per pattern character.
    /// - Complexity: O(n·m·f) for n value bytes, m pattern characters and f forms each (f ≤ 3).
    func matches(_ value: UnsafeBufferPointer<UInt8>, _ anchoring: Anchoring) -> Bool {
        // The value offsets where the characters read so far can end (or, for a suffix, start).
        let backwards = anchoring == .suffix
        var positions: Set<Int> = [backwards ? value.count : 0]
        for index in forms.indices {
            let characterForms = forms[backwards ? forms.count - 1 - index : index]
            var next = Set<Int>()
            for position in positions {
                for form in characterForms {
                    let start = backwards ? position - form.count : position
                    guard start >= 0, start + form.count <= value.count else { continue }
                    var equal = true
                    for offset in form.indices where value[start + offset] != form[offset] {
                        equal = false
                        break
                    }
                    if equal { next.insert(backwards ? start : start + form.count) }
                }
            }
            if next.isEmpty { return false }
            positions = next
        }
        return anchoring == .whole ? positions.contains(value.count) : true
    }
}
