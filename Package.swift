// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "OpsDeck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "opsdeck", targets: ["opsdeck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Domain types, ports and pure policies. Foundation only.
        .target(name: "DeckCore"),
        // In-memory and SQLite adapters of every DeckCore port.
        .target(
            name: "DeckStore",
            dependencies: [
                "DeckCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API GRDB links, for the bulk-insert hot path (SQLiteRawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The one executable: argument parsing and wiring.
        .executableTarget(
            name: "opsdeck",
            dependencies: [
                "DeckCore",
                "DeckStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DeckCoreTests", dependencies: ["DeckCore"]),
        .testTarget(
            name: "DeckStoreTests",
            dependencies: [
                "DeckCore",
                "DeckStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "OpsDeckCLITests", dependencies: ["opsdeck", "DeckCore"]),
    ]
)
