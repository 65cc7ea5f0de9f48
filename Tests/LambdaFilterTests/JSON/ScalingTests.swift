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

/// A pattern's fields were once copied for each field added (the conjunction was passed in and
/// returned), so reading n fields cost O(n²): 16,000 fields took 14 s in a release build, so
/// 50,000 would take minutes. Linear reading takes a few seconds in a debug build.
@Suite("Linear pattern reading")
struct PatternScalingTests {
    @Test func readsAPatternOfFiftyThousandFieldsInLinearTime() throws {
        let count = 50_000
        let text = "{" + (0..<count).map { "\"k\($0)\": [\($0)]" }.joined(separator: ", ") + ", \"o\": {\"p\": [1], \"q\": [2]}}"
        let clock = ContinuousClock()
        var pattern: Pattern?
        let elapsed = try clock.measure {
            pattern = try Pattern(parsing: text, dialect: .eventbridge, limits: PatternLimits(maxLength: nil))
        }
        let fields = pattern?.conjunctions.first?.fields ?? []
        #expect(fields.count == count + 2)
        #expect(fields.last?.path.dottedName == "o.q")
        #expect(elapsed < .seconds(120), "reading \(count) fields took \(elapsed)")
    }

    /// `$or` still multiplies the conjunctions (each branch extends its own copy).
    @Test func orBranchesExtendTheirOwnConjunctions() throws {
        let pattern = try Pattern(parsing: #"{"a": [1], "$or": [{"b": [2]}, {"c": [3]}], "d": [4]}"#)
        #expect(pattern.conjunctions.map { $0.fields.map(\.path.dottedName) } == [["a", "b", "d"], ["a", "c", "d"]])
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

/// `explain --source raw` reads a record partly (`parseValue(utf8:keeping:)`): that reading must be
/// linear too, both where it builds (a reached array of a million numbers) and where it drops.
@Suite("Linear partial reading")
struct PartialScalingTests {
    @Test(arguments: [0, 1])
    func readsAMillionMembersPartlyInLinearTime(_ which: Int) throws {
        let (name, text) = ScalingTests.documents[which]
        // The array's elements sit at the top (no name); the object's member "k1" is reached.
        let keeping = JSONKeeping(names: [Array("k1".utf8)], keptKeys: [])
        let clock = ContinuousClock()
        var value: JSONValue?
        let elapsed = try clock.measure {
            value = try text.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                try JSONParser().parseValue(utf8: buffer, keeping: keeping)
            }
        }
        if name == "array" {
            #expect(value?.arrayElements?.count == ScalingTests.elementCount)
        } else {
            #expect(value == .object([JSONMember("k1", .number("1"))]))
        }
        #expect(elapsed < .seconds(ScalingTests.boundSeconds), "reading \(name) partly took \(elapsed)")
    }
}
