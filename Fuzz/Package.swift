// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses, in their own package so the root manifest carries no fuzzing targets.
// Build them with `Fuzz/run.sh` (it passes `-sanitize=fuzzer,address`); a plain `swift build`
// of this package links no fuzzer runtime and fails, by design.
let package = Package(
    name: "lambda-filter-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "lambda-filter", path: ".."),
    ],
    targets: [
        // The declaration of libFuzzer's driver, which each harness's `main` calls.
        .target(name: "CLibFuzzer"),
        // What the harnesses share: the entry point and splitting an input.
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        // The pattern parser and compiler.
        .executableTarget(name: "fuzz-pattern", dependencies: [
            "FuzzSupport", .product(name: "LambdaFilter", package: "lambda-filter"),
        ]),
        // The matcher against the reference matcher, one or two patterns per input.
        .executableTarget(name: "fuzz-matcher", dependencies: [
            "FuzzSupport", .product(name: "LambdaFilter", package: "lambda-filter"),
            .product(name: "LambdaFilterTestSupport", package: "lambda-filter"),
        ]),
        // The source adapters and the event splitter.
        .executableTarget(name: "fuzz-sources", dependencies: [
            "FuzzSupport", .product(name: "LambdaFilter", package: "lambda-filter"),
            .product(name: "LambdaFilterSources", package: "lambda-filter"),
        ]),
        // The FilterCriteria and template readers, JSON and YAML.
        .executableTarget(name: "fuzz-criteria", dependencies: [
            "FuzzSupport", .product(name: "LambdaFilterCriteria", package: "lambda-filter"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
