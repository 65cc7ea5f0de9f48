/// Which members of a record the scan reads, for a caller that already knows where the members
/// are (the DynamoDB byte path): a member whose name no pattern starts with is skipped by the
/// scan without looking inside, so leaving it out of the bytes changes no match.
///
/// The states are the scan's own (`PathTrie.enter`, `hasChildren`), so the answer is exactly
/// the one `scanObject` reaches for the same key.
extension Matcher {
    /// The name state of the document itself: its members are entered with `atTop`.
    package static var documentNameState: Int32 { PathTrie.root }

    /// The name state of member `key` (its bytes, with no escape) of an object reached in
    /// `state` (the document's own members: `atTop`), or nil when the scan skips the member
    /// unread: no pattern names a field at or below it.
    package func nameState(entering key: UnsafeBufferPointer<UInt8>, from state: Int32, atTop: Bool) -> Int32? {
        let entered = tables.trie.enter(state, key: key, atTop: atTop)
        return entered == PathTrie.dead ? nil : entered
    }

    /// Whether the scan reads the members of an object reached in `state` (a nested object,
    /// not the document): false when no pattern names anything below it.
    package func readsMembers(at state: Int32) -> Bool {
        tables.trie.hasChildren(state)
    }

    /// The bytes the key of a member of an object reached in `state` may start with and still
    /// be read: bit `b & 63` of word `b >> 6` is set when the one-byte key `b` leaves the member
    /// named. A member whose key starts with any other byte gets nil from `nameState`, so a
    /// caller may drop it on this test alone (an empty key must still be asked).
    package func firstKeyBytes(from state: Int32, atTop: Bool) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: 4)
        for byte in UInt8.min...UInt8.max {
            let named = withUnsafePointer(to: byte) {
                nameState(entering: UnsafeBufferPointer(start: $0, count: 1), from: state, atTop: atTop)
            }
            if named != nil { words[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        }
        return words
    }

    /// The identity of the compiled tables: matchers with the same identity (copies of one
    /// matcher) answer `nameState` and `firstKeyBytes` alike. (A caller that keeps answers by
    /// identity must keep the matcher too, so that the identity is not reused.)
    package var tablesIdentity: ObjectIdentifier {
        ObjectIdentifier(tables)
    }
}
