import Foundation
import PortolanCore
import PortolanLab
import PortolanLayout
import PortolanRender

/// Whole processes of `portolan export`, `dot -Tplain` and `graph-easy --as=boxart` on the same graphs (each
/// schema written as DOT by the DOT exporter), best of `repeat_`, with ratios and the goals of the layout.
struct PeerBench {
    var repeat_: Int

    /// A peer tool: its name, its executable if installed, and its arguments before the DOT file.
    struct Peer {
        var name: String
        var path: String?
        var arguments: [String]
    }

    static let dot = Peer(name: "dot -Tplain", path: which("dot"), arguments: ["-Tplain"])
    static let graphEasy = Peer(name: "graph-easy --as=boxart", path: which("graph-easy"), arguments: ["--from=dot", "--as=boxart"])

    /// The comparison table; `syntheticLayout` is portolan's in-process layout time of the synthetic topology.
    func table(schemas: [Schema], synthetic: Schema, syntheticLayout: Duration?) throws -> TextTable {
        var table = TextTable(header: ["WORKLOAD", "PORTOLAN", "DOT -TPLAIN", "GRAPH-EASY", "GOAL"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portolan-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [SchemaID: String] = [:]
        for schema in schemas + [synthetic] {
            let file = folder.appendingPathComponent("\(schema.id).dot").path
            try OutputFile.write(DOTExport.render(try DiagramLayout.make(schema)), to: file)
            files[schema.id] = file
        }
        let portolan = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path

        // The largest deployment schema: one whole `portolan export` against graph-easy on its graph.
        let largest = schemas.filter { $0.kind == .deployment }.max {
            ($0.roles.count + $0.connections.count, $1.id.rawValue) < ($1.roles.count + $1.connections.count, $0.id.rawValue)
        }
        if let largest, let file = files[largest.id] {
            let ours = best { run(portolan, ["export", largest.id.rawValue]) }
            let dot = Self.dot.path.flatMap { path in best { run(path, Self.dot.arguments + [file]) } }
            let easy = Self.graphEasy.path.flatMap { path in best { run(path, Self.graphEasy.arguments + [file]) } }
            table.rows.append([
                "export \(largest.id) (\(largest.roles.count) roles, \(largest.connections.count) arrows)",
                show(ours), show(dot, against: ours), show(easy, against: ours), goal("graph-easy ÷ portolan ≥ 10", easy, ours, 10),
            ])
        }
        // All built-in schemas: one `portolan export all` against one dot process per graph.
        let ours = best { run(portolan, ["export", "all"]) }
        let dot = Self.dot.path.flatMap { path in
            best { schemas.allSatisfy { files[$0.id].map { run(path, Self.dot.arguments + [$0]) } ?? false } }
        }
        let easy = Self.graphEasy.path.flatMap { path in
            best { schemas.allSatisfy { files[$0.id].map { run(path, Self.graphEasy.arguments + [$0]) } ?? false } }
        }
        table.rows.append([
            "all \(schemas.count) built-in schemas", show(ours), show(dot, against: ours), show(easy, against: ours),
            goal("dot ÷ portolan ≥ 3", dot, ours, 3),
        ])
        // The synthetic topology: portolan's layout (in process, as timed above) against dot on its graph.
        if let file = files[synthetic.id] {
            let dot = Self.dot.path.flatMap { path in best(runs: 1) { run(path, Self.dot.arguments + [file]) } }
            table.rows.append([
                "synthetic \(synthetic.roles.count) roles, \(synthetic.connections.count) arrows (portolan in process)",
                show(syntheticLayout), show(dot, against: syntheticLayout), "not run (minutes)",
                goal("dot ÷ portolan ≥ 2", dot, syntheticLayout, 2),
            ])
        }
        if Self.dot.path == nil || Self.graphEasy.path == nil {
            table.rows.append(["(install graphviz and libgraph-easy-perl for the missing columns)", "", "", "", ""])
        }
        return table
    }

    /// The best of `runs` whole runs; `nil` if any run fails.
    private func best(runs: Int? = nil, _ body: () -> Bool) -> Duration? {
        var best: Duration?
        for _ in 0..<max(1, runs ?? repeat_) {
            let clock = ContinuousClock()
            let start = clock.now
            guard body() else { return nil }
            let elapsed = clock.now - start
            best = min(best ?? elapsed, elapsed)
        }
        return best
    }

    /// Runs a program to its end with its output thrown away; true if it exited 0.
    private func run(_ path: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    private func show(_ time: Duration?) -> String { time.map(milliseconds) ?? "-" }

    private func show(_ time: Duration?, against ours: Duration?) -> String {
        guard let time else { return "not installed" }
        guard let ours, ours > .zero else { return milliseconds(time) }
        return "\(milliseconds(time)) (\(ratio(time, ours))×)"
    }

    private func ratio(_ a: Duration, _ b: Duration) -> String {
        let value = a / b
        return value >= 10 ? "\(Int(value.rounded()))" : "\((value * 10).rounded() / 10)"
    }

    private func goal(_ text: String, _ peer: Duration?, _ ours: Duration?, _ factor: Double) -> String {
        guard let peer, let ours else { return text + " (not measured)" }
        return text + (peer / ours >= factor ? " (met)" : " (NOT MET)")
    }

    /// The executable `name` on the `PATH`, if any.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
