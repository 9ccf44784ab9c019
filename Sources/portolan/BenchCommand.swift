import ArgumentParser
import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// `portolan bench`: how long layout and rendering take, how legible the figures are, and how both compare
/// with Graphviz and graph-easy on the same graphs (run it from a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time and measure the layouts of the built-in schemas and a synthetic topology, against dot and graph-easy.",
        discussion: """
            Run a release build: swift run -c release portolan bench. Prints per schema the figure size at each \
            level, crossings, bends, empty rows and layout time; then every export format; then whole processes of \
            portolan, dot -Tplain and graph-easy --as=boxart on the same graphs (best of --repeat), with ratios \
            and whether each goal is met. dot and graph-easy come from the Debian packages graphviz and \
            libgraph-easy-perl; without them their rows say so.
            """,
        shouldDisplay: false)

    @Option(help: "Roles of the synthetic topology.") var roles = 200
    @Option(help: "Connections of the synthetic topology.") var connections = 600
    @Option(help: "Runs per measurement; the best run is reported.") var repeat_: Int = 5
    @Flag(help: "Leave out the comparison with dot and graph-easy.") var noPeers = false

    func run() throws {
        let schemas = try Catalog.builtin().schemas
        emit(try figures(schemas).render())
        emit("\n" + (try formats(schemas)).render())
        let synthetic = SyntheticSchema.make(roles: roles, connections: connections)
        let (syntheticTime, syntheticRow) = self.synthetic(synthetic)
        emit("\n" + syntheticRow.render())
        if !noPeers {
            let peers = PeerBench(repeat_: repeat_)
            emit("\n" + (try peers.table(schemas: schemas, synthetic: synthetic, syntheticLayout: syntheticTime)).render())
        }
    }

    /// Per schema: the size at each level, and of the default figure its level, crossings, bends, empty rows, time.
    private func figures(_ schemas: [Schema]) throws -> TextTable {
        var table = TextTable(header: ["SCHEMA", "FULL", "COMPACT", "OVERVIEW", "DEFAULT", "CROSSINGS", "BENDS", "EMPTY ROWS", "LAYOUT"])
        for schema in schemas {
            var sizes: [String] = []
            for level in DetailLevel.allCases {
                let diagram = try DiagramLayout.make(schema, detail: level)
                sizes.append("\(diagram.width)x\(diagram.height)")
            }
            var diagram: Diagram?
            let time = try best { diagram = try DiagramLayout.make(schema) }
            guard let diagram else { continue }
            let stats = DiagramStats(diagram)
            let goal = schema.kind == .component ? (100, 30) : (160, 60)
            let fits = stats.width <= goal.0 && stats.height <= goal.1 ? "" : " (over \(goal.0)x\(goal.1))"
            table.rows.append(
                [schema.id.rawValue] + sizes + [
                    "\(diagram.detail) \(stats.width)x\(stats.height)\(fits)", "\(stats.crossings)", "\(stats.bends)",
                    "\(Int((stats.emptyRowFraction * 100).rounded())) %", milliseconds(time),
                ])
        }
        return table
    }

    /// Every export format of every built-in schema, laid out and rendered.
    private func formats(_ schemas: [Schema]) throws -> TextTable {
        let exporter = Exporter()
        var table = TextTable(header: ["WHAT", "FORMAT", "BEST OF \(repeat_)", "GOAL"])
        for format in ExportFormat.allCases {
            let time = try best {
                for schema in schemas { _ = try exporter.render(try DiagramLayout.make(schema), as: format) }
            }
            let goal = format == .unicode ? "≤ 100 ms " + (time <= .milliseconds(100) ? "(met)" : "(MISSED)") : ""
            table.rows.append(["\(schemas.count) built-in schemas", format.rawValue, milliseconds(time), goal])
        }
        return table
    }

    /// The synthetic topology, laid out and checked (outside the timing: a fast figure that breaks the
    /// invariants is no figure).
    private func synthetic(_ schema: Schema) -> (Duration?, TextTable) {
        var table = TextTable(header: ["WHAT", "FORMAT", "BEST OF \(repeat_)", "GOAL"])
        let what = "synthetic \(roles) roles, \(connections) connections"
        var laidOut: Diagram?
        do {
            let time = try best {
                let diagram = try DiagramLayout.make(schema)
                laidOut = diagram
                _ = try Exporter().render(diagram, as: .unicode)
            }
            let broken = laidOut.map(DiagramCheck.violations) ?? []
            let size = laidOut.map { " (\($0.width)x\($0.height))" } ?? ""
            let goal = "≤ 1 s " + (time <= .seconds(1) && broken.isEmpty ? "(met)" : "(MISSED)")
            let check = broken.isEmpty ? "checked" : "\(broken.count) invariants broken, e.g. \(broken[0])"
            table.rows.append([what + size, "unicode", milliseconds(time), goal + ", " + check])
            return (broken.isEmpty ? time : nil, table)
        } catch {
            table.rows.append([what, "unicode", "failed", "≤ 1 s (MISSED): \(error)"])
            return (nil, table)
        }
    }

    private func best(_ body: () throws -> Void) throws -> Duration {
        var best: Duration?
        for _ in 0..<max(1, repeat_) {
            let clock = ContinuousClock()
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            best = min(best ?? elapsed, elapsed)
        }
        return best ?? .zero
    }
}

/// `12.3 ms`.
func milliseconds(_ duration: Duration) -> String {
    "\((duration.milliseconds * 10).rounded() / 10) ms"
}
