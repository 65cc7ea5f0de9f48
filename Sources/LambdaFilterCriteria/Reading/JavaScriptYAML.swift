import LambdaFilter

/// Plain YAML scalars as the Serverless Framework reads `serverless.yml`: js-yaml 4's default
/// schema (YAML 1.2 core plus timestamps), then `JSON.parse(JSON.stringify(...))`
/// (lib/configuration/read.js), then `JSON.stringify` of each `filterPatterns` entry. So a
/// number reaches AWS as JavaScript prints it, not as written:
///
/// | written | js-yaml | Pattern text |
/// |---|---|---|
/// | `1e3`, `1_000`, `0x3E8`, `0o1750`, `01000` | 1000 | `1000` |
/// | `.5`, `1.50`, `+1`, `-0` | 0.5, 1.5, 1, 0 | `0.5`, `1.5`, `1`, `0` |
/// | `1e21`, `0.0000001` | | `1e+21`, `1e-7` |
/// | `.inf`, `.nan`, `1e400` | Infinity, NaN | `null` |
/// | `yes`, `on`, `0X1F`, `-.5`, `1:30` | strings | `"yes"`... |
/// | `2001-12-14` | a Date | `"2001-12-14T00:00:00.000Z"` |
///
/// The rules are js-yaml 4.1.0's (`lib/type/{null,bool,int,float,timestamp}.js`), checked
/// against it where node and js-yaml are installed.
enum JavaScriptYAML {
    /// The value js-yaml gives a plain (unquoted, untagged) scalar, after the JSON round trip.
    static func value(ofPlain text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let number = integer(text) ?? float(text) {
            return JavaScriptNumber.text(number).map(JSONValue.number) ?? .null
        }
        if let date = timestamp(text) { return .string(date) }
        return .string(text)
    }

    /// A plain mapping key as js-yaml stores it: `String(value)` of what it resolves to.
    static func key(ofPlain text: String) -> String {
        switch text {
        case "", "~", "null", "Null", "NULL": return "null"
        case "true", "True", "TRUE": return "true"
        case "false", "False", "FALSE": return "false"
        default: break
        }
        if let number = integer(text) ?? float(text) {
            return JavaScriptNumber.text(number) ?? (number.isNaN ? "NaN" : number < 0 ? "-Infinity" : "Infinity")
        }
        // A Date key prints in the machine's time zone: kept as written.
        return text
    }

    // MARK: - int (resolveYamlInteger, constructYamlInteger)

