import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// Whole processes of `portolan export`, `dot -Tplain` and `graph-easy --as=boxart` on the same graphs (each
/// schema written as DOT by the DOT exporter), best of `runs`, with ratios and whether each goal of the layout
/// is met. A peer that is not installed gets "not installed"; one that runs past `cap` is killed and its
/// time shown as "> cap".
public struct PeerBench: Sendable {
    /// Runs per measurement; the best is reported.
    public var runs: Int
    /// The longest one peer process may run on the synthetic graph before it is killed.
    public var cap: Duration
    /// The `portolan` executable to time.
    public var portolan: String

    public init(runs: Int, cap: Duration = .seconds(60), portolan: String) {
        self.runs = max(1, runs)
        self.cap = cap
        self.portolan = portolan
    }

    /// A peer tool: its name, its executable if installed, and its arguments before the DOT file.
    struct Peer {
        var name: String
        var path: String?
        var arguments: [String]
    }

    /// `export`'s hidden flag that lays a built-in schema out instead of drawing its build-time figure.
    static let atRunTime = "--layout-at-run-time"

    static let dot = Peer(name: "dot -Tplain", path: which("dot"), arguments: ["-Tplain"])
    static let graphEasy = Peer(name: "graph-easy --as=boxart", path: which("graph-easy"), arguments: ["--from=dot", "--as=boxart"])

    /// How one timing ended: the best time, or over the cap, or failed / not installed.
    enum Timing {
        case time(Duration)
        case capped(Duration)
        case missing(String)
    }

    /// The comparison table; `syntheticLayout` is portolan's in-process layout time of the synthetic topology.
    ///
    /// - Throws: if the DOT files cannot be written or a schema cannot be laid out.
    public func table(schemas: [Schema], synthetic: Schema, syntheticLayout: Duration?) throws -> TextTable {
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

        // The largest deployment schema: one whole `portolan export` against graph-easy on its graph, as a user
        // runs it (the build-time figure, `BuiltinFigures`), then with the layout done at run time.
        let largest = schemas.filter { $0.kind == .deployment }.max {
            ($0.roles.count + $0.connections.count, $1.id.rawValue) < ($1.roles.count + $1.connections.count, $0.id.rawValue)
        }
        if let largest, let file = files[largest.id] {
            let what = "export \(largest.id) (\(largest.roles.count) roles, \(largest.connections.count) arrows)"
            _ = run(portolan, ["export", largest.id.rawValue])
            let timings = bestOfEach([
                { run(portolan, ["export", largest.id.rawValue]) },
                { run(portolan, ["export", largest.id.rawValue, Self.atRunTime]) },
                peer(Self.dot, [file]), peer(Self.graphEasy, [file]),
            ])
            let (ours, fresh, dot, easy) = (timings[0], timings[1], timings[2], timings[3])
            table.rows.append([
                what + ", build-time layout", show(ours), show(dot, against: ours), show(easy, against: ours),
                goal("graph-easy ÷ portolan ≥ 10", easy, ours, 10),
            ])
            table.rows.append([
                what + ", laid out at run time", show(fresh), show(dot, against: fresh), show(easy, against: fresh), "(for comparison)",
            ])
        }
        // All built-in schemas: one `portolan export all` laid out at run time (in parallel) against one peer
        // process per graph: this goal is about the layout, so it never draws the build-time figures.
        let paths = schemas.compactMap { files[$0.id] }
        _ = run(portolan, ["export", "all", Self.atRunTime])
        let all = bestOfEach([{ run(portolan, ["export", "all", Self.atRunTime]) }, peer(Self.dot, paths), peer(Self.graphEasy, paths)])
        let (ours, dot, easy) = (all[0], all[1], all[2])
        table.rows.append([
            "all \(schemas.count) built-in schemas (export all, laid out at run time)", show(ours), show(dot, against: ours), show(easy, against: ours),
            goal("dot ÷ portolan ≥ 3", dot, ours, 3),
        ])
        // The synthetic topology: portolan's layout (in process, as timed above) against the peers on its
        // graph, once each and capped: on two cores dot takes tens of seconds on it, graph-easy far longer.
        if let file = files[synthetic.id] {
            let ours: Timing = syntheticLayout.map(Timing.time) ?? .missing("failed")
            let once = bestOfEach([peer(Self.dot, [file], cap: cap), peer(Self.graphEasy, [file], cap: cap)], runs: 1)
            let (dot, easy) = (once[0], once[1])
            table.rows.append([
                "synthetic \(synthetic.roles.count) roles, \(synthetic.connections.count) arrows (portolan in process, peers once)",
                show(ours), show(dot, against: ours), show(easy, against: ours), goal("dot ÷ portolan ≥ 2", dot, ours, 2),
            ])
        }
        if Self.dot.path == nil || Self.graphEasy.path == nil {
            table.rows.append(["(install graphviz and libgraph-easy-perl for the missing columns)", "", "", "", ""])
        }
        return table
    }

