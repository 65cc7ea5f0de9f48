import LambdaFilter
import Testing

/// Reading cost must grow linearly with the input. The bound is over 100 times what linear code
/// takes here (about 2 s in a debug build), so it does not trip on a slow or loaded machine, while
/// the quadratic code this guards against would take hours at this size (it took 95 s at 128k
/// elements, and 64 times that at a million).
@Suite("Linear reading")
struct ScalingTests {
    static let elementCount = 1_000_000
    static let boundSeconds = 300.0

    /// `[0,1,2,...]` and `{"k0":0,"k1":1,...}` with `elementCount` members.
    static let documents: [(name: String, text: [UInt8])] = {
        var array: [UInt8] = [UInt8(ascii: "[")]
        var object: [UInt8] = [UInt8(ascii: "{")]
        for index in 0..<elementCount {
            if index > 0 {
                array.append(UInt8(ascii: ","))
                object.append(UInt8(ascii: ","))
            }
            array += String(index).utf8
            object += "\"k\(index)\":\(index)".utf8
        }
        array.append(UInt8(ascii: "]"))
        object.append(UInt8(ascii: "}"))
        return [("array", array), ("object", object)]
    }()

    @Test(arguments: [0, 1])
    func parsesAMillionMembersInLinearTime(_ which: Int) throws {
        let (name, text) = Self.documents[which]
        let clock = ContinuousClock()
        var root: JSONNode?
        let elapsed = try clock.measure { root = try JSONParser().parse(bytes: text) }
        switch root?.kind {
        case .array(let elements)?:
            #expect(name == "array")
            #expect(elements.count == Self.elementCount)
            #expect(elements.last?.kind == .number(String(Self.elementCount - 1)))
        case .object(let members)?:
            #expect(name == "object")
            #expect(members.count == Self.elementCount)
            #expect(members.last?.key == "k\(Self.elementCount - 1)")
        default:
            Issue.record("\(name): parsed to \(String(describing: root?.typeName))")
        }
        #expect(elapsed < .seconds(Self.boundSeconds), "parsing \(Self.elementCount) \(name) members took \(elapsed)")
    }

    /// Nested containers each with many members: the frames deeper in the stack must not be copied either.
    @Test func parsesWideNestedContainers() throws {
        let inner = "[" + (0..<100_000).map(String.init).joined(separator: ",") + "]"
        let text = "{\"a\":[\(inner),\(inner)],\"b\":{\"c\":\(inner)}}"
        let clock = ContinuousClock()
        var value: JSONValue?
        let elapsed = try clock.measure { value = try JSONParser().parseValue(text) }
        #expect(value?["a"]?.arrayElements?.map { $0.arrayElements?.count } == [100_000, 100_000])
        #expect(value?["b"]?["c"]?.arrayElements?.last == .number("99999"))
        #expect(elapsed < .seconds(Self.boundSeconds), "took \(elapsed)")
    }
}

@Suite("Locating offsets")
struct TextLocatorTests {
    struct Text: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    /// Texts with several lines, non-ASCII scalars, CRLF, and a line longer than the locator's checkpoints.
    static let texts: [Text] = [
        Text(name: "empty", text: ""),
        Text(name: "one byte", text: "a"),
        Text(name: "one line feed", text: "\n"),
        Text(name: "ASCII lines", text: "ab\ncd\n\nef"),
        Text(name: "non-ASCII, CRLF, tab", text: "é\nü😀x\r\n\tz"),
        Text(name: "long non-ASCII line", text: String(repeating: "é😀a", count: 300) + "\n" + String(repeating: "b", count: 600) + "\nü"),
    ]

    @Test(arguments: texts)
    func agreesWithWalkingFromTheStart(_ testCase: Text) {
        let bytes = Array(testCase.text.utf8)
        let locator = TextLocator(bytes)
        for offset in -1...(bytes.count + 2) {
            let expected = TextLocation(offset: max(0, offset), in: bytes)
            #expect(locator.location(ofOffset: offset) == expected, "offset \(offset)")
        }
    }

    @Test func returnsEachLineWithoutItsLineFeed() {
        let locator = TextLocator(Array("ab\n\ncd\n".utf8))
        #expect((1...4).map { locator.lineBytes($0).map { String(decoding: $0, as: UTF8.self) } } == ["ab", "", "cd", ""])
        #expect(locator.lineBytes(0) == nil)
        #expect(locator.lineBytes(5) == nil)
    }
}
