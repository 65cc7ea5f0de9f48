/// Which JSON numbers are compared by value, and their value: event-ruler's rule.
///
/// event-ruler (AWS's engine) compares a number by value only when the number *is* the double
/// Java writes for it: the text's exact decimal value must equal the value of
/// `Double.toString(double)` of the nearest double (`ComparableNumber.generate` throws
/// "Cannot compare number" otherwise). Every other number is only ever equal to its own text:
///
/// ```
/// text                   nearest double     Java writes             compared by value?
/// 300, 3.0e2, 300.000    300                300.0                   yes (all equal 300)
/// 0.1                    0.1000000000000000055…  0.1                yes
/// 2.00000000000000002    2                  2.0                     no: not exactly 2
/// 9007199254740993       9007199254740992   9.007199254740992E15    no
/// 5e-324                 4.94…e-324         4.9E-324                no: Java writes 4.9E-324
/// 1e400                  infinity           –                       no
/// ```
///
/// For a comparable number, comparing doubles *is* comparing exact decimal values: distinct
/// comparable numbers have distinct doubles, in the same order. So the hot path keeps comparing
/// doubles, and exactness comes from refusing the numbers that are not comparable.
///
/// Cost: a number of up to 15 significant digits in the normal range is comparable whenever it is
/// finite (15 decimal digits survive a round trip through a double), so it is decided while
/// parsing; only longer numbers and subnormals pay for writing the double out and comparing digits.
package enum ComparableNumber {
    /// The number's value when event-ruler compares it by value, otherwise `nil`.
    package static func value(of text: String) -> Double? {
        var text = text
        return text.withUTF8 { value($0) }
    }

    /// The number's value when event-ruler compares it by value, otherwise `nil`.
    /// - Complexity: O(n) in the text's length.
    static func value(_ utf8: UnsafeBufferPointer<UInt8>) -> Double? {
        // Fast path: up to 15 digits with at most a decimal point between them (`42`, `123.45`,
        // `-0.5`): the digits as an integer, which a double holds exactly, divided by an exact
        // power of ten, one correctly rounded operation. Comparable, as every 15-digit number is.
        if utf8.count > 0 && utf8.count <= 17 {
            var index = 0
            var negative = false
            if utf8[0] == UInt8(ascii: "-") {
                negative = true
                index = 1
            }
            var integer: Int64 = 0
            var digits = 0
            var fractionDigits = -1  // -1 until a point
            var plain = index < utf8.count
            while plain && index < utf8.count {
                let byte = utf8[index]
                let digit = byte &- 0x30
                if digit <= 9 {
                    integer = integer &* 10 &+ Int64(digit)
                    digits += 1
                    if fractionDigits >= 0 { fractionDigits += 1 }
                } else if byte == UInt8(ascii: ".") && fractionDigits < 0 && digits > 0 {
                    fractionDigits = 0
                } else {
                    plain = false
                }
                index += 1
            }
            if plain && digits <= 15 && fractionDigits != 0 {
                if integer == 0 { return 0 }  // -0 and 0.0 alike, as the slower paths
                let magnitude = fractionDigits > 0 ? Double(integer) / NumberShape.powersOfTen[fractionDigits] : Double(integer)
                return negative ? -magnitude : magnitude
            }
        }
        guard let shape = NumberShape(utf8) else { return nil }
        if shape.isZero { return 0 }
        if shape.significantDigits <= 15 && shape.leadingPosition >= -306 && shape.leadingPosition <= 308 {
            return shape.exactDouble ?? parsedDouble(utf8)
        }
        guard let decimal = DecimalNumber(utf8), let double = parsedDouble(utf8), double.isFinite,
            DecimalNumber.javaText(of: double) == decimal
        else { return nil }
        return double
    }

    private static func parsedDouble(_ utf8: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: utf8, as: UTF8.self))
    }
}

/// A JSON number's shape, read without allocating: sign, significant digits (as an integer while
/// they fit), how many there are, and the power of ten of the first one. Enough to decide the
/// common case; `DecimalNumber` holds every digit for the rest.
struct NumberShape {
    var negative = false
    /// The significant digits as an integer, without trailing zeros; meaningful when
    /// `significantDigits <= 19`.
    var mantissa: UInt64 = 0
    var significantDigits = 0
    /// As `DecimalNumber.leadingPosition`: 123.4 is 0.1234 × 10³, so 3.
    var leadingPosition = 0