    /// One peer run on each of `files` in turn, timed together (a measurement for `bestOfEach`).
    private func peer(_ peer: Peer, _ files: [String], cap: Duration? = nil) -> () -> Timing {
        guard let path = peer.path else { return { .missing("not installed") } }
        return {
            for file in files {
                let timing = run(path, peer.arguments + [file], cap: cap)
                guard case .time = timing else { return timing }
            }
            return .time(.zero)
        }
    }

    /// The best of `runs` timings of each measurement, taken in turns (one run of each, then again), so
    /// that a slow spell of the machine falls on every tool alike rather than on the one timed then. A
    /// capped or failed run ends that measurement.
    private func bestOfEach(_ measurements: [() -> Timing], runs: Int? = nil) -> [Timing] {
        var results = [Timing?](repeating: nil, count: measurements.count)
        let clock = ContinuousClock()
        for _ in 0..<(runs ?? self.runs) {
            for (index, measure) in measurements.enumerated() {
                if case .capped = results[index] { continue }
                if case .missing = results[index] { continue }
                let start = clock.now
                let timing = measure()
                let elapsed = clock.now - start
                switch (timing, results[index]) {
                case let (.time, .time(best)?): results[index] = .time(min(best, elapsed))
                case (.time, _): results[index] = .time(elapsed)
                default: results[index] = timing
                }
            }
        }
        return results.map { $0 ?? .missing("not run") }
    }

    /// Runs a program to its end with its output thrown away; killed after `cap` if one is given.
    private func run(_ path: String, _ arguments: [String], cap: Duration? = nil) -> Timing {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return .missing("failed to start")
        }
        if let cap {
            let seconds = cap.milliseconds / 1000
            if ended.wait(timeout: .now() + seconds) == .timedOut {
                process.terminate()
                ended.wait()
                return .capped(cap)
            }
        } else {
            ended.wait()
        }
        return process.terminationStatus == 0 ? .time(.zero) : .missing("failed (exit \(process.terminationStatus))")
    }

    private func show(_ timing: Timing) -> String {
        switch timing {
        case let .time(time): LayoutBench.milliseconds(time)
        case let .capped(cap): "> \(LayoutBench.milliseconds(cap)) (killed)"
        case let .missing(why): why
        }
    }

    private func show(_ timing: Timing, against ours: Timing) -> String {
        guard case let .time(theirs) = timing, case let .time(mine) = ours, mine > .zero else { return show(timing) }
        return "\(show(timing)) (\(ratio(theirs / mine))×)"
    }

    private func ratio(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded()))" : "\((value * 10).rounded() / 10)"
    }

    /// "met" when the peer took at least `factor` times our time; a capped peer counts with its cap, which
    /// is less than its real time, so "met" against a cap is sure and "NOT MET" is not.
    private func goal(_ text: String, _ peer: Timing, _ ours: Timing, _ factor: Double) -> String {
        guard case let .time(mine) = ours, mine > .zero else { return text + " (not measured)" }
        switch peer {
        case let .time(theirs): return text + (theirs / mine >= factor ? " (met)" : " (NOT MET)")
        case let .capped(cap): return text + (cap / mine >= factor ? " (met, against the cap)" : " (unknown: peer capped)")
        case .missing: return text + " (not measured)"
        }
    }

    /// The executable `name` on the `PATH`, if any.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
