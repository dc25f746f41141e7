// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "docket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .library(name: "DocketCore", targets: ["DocketCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // Already a dependency of Vapor; the tests use it to talk to a real `docket serve`.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // The domain: pure, synchronous, no framework. Crypto is only for SHA-256.
        .target(
            name: "DocketCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The redaction engine: pure, no framework import. Its hot loop reads the redactor's
        // buffers word by word; in release builds the runtime's exclusivity checks on those reads
        // cost a tenth of the time (docs/benchmarks.md), and the engine passes them no closures
        // that could overlap an access, so they are checked in debug builds and tests only.
        .target(
            name: "DocketRedact",
            swiftSettings: strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Benchmarks and history generation, fenced off: nothing of them ships in `docket`.
        .target(
            name: "DocketBench",
            dependencies: [
                "DocketCore",
                "DocketStore",
                "DocketWeb",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks, run in release mode: `swift run -c release docket-bench`.
        .executableTarget(name: "docket-bench", dependencies: ["DocketRedact", "DocketBench"], swiftSettings: strict),
        // Persistence with Fluent: models, migrations, the event store.
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: strict
        ),
        // The Vapor application: configure, routes, API, views, commands.
        .target(
            name: "DocketWeb",
            dependencies: [
                "DocketCore",
                "DocketStore",
                "DocketRedact",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "docket",
            dependencies: ["DocketWeb"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DocketCoreTests",
            dependencies: ["DocketCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DocketRedactTests",
            dependencies: ["DocketRedact"],
            // Hand-marked sentences the tests read by path.
            exclude: ["Corpus"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DocketWebTests",
            dependencies: [
                "DocketWeb",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)
