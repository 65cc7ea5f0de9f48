/// The forms of `FunctionName` the Lambda API accepts: a name, a partial ARN or a full ARN, each
/// optionally with a version or alias qualifier.
enum FunctionNameFormat {
    static let allowed =
        "my-function (up to 64 characters), 123456789012:function:my-function or arn:aws:lambda:us-east-1:123456789012:function:my-function, optionally :version or :alias; at most 256 characters"

    /// Why `name` is not a valid FunctionName, or `nil`.
    static func problem(_ name: String) -> String? {
        let length = name.utf16.count
        guard (1...256).contains(length) else { return "length \(length)" }
        var parts = name.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var functionName: String
        switch parts.count {
        case 1, 2:
            functionName = parts[0]
            parts.removeFirst()
        case 3, 4:
            guard isAccount(parts[0]), parts[1] == "function" else { return "not a partial ARN (account:function:name)" }
            functionName = parts[2]
            parts.removeFirst(3)
        case 7, 8:
            guard parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "lambda", isRegion(parts[3]),
                isAccount(parts[4]), parts[5] == "function"
            else { return "not a Lambda function ARN" }
            functionName = parts[6]
            parts.removeFirst(7)
        default:
            return "not a name or ARN"
        }
        guard isNameCharacters(functionName) else { return "the name must be letters, digits, - and _" }
        if functionName.utf16.count > 64 { return "the name is \(functionName.utf16.count) characters; at most 64" }
        if let qualifier = parts.first {
            guard
                qualifier == "$LATEST" || qualifier == "$LATEST.PUBLISHED" || (isNameCharacters(qualifier) && qualifier.utf16.count <= 128)
            else {
                return "the qualifier must be $LATEST, a version or an alias"
            }
        }
        return nil
    }

    private static func isNameCharacters(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    private static func isAccount(_ text: String) -> Bool {
        text.utf8.count == 12 && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// `us-east-1`, `us-gov-west-1`, `cn-north-1`...
    private static func isRegion(_ text: String) -> Bool {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count >= 3, let last = pieces.last, last.count == 1, last.allSatisfy(\.isASCIIDigit) else { return false }
        return pieces.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) } }
    }
}
