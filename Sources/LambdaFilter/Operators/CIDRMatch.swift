/// `cidr`: string values that are IP addresses inside a block.
///
/// ```json
/// {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}
/// {"sourceIPAddress": [{"cidr": "2001:db8:1234:1a00::/64"}]}
/// ```
/// IPv4 and IPv6. The block is read as event-ruler's `CIDR.cidr` reads it: `/bits` is required,
/// 0...31 for IPv4 and 0...127 for IPv6 (a single address is an exact string match, not a
/// block); an IPv4 part may have leading zeros (`010.0.0.0` is 10.0.0.0, read in decimal); an
/// IPv6 address is hexadecimal groups and colons only (no dotted IPv4 tail). Values that are not
/// addresses of the block's family never match; a value's address is read the same way, except
/// that an IPv6 value may end in a dotted IPv4 tail (`::ffff:10.0.0.1`), a form AWS documents.
public struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    /// The network address: 4 bytes for IPv4, 16 for IPv6.
    public let network: [UInt8]
    /// The `/bits`: how many leading bits of an address must equal the network's.
    public let prefixLength: Int
    /// The block as written in the pattern (`10.0.0.0/24`).
    public let text: String

    /// The block as written in the pattern.
    public var description: String { text }

    static func parse(operand: JSONNode, context: inout PatternParser.Context) throws(PatternError) -> Condition {
        guard case .string(let text) = operand.kind else {
            throw context.error(.invalidOperand, "cidr match pattern must be a string", at: operand)
        }
        // Java's String.split("/"): trailing empty parts are dropped.
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        while parts.count > 1 && parts.last?.isEmpty == true { parts.removeLast() }
        guard parts.count == 2 else {
            throw context.error(.invalidCIDR, "Malformed CIDR, one '/' required", at: operand)
        }
        guard let bits = Self.javaInteger(parts[1]) else {
            throw context.error(.invalidCIDR, "Malformed CIDR, mask bits must be an integer", at: operand)
        }
        guard bits >= 0 else {
            throw context.error(.invalidCIDR, "Malformed CIDR, mask bits must not be negative", at: operand)
        }
        let addressText = String(parts[0])
        guard let address = IPAddressParsing.parse(Array(addressText.utf8), allowingIPv4Tail: false) else {
            throw context.error(.invalidCIDR, "Nonstandard IP address: \(addressText)", at: operand)
        }
        guard bits < address.count * 8 else {
            throw context.error(
                .invalidCIDR, address.count == 4 ? "IPv4 mask bits must be < 32" : "IPv6 mask bits must be < 128", at: operand)
        }
        context.warnIfLambda("cidr is documented for EventBridge, not for Lambda event source mappings", at: operand)
        return .cidr(CIDRBlock(network: Self.mask(address, bits), prefixLength: bits, text: text))
    }

    /// `Integer.parseInt` on ASCII text: an optional sign and decimal digits, within 32 bits.
    private static func javaInteger(_ text: Substring) -> Int? {
        var digits = text[...]
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        var value = 0
        for byte in digits.utf8 {
            value = value * 10 + Int(byte - 0x30)
            if value > Int(Int32.max) + 1 { return nil }
        }
        value = negative ? -value : value
        guard value >= Int(Int32.min) && value <= Int(Int32.max) else { return nil }
        return value
    }

    init(network: [UInt8], prefixLength: Int, text: String) {
        self.network = network
        self.prefixLength = prefixLength
        self.text = text
    }

    /// Whether the UTF-8 text `address` is an address of this block's family inside the block.
    package func contains(address: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let parsed = IPAddressParsing.parse(Array(address), allowingIPv4Tail: true), parsed.count == network.count else {
            return false
        }
        return Self.mask(parsed, prefixLength) == network
    }

    static func mask(_ address: [UInt8], _ bits: Int) -> [UInt8] {
        var result = address
        for index in result.indices {
            let keep = max(0, min(8, bits - index * 8))
            result[index] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
        return result
    }
}

/// Textual IPv4 and IPv6 addresses, read as event-ruler reads them (its address regexes, then
/// Java's `InetAddress`): IPv4 is exactly four dot-separated decimal numbers up to 255, leading
/// zeros allowed (`010` is ten); IPv6 is the RFC 4291 forms.
enum IPAddressParsing {
    static func parse(_ text: [UInt8], allowingIPv4Tail: Bool) -> [UInt8]? {
        if text.contains(UInt8(ascii: ":")) { return parseIPv6(text[...], allowingIPv4Tail: allowingIPv4Tail) }
        return parseIPv4(text[...])
    }

    static func parseIPv4(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            var value = 0
            for digit in part {
                value = value * 10 + Int(digit - 0x30)
                guard value <= 255 else { return nil }
            }
            result.append(UInt8(value))
        }
        return result
    }

    static func parseIPv6(_ text: ArraySlice<UInt8>, allowingIPv4Tail: Bool) -> [UInt8]? {
        // At most one "::" stands for a run of zero groups; split around it first.
        let colon = UInt8(ascii: ":")
        var compression: Int? = nil
        var index = text.startIndex
        while index + 1 < text.endIndex {
            if text[index] == colon && text[index + 1] == colon {
                if compression != nil { return nil }
                compression = index
                index += 2
                continue
            }
            index += 1
        }
        func groups(_ part: ArraySlice<UInt8>, allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var words: [UInt16] = []
            let pieces = part.split(separator: colon, omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                if allowIPv4 && allowingIPv4Tail && position == pieces.count - 1 && piece.contains(UInt8(ascii: ".")) {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    words += [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, let word = UInt16(String(decoding: piece, as: UTF8.self), radix: 16) else {
                    return nil
                }
                words.append(word)
            }
            return words
        }
        let words: [UInt16]
        if let split = compression {
            guard let head = groups(text[text.startIndex..<split], allowIPv4: false),
                let tail = groups(text[(split + 2)...], allowIPv4: true), head.count + tail.count < 8
            else { return nil }
            words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = groups(text, allowIPv4: true), all.count == 8 else { return nil }
            words = all
        }
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
