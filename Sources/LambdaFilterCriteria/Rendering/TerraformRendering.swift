import LambdaFilter

/// An `aws_lambda_event_source_mapping` resource with `filter_criteria` blocks.
enum TerraformRendering {
    static func resource(_ criteria: FilterCriteria, _ context: RenderContext) -> String {
        var lines = ["resource \"aws_lambda_event_source_mapping\" \(Quoting.hcl(context.terraformName)) {"]
        for member in context.parameters.members {
            lines += argumentLines(member).map { "  " + $0 }
        }
        if criteria.isEmpty {
            lines.append("  # No filter_criteria block: the mapping has no filters.")
        } else {
            lines.append("  filter_criteria {")
            for filter in criteria.filters {
                lines.append("    filter {")
                lines += patternLines(filter).map { "      " + $0 }
                lines.append("    }")
            }
            lines.append("  }")
        }
        lines.append("}")
        return TerraformLayout.aligningEquals(lines).joined(separator: "\n") + "\n"
    }

    /// `pattern = jsonencode({...})` when jsonencode reproduces the pattern, else the exact string.
    private static func patternLines(_ filter: FilterCriteria.Filter) -> [String] {
        if let reason = ObjectForm.obstacle(in: filter.pattern.json, for: .terraformJSONEncode) {
            return ["# Kept as a string: \(reason).", "pattern = \(Quoting.hcl(filter.patternText))"]
        }
        let object = LiteralWriter.hcl.write(filter.pattern.json, depth: 3)
        // The literal's inner lines carry the indentation of depth 3; the caller adds the first three levels.
        let body = object.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            index == 0 ? String(line) : String(line.dropFirst(6))
        }.joined(separator: "\n")
        return ("pattern = jsonencode(" + body + ")").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The HCL for one request member: an argument or a nested block.
    private static func argumentLines(_ member: JSONMember) -> [String] {
        let name = RequestRendering.snakeCase(member.key)
        switch (member.key, member.value) {
        case ("DestinationConfig", .object(let members)):
            var lines = ["destination_config {"]
            for destination in members {
                guard let arn = destination.value["Destination"]?.stringValue else { continue }
                lines += ["  \(RequestRendering.snakeCase(destination.key)) {", "    destination_arn = \(Quoting.hcl(arn))", "  }"]
            }
            return lines + ["}"]
        case ("StartingPositionTimestamp", .number(let seconds)):
            guard let timestamp = RFC3339.format(epochSeconds: seconds) else {
                return ["# starting_position_timestamp: \(seconds) is not whole seconds since the epoch; set it by hand."]
            }
            return ["starting_position_timestamp = \(Quoting.hcl(timestamp))"]
        case ("ScalingConfig", .object(let members)), ("DocumentDBEventSourceConfig", .object(let members)):
            return ["\(name) {"] + members.map { "  \(RequestRendering.snakeCase($0.key)) = \(LiteralWriter.hcl.write($0.value))" } + ["}"]
        default:
            if member.value.isScalar || member.value.isScalarList {
                return ["\(name) = \(LiteralWriter.hcl.write(member.value))"]
            }
            return ["# \(member.key): not rendered; write its Terraform block by hand."]
        }
    }
}

/// The layout `terraform fmt` gives, so the output passes `terraform fmt -check` as it is.
enum TerraformLayout {
    /// The lines with the `=` of each run of adjacent arguments (or object items) aligned.
    ///
    /// `terraform fmt` pads the names of consecutive one-line `name = value` lines at one
    /// indentation so their `=` line up. Any other line ends the run: a block, a comment, a
    /// closing bracket, and a line whose value goes on over several lines (which is not padded):
    ///
    ///     event_source_arn = "arn:..."        "a"   = ["x"]
    ///     function_name    = "orders"         "bcd" = 1
    ///     filter_criteria {                   "longer" = [
    static func aligningEquals(_ lines: [String]) -> [String] {
        var result = lines
        var run: [(index: Int, nameEnd: Int)] = []
        func closeRun() {
            let width = run.map(\.nameEnd).max() ?? 0
            for member in run where member.nameEnd < width {
                var line = Array(result[member.index].unicodeScalars)
                line.insert(contentsOf: Array(repeating: " ", count: width - member.nameEnd), at: member.nameEnd)
                var text = ""
                text.unicodeScalars.append(contentsOf: line)
                result[member.index] = text
            }
            run = []
        }
        for (index, line) in lines.enumerated() {
            guard let nameEnd = argumentNameEnd(line) else {
                closeRun()
                continue
            }
            if let first = run.first, indentation(lines[first.index]) != indentation(line) { closeRun() }
            if opensMultilineValue(line) {
                closeRun()
                continue
            }
            run.append((index, nameEnd))
        }
        closeRun()
        return result
    }

    /// Where the name of a `name = value` line ends (in Unicode scalars), or `nil` for other lines.
    private static func argumentNameEnd(_ line: String) -> Int? {
        let scalars = Array(line.unicodeScalars)
        var position = indentation(line)
        guard position < scalars.count, scalars[position] != "#", scalars[position] != "}" else { return nil }
        if scalars[position] == "\"" {
            // A quoted object key: skip to its closing quote, past escapes.
            position += 1
            while position < scalars.count, scalars[position] != "\"" {
                position += scalars[position] == "\\" ? 2 : 1
            }
            position += 1
        } else {
            while position < scalars.count, scalars[position] != " " { position += 1 }
        }
        guard position + 2 < scalars.count, scalars[position] == " ", scalars[position + 1] == "=",
            scalars[position + 2] == " "
        else { return nil }
        return position
    }

    /// Whether the value goes on past this line: it ends with an opening bracket.
    private static func opensMultilineValue(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return last == "{" || last == "[" || last == "("
    }

    private static func indentation(_ line: String) -> Int {
        line.unicodeScalars.prefix { $0 == " " }.count
    }
}

extension JSONValue {
    /// An array whose elements are all scalars.
    var isScalarList: Bool {
        guard case .array(let elements) = self else { return false }
        return elements.allSatisfy(\.isScalar)
    }
}

/// UTC timestamps for Terraform's `starting_position_timestamp`.
enum RFC3339 {
    /// `1700000000` → `2023-11-14T22:13:20Z`; `nil` unless the text is whole seconds.
    static func format(epochSeconds text: String) -> String? {
        guard let seconds = Int(text), seconds >= 0 else { return nil }
        let days = seconds / 86_400, secondOfDay = seconds % 86_400
        // Howard Hinnant's days-to-civil algorithm.
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
    }
}
