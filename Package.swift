// swift-tools-version:6.2
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
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", "5.0.1"..<"7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // TLS settings for PostgreSQL connections (postgres-nio's own dependency, named to import it).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
        // The PostgreSQL adapter: connections (postgres-nio), migrations from db/postgres/ compiled
        // in by EmbedTextFiles, row-level security scopes per transaction.
        .target(
            name: "DeckPostgres",
            dependencies: [
                "DeckCore",
                // The rules every store shares: audit sealing and hashing, audit payloads, name uniqueness.
                "DeckStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedTextFiles"]
        ),
        // Tool providers: the Composio HTTP client and the deterministic simulator.
        .target(
            name: "DeckComposio",
            dependencies: [
                "DeckCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The outbox worker, rescuer, heartbeats and telemetry.
        .target(
            name: "DeckEngine",
            dependencies: [
                "DeckCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // The console, pure: cell buffer, widgets, themes, state + update + view. No curses.
        .target(
            name: "DeckUI",
            dependencies: [
                "DeckCore",
                .product(name: "Yams", package: "Yams"),
            ],
            // The built-in themes, `themes/*.yaml`, compiled in as the enum BuiltInThemeFiles.
            plugins: ["EmbedTextFiles"]
        ),
        // Build-time tool: writes text files into one Swift file as string literals. Foundation only.
        .executableTarget(name: "embed-text-files"),
        // Build tool plugin: runs embed-text-files on a target's data folder (not a product).
        .plugin(name: "EmbedTextFiles", capability: .buildTool(), dependencies: ["embed-text-files"]),
        // The system ncursesw library (wide characters), with a shim for its macros.
        .systemLibrary(
            name: "CNCursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The only code that calls curses: draws DeckUI buffers, reads keys and the mouse.
        .target(name: "DeckTerminal", dependencies: ["DeckUI", "CNCursesw"]),
        // The console's runtime: its loop over a terminal backend (curses, or scripted in
        // tests), the loader that keeps its rows fresh, and the store-backed data source.
        .target(name: "DeckConsole", dependencies: ["DeckCore", "DeckUI", "DeckTerminal", "DeckEngine"]),
        // The configuration file and the settings it resolves (flag over file over default).
        .target(
            name: "DeckConfig",
            dependencies: [
                "DeckCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `opsdeck bench`: the submission, worker and console benchmarks beside their references.
        .target(
            name: "DeckBench",
            dependencies: [
                "DeckCore", "DeckStore", "DeckComposio", "DeckEngine", "DeckUI", "DeckTerminal", "DeckConsole", "DeckTmux",
                // The PostgreSQL drain: databases made and dropped, the plain SQL loop beside the workers.
                "DeckPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // A program in a real terminal through a private tmux server: the console benchmark
        // and the end-to-end tests drive the console with it.
        .target(name: "DeckTmux"),
        // The one executable: argument parsing and wiring.
        .executableTarget(
            name: "opsdeck",
            dependencies: [
                "DeckCore",
                "DeckStore",
                "DeckPostgres",
                "DeckComposio",
                "DeckEngine",
                "DeckUI",
                "DeckTerminal",
                "DeckConsole",
                "DeckConfig",
                "DeckBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                // `/metrics`: real Prometheus histograms, recorded beside the heartbeat's registry.
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Helpers shared by the test targets.
        .target(name: "OpsDeckTestSupport", path: "Tests/Support"),
        .testTarget(name: "DeckCoreTests", dependencies: ["DeckCore"]),
        .testTarget(
            name: "DeckStoreTests",
            dependencies: [
                "DeckCore",
                "DeckStore",
                // The contract suite runs on PostgreSQL too when a test server is given.
                "DeckPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "DeckPostgresTests",
            dependencies: [
                "DeckPostgres", "DeckCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DeckComposioTests",
            dependencies: [
                "DeckComposio", "DeckCore", "OpsDeckTestSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "DeckEngineTests",
            dependencies: [
                "DeckEngine", "DeckCore", "DeckStore", "DeckComposio", "OpsDeckTestSupport",
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "DeckUITests", dependencies: ["DeckUI", "DeckCore", "DeckStore", "DeckConsole"],
            // Text snapshots of the screens, read and (re)recorded by path, not bundled.
            exclude: ["Snapshots/__snapshots__"]
        ),
        .testTarget(name: "DeckTerminalTests", dependencies: ["DeckTerminal", "DeckUI"]),
        .testTarget(
            name: "DeckConsoleTests",
            dependencies: ["DeckConsole", "DeckUI", "DeckTerminal", "DeckCore", "DeckStore", "OpsDeckTestSupport"]
        ),
        .testTarget(
            name: "OpsDeckCLITests",
            dependencies: [
                "opsdeck", "DeckCore", "DeckTmux", "OpsDeckTestSupport",
                // SHA-256, to re-hash a tampered audit log as an attacker would.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)