    var isZero: Bool { significantDigits == 0 }

    init?(_ utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = utf8.count
        negative = index < count && utf8[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var sawDigit = false, sawPoint = false
        var integerDigits = 0  // integer-part digits from the first significant one
        var leadingZerosAfterPoint = 0
        var pendingZeros = 0  // zeros after the last non-zero digit, not yet known to be significant
        while index < count {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                if sawPoint { return nil }
                sawPoint = true
            } else if byte &- 0x30 < 10 {
                sawDigit = true
                let digit = UInt64(byte &- 0x30)
                if significantDigits == 0 && pendingZeros == 0 && digit == 0 {
                    if sawPoint { leadingZerosAfterPoint += 1 }
                } else {
                    if !sawPoint { integerDigits += 1 }
                    if digit == 0 {
                        pendingZeros += 1
                    } else {
                        // A non-zero digit: the zeros before it are significant.
                        let total = significantDigits + pendingZeros + 1
                        if total <= 19 {
                            for _ in 0..<pendingZeros { mantissa &*= 10 }
                            mantissa = mantissa &* 10 &+ digit
                        }
                        significantDigits = total
                        pendingZeros = 0
                    }
                }
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        guard let exponent = decimalExponent(utf8, from: index) else { return nil }
        leadingPosition = significantDigits == 0 ? 0 : (integerDigits > 0 ? integerDigits : -leadingZerosAfterPoint) + exponent
    }

    /// The double, when one correctly rounded operation gives it: up to 15 digits and a power of
    /// ten a double holds exactly (Clinger's fast path). Otherwise `nil`.
    var exactDouble: Double? {
        guard significantDigits <= 15 else { return nil }
        let scale = leadingPosition - significantDigits  // value = mantissa × 10^scale
        guard scale >= -22 && scale <= 22 else { return nil }
        let magnitude = scale >= 0 ? Double(mantissa) * Self.powersOfTen[scale] : Double(mantissa) / Self.powersOfTen[-scale]
        return negative ? -magnitude : magnitude
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }  // exact up to 10^22
        return value
    }
}

/// A decimal number as its significant digits and an exponent, with no rounding:
/// value = ±0.d₁d₂…dₙ × 10^leadingPosition. Zero has no digits.
struct DecimalNumber: Hashable {
    var negative: Bool
    /// Significant digits (0...9), without leading or trailing zeros.
    var digits: [UInt8]
    /// The power of ten just above the first digit: 123.4 is 0.1234 × 10³, so 3.
    var leadingPosition: Int

    var isZero: Bool { digits.isEmpty }

