// swift-tools-version:6.1
import PackageDescription

// Layers, each importing only those to its left (see DECISIONS.md, "Layers"):
//   PortolanModel (the schema model and the pack reader with its file:line:col checks)
//     → PortolanPacks (the built-in packs, read and checked at build time by PackEmbedder)
//     → PortolanCore (catalog, topology, files, failures; re-exports PortolanModel)
//   PortolanModel → PortolanLayout (from a schema to a figure's geometry)
//   PortolanCore, PortolanLayout → PortolanRender (canvases, glyph tables, exports, text tables)
//     → PortolanApp (dashboard state, views, loop)
//   PortolanCore, PortolanLayout → PortolanFigures (the built-in schemas' default figures, laid out at build time
//     by FigureEmbedder; used by PortolanLab and the CLI)
//   PortolanCore → PortolanRules (firewall rules from the bound schemas)
//   PortolanCore → PortolanProbe (sockets, the agent protocol; NIO) → PortolanWatch (the unattended watcher:
//     HTTP, metrics, service life; may import Hummingbird, NIO, Prometheus, ServiceLifecycle and Logging, see
//     DECISIONS.md)
//   PortolanProbe, PortolanWatch, PortolanApp, PortolanFigures → PortolanLab (demo, live sources: topology and
//     attached watcher, export files, benchmark drivers)
//   PortolanRender, PortolanApp → PortolanTerminal (the only user of the ncurses C target)
//   portolan (CLI executable): commands and their options, calling into the targets above; the only importer
//     of ArgumentParser.
let package = Package(
    name: "portolan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "portolan", targets: ["portolan"]),
        .library(name: "PortolanCore", targets: ["PortolanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        // No default traits: swift-configuration support is not used and would only lengthen the build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        // Only its bcrypt target (a small C library) is built: basic-auth hashes of the web-config file.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // The schema model and the reader of pack files: what both the build-time embedder and the binary need.
        .target(name: "PortolanModel", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Build-time tool: reads and checks the YAML packs with PortolanModel's reader (a broken pack fails the
        // build with file:line:col) and writes the checked model as Swift constants; also compiles in the themes.
        .executableTarget(name: "PackEmbedder", dependencies: ["PortolanModel"], path: "Sources/PackEmbedder"),
        // Runs PackEmbedder for the packs and themes, FigureEmbedder (below) for PortolanFigures.
        .plugin(
            name: "PackEmbedderPlugin",
            capability: .buildTool(),
            dependencies: ["PackEmbedder", "FigureEmbedder"],
            path: "Sources/PackEmbedderPlugin"
        ),
        // The built-in schema packs, compiled into the binary as checked `Pack` values.
        .target(
            name: "PortolanPacks",
            dependencies: ["PortolanModel"],
            exclude: ["packs"],
            plugins: ["PackEmbedderPlugin"]
        ),
        .target(
            name: "PortolanCore",
            dependencies: ["PortolanModel", "PortolanPacks"]
        ),
        // Layout needs only the model: the build-time tool below links it without the packs' own build step.
        .target(name: "PortolanLayout", dependencies: ["PortolanModel"]),
        // Build-time tool: lays out every built-in schema at the default size and writes the figures as text
        // (`DiagramCode`) into PortolanFigures, so that `export` of a built-in schema does not lay it out.
        // It reads the packs' YAML itself (as PackEmbedder does): SwiftPM builds a plugin's tool before the build
        // tool steps of the tool's own dependencies, so the tool may not depend on PortolanPacks.
        .executableTarget(name: "FigureEmbedder", dependencies: ["PortolanModel", "PortolanLayout"], path: "Sources/FigureEmbedder"),
        // The default figures of the built-in schemas, laid out at build time (`BuiltinFigures`).
        .target(
            name: "PortolanFigures",
            dependencies: ["PortolanCore", "PortolanLayout", "PortolanPacks"],
            plugins: ["PackEmbedderPlugin"]
        ),
        // Firewall rules from the bound schemas: pure functions over Core's model, one file per output form.
        .target(name: "PortolanRules", dependencies: ["PortolanCore"]),
        .target(
            name: "PortolanRender",
            dependencies: ["PortolanCore", "PortolanLayout"],
            exclude: ["themes"],
            plugins: ["PackEmbedderPlugin"]
        ),
        // The dashboard: state, pure update, views drawn into canvases. No terminal, no sockets.
        .target(name: "PortolanApp", dependencies: ["PortolanCore", "PortolanLayout", "PortolanRender"]),
        // The only C that touches ncurses: stdscr, LINES/COLS, COLOR_PAIR, ACS_*, KEY_*, mouse, signals.
        .target(name: "CNcursesBridge", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Draws canvases on a real terminal and reads its keys and mouse; the only user of CNcursesBridge.
        .target(name: "PortolanTerminal", dependencies: ["PortolanCore", "PortolanLayout", "PortolanRender", "PortolanApp", "CNcursesBridge"]),
        // The epoll calls that Swift's Glibc module leaves out.
        .target(name: "CPortolanNet"),
        // Live probing: raw epoll sockets for TCP/UDP, NIOSSL for TLS handshakes, vantage points' agents. NIO is
        // imported here and by PortolanWatch's HTTP server only.
        .target(
            name: "PortolanProbe",
            dependencies: [
                "PortolanCore", "CPortolanNet",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `portolan watch`: rounds without a terminal, /metrics, /api/v1/state and events over HTTP, signals.
        .target(
            name: "PortolanWatch",
            dependencies: [
                "PortolanCore", "PortolanProbe",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The simulated lab: the demo's deployment and claims, live sources (a topology probed from here, a
        // watcher attached to), export files, the probe and dashboard benchmarks' drivers. Everything the
        // commands do beyond parsing arguments.
        .target(
            name: "PortolanLab",
            dependencies: ["PortolanCore", "PortolanLayout", "PortolanFigures", "PortolanRender", "PortolanProbe", "PortolanWatch", "PortolanApp"]),
        .executableTarget(
            name: "portolan",
            dependencies: [
                "PortolanCore", "PortolanLayout", "PortolanFigures", "PortolanRender", "PortolanProbe", "PortolanApp", "PortolanTerminal", "PortolanWatch", "PortolanLab", "PortolanRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds link the Swift runtime and Foundation statically: a dynamic start spends most of
            // its time in the loader (DECISIONS.md, "Static runtime in release builds"). Debug builds stay dynamic.
            // Modules compiled against the shared SDK do not name Foundation's own static dependencies: listed here.
            // lld with packed relative relocations and no exported symbols: a shorter start (DECISIONS.md, same entry).
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCollections", "-l_FoundationCShims", "-lstdc++"],
                    .when(configuration: .release))
            ]
        ),
        .testTarget(name: "PortolanCoreTests", dependencies: ["PortolanCore"], exclude: ["Documents"]),
        .testTarget(name: "PortolanAppTests", dependencies: ["PortolanApp", "PortolanCore", "PortolanLayout", "PortolanRender", "PortolanTestSupport"], exclude: ["Golden"]),
        // Running the built `portolan` (and other commands) from tests: one helper for every test target.
        .target(name: "PortolanTestSupport", path: "Tests/PortolanTestSupport"),
        // Runs the built `portolan` as a user would; QuickExportTests also imports it, to hold its quick
        // export path to ArgumentParser's reading of the same arguments.
        .testTarget(
            name: "PortolanCLITests",
            dependencies: [
                "PortolanCore", "PortolanLab", "PortolanTestSupport", "portolan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "PortolanLayoutTests",
            dependencies: [
                "PortolanCore", "PortolanLayout", "PortolanFigures",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "PortolanRenderTests",
            dependencies: ["PortolanCore", "PortolanLayout", "PortolanRender", "PortolanRules", "PortolanTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "PortolanTopologyTests", dependencies: ["PortolanCore"]),
        // `portolan watch` run as a user would (signals, HTTP, a real Prometheus), and its parts in process.
        .testTarget(
            name: "PortolanWatchTests",
            dependencies: [
                "PortolanWatch", "PortolanProbe", "PortolanCore", "portolan", "PortolanTestSupport",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The fuzzing harness: mutated inputs of every kind through the readers, in process.
        .testTarget(
            name: "PortolanFuzzTests",
            dependencies: ["PortolanCore", "PortolanRender", "PortolanApp", "PortolanProbe", "PortolanTestSupport"],
            path: "Tests/Fuzz"
        ),
        .testTarget(
            name: "PortolanLabTests",
            dependencies: ["PortolanLab", "PortolanApp", "PortolanCore", "PortolanLayout", "PortolanRender", "PortolanProbe", "PortolanTestSupport"]),
        .testTarget(name: "PortolanTerminalTests", dependencies: ["PortolanTerminal", "PortolanRender"]),
        // Mimic listeners on loopback, seen by the prober; `portolan demo` run as a user would.
        .testTarget(name: "PortolanMimicTests", dependencies: ["PortolanProbe", "PortolanCore", "portolan", "PortolanTestSupport"]),
        .testTarget(
            name: "PortolanProbeTests",
            dependencies: [
                "PortolanProbe", "PortolanCore", "PortolanRules", "portolan", "PortolanTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)
