import LambdaFilter

/// Turns a payload into what the filter sees: parsed JSON when it is a JSON object or array,
/// otherwise the text itself (spec §2.2).
///
/// "Valid JSON" is not defined by AWS (spec §7.5). Here it means: well-formed UTF-8 that parses
/// as one JSON text (RFC 8259, surrounding whitespace allowed) whose top level is an object or an
/// array. A top-level scalar such as `123` or `"quoted"` stays a plain string (README, "Differences from AWS").
enum PayloadDecoding {
    /// The decoded payload and its format.
    struct Decoded {
        var value: JSONValue
        var format: PayloadFormat
    }

    /// How a source delivers its payload in the record.
    enum Encoding {
        /// The payload is the text of a JSON string (an SQS `body`).
        case text
        /// The payload is base64 text (Kinesis `data`, Kafka `value`/`key`, Amazon MQ `data`).
        case base64
    }

    /// The one size check of a payload, before it is decoded, for the adapters (the tree path,
    /// `explain`) and `RecordBytes` (`test`) alike, so the two cannot disagree on a record.
    /// `length` is the payload's length as delivered: the text's UTF-8 bytes, or the base64
    /// characters other than the trailing `=` padding (checked as the 3 bytes per 4 characters
    /// they decode to, exact for valid base64).
    static func checkSize(
        length: Int, encoding: Encoding, source: EventSource, limits: PayloadLimits, field: String, position: RecordPosition
    ) throws(RecordError) {
        let bytes = encoding == .base64 ? length * 3 / 4 : length
        try limits.check(bytes, source: source, field: field, position: position)
    }

    /// `checkSize` of the base64 text `encoded` (its characters before the trailing `=`
    /// padding): what `decodeBase64` checks before decoding, for a payload decoded elsewhere
    /// (`Base64.decodeLiteral`).
    static func checkBase64Size(
        utf8 encoded: UnsafeBufferPointer<UInt8>, source: EventSource, limits: PayloadLimits, field: String, position: RecordPosition
    ) throws(RecordError) {
        var length = encoded.count
        while length > 0 && encoded[length - 1] == UInt8(ascii: "=") { length -= 1 }
        try checkSize(length: length, encoding: .base64, source: source, limits: limits, field: field, position: position)
    }

    /// The bytes of a base64 payload, size-checked first: both paths decode base64 here, so
    /// they give the same limit and base64 errors.
    static func decodeBase64(
        utf8 encoded: UnsafeBufferPointer<UInt8>, source: EventSource, limits: PayloadLimits, field: String, position: RecordPosition
    ) throws(RecordError) -> [UInt8] {
        try checkBase64Size(utf8: encoded, source: source, limits: limits, field: field, position: position)
        do {
            return try Base64.decode(utf8: encoded)
        } catch {
            throw RecordError(position: position, field: field, reason: .invalidBase64(error))
        }
    }

    /// `decodeBase64(utf8:...)` into `output`, reused from call to call (`Base64.decode(utf8:into:)`):
    /// the decoded bytes are `output[..<length]`, the length returned.
    static func decodeBase64(
        utf8 encoded: UnsafeBufferPointer<UInt8>, source: EventSource, limits: PayloadLimits, field: String, position: RecordPosition,
        into output: inout [UInt8]
    ) throws(RecordError) -> Int {
        try checkBase64Size(utf8: encoded, source: source, limits: limits, field: field, position: position)
        do {
            return try Base64.decode(utf8: encoded, into: &output)
        } catch {
            throw RecordError(position: position, field: field, reason: .invalidBase64(error))
        }
    }

    /// Classifies UTF-8 text (an SQS body).
    static func classify(
        text: String, source: EventSource, limits: PayloadLimits, field: String, position: RecordPosition
    ) throws(RecordError) -> Decoded {
        try checkSize(length: text.utf8.count, encoding: .text, source: source, limits: limits, field: field, position: position)
        return try classify(bytes: Array(text.utf8), originalText: text, field: field, position: position)
    }

    /// Decodes a base64 payload (Kinesis `data`, Kafka `value`, MQ `data`) and classifies it.
    /// Bytes that are not UTF-8 keep the base64 text in the view and report `.notUTF8`.
    static func decodeBase64(
        _ encoded: String, source: EventSource, limits: PayloadLimits, field: String, position: RecordPosition
    ) throws(RecordError) -> Decoded {
        var text = encoded
        // `withUTF8` only rethrows untyped errors; carry the typed one out in a Result.
        let result = text.withUTF8 { utf8 in
            Result { () throws(RecordError) in
                try decodeBase64(utf8: utf8, source: source, limits: limits, field: field, position: position)
            }
        }
        let bytes = try result.get()
        let invalid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
        if let invalid {
            return Decoded(value: .string(encoded), format: .notUTF8(firstInvalidByte: invalid))
        }
        return try classify(bytes: bytes, originalText: nil, field: field, position: position)
    }

    /// Classifies well-formed UTF-8 bytes.
    private static func classify(
        bytes: [UInt8], originalText: String?, field: String, position: RecordPosition
    ) throws(RecordError) -> Decoded {
        let text = originalText ?? String(decoding: bytes, as: UTF8.self)
        // Only an object or array can be JSON here; skip the parse for anything else.
        guard let first = bytes.first(where: { !isJSONWhitespace($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else {
            return Decoded(value: .string(text), format: .plainString)
        }
        do {
            let value = try JSONParser().parseValue(bytes: bytes)
            return Decoded(value: value, format: .json)
        } catch {
            // A payload too deep to read is JSON all the same; guessing "plain string" would
            // give a wrong verdict, so say so instead.
            if error.kind == .tooDeep {
                throw RecordError(position: position, field: field, reason: .payloadTooDeep(error))
            }
            return Decoded(value: .string(text), format: .plainString)
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Small helpers the adapters share for reading record fields with located errors.
enum RecordFields {
    /// The object members of `record`, or a `wrongType` error.
    static func object(_ value: JSONValue, field: String, position: RecordPosition) throws(RecordError) -> [JSONMember] {
        guard let members = value.objectMembers else {
            throw RecordError(position: position, field: field, reason: .wrongType(expected: "an object", found: value.typeName))
        }
        return members
    }

    /// The string at `key` of `record`, or a `missingField` / `wrongType` error.
    static func string(_ record: JSONValue, _ key: String, field: String, position: RecordPosition) throws(RecordError) -> String {
        guard let value = record[key] else {
            throw RecordError(position: position, field: field, reason: .missingField)
        }
        guard let text = value.stringValue else {
            throw RecordError(position: position, field: field, reason: .wrongType(expected: "a string", found: value.typeName))
        }
        return text
    }

    /// `members` with the last member named `key` replaced by `value` (others of that name
    /// removed, as the filter reads the last one anyway).
    static func replacing(_ key: String, with value: JSONValue, in members: [JSONMember]) -> [JSONMember] {
        var result: [JSONMember] = []
        result.reserveCapacity(members.count)
        var placed = false
        for member in members.reversed() {
            if member.key == key {
                if !placed {
                    result.append(JSONMember(key, value))
                    placed = true
                }
            } else {
                result.append(member)
            }
        }
        return result.reversed()
    }
}
