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

        /// The name used in messages and record ids.
        var displayName: String {
            switch self {
            case .standardInput: return "<stdin>"
            case .file(let path): return path
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
    /// - Throws: `CommandFailure.unreadable` for a path that does not exist or a glob that matches nothing.
    static func expand(_ arguments: [String], extensions: Set<String>) throws -> [Input] {
        var inputs: [Input] = []
        for argument in arguments {
            if argument == "-" {
                inputs.append(.standardInput)
                continue
            }
            if argument.contains(where: { "*?[".contains($0) }) && !FileManager.default.fileExists(atPath: argument) {
                let matches = glob(argument)
                guard !matches.isEmpty else { throw CommandFailure.unreadable("\(argument): no file matches this pattern") }
                for match in matches { inputs += try expandPath(match, extensions: extensions) }
                continue
            }
            inputs += try expandPath(argument, extensions: extensions)
        }
        return inputs
    }

    private static func expandPath(_ path: String, extensions: Set<String>) throws -> [Input] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure.unreadable("\(path): no such file or directory")
        }
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

    /// The whole content of `input`.
    static func read(_ input: Input) throws -> [UInt8] {
        switch input {
        case .standardInput:
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure.unreadable("\(path): cannot read the file")
            }
            return [UInt8](data)
        }
    }

    /// The content of `input` as UTF-8 text.
    /// - Throws: `CommandFailure.unreadable` naming the line and column of the first invalid byte.
    static func readText(_ input: Input) throws -> (text: String, bytes: [UInt8]) {
        let bytes = try read(input)
        if let invalid = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
            let location = TextLocation(offset: invalid, in: bytes)
            throw CommandFailure.unreadable("\(input.displayName):\(location.line):\(location.column): invalid UTF-8 (byte \(invalid))")
        }
        return (String(decoding: bytes, as: UTF8.self), bytes)
    }
}
