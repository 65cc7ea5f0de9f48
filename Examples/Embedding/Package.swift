// swift-tools-version:6.0
// A consumer of lambda-filter's libraries, as a user's package would be: it depends on the
// checkout by path and imports nothing but the product it uses (no Foundation). CI builds and
// runs each executable, so a library that fails to link on its own fails the run.
import PackageDescription

let package = Package(
    name: "lambda-filter-embedding",
    dependencies: [.package(name: "lambda-filter", path: "../..")],
    targets: [
        .executableTarget(name: "EmbedCore", dependencies: [.product(name: "LambdaFilter", package: "lambda-filter")]),
        .executableTarget(name: "EmbedSources", dependencies: [.product(name: "LambdaFilterSources", package: "lambda-filter")]),
        .executableTarget(name: "EmbedCriteria", dependencies: [.product(name: "LambdaFilterCriteria", package: "lambda-filter")]),
    ],
    swiftLanguageModes: [.v6]
)
