import Testing

@testable import LambdaFilter

/// The block-at-a-time searches against a byte-by-byte definition.
@Suite("ByteSearch")
struct ByteSearchTests {
    struct Search: CustomTestStringConvertible, Sendable {
        var name: String
        var run: @Sendable (UnsafePointer<UInt8>, Int, Int) -> Int
        var stops: @Sendable (UInt8) -> Bool
        var testDescription: String { name }
    }

    static let searches: [Search] = [
        Search(
            name: "firstStringStop", run: { ByteSearch.firstStringStop($0, $1, from: $2) },
            stops: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
        Search(
            name: "firstStrictStringStop", run: { ByteSearch.firstStrictStringStop($0, $1, from: $2) },
            stops: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 >= 0x80 }),
        Search(
            name: "firstStructural", run: { ByteSearch.firstStructural($0, $1, from: $2) },
            stops: { [UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]")].contains($0) }),
    ]

    /// The offset a byte-by-byte search finds.
    static func expected(_ bytes: [UInt8], from: Int, _ stops: (UInt8) -> Bool) -> Int {
        bytes.indices.first { $0 >= from && stops(bytes[$0]) } ?? bytes.count
    }

    /// Every byte value in every position of texts that reach the vector, word and byte steps
    /// (lengths 1 to 40), with a filler that never stops: the first stop is found exactly.
    @Test(arguments: searches)
    func findsEveryByteValueInEveryPosition(_ search: Search) {
        let filler = UInt8(ascii: "a")
        for length in [1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40] {
            for lane in 0..<length {
                for value in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: filler, count: length)
                    bytes[lane] = value
                    for from in [0, 1, lane] where from <= length {
                        let found = bytes.withUnsafeBufferPointer { search.run($0.baseAddress!, length, from) }
                        let want = Self.expected(bytes, from: from, search.stops)
                        if found != want {
                            Issue.record("length \(length), byte \(value) at \(lane), from \(from): \(found), expected \(want)")
                            return
                        }
                    }
                }
            }
        }
    }

    /// Two stops in one block: the first wins, whichever half of the vector each is in.
    @Test(arguments: searches)
    func firstOfTwoStopsWins(_ search: Search) {
        let stop = (UInt8.min...UInt8.max).first(where: search.stops)!
        for first in 0..<32 {
            for second in (first + 1)..<33 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 33)
                bytes[first] = stop
                bytes[second] = stop
                let found = bytes.withUnsafeBufferPointer { search.run($0.baseAddress!, 33, 0) }
                #expect(found == first, "stops at \(first) and \(second)")
            }
        }
    }

    /// Past the end (a backslash as the last byte moves the cursor two on) finds nothing.
    @Test(arguments: searches)
    func startAtOrPastTheEndFindsNothing(_ search: Search) {
        let bytes = [UInt8](repeating: UInt8(ascii: "\""), count: 20)
        for from in [20, 21] {
            #expect(bytes.withUnsafeBufferPointer { search.run($0.baseAddress!, 20, from) } == 20)
        }
    }
}
