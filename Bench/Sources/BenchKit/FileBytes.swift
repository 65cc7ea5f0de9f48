#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into memory with the C library only (the core avoids Foundation; so does this).
enum FileBytes {
    /// Reads the file at `path` into a new buffer that the caller owns and must deallocate.
    static func read(_ path: String) throws(BenchError) -> UnsafeMutableBufferPointer<UInt8> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: lastErrorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: lastErrorText()) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }

        var capacity = max(Int(status.st_size), 1)
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        var count = 0
        while true {
            // The size from fstat is only a hint: the file may grow while being read.
            if count == capacity {
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity * 2)
                _ = larger.initialize(fromContentsOf: buffer)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let got = systemRead(descriptor, buffer.baseAddress! + count, capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                let reason = lastErrorText()
                buffer.deallocate()
                throw .unreadable(path: path, reason: reason)
            }
            if got == 0 { break }
            count += got
        }
        return UnsafeMutableBufferPointer(rebasing: buffer[..<count])
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, named apart from `FileBytes.read`.
@inline(__always)
private func systemRead(_ descriptor: Int32, _ destination: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, destination, count)
}
