// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "lambda-filter",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LambdaFilter", targets: ["LambdaFilter"]),
        .library(name: "LambdaFilterSources", targets: ["LambdaFilterSources"]),
        .library(name: "LambdaFilterCriteria", targets: ["LambdaFilterCriteria"]),
        .library(name: "LambdaFilterAnalysis", targets: ["LambdaFilterAnalysis"]),
        // The reference matcher, for the nested Fuzz package's differential harness.
        .library(name: "LambdaFilterTestSupport", targets: ["LambdaFilterTestSupport"]),
        .executable(name: "lambda-filter", targets: ["lambda-filter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `swift package generate-documentation` (DocC); a plugin, so nothing builds unless it runs.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The core: patterns, matcher, scanner. Swift standard library only. On Linux the
        // standard library's floating-point functions resolve to libm, which a consumer that
        // does not import Foundation would not link otherwise.
        .target(name: "LambdaFilter", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux, .android]))]),
        // The one vocabulary of AWS sources (names, payload keys, per-source rules, --source
        // values, verdict words) that the sources and criteria modules share and re-export.
        .target(name: "LambdaFilterVocabulary", dependencies: ["LambdaFilter"]),
        // Per-source adapters: what Lambda's filter sees for each event source.
        .target(name: "LambdaFilterSources", dependencies: ["LambdaFilter", "LambdaFilterVocabulary"]),
        // FilterCriteria: encoding, limits, renderings, reading back.
        .target(
            name: "LambdaFilterCriteria",
            dependencies: ["LambdaFilter", "LambdaFilterVocabulary", .product(name: "Yams", package: "Yams")]
        ),
        // Lint rules, batch simulation and DynamoDB authoring help: needs both the sources'
        // record shapes and the criteria's limits, so it sits above both.
        .target(name: "LambdaFilterAnalysis", dependencies: ["LambdaFilter", "LambdaFilterSources", "LambdaFilterCriteria"]),
        // The reference matcher and generators the tests share.
        .target(name: "LambdaFilterTestSupport", dependencies: ["LambdaFilter"]),
        .executableTarget(
            name: "lambda-filter",
            dependencies: [
                "LambdaFilter", "LambdaFilterSources", "LambdaFilterCriteria", "LambdaFilterAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LambdaFilterTests", dependencies: ["LambdaFilter", "LambdaFilterTestSupport"]),
        .testTarget(name: "LambdaFilterVocabularyTests", dependencies: ["LambdaFilterVocabulary", "LambdaFilter"]),
        .testTarget(
            name: "LambdaFilterSourcesTests",
            dependencies: ["LambdaFilterSources", "LambdaFilter", "LambdaFilterCriteria", "LambdaFilterTestSupport"]
        ),
        .testTarget(
            name: "LambdaFilterCriteriaTests",
            dependencies: ["LambdaFilterCriteria", "LambdaFilter", "LambdaFilterTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "LambdaFilterAnalysisTests",
            dependencies: ["LambdaFilterAnalysis", "LambdaFilterSources", "LambdaFilterCriteria", "LambdaFilter", "LambdaFilterTestSupport"]
        ),
        .testTarget(name: "LambdaFilterCLITests", dependencies: ["LambdaFilterTestSupport"], exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
