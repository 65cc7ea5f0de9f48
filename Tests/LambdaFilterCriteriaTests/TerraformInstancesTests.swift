import Foundation
import LambdaFilter
import LambdaFilterCriteria
import Testing

/// Terraform `count`, `for_each` and `dynamic` blocks: each instance's filters under the address
/// Terraform gives it, or a warning naming what cannot be evaluated offline; and numbers written
/// as `jsonencode` writes them.
@Suite("Terraform instances and numbers")
struct TerraformInstancesTests {
    struct InstanceCase: Sendable, CustomTestStringConvertible {
        var name: String
        var locals: String = ""
        /// The resource's `count` or `for_each` line (empty: none).
        var meta: String
        var pattern: String
        /// Each instance's address after `aws_lambda_event_source_mapping.m`, and its Pattern.
        var expected: [String: String]
        var testDescription: String { name }
    }

    static let instances: [InstanceCase] = [
        InstanceCase(
            name: "count literal, count.index in the pattern", meta: "count = 2",
            pattern: "jsonencode({ body = { shard = [count.index] } })",
            expected: ["[0]": #"{"body":{"shard":[0]}}"#, "[1]": #"{"body":{"shard":[1]}}"#]),
        InstanceCase(
            name: "count as a string, pattern without count.index", meta: #"count = "2""#, pattern: "jsonencode({ a = [1] })",
            expected: ["[0]": #"{"a":[1]}"#, "[1]": #"{"a":[1]}"#]),
        InstanceCase(
            name: "for_each over a map literal, each.value.prefix",
            meta: #"for_each = { orders = { p = "ORD" }, refunds = { p = "REF" } }"#,
            pattern: "jsonencode({ body = { id = [{ prefix = each.value.p }] } })",
            expected: [#"["orders"]"#: #"{"body":{"id":[{"prefix":"ORD"}]}}"#, #"["refunds"]"#: #"{"body":{"id":[{"prefix":"REF"}]}}"#]),
        InstanceCase(
            name: "for_each over toset, each.key", meta: #"for_each = toset(["b", "a", "b"])"#,
            pattern: "jsonencode({ kind = [each.key] })",
            expected: [#"["a"]"#: #"{"kind":["a"]}"#, #"["b"]"#: #"{"kind":["b"]}"#]),
        InstanceCase(
            name: "for_each over a local map of patterns",
            locals: #"locals { filters = { hi = jsonencode({ p = [{ numeric = [">", 1e3] }] }), lo = "{\"p\": [0]}" } }"#,
            meta: "for_each = local.filters", pattern: "each.value",
            expected: [#"["hi"]"#: #"{"p":[{"numeric":["\u003e",1000]}]}"#, #"["lo"]"#: #"{"p": [0]}"#]),
        InstanceCase(
            name: "for_each keys that need quoting", meta: #"for_each = { "r\u00e9\"x" = 1 }"#, pattern: "jsonencode({ v = [each.value] })",
            expected: [#"["ré\"x"]"#: #"{"v":[1]}"#]),
        InstanceCase(
            name: "for_each with tomap and an index step", meta: #"for_each = tomap({ k = ["x", "y"] })"#,
            pattern: "jsonencode({ v = [each.value[1]] })",
            expected: [#"["k"]"#: #"{"v":["y"]}"#]),
    ]

    static func resource(_ type: String, _ name: String, meta: String, body: String) -> String {
        "resource \"\(type)\" \"\(name)\" {\n  \(meta)\n\(body)\n}\n"
    }

    static func mappingText(_ testCase: InstanceCase, name: String = "m") -> String {
        resource(
            "aws_lambda_event_source_mapping", name, meta: testCase.meta,
            body: "  filter_criteria {\n    filter {\n      pattern = \(testCase.pattern)\n    }\n  }")
    }

    /// Each instance's id without the resource address, and its Pattern strings.
    static func read(_ text: String, resource: String = "aws_lambda_event_source_mapping.m") throws -> [String: String] {
        let document = FilterDocument.read(text: text, name: "main.tf")
        #expect(document.failure == nil, "\(document.notes)")
        var read: [String: String] = [:]
        for mapping in document.mappings where mapping.id.hasPrefix(resource) {
            let criteria = try mapping.entry.result.get()
            #expect(mapping.warnings.isEmpty, "\(mapping.id): \(mapping.warnings)")
            read[String(mapping.id.dropFirst(resource.count))] = criteria.filters.map(\.patternText).joined(separator: "\n")
        }
        return read
    }

    @Test(arguments: instances)
    func eachInstanceIsAMappingNamedAsTerraformNamesIt(_ testCase: InstanceCase) throws {
        #expect(try Self.read(testCase.locals + "\n" + Self.mappingText(testCase)) == testCase.expected)
    }

    @Test func everyInstanceAnswersToTheResourceAddress() {
        let document = FilterDocument.read(text: Self.mappingText(Self.instances[0]), name: "main.tf")
        #expect(
            document.mappings(matching: "aws_lambda_event_source_mapping.m").map(\.id) == [
                "aws_lambda_event_source_mapping.m[0]", "aws_lambda_event_source_mapping.m[1]",
            ])
        #expect(document.mappings(matching: "m[1]").map(\.id) == ["aws_lambda_event_source_mapping.m[1]"])
    }

    struct UnknownCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// How the warnings of the one mapping start (code, then message).
        var warnings: [String]
        var errors: [String] = []
        /// The Patterns that could still be read.
        var patterns: [String]
        var testDescription: String { name }
    }

    static let unknown: [UnknownCase] = [
        UnknownCase(
            name: "count on a variable: the filters are read once",
            text: resource(
                "aws_lambda_event_source_mapping", "m", meta: "count = var.enabled ? 1 : 0",
                body: "  filter_criteria {\n    filter { pattern = jsonencode({ a = [1] }) }\n  }"),
            warnings: [
                "instances-not-known `count = var.enabled ? 1 : 0` cannot be evaluated offline, so the instances of aws_lambda_event_source_mapping.m are not known"
            ],
            patterns: [#"{"a":[1]}"#]),
        UnknownCase(
            name: "for_each on a variable, each.value in the pattern",
            text: resource(
                "aws_lambda_event_source_mapping", "m", meta: "for_each = var.triggers",
                body:
                    "  filter_criteria {\n    filter { pattern = jsonencode({ a = [each.value.x] }) }\n    filter { pattern = jsonencode({ b = [2] }) }\n  }"
            ),
            warnings: [
                "instances-not-known `for_each = var.triggers` cannot be evaluated offline, so the instances of aws_lambda_event_source_mapping.m are not known",
                "unresolved-value Pattern is computed by each.value.x (inside `jsonencode`)",
            ],
            patterns: [#"{"b":[2]}"#]),
        UnknownCase(
            name: "dynamic filter_criteria on a variable (terraform-aws-modules style)",
            text: resource(
                "aws_lambda_event_source_mapping", "m", meta: "enabled = true",
                body:
                    "  dynamic \"filter_criteria\" {\n    for_each = var.pattern == null ? [] : [true]\n    content {\n      filter { pattern = jsonencode({ c = [3] }) }\n    }\n  }"
            ),
            warnings: [
                "instances-not-known `dynamic \"filter_criteria\"` has `for_each = var.pattern == null ? [] : [true]`, which cannot be evaluated offline"
            ],
            patterns: [#"{"c":[3]}"#]),
        UnknownCase(
            name: "locals that refer to each other in a cycle stay unresolved",
            text: "locals {\n  a = local.b\n  b = local.a\n}\n"
                + resource(
                    "aws_lambda_event_source_mapping", "m", meta: "enabled = true",
                    body: "  filter_criteria {\n    filter { pattern = local.a }\n    filter { pattern = jsonencode({ a = [1] }) }\n  }"),
            warnings: ["unresolved-value Pattern is computed by local."], patterns: [#"{"a":[1]}"#]),
        UnknownCase(
            name: "a list for_each, which Terraform rejects",
            text: resource(
                "aws_lambda_event_source_mapping", "m", meta: #"for_each = ["a"]"#,
                body: "  filter_criteria {\n    filter { pattern = jsonencode({ a = [1] }) }\n  }"),
            warnings: [], errors: [#"malformed-criteria `for_each = ["a"]` is a list"#], patterns: [#"{"a":[1]}"#]),
        UnknownCase(
            name: "count and for_each together",
            text: resource(
                "aws_lambda_event_source_mapping", "m", meta: "count = 1\n  for_each = {}",
                body: "  filter_criteria {\n    filter { pattern = jsonencode({ a = [1] }) }\n  }"),
            warnings: [], errors: ["malformed-criteria `count` and `for_each` together"], patterns: [#"{"a":[1]}"#]),
    ]

    @Test(arguments: unknown)
    func whatCannotBeEvaluatedIsNamedNeverSkipped(_ testCase: UnknownCase) throws {
        let document = FilterDocument.read(text: testCase.text, name: "main.tf")
        let mapping = try #require(document.mappings.first)
        #expect(document.mappings.count == 1)
        #expect(mapping.id == "aws_lambda_event_source_mapping.m")
        func starts(_ found: [String], _ expected: [String]) -> Bool {
            found.count == expected.count && zip(found, expected).allSatisfy { $0.hasPrefix($1) }
        }
        let warnings = mapping.warnings.map { "\($0.code.rawValue) \($0.message)" }
        #expect(starts(warnings, testCase.warnings), "\(warnings)")
        #expect(mapping.warnings.allSatisfy { $0.location != nil })
        let errors = mapping.errors.map { "\($0.code.rawValue) \($0.message)" }
        #expect(starts(errors, testCase.errors), "\(errors)")
        #expect(mapping.entry.patterns.map(\.text) == testCase.patterns)
    }

    @Test func countZeroDeploysNothingAndSaysSo() {
        let text = Self.resource(
            "aws_lambda_event_source_mapping", "m", meta: "count = 0",
            body: "  filter_criteria {\n    filter { pattern = jsonencode({ a = [1] }) }\n  }")
        let document = FilterDocument.read(text: text, name: "main.tf")
        #expect(document.mappings.isEmpty)
        #expect(document.notes.map(\.code) == ["no-instances"])
        #expect(
            document.notes.first?.message.hasPrefix("aws_lambda_event_source_mapping.m has `count = 0`, which makes no instance") == true)
    }

    @Test func dynamicFilterBlocksOverKnownValuesAreExpanded() throws {
        let text = """
            locals { kinds = ["a", "b"] }
            resource "aws_lambda_event_source_mapping" "m" {
              for_each = toset(["x"])
              dynamic "filter_criteria" {
                for_each = [true]
                content {
                  dynamic "filter" {
                    for_each = local.kinds
                    iterator = kind
                    content { pattern = jsonencode({ k = [kind.value], i = [kind.key], e = [each.key] }) }
                  }
                }
              }
            }
            """
        #expect(try Self.read(text) == [#"["x"]"#: #"{"e":["x"],"i":[0],"k":["a"]}"# + "\n" + #"{"e":["x"],"i":[1],"k":["b"]}"#])
    }

    /// terraform-aws-modules/lambda makes `aws_lambda_event_source_mapping.this` for each key of
    /// `event_source_mapping`, one filter per `filter_criteria` element (a list or one object).
    @Test func theLambdaModulesMappingsAreReadUnderTheirAddresses() throws {
        let text = """
            module "worker" {
              source = "terraform-aws-modules/lambda/aws"
              event_source_mapping = {
                sqs = {
                  event_source_arn = aws_sqs_queue.orders.arn
                  batch_size       = 20000
                  filter_criteria  = [{ pattern = jsonencode({ b = [1e2] }) }, { pattern = "{\\"c\\": [2]}" }]
                }
                one    = { filter_criteria = { pattern = jsonencode({ a = [1] }) } }
                plain  = { event_source_arn = aws_sqs_queue.plain.arn }
                varied = { filter_criteria = { pattern = var.pattern } }
              }
            }
            module "elsewhere" {
              source               = "terraform-aws-modules/lambda/aws"
              event_source_mapping = var.mappings
            }
            """
        let document = FilterDocument.read(text: text, name: "main.tf")
        #expect(document.failure == nil, "\(document.notes)")
        let prefix = "module.worker.aws_lambda_event_source_mapping.this"
        #expect(document.mappings.map(\.id) == [#"["one"]"#, #"["plain"]"#, #"["sqs"]"#, #"["varied"]"#].map { prefix + $0 })
        let sqs = try #require(document.mappings(matching: "worker.sqs").first)
        #expect(sqs.entry.patterns.map(\.text) == [#"{"b":[100]}"#, #"{"c": [2]}"#])
        #expect(sqs.source == .sqs)
        #expect(document.mappings.first { $0.id.hasSuffix(#"["plain"]"#) }?.hasCriteria == false)
        let varied = try #require(document.mappings.last)
        #expect(varied.warnings.map(\.code) == [.unresolvedValue])
        #expect(document.notes.map(\.code) == ["unresolved-value"])
        #expect(
            document.notes.first?.message.hasPrefix(
                "module.elsewhere passes `event_source_mapping = ...` that cannot be evaluated offline (var.mappings)") == true)
    }

    /// A large set stays linear to read (its duplicates are found with a hash set): a for_each
    /// over 50,000 keys is refused by count, and 1,000 instances of a smaller one are read.
    @Test func largeSetsReadInLinearTime() throws {
        let keys = (0..<50_000).map { "\"k\($0)\"" }
        let text =
            "locals {\n  all = toset([\(keys.joined(separator: ", "))])\n  some = toset([\(keys.prefix(1_000).joined(separator: ", "))])\n}\n"
            + Self.resource(
                "aws_lambda_event_source_mapping", "every", meta: "for_each = local.all",
                body: "  filter_criteria {\n    filter { pattern = jsonencode({ k = [each.key] }) }\n  }")
            + Self.resource(
                "aws_lambda_event_source_mapping", "m", meta: "for_each = local.some",
                body: "  filter_criteria {\n    filter { pattern = jsonencode({ k = [each.key] }) }\n  }")
        let clock = ContinuousClock()
        let start = clock.now
        let document = FilterDocument.read(text: text, name: "main.tf")
        let elapsed = clock.now - start
        #expect(document.mappings.count == 1_001)
        #expect(
            document.mappings.first?.errors.first?.message
                == "`for_each = local.all` makes 50000 instances; this reader expands at most 1000")
        #expect(document.mappings.dropFirst().allSatisfy { $0.entry.patterns.count == 1 && $0.errors.isEmpty })
        #expect(elapsed < .seconds(60), "\(elapsed)")
    }

    struct NumberCase: Sendable, CustomTestStringConvertible {
        var literal: String
        /// What `terraform console` prints for `jsonencode(literal)` (Terraform v1.11.4).
        var jsonencoded: String
        var testDescription: String { literal }
    }

    static let numbers: [NumberCase] = [
        NumberCase(literal: "1e3", jsonencoded: "1000"), NumberCase(literal: "1E3", jsonencoded: "1000"),
        NumberCase(literal: "1.5e-7", jsonencoded: "0.00000015"), NumberCase(literal: "0.1", jsonencoded: "0.1"),
        NumberCase(literal: "1.50", jsonencoded: "1.5"), NumberCase(literal: "1e21", jsonencoded: "1000000000000000000000"),
        NumberCase(literal: "1e-7", jsonencoded: "0.0000001"), NumberCase(literal: "007", jsonencoded: "7"),
        NumberCase(literal: "00.5", jsonencoded: "0.5"), NumberCase(literal: "0.50e1", jsonencoded: "5"),
        NumberCase(literal: "12.0", jsonencoded: "12"), NumberCase(literal: "-0", jsonencoded: "-0"),
        NumberCase(literal: "-0.0", jsonencoded: "-0"), NumberCase(literal: "-1.5", jsonencoded: "-1.5"),
        NumberCase(literal: "1e+2", jsonencoded: "100"), NumberCase(literal: "2.5E-3", jsonencoded: "0.0025"),
        NumberCase(literal: "123.456e2", jsonencoded: "12345.6"), NumberCase(literal: "5e-0", jsonencoded: "5"),
        NumberCase(literal: "9007199254740993", jsonencoded: "9007199254740993"),
        NumberCase(literal: "123456789012345678901234567890", jsonencoded: "123456789012345678901234567890"),
        NumberCase(literal: "0.30000000000000004", jsonencoded: "0.30000000000000004"),
    ]

    @Test(arguments: numbers)
    func numbersAreWrittenAsJSONEncodeWritesThem(_ testCase: NumberCase) throws {
        let text = Self.resource(
            "aws_lambda_event_source_mapping", "m", meta: "enabled = true",
            body: "  filter_criteria {\n    filter { pattern = jsonencode({ n = [\(testCase.literal)] }) }\n  }")
        #expect(try Self.read(text) == ["": #"{"n":["# + testCase.jsonencoded + "]}"])
    }

    @Test func aNumberTooLongForAPatternIsNamedNotExpanded() throws {
        let text = Self.resource(
            "aws_lambda_event_source_mapping", "m", meta: "enabled = true",
            body: "  filter_criteria {\n    filter { pattern = jsonencode({ n = [1e999999] }) }\n  }")
        let mapping = try #require(FilterDocument.read(text: text, name: "main.tf").mappings.first)
        #expect(mapping.warnings.map(\.code) == [.unresolvedValue])
        #expect(mapping.warnings.first?.message.contains("the number `1e999999`") == true)
    }

    // MARK: - Against Terraform itself

    static let terraformAvailable = Command.isAvailable("terraform")

    /// The same expressions in `terraform_data` resources (a provider built into Terraform, so
    /// `init` and `apply` need no network): Terraform's own instance addresses and jsonencode
    /// text must be what the reader gives for `aws_lambda_event_source_mapping`.
    @Test(.enabled(if: terraformAvailable, "terraform not found on PATH; the comparison with Terraform itself is skipped"))
    func instancesAndNumbersAgreeWithTerraform() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-terraform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let numberList = Self.numbers.map(\.literal).joined(separator: ", ")
        let cases =
            Self.instances + [
                InstanceCase(name: "numbers", meta: "count = 1", pattern: "jsonencode({ n = [\(numberList)] })", expected: [:])
            ]
        var terraform = ""
        var ours = ""
        for (index, testCase) in cases.enumerated() {
            // Locals are renamed per case so the cases share one configuration.
            let locals = testCase.locals.replacingOccurrences(of: "filters", with: "filters\(index)")
            let meta = testCase.meta.replacingOccurrences(of: "local.filters", with: "local.filters\(index)")
            terraform += locals + "\n" + Self.resource("terraform_data", "m\(index)", meta: meta, body: "  input = \(testCase.pattern)")
            ours +=
                locals + "\n"
                + Self.mappingText(
                    InstanceCase(name: testCase.name, meta: meta, pattern: testCase.pattern, expected: [:]), name: "m\(index)")
        }
        try terraform.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let environment = ["TF_CLI_CONFIG_FILE=/dev/null", "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"]
        for step in [
            ["fmt", "-check", "-diff"], ["init", "-input=false", "-no-color"], ["validate", "-no-color"],
            ["apply", "-auto-approve", "-input=false", "-no-color"],
        ] {
            let result = try Command.run("env", environment + ["terraform", "-chdir=\(directory.path)"] + step)
            // `fmt -check` only reports layout; the configuration must parse (exit 3 is "not formatted").
            if step[0] == "fmt" {
                #expect(result.status == 0 || result.status == 3, "terraform fmt: \(result.errorText)")
            } else {
                try #require(result.status == 0, "terraform \(step[0]): \(result.errorText)")
            }
        }
        let shown = try Command.run("env", environment + ["terraform", "-chdir=\(directory.path)", "show", "-json"])
        let state = try JSONParser().parseValue(String(decoding: shown.output, as: UTF8.self))
        var expected: [String: String] = [:]
        for resource in state["values"]?["root_module"]?["resources"]?.arrayElements ?? [] {
            guard let address = resource["address"]?.stringValue, let output = resource["values"]?["output"]?.stringValue else { continue }
            expected[String(address.dropFirst("terraform_data.".count))] = output
        }
        try #require(!expected.isEmpty)
        let document = FilterDocument.read(text: ours, name: "main.tf")
        var read: [String: String] = [:]
        for mapping in document.mappings {
            read[String(mapping.id.dropFirst("aws_lambda_event_source_mapping.".count))] = try mapping.entry.result.get().filters.map(
                \.patternText
            ).joined()
        }
        #expect(read == expected)
    }
}
