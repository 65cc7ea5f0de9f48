import Foundation
import LambdaFilter

/// Turns command-line input arguments into files: plain paths, directories (searched
/// recursively), glob patterns (expanded here, so quoting them works in every shell), and `-`
/// for standard input.
enum InputFiles {
    /// One input to read.
    enum Input: Equatable {
        case standardInput
        case file(String)
        /// A glob that matched no file: an error for that argument alone when it is read.
        case unmatchedGlob(String)

        /// The name used in messages and record ids.
        var displayName: String {
            switch self {
            case .standardInput: return "<stdin>"
            case .file(let path), .unmatchedGlob(let path): return path
            }
        }
    }

    /// Whether standard input is a pipe, socket or terminal (data that arrives over time)
    /// rather than a regular file.
    static var standardInputIsStream: Bool {
        var status = stat()
        guard fstat(STDIN_FILENO, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) != S_IFREG
    }

    /// Expands `arguments`; directories yield files whose extension is in `extensions`, sorted.
    /// A path that does not exist, or a glob that matches nothing, is kept as an input whose
    /// reading fails, so it is reported in its place and the other inputs go on.
    static func expand(_ arguments: [String], extensions: Set<String>) throws -> [Input] {
        var inputs: [Input] = []
        for argument in arguments {
            if argument == "-" {
                inputs.append(.standardInput)
                continue
            }
            if argument.contains(where: { "*?[".contains($0) }) && !FileManager.default.fileExists(atPath: argument) {
                let matches = glob(argument)
                guard !matches.isEmpty else {
                    inputs.append(.unmatchedGlob(argument))
                    continue
                }
                for match in matches { inputs += try expandPath(match, extensions: extensions) }
                continue
            }
            inputs += try expandPath(argument, extensions: extensions)
        }
        return inputs
    }

    private static func expandPath(_ path: String, extensions: Set<String>) throws -> [Input] {
        var isDirectory: ObjCBool = false
        // A missing path stays an input: reading it fails with "no such file", an error for
        // that input alone, so every other input still gets its verdicts or checks.
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [.file(path)] }
        guard isDirectory.boolValue else { return [.file(path)] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw CommandFailure.unreadable("\(path): cannot list the directory")
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix("."), extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
            let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
            var childIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                found.append(full)
            }
        }
        return found.sorted().map { .file($0) }
    }

    /// The paths matching a shell glob, sorted.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }

    /// The whole content of `input`, read straight into one buffer.
    /// - Throws: `CommandFailure.unreadable` naming the input and why (a directory, a FIFO
    ///   nobody writes to, a read error).
    static func read(_ input: Input) throws -> [UInt8] {
        switch input {
        case .standardInput:
            return try readAll(descriptor: STDIN_FILENO, name: input.displayName)
        case .unmatchedGlob(let pattern):
            throw CommandFailure.unreadable("\(pattern): no file matches this pattern")
        case .file(let path):
            let descriptor = try open(path)
            defer { close(descriptor) }
            let bytes = try readAll(descriptor: descriptor, name: path)
            if bytes.isEmpty, isFIFO(descriptor) {
                throw CommandFailure.unreadable("\(path): a FIFO with no writer; nothing to read")
            }
            return bytes
        }
    }

    /// Opens `path` for reading without blocking on a FIFO that has no writer (a plain `open`
    /// would wait forever), then makes reads blocking again so a live pipe is read to its end.
    static func open(_ path: String) throws -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw CommandFailure.unreadable("\(path): cannot open: \(describeErrno())") }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw CommandFailure.unreadable("\(path): is a directory")
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    static func isFIFO(path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
    }

    static func isFIFO(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
    }

    /// Reads `descriptor` to its end.
    static func readAll(descriptor: Int32, name: String) throws -> [UInt8] {
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: max(expected + 1, 1 << 16))
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let result = bytes.withUnsafeMutableBytes { raw in
                Foundation.read(descriptor, raw.baseAddress! + count, raw.count - count)
            }
            if result == 0 { break }
            if result < 0 {
                if errno == EINTR { continue }
                throw CommandFailure.unreadable("\(name): read failed: \(describeErrno())")
            }
            count += result
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// `prefix` followed by at most `limit` bytes from `descriptor` (one read(2)), in one new
    /// array, and how many bytes were read (0 at the end).
    static func readChunk(
        descriptor: Int32, after prefix: ArraySlice<UInt8>, upTo limit: Int, name: String
    ) throws -> (bytes: [UInt8], read: Int) {
        var read = 0
        let bytes = try [UInt8](unsafeUninitializedCapacity: prefix.count + limit) { buffer, initialized in
            let base = buffer.baseAddress!
            prefix.withUnsafeBufferPointer { if let source = $0.baseAddress { base.update(from: source, count: prefix.count) } }
            initialized = prefix.count
            while true {
                let result = Foundation.read(descriptor, base + prefix.count, limit)
                if result >= 0 {
                    read = result
                    initialized = prefix.count + result
                    return
                }
                if errno != EINTR { throw CommandFailure.unreadable("\(name): read failed: \(describeErrno())") }
            }
        }
        return (bytes, read)
    }

    static func describeErrno() -> String {
        String(cString: strerror(errno))
    }

    /// A record file's bytes without a leading UTF-8 byte-order mark, which editors on Windows
    /// write (aws-lambda-dotnet's event fixtures have one); JSON itself must not start with it.
    static func droppingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    /// The content of `input` as UTF-8 text.
    /// - Throws: `CommandFailure.unreadable` naming the line and column of the first invalid byte.
    static func readText(_ input: Input) throws -> (text: String, bytes: [UInt8]) {
        let bytes = try read(input)
        if let invalid = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            let location = TextLocation(offset: invalid, in: bytes)
            let problem = bytes.withUnsafeBufferPointer { UTF8Validation.nonASCIIProblem($0, at: invalid, expecting: "text") }
            throw CommandFailure.unreadable(
                "\(input.displayName):\(location.line):\(location.column): \(problem?.reason ?? "invalid UTF-8 byte 0x\(String(bytes[invalid], radix: 16, uppercase: true))")"
            )
        }
        return (String(decoding: bytes, as: UTF8.self), bytes)
    }
}