    /// Reads a JSON number's text; `nil` for text that is not one.
    init?(_ utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = utf8.count
        negative = index < count && utf8[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        digits = []
        var position = 0  // digits seen before the decimal point, counted from the first significant one
        var sawDigit = false
        var sawPoint = false
        var leadingZerosAfterPoint = 0
        while index < count {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                if sawPoint { return nil }
                sawPoint = true
            } else if byte &- 0x30 < 10 {
                sawDigit = true
                let digit = byte &- 0x30
                if digits.isEmpty && digit == 0 {
                    if sawPoint { leadingZerosAfterPoint += 1 }
                } else {
                    digits.append(digit)
                    if !sawPoint { position += 1 }
                }
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        guard let exponent = decimalExponent(utf8, from: index) else { return nil }
        while digits.last == 0 { digits.removeLast() }
        leadingPosition = (position > 0 ? position : -leadingZerosAfterPoint) + exponent
    }

    init(negative: Bool, digits: [UInt8], leadingPosition: Int) {
        self.negative = negative
        self.digits = digits
        self.leadingPosition = leadingPosition
        while self.digits.last == 0 { self.digits.removeLast() }
        while self.digits.first == 0 {
            self.digits.removeFirst()
            self.leadingPosition -= 1
        }
        if self.digits.isEmpty { self.leadingPosition = 0 }
    }

    static func == (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        if lhs.isZero || rhs.isZero { return lhs.isZero && rhs.isZero }
        return lhs.negative == rhs.negative && lhs.leadingPosition == rhs.leadingPosition && lhs.digits == rhs.digits
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(isZero ? false : negative)
        hasher.combine(digits)
        hasher.combine(isZero ? 0 : leadingPosition)
    }

    /// The decimal Java's `Double.toString` writes for `value`: the shortest that reads back as
    /// `value`, closest to it; when one digit would do, Java still writes two (`4.9E-324`) and
    /// picks the closest two-digit decimal. Swift's `description` is the same shortest decimal,
    /// and the two-digit choice only differs from it for subnormals, where it is computed exactly.
    static func javaText(of value: Double) -> DecimalNumber {
        var text = value.description
        let shortest = text.withUTF8 { DecimalNumber($0) }!
        guard value.isSubnormal, shortest.digits.count == 1 else { return shortest }
        return twoDigitRounding(ofSubnormal: value)
    }

    /// The subnormal's exact value (significand × 2⁻¹⁰⁷⁴ = significand × 5¹⁰⁷⁴ × 10⁻¹⁰⁷⁴) rounded
    /// half-even to two significant digits.
    private static func twoDigitRounding(ofSubnormal value: Double) -> DecimalNumber {
        // Base 10⁹ limbs, least significant first.
        var limbs: [UInt64] = [UInt64(value.significandBitPattern)]
        func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = limbs[index] * factor + carry
                limbs[index] = product % 1_000_000_000
                carry = product / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(carry % 1_000_000_000)
                carry /= 1_000_000_000
            }
        }
        // The significand is below 2⁵², so one limb may exceed 10⁹ at first: normalise it.
        multiply(by: 1)
        var remaining = 1074
        while remaining > 0 {
            let step = min(remaining, 12)  // 5¹² < 2³⁰, so a limb times it fits in 64 bits
            var factor: UInt64 = 1
            for _ in 0..<step { factor *= 5 }
            multiply(by: factor)
            remaining -= step
        }
        var exact: [UInt8] = []
        for (index, limb) in limbs.reversed().enumerated() {
            var text = Array(String(limb).utf8).map { $0 - 0x30 }
            if index > 0 { text = [UInt8](repeating: 0, count: 9 - text.count) + text }
            exact += text
        }
        let exactValue = DecimalNumber(negative: value.sign == .minus, digits: exact, leadingPosition: exact.count - 1074)
        var kept = Array(exactValue.digits.prefix(2))
        while kept.count < 2 { kept.append(0) }
        let rest = exactValue.digits.dropFirst(2)
        let roundUp: Bool
        if let first = rest.first {
            if first > 5 || (first == 5 && rest.count > 1) {
                roundUp = true
            } else if first == 5 {
                roundUp = kept[1] % 2 == 1
            } else {
                roundUp = false
            }
        } else {
            roundUp = false
        }
        var leading = exactValue.leadingPosition
        if roundUp {
            var number = Int(kept[0]) * 10 + Int(kept[1]) + 1
            if number == 100 {
                number = 10
                leading += 1
            }
            kept = [UInt8(number / 10), UInt8(number % 10)]
        }
        return DecimalNumber(negative: exactValue.negative, digits: kept, leadingPosition: leading)
    }
}

/// The exponent part of a JSON number's text from `index` to its end: `e-7` is -7, nothing is 0;
/// nil when the rest is not one exponent. Beyond a million the value is zero or infinite for a
/// double anyway, so larger exponents stop growing.
func decimalExponent(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start
    let count = utf8.count
    guard index < count else { return 0 }
    guard utf8[index] | 0x20 == UInt8(ascii: "e") else { return nil }
    index += 1
    var negative = false
    if index < count && (utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-")) {
        negative = utf8[index] == UInt8(ascii: "-")
        index += 1
    }
    guard index < count else { return nil }
    var exponent = 0
    while index < count {
        let digit = utf8[index] &- 0x30
        guard digit < 10 else { return nil }
        if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
        index += 1
    }
    return negative ? -exponent : exponent
}
