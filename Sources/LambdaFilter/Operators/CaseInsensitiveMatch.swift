/// `equals-ignore-case`, and the case folding that the ignore-case variants of `prefix`,
/// `suffix` and `anything-but` share.
///
/// ```json
/// {"Name": [{"equals-ignore-case": "alice"}]}
/// ```
/// Folding is Unicode lower-casing of both sides; ASCII values take a byte-only fast path.
public enum CaseInsensitiveMatch {
    static func parse(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        guard case .string(let text) = operand.kind else {
            throw context.error(.invalidOperand, "equals-ignore-case match pattern must be a string", at: operand)
        }
        return .equalsIgnoreCase(text)
    }

    public static func equals(_ leaf: LeafValue, _ text: String) -> Bool {
        guard leaf.kind == .string else { return false }
        return folded(leaf.utf8) == fold(text)
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        folded(bytes).starts(with: fold(prefix))
    }

    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: String) -> Bool {
        let value = folded(bytes), tail = fold(suffix)
        return value.count >= tail.count && value.suffix(tail.count).elementsEqual(tail)
    }

    /// The folded UTF-8 bytes of `text`.
    public static func fold(_ text: String) -> [UInt8] {
        asciiFold(text) ?? Array(text.lowercased().utf8)
    }

    /// The folded bytes of an ASCII `text` (folding is then byte by byte), or nil.
    static func asciiFold(_ text: String) -> [UInt8]? {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.map(asciiLower) : nil
    }

    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if UTF8Validation.isASCII(bytes) { return bytes.map(asciiLower) }
        return Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