    static func integer(_ text: String) -> Double? {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var negative = false
        if scalars[0] == "-" || scalars[0] == "+" {
            negative = scalars[0] == "-"
            scalars.removeFirst()
        }
        guard let first = scalars.first else { return nil }
        if first == "0" && scalars.count == 1 { return 0 }
        if first == "0", scalars.count > 1, let radix = ["b": 2, "x": 16, "o": 8][scalars[1]] {
            let digits = scalars.dropFirst(2)
            guard digits.last != "_" else { return nil }
            var values: [Int] = []
            for scalar in digits where scalar != "_" {
                guard let digit = Int(String(scalar), radix: radix), scalar != "+" && scalar != "-" else { return nil }
                values.append(digit)
            }
            guard !values.isEmpty else { return nil }
            let magnitude = powerOfTwoValue(values, bitsPerDigit: radix == 2 ? 1 : radix == 8 ? 3 : 4)
            // `sign * parseInt(...)`; zero has no sign after the JSON round trip.
            return negative ? -magnitude : magnitude
        }
        guard first != "_", scalars.last != "_" else { return nil }
        let digits = scalars.filter { $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        guard let magnitude = Double(String(String.UnicodeScalarView(digits))) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `parseInt` of base-2, -8 or -16 digits: the nearest double, ties to even.
    static func powerOfTwoValue(_ digits: [Int], bitsPerDigit: Int) -> Double {
        var bits: [Bool] = []
        for digit in digits {
            for shift in stride(from: bitsPerDigit - 1, through: 0, by: -1) { bits.append(digit >> shift & 1 == 1) }
        }
        bits = Array(bits.drop { !$0 })
        guard !bits.isEmpty else { return 0 }
        guard bits.count <= 1024 else { return .infinity }
        var mantissa: UInt64 = 0
        for bit in bits.prefix(53) { mantissa = mantissa << 1 | (bit ? 1 : 0) }
        let dropped = max(0, bits.count - 53)
        if dropped > 0 {
            let guardBit = bits[53]
            let sticky = bits.dropFirst(54).contains(true)
            if guardBit && (sticky || mantissa & 1 == 1) { mantissa += 1 }
        }
        let value = Double(sign: .plus, exponent: dropped, significand: Double(mantissa))
        return value
    }

    // MARK: - float (YAML_FLOAT_PATTERN, constructYamlFloat)

    static func float(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        guard let last = scalars.last, last != "_" else { return nil }
        let lowered = text.replacingAll("_", with: "").lowercased()
        var body = Substring(lowered)
        var negative = false
        let signed = body.first == "-" || body.first == "+"
        if signed {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        switch text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text) {
        case ".inf", ".Inf", ".INF": return negative ? -.infinity : .infinity
        case ".nan", ".NaN", ".NAN": return signed ? nil : .nan
        default: break
        }
        guard matchesFloat(Array(text.unicodeScalars)) else { return nil }
        // parseFloat: `.5` and `1.` are numbers; Swift's reader wants a digit either side of the point.
        var literal = String(body)
        if literal.hasPrefix(".") { literal = "0" + literal }
        literal = literal.replacingAll(".e", with: ".0e")
        if literal.hasSuffix(".") { literal += "0" }
        guard let magnitude = Double(literal) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?` or `\.[0-9_]+([eE][-+]?[0-9]+)?`.
    private static func matchesFloat(_ scalars: [Unicode.Scalar]) -> Bool {
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        var index = 0
        func skip(_ accept: (Unicode.Scalar) -> Bool) -> Int {
            let start = index
            while index < scalars.count, accept(scalars[index]) { index += 1 }
            return index - start
        }
        if index < scalars.count, scalars[index] == "." {
            index += 1
            guard skip({ isDigit($0) || $0 == "_" }) > 0 else { return false }
        } else {
            if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" { index += 1 }
            guard index < scalars.count, isDigit(scalars[index]) else { return false }
            _ = skip { isDigit($0) || $0 == "_" }
            if index < scalars.count, scalars[index] == "." {
                index += 1
                _ = skip { isDigit($0) || $0 == "_" }
            }
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" { index += 1 }
            guard skip(isDigit) > 0 else { return false }
        }
        return index == scalars.count
    }

    // MARK: - timestamp (YAML_DATE_REGEXP, YAML_TIMESTAMP_REGEXP, then Date.prototype.toISOString)

    /// The ISO text `JSON.stringify` gives the Date js-yaml makes, or `nil` when not a timestamp.
    static func timestamp(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func digits(_ least: Int, _ most: Int) -> Int? {
            let start = index
            while index < scalars.count, index - start < most, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard index - start >= least else { return nil }
            return Int(String(String.UnicodeScalarView(scalars[start..<index])))
        }
        func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }
        guard let year = digits(4, 4), take("-") else { return nil }
        let monthStart = index
        guard let month = digits(1, 2), take("-") else { return nil }
        let monthDigits = index - 1 - monthStart
        let dayStart = index
        guard let day = digits(1, 2) else { return nil }
        let dayDigits = index - dayStart
        var milliseconds = 0
        var offsetMinutes = 0
        if index == scalars.count {
            // A date alone needs two-digit month and day.
            guard monthDigits == 2, dayDigits == 2 else { return nil }
        } else {
            if !take("T") && !take("t") {
                guard skipBlanks(scalars, &index) > 0 else { return nil }
            }
            guard let hour = digits(1, 2), take(":"), let minute = digits(2, 2), take(":"), let second = digits(2, 2) else { return nil }
            if take(".") {
                let start = index
                while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                var fraction = String(String.UnicodeScalarView(scalars[start..<index]).prefix(3))
                while fraction.count < 3 { fraction += "0" }
                milliseconds = Int(fraction) ?? 0
            }
            _ = skipBlanks(scalars, &index)
            if take("Z") {
            } else if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" {
                let negative = scalars[index] == "-"
                index += 1
                guard let offsetHour = digits(1, 2) else { return nil }
                var offsetMinute = 0
                if take(":") {
                    guard let minutes = digits(2, 2) else { return nil }
                    offsetMinute = minutes
                }
                offsetMinutes = (negative ? -1 : 1) * (offsetHour * 60 + offsetMinute)
            }
            guard index == scalars.count else { return nil }
            milliseconds += ((hour * 60 + minute) * 60 + second) * 1000
        }
        // Date.UTC: a year of 0 to 99 means 1900 + year; months and days overflow into the next.
        let fullYear = (0...99).contains(year) ? 1900 + year : year
        let monthIndex = month - 1
        let days =
            daysFromCivil(year: fullYear + Int((Double(monthIndex) / 12).rounded(.down)), month: ((monthIndex % 12) + 12) % 12 + 1, day: 1)
            + day - 1
        let time = days * 86_400_000 + milliseconds - offsetMinutes * 60_000
        return isoString(milliseconds: time)
    }

    private static func skipBlanks(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int {
        let start = index
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index - start
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `Date.prototype.toISOString` for milliseconds since the epoch.
    static func isoString(milliseconds time: Int) -> String {
        let days = Int((Double(time) / 86_400_000).rounded(.down))
        var rest = time - days * 86_400_000
        let era = (days + 719_468 >= 0 ? days + 719_468 : days + 719_468 - 146_096) / 146_097
        let dayOfEra = days + 719_468 - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let hour = rest / 3_600_000
        rest %= 3_600_000
        let minute = rest / 60000
        rest %= 60000
        let yearText = (0...9999).contains(year) ? pad(year, 4) : (year < 0 ? "-" : "+") + pad(abs(year), 6)
        return
            "\(yearText)-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(rest / 1000, 2)).\(pad(rest % 1000, 3))Z"
    }

    /// `JSON.stringify`'s member order: keys that are array indices (`"0"`, `"10"`, below
    /// 2³² − 1) first, ascending, then the others in the order written. Applied at every level.
    static func stringifyOrder(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            let ordered = members.map { JSONMember($0.key, stringifyOrder($0.value)) }
            let indices = ordered.filter { arrayIndex($0.key) != nil }.sorted { arrayIndex($0.key)! < arrayIndex($1.key)! }
            return .object(indices + ordered.filter { arrayIndex($0.key) == nil })
        case .array(let elements):
            return .array(elements.map(stringifyOrder))
        default:
            return value
        }
    }

    /// The key's value when it is a canonical array index.
    private static func arrayIndex(_ key: String) -> UInt64? {
        guard let first = key.utf8.first, key.utf8.count <= 10, key.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            first != UInt8(ascii: "0") || key.utf8.count == 1, let value = UInt64(key), value < 4_294_967_295
        else { return nil }
        return value
    }
}

/// ECMAScript's Number::toString (what `JSON.stringify` writes for a finite number).
enum JavaScriptNumber {
    /// The shortest digits that read back as `value`, placed as JavaScript places them
    /// (`1000`, `0.5`, `1e+21`, `1e-7`); `nil` for infinities and NaN (`JSON.stringify` writes `null`).
    static func text(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }
        // Swift's description has the shortest round-trip digits too, in its own layout.
        let description = value.magnitude.description
        let exponentStart = description.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = exponentStart.map { description[..<$0] } ?? description[...]
        let exponent = exponentStart.flatMap { Int(description[description.index(after: $0)...]) } ?? 0
        let whole = mantissa.prefix { $0 != "." }
        let fraction = mantissa.dropFirst(whole.count + 1)
        var digits = Array((whole + fraction).utf8)
        var point = whole.utf8.count + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let text = String(decoding: digits, as: UTF8.self)
        let count = digits.count
        let sign = value < 0 ? "-" : ""
        if count <= point && point <= 21 { return sign + text + String(repeating: "0", count: point - count) }
        if 0 < point && point <= 21 {
            return sign + String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
        }
        if -6 < point && point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + text }
        let shown = point - 1
        let rest = count > 1 ? "." + String(decoding: digits[1...], as: UTF8.self) : ""
        return sign + String(decoding: digits[..<1], as: UTF8.self) + rest + "e" + (shown >= 0 ? "+" : "-") + String(abs(shown))
    }
}
