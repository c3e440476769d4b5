// swift-tools-version: 6.1
// libFuzzer targets for Signpost's readers (issue 12). A package of its own so that the main package's build and
// `swift test` never see it. Build and run through `scripts/fuzz.sh TARGET SECONDS`, which builds with
// `-sanitize=fuzzer,address`; see README.md, "Fuzzing".
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// One executable per fuzz target: its `LLVMFuzzerTestOneInput`, and a main.swift that hands over to libFuzzer.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", "FuzzDriver"] + products.map { .product(name: $0, package: "Signpost") },
        swiftSettings: strictSettings
    )
}

let package = Package(
    name: "SignpostFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Signpost", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "SignpostCore", package: "Signpost"),
                .product(name: "SignpostImport", package: "Signpost"),
            ],
            swiftSettings: strictSettings
        ),
        fuzzTarget("csv", ["SignpostCore", "SignpostImport"]),
        fuzzTarget("xml", ["SignpostCore", "SignpostImport"]),
        fuzzTarget("profile", ["SignpostCore", "SignpostImport"]),
        fuzzTarget("postcode", ["SignpostCore"]),
        fuzzTarget("feed", ["SignpostCore", "SignpostImport"]),
    ]
)
