// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Signpost",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "signpost", targets: ["signpost"]),
        .library(name: "SignpostCore", targets: ["SignpostCore"]),
        .library(name: "SignpostCatalog", targets: ["SignpostCatalog"]),
        .library(name: "SignpostImport", targets: ["SignpostImport"]),
        .library(name: "SignpostMatching", targets: ["SignpostMatching"]),
        .library(name: "SignpostWorkflows", targets: ["SignpostWorkflows"]),
        .executable(name: "signpost-server", targets: ["signpost-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "SignpostCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostMatching",
            dependencies: ["SignpostCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostCatalog",
            dependencies: [
                "SignpostCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostImport",
            dependencies: [
                "SignpostCore",
                "CLibXML2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Schema/signpost-list-1.xsd")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostOpenReferral",
            dependencies: ["SignpostCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostWorkflows",
            dependencies: [
                "SignpostCore", "SignpostMatching", "SignpostCatalog", "SignpostImport", "SignpostReports",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostServer",
            dependencies: [
                "SignpostCore", "SignpostCatalog", "SignpostMatching", "SignpostOpenReferral", "SignpostReports",
                "SignpostWorkflows",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("openapi.json")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostReports",
            dependencies: ["SignpostCore", "SignpostMatching", "SignpostOpenReferral"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "signpost",
            dependencies: [
                "SignpostCore",
                "SignpostCatalog",
                "SignpostImport",
                "SignpostMatching",
                "SignpostReports",
                "SignpostWorkflows",
                "SignpostOpenReferral",
                // Built with the command line so that `signpost serve` finds it beside itself; never linked in.
                "signpost-server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "signpost-server",
            dependencies: [
                "SignpostCore", "SignpostCatalog", "SignpostMatching", "SignpostServer", "SignpostWorkflows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SignpostTestSupport",
            dependencies: ["SignpostCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/SignpostTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostCoreTests",
            dependencies: ["SignpostCore", "SignpostTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostImportTests",
            dependencies: ["SignpostImport", "SignpostCore", "SignpostTestSupport"],
            resources: [.copy("AIRS/Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostMatchingTests",
            dependencies: ["SignpostMatching", "SignpostCore", "SignpostImport", "SignpostTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostWorkflowsTests",
            dependencies: [
                "SignpostWorkflows", "SignpostCatalog", "SignpostImport", "SignpostMatching", "SignpostReports",
                "SignpostCore", "SignpostTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostCLITests",
            dependencies: [
                "signpost", "SignpostCatalog", "SignpostImport", "SignpostReports", "SignpostCore",
                "SignpostWorkflows", "SignpostOpenReferral", "SignpostTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostOpenReferralTests",
            dependencies: ["SignpostOpenReferral", "SignpostCore", "SignpostImport", "SignpostTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostServerTests",
            dependencies: [
                "SignpostServer", "SignpostCatalog", "SignpostCore", "SignpostImport", "SignpostTestSupport",
                "SignpostWorkflows", "SignpostReports", "SignpostOpenReferral", "signpost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The ORUK 3.0 schemas the conformance test validates against, derived by scripts/oruk-schemas.py.
            resources: [.copy("Schemas")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostReportsTests",
            dependencies: [
                "SignpostReports", "SignpostMatching", "SignpostCore", "SignpostImport", "SignpostTestSupport",
            ],
            resources: [.copy("Expected")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SignpostCatalogTests",
            dependencies: ["SignpostCatalog", "SignpostImport", "SignpostCore", "SignpostTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
