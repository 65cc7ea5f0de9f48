import LambdaFilter

/// CDK TypeScript: a `filters` array of `FilterCriteria.filter({...})` calls.
enum CDKRendering {
    static func filters(_ criteria: FilterCriteria) -> String {
        // No import when there is nothing to call, so strict TypeScript sees no unused name.
        var lines = criteria.isEmpty ? [] : ["import { FilterCriteria } from \"aws-cdk-lib/aws-lambda\";", ""]
        lines += [
            "// Pass as `filters` to an event source (new SqsEventSource(queue, { filters })) or to",
            "// addEventSourceMapping(id, { ..., filters }).",
        ]
        if criteria.isEmpty {
            lines.append("const filters: { [key: string]: any }[] = [];")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("const filters = [")
        for filter in criteria.filters {
            if let reason = ObjectForm.obstacle(in: filter.pattern.json, for: .javaScriptStringify) {
                // FilterCriteria.filter returns { pattern: JSON.stringify(object) }; this is its exact equivalent.
                lines.append("  // Kept as a string: \(reason).")
                lines.append("  { pattern: \(Quoting.javaScript(filter.patternText)) },")
            } else {
                lines.append("  FilterCriteria.filter(" + LiteralWriter.javaScript.write(filter.pattern.json, depth: 1) + "),")
            }
        }
        lines.append("];")
        return lines.joined(separator: "\n") + "\n"
    }
}
