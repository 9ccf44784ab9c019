import ArgumentParser
import PortolanCore
import PortolanLayout
import PortolanRender

/// `portolan bench`: how long layout and rendering take (run it from a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time laying out and rendering the built-in schemas in every format, and a synthetic topology.",
        discussion: "Run a release build: swift run -c release portolan bench. Goals: all built-in schemas as unicode ≤ 100 ms, the synthetic 200-role/600-connection topology ≤ 1 s.",
        shouldDisplay: false)

    @Option(help: "Roles of the synthetic topology.") var roles = 200
    @Option(help: "Connections of the synthetic topology.") var connections = 600
    @Option(help: "Runs per measurement; the best run is reported.") var repeat_: Int = 3

    func run() throws {
        let schemas = try Catalog.builtin().schemas
        let exporter = Exporter()
        var table = TextTable(header: ["WHAT", "FORMAT", "BEST OF \(repeat_)", "GOAL"])
        for format in ExportFormat.allCases {
            let time = try best {
                for schema in schemas { _ = try exporter.render(try DiagramLayout.make(schema), as: format) }
            }
            let goal = format == .unicode ? "≤ 100 ms " + (time <= .milliseconds(100) ? "(met)" : "(MISSED)") : ""
            table.rows.append(["\(schemas.count) built-in schemas", format.rawValue, milliseconds(time), goal])
        }
        let synthetic = SyntheticSchema.make(roles: roles, connections: connections)
        let what = "synthetic \(roles) roles, \(connections) connections"
        var laidOut: Diagram?
        do {
            let time = try best {
                let diagram = try DiagramLayout.make(synthetic)
                laidOut = diagram
                _ = try exporter.render(diagram, as: .unicode)
            }
            // The invariant checker runs once, outside the timing: a fast figure that breaks them is no figure.
            let broken = laidOut.map(DiagramCheck.violations) ?? []
            let size = laidOut.map { " (\($0.width)x\($0.height))" } ?? ""
            let goal = "≤ 1 s " + (time <= .seconds(1) && broken.isEmpty ? "(met)" : "(MISSED)")
            let check = broken.isEmpty ? "checked" : "\(broken.count) invariants broken, e.g. \(broken[0])"
            table.rows.append([what + size, "unicode", milliseconds(time), goal + ", " + check])
        } catch {
            table.rows.append([what, "unicode", "failed", "≤ 1 s (MISSED): \(error)"])
        }
        emit(table.render())
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

    private func milliseconds(_ duration: Duration) -> String {
        "\((duration.milliseconds * 10).rounded() / 10) ms"
    }
}
