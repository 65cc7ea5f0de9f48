import Foundation
import Testing

/// What `check`, `test` and `explain` say when an input reads one way of several (`{}`), and
/// Terraform resources with `count` / `for_each` (issue 13).
@Suite("Readings said on the command line")
struct ReadingChoicesTests {
    static let sample = "Samples/sqs/orders-batch.json"
    static let emptyNote =
        "`{}` is read as an empty FilterCriteria (no filters: every record reaches the function), not as a pattern (an empty pattern is invalid)"

    static func temporaryFile(_ name: String, _ text: String) throws -> (file: URL, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return (file, directory)
    }

    /// Before: `check` said `1 file checked: 1 valid` and then that nothing was checked; `test`
    /// and `explain` said nothing of how `{}` was read.
    @Test(arguments: ["file", "inline"])
    func anEmptyObjectSaysItIsReadAsAnEmptyFilterCriteria(_ form: String) throws {
        let (file, directory) = try Self.temporaryFile("empty.json", "{}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let argument = form == "file" ? file.path : "{}"
        let checked = try CLIRunner.run(["check", argument])
        #expect(checked.status == 1)
        #expect(checked.standardOutput.contains("skipped: " + Self.emptyNote), "\(checked.standardOutput)")
        #expect(checked.standardOutput.contains("0 files checked"))
        #expect(checked.standardError.contains("nothing was checked"))

        let tested = try CLIRunner.run(["test", "-p", argument, Self.sample])
        #expect(tested.status == 0, "\(tested.standardError)")
        #expect(tested.standardError.contains("note: " + Self.emptyNote), "\(tested.standardError)")
        #expect(tested.standardOutput.contains("4 records: 4 passed, 0 filtered"))

        let explained = try CLIRunner.run(["explain", "-p", argument, "--record", "Records[1]", Self.sample])
        #expect(explained.status == 0, "\(explained.standardError)")
        #expect(explained.standardError.contains("note: " + Self.emptyNote))
        #expect(explained.standardOutput.contains("Verdict: passed (no filters)"))
    }

    @Test func anEmptyFiltersListIsNotCountedAsChecked() throws {
        let (file, directory) = try Self.temporaryFile("criteria.json", #"{"Filters": []}"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        let checked = try CLIRunner.run(["check", file.path])
        #expect(checked.status == 1)
        #expect(checked.standardOutput.contains("skipped: this FilterCriteria has an empty Filters list"), "\(checked.standardOutput)")
        #expect(!checked.standardOutput.contains("1 valid"))
    }

    static let terraform = """
        resource "aws_lambda_event_source_mapping" "orders" {
          for_each         = { big = 100, huge = 1e3 }
          event_source_arn = "arn:aws:sqs:us-east-1:123456789012:orders"
          function_name    = "orders"
          filter_criteria {
            filter { pattern = jsonencode({ body = { total = [{ numeric = [">", each.value] }] } }) }
          }
        }
        resource "aws_lambda_event_source_mapping" "maybe" {
          count            = var.enabled ? 1 : 0
          event_source_arn = "arn:aws:sqs:us-east-1:123456789012:orders"
          function_name    = "orders"
          filter_criteria {
            filter { pattern = jsonencode({ body = { status = ["PLACED"] } }) }
          }
        }
        resource "aws_lambda_event_source_mapping" "off" {
          count = 0
          filter_criteria {
            filter { pattern = jsonencode({ a = [1] }) }
          }
        }

        """

    @Test func eachTerraformInstanceIsTestedUnderItsAddress() throws {
        let (file, directory) = try Self.temporaryFile("main.tf", Self.terraform)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tested = try CLIRunner.run(["test", "-p", file.path, "--mapping", "aws_lambda_event_source_mapping.orders", Self.sample])
        #expect(tested.status == 0, "\(tested.standardError)")
        let rows = tested.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.filter { $0.hasPrefix("passed") && $0.contains(#"mapping aws_lambda_event_source_mapping.orders["big"]"#) }.count == 2)
        #expect(
            rows.filter { $0.hasPrefix("filtered") && $0.contains(#"mapping aws_lambda_event_source_mapping.orders["huge"]"#) }.count == 4)
        #expect(tested.standardOutput.contains("8 records: 2 passed, 6 filtered"))

        let one = try CLIRunner.run(["test", "-p", file.path, "--mapping", #"orders["huge"]"#, Self.sample])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(one.standardOutput.contains("4 records: 0 passed, 4 filtered"), "\(one.standardOutput)")

        let maybe = try CLIRunner.run(["test", "-p", file.path, "--mapping", "maybe", Self.sample])
        #expect(
            maybe.standardError.contains("warning: `count = var.enabled ? 1 : 0` cannot be evaluated offline"), "\(maybe.standardError)")
        #expect(maybe.standardError.contains("note: aws_lambda_event_source_mapping.off has `count = 0`, which makes no instance"))
    }

    @Test func checkNamesEveryInstanceAndWhatItCannotEvaluate() throws {
        let (file, directory) = try Self.temporaryFile("main.tf", Self.terraform)
        defer { try? FileManager.default.removeItem(at: directory) }
        let checked = try CLIRunner.run(["check", file.path])
        #expect(checked.status == 0, "\(checked.standardOutput)")
        #expect(
            checked.standardOutput.contains(
                "warning: aws_lambda_event_source_mapping.maybe: `count = var.enabled ? 1 : 0` cannot be evaluated offline"))
        #expect(checked.standardOutput.contains("note: aws_lambda_event_source_mapping.off has `count = 0`"))
        #expect(
            checked.standardOutput.contains("1 file checked: 1 valid, 0 invalid (0 errors, 1 warning, 1 note)"), "\(checked.standardOutput)"
        )
    }
}
