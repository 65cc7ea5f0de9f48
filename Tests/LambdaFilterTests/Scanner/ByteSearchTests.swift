import Testing

@testable import LambdaFilter

/// The word-at-a-time tests against a byte-by-byte definition.
@Suite("ByteSearch")
struct ByteSearchTests {
    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { ByteSearch.load($0.baseAddress!, 0) }
    }

    /// Every byte value in every lane, beside digits and beside other number bytes.
    @Test(arguments: [UInt8(ascii: "7"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "9")])
    func allNumberBytesIsExact(filler: UInt8) {
        let isNumberByte = { (byte: UInt8) in (0x2B...0x39).contains(byte) }
        for lane in 0..<8 {
            for value in UInt8.min...UInt8.max {
                var bytes = [UInt8](repeating: filler, count: 8)
                bytes[lane] = value
                #expect(ByteSearch.allNumberBytes(Self.word(bytes)) == isNumberByte(value), "lane \(lane), byte \(value)")
            }
        }
        // Never true for a word holding a structural byte.
        for structural in [UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}")] {
            #expect(!ByteSearch.allNumberBytes(Self.word([structural] + [UInt8](repeating: filler, count: 7))))
        }
    }
}
