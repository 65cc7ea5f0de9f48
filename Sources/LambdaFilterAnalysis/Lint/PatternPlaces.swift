import LambdaFilter

/// Where each leaf array of a pattern stands: its JSON path in the pattern and its line and
/// column, found from `FieldCondition.offset`.
struct PatternPlaces {
    private var paths: [Int: [JSONPathComponent]] = [:]
    private var leaves: [Int: JSONValue] = [:]
    private let utf8: [UInt8]

    init(_ pattern: Pattern) {
        utf8 = Array(pattern.text.utf8)
        // The pattern parsed once already; this re-read only collects offsets, so no limits apply.
        guard let root = try? JSONParser(maxDepth: 4096).parse(pattern.text) else { return }
        var stack: [(JSONNode, [JSONPathComponent])] = [(root, [])]
        while let (node, path) = stack.popLast() {
            switch node.kind {
            case .array(let elements):
                paths[node.offset] = path
                leaves[node.offset] = node.value
                for (index, element) in elements.enumerated() { stack.append((element, path + [.index(index)])) }
            case .object(let members):
                for member in members { stack.append((member.value, path + [.key(member.key)])) }
            default:
                break
            }
        }
    }

    /// The JSON path of the leaf array at `offset`.
    func path(at offset: Int) -> [JSONPathComponent]? { paths[offset] }

    /// The leaf array at `offset`, as written.
    func leaf(at offset: Int) -> JSONValue? { leaves[offset] }

    /// Line and column of `offset` in the pattern text.
    func location(at offset: Int) -> TextLocation { TextLocation(offset: offset, in: utf8) }
}

extension FieldPath {
    /// The dotted name split back into segments: `{"a.b": ...}` and `{"a": {"b": ...}}` both give `[a, b]`.
    var nameSegments: [String] {
        dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
