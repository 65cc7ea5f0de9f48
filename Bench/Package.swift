// swift-tools-version:6.0
import PackageDescription

// The benchmark runner lives in its own package so that the root manifest carries no bench-only
// targets or dependencies; it uses the library exactly as an embedding tool would.
let package = Package(
    name: "lambda-filter-bench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(name: "lambda-filter", path: ".."),
    ],
    targets: [
        // Counts heap allocations by interposing malloc and friends (glibc only).
        .target(name: "AllocationCounter"),
        // Loading, argument parsing, the timed loop and the result line; tested without timing.
        .target(
            name: "BenchKit",
            dependencies: [.product(name: "LambdaFilter", package: "lambda-filter"), "AllocationCounter"]
        ),
        .executableTarget(name: "bench", dependencies: ["BenchKit"]),
        // Growth check: the same work at n and 8n (README "Scaling"); uses every library product.
        .executableTarget(
            name: "scaling",
            dependencies: [
                .product(name: "LambdaFilter", package: "lambda-filter"),
                .product(name: "LambdaFilterSources", package: "lambda-filter"),
                .product(name: "LambdaFilterCriteria", package: "lambda-filter"),
            ]
        ),
        .testTarget(
            name: "BenchKitTests",
            dependencies: ["BenchKit", .product(name: "LambdaFilter", package: "lambda-filter")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
