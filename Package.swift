// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "guideqa",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guideqa", targets: ["guideqa"]),
        .library(name: "GuideQA", targets: ["GuideQA"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries from Debian (`apt-get install -y libedit-dev libstemmer-dev`).
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Non-variadic wrappers for el_set/el_get/history(), which Swift cannot call.
        .target(name: "CLibEditShim", dependencies: ["CLibEdit"]),
        // SQLite (`apt-get install -y libsqlite3-dev`): the FTS5 baseline of the benchmark only.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // The engine: corpus → analysis → index → ranking → answer. No terminal I/O.
        // Exclusivity is checked at compile time; the run-time checks cost ~10% of indexing.
        .target(name: "GuideQA", dependencies: ["CStemmer"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),

        // The shipped default corpus (top-level Corpus/) as a resource bundle.
        .target(
            name: "DefaultCorpus",
            path: ".",
            exclude: [
                "Sources/CStemmer", "Sources/CLibEdit", "Sources/CLibEditShim", "Sources/LineEditing",
                "Sources/GuideQA", "Sources/guideqa",
                "Sources/CSQLite", "Sources/guideqa-bench", "bench", "docs",
                "Sources/GuideQAFuzz", "fuzz",
                "Tests", "README.md", "ARCHITECTURE.md", "Package.swift", "Makefile",
                ".ci", ".gitignore",
            ],
            sources: ["Sources/DefaultCorpus"],
            resources: [.copy("Corpus"), .copy("Vocabulary")]
        ),

        // Line editing on libedit: prompt, history, completion, Ctrl-C.
        .target(name: "LineEditing", dependencies: ["CLibEditShim"]),

        // Front ends: the REPL, `ask`, `check`.
        .executableTarget(
            name: "guideqa",
            dependencies: [
                "GuideQA", "DefaultCorpus", "LineEditing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `swift run -c release guideqa-bench`: speed and quality against SQLite FTS5 (issue 6).
        .executableTarget(
            name: "guideqa-bench",
            dependencies: [
                "GuideQA", "CSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Fuzz targets (issue 7): a replay tool in a normal build; libFuzzer targets when
        // fuzz/run.sh builds it with --sanitize=fuzzer -Xswiftc -DFUZZING.
        .executableTarget(name: "GuideQAFuzz", dependencies: ["GuideQA"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        .testTarget(name: "GuideQATests", dependencies: ["GuideQA"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GuideQACLITests", dependencies: ["guideqa"]),
    ],
    swiftLanguageModes: [.v6]
)
