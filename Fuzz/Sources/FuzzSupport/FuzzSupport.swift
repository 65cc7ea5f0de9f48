#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibFuzzer
import LambdaFilter
import LambdaFilterTestSupport

/// Runs libFuzzer with the process's arguments, calling `harness` on each input.
public func runFuzzer(_ harness: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, harness))
}

/// Splits a fuzzer's input into parts at line feeds, so one input can carry patterns and a
/// record (seeds are written one minified JSON document a line).
public enum FuzzInput {
    /// At most `count` parts; the last takes the rest, line feeds included.
    public static func parts(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        while parts.count < count - 1, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            parts.append(Array(bytes[start..<newline]))
            start = newline + 1
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// The bytes libFuzzer passes, as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// Classes of matcher-versus-reference disagreement that are known bugs being fixed elsewhere.
///
/// While `LAMBDA_FILTER_FUZZ_KNOWN` is unset (or `skip`), the differential harness ignores a
/// disagreement whose input falls in one of these classes; set it to `report` to have every
/// disagreement crash the run. Remove a class here once its fix is merged.
public enum KnownDisagreement: String, CaseIterable, Sendable {
    /// An object in the record with the same key twice.
    case repeatedKeys = "repeated-keys"
    /// `exists: false` in a pattern, with arrays in the record.
    case existsFalseInArrays = "exists-false-in-arrays"
    /// An array in the record mixing objects, arrays and scalars.
    case mixedArrays = "mixed-arrays"
    /// A number that a Double does not hold exactly enough (many digits, huge or tiny).
    case numberRounding = "number-rounding"

    public static let skipping: Bool = {
        guard let value = getenv("LAMBDA_FILTER_FUZZ_KNOWN") else { return true }
        return String(cString: value) != "report"
    }()

    /// The known classes this input falls in.
    public static func classes(patterns: [Pattern], record: JSONValue) -> [KnownDisagreement] {
        var found: [KnownDisagreement] = []
        var facts = RecordFacts()
        facts.walk(record)
        if facts.repeatedKeys { found.append(.repeatedKeys) }
        if facts.mixedArrays { found.append(.mixedArrays) }
        if facts.hasArrays, patterns.contains(where: { $0.text.contains("exists") }) { found.append(.existsFalseInArrays) }
        if facts.roughNumbers || patterns.contains(where: { hasRoughNumber($0.text) }) { found.append(.numberRounding) }
        return found
    }

    private struct RecordFacts {
        var repeatedKeys = false
        var mixedArrays = false
        var hasArrays = false
        var roughNumbers = false

        mutating func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if Set(members.map { Array($0.key.utf8) }).count != members.count { repeatedKeys = true }
                for member in members { walk(member.value) }
            case .array(let elements):
                hasArrays = true
                if Set(elements.map(Self.shape)).count > 1 { mixedArrays = true }
                for element in elements { walk(element) }
            case .number(let text):
                if isRough(text) { roughNumbers = true }
            default:
                break
            }
        }

        static func shape(_ value: JSONValue) -> Int {
            switch value {
            case .object: return 0
            case .array: return 1
            default: return 2
            }
        }
    }

    /// Whether the text holds a number with more than 15 significant digits or a large exponent.
    static func hasRoughNumber(_ text: String) -> Bool {
        var token = ""
        for character in text + " " {
            if character.isNumber || "+-.eE".contains(character) {
                token.append(character)
            } else {
                if token.contains(where: \.isNumber), isRough(token) { return true }
                token = ""
            }
        }
        return false
    }

    static func isRough(_ text: String) -> Bool {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        guard let value = Double(text) else { return true }
        return digits.count > 15 || (value != 0 && (abs(value) >= 1e15 || abs(value) < 1e-6))
    }
}

/// Stops the run with a message libFuzzer shows next to the crashing input.
public func fuzzFailure(_ message: String) -> Never {
    fatalError(message)
}
