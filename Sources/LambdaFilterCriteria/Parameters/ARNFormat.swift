/// An ARN split as the Lambda API model's `Arn` pattern reads it:
/// `arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)`.
struct ARNFormat: Equatable {
    static let maxLength = 10_000
    static let shape = "arn:partition:service:region:account:resource"

    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    /// The parts of `text`, or `nil` when it does not match the model's pattern.
    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn",
            parts[1].hasPrefix("aws"), parts[1].unicodeScalars.allSatisfy({ Self.isAlphanumeric($0) || $0 == "-" }),
            !parts[2].isEmpty, parts[2].unicodeScalars.allSatisfy({ Self.isAlphanumeric($0) || $0 == "-" }),
            parts[3].isEmpty || Self.isRegion(parts[3]),
            parts[4].isEmpty
                || (parts[4].utf8.count == 12 && parts[4].utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
    }

    /// `us-east-1`, `us-gov-west-1`: two letters, optionally `-gov`, a word, one digit.
    private static func isRegion(_ text: String) -> Bool {
        var pieces = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if pieces.count == 4, pieces[1] == "gov" { pieces.remove(at: 1) }
        guard pieces.count == 3 else { return false }
        let lowercase = { (piece: String) in !piece.isEmpty && piece.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
        return pieces[0].count == 2 && lowercase(pieces[0]) && lowercase(pieces[1])
            && pieces[2].count == 1 && pieces[2].allSatisfy(\.isASCIIDigit)
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Whether `text` matches `KMSKeyArn`'s pattern `(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()`.
    static func isKMSKeyArn(_ text: String) -> Bool {
        if text.isEmpty { return true }
        let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "arn" else { return false }
        let partitionOK =
            parts[1].isEmpty
            || (parts[1].hasPrefix("aws")
                && parts[1].unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" })
        let serviceOK =
            !parts[2].isEmpty
            && parts[2].unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        return partitionOK && serviceOK
    }
}

extension MappingSource {
    /// The shape of this source's event source ARN, as shown in messages.
    var eventSourceArnShape: String {
        switch self {
        case .sqs: return "arn:aws:sqs:REGION:ACCOUNT:QUEUE"
        case .kinesis: return "arn:aws:kinesis:REGION:ACCOUNT:stream/STREAM (or its /consumer/CONSUMER)"
        case .dynamodb: return "arn:aws:dynamodb:REGION:ACCOUNT:table/TABLE/stream/LABEL"
        case .msk: return "arn:aws:kafka:REGION:ACCOUNT:cluster/... or vpc-connection/..."
        case .mq: return "arn:aws:mq:REGION:ACCOUNT:broker:NAME:ID"
        case .documentdb: return "arn:aws:rds:REGION:ACCOUNT:cluster:NAME"
        case .kafka: return "no ARN (self-managed Kafka names its bootstrap servers)"
        }
    }

    /// What the resource part of this source's ARN names, or `nil` when `resource` fits.
    func eventSourceResourceProblem(_ resource: String) -> String? {
        switch self {
        case .sqs:
            return resource.isEmpty || resource.contains("/") || resource.contains(":") ? "not a queue ARN" : nil
        case .kinesis:
            return resource.hasPrefix("stream/") && resource.count > "stream/".count ? nil : "not a stream ARN"
        case .dynamodb:
            guard resource.hasPrefix("table/") else { return "not a stream ARN" }
            return resource.contains("/stream/") ? nil : "names a table, not its stream"
        case .msk:
            return resource.hasPrefix("cluster/") || resource.hasPrefix("vpc-connection/") ? nil : "not a cluster or VPC connection ARN"
        case .mq:
            return resource.hasPrefix("broker:") ? nil : "not a broker ARN"
        case .documentdb:
            return resource.hasPrefix("cluster:") ? nil : "not a cluster ARN"
        case .kafka:
            return nil
        }
    }
}
