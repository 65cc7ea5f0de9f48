import Testing

@testable import LambdaFilter

/// `TypedImageSkip`'s word compare of an attribute's head: exactly `{"S":"` and `{"N":"`. (Its
/// loops are compared with the reference walk in LambdaFilterSources' dense-path tests.)
@Suite("Typed image skip: attribute heads")
struct TypedImageSkipTests {
    static func head(_ bytes: [UInt8]) -> Bool {
        let padded = bytes + [UInt8(ascii: "x"), UInt8(ascii: "\"")]
        return padded.withUnsafeBufferPointer { buffer in
            TypedImageSkip.isScalarHead(TypedImageSkip.load(buffer.baseAddress!, 0) & TypedImageSkip.sixBytes)
        }
    }

    @Test(arguments: [#"{"S":""#, #"{"N":""#, #"{"B":""#, #"{"M":{"#, #"{"SS":"#, #"{"S": "#, #"["S":""#])
    func headsAreTheStringAndNumberOnes(text: String) {
        let bytes = Array(text.utf8)
        let expected = text == #"{"S":""# || text == #"{"N":""#
        #expect(Self.head(bytes) == expected, "\(text)")
        // Any other byte anywhere in the six is no head.
        for position in bytes.indices {
            for replacement in UInt8(0)...UInt8(255) where replacement != bytes[position] {
                var changed = bytes
                changed[position] = replacement
                let isHead = changed == Array(#"{"S":""#.utf8) || changed == Array(#"{"N":""#.utf8)
                #expect(Self.head(changed) == isHead, "\(String(decoding: changed, as: UTF8.self))")
            }
        }
    }
}
