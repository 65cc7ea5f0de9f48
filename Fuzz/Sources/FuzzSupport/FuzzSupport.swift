import CLibFuzzer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Stops the run with a message libFuzzer shows next to the crashing input.
public func fuzzFailure(_ message: String) -> Never {
    fatalError(message)
}
