import ArgumentParser
import Foundation
import PortolanCore
import PortolanLab
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
            and whether each goal is met. The largest schema's export is timed as a user runs it (its figure laid \
            out at build time) and laid out at run time; every other layout time is of layouts done at run time. dot and graph-easy come from the Debian packages graphviz and \
            libgraph-easy-perl; without them their rows say so.
            """,
        shouldDisplay: false)

    @Option(help: "Roles of the synthetic topology.") var roles = 200
    @Option(help: "Connections of the synthetic topology.") var connections = 600
    @Option(name: .customLong("repeat"), help: "Runs per measurement; the best run is reported.") var runs = 5
    @Option(help: "Seconds a peer may run on the synthetic topology before it is killed.") var peerCap = 60
    @Flag(help: "Leave out the comparison with dot and graph-easy.") var noPeers = false

    func run() throws {
        let schemas = Catalog.builtin().schemas
        let bench = LayoutBench(runs: runs)
        emit(try bench.figures(schemas).render())
        emit("\n" + (try bench.formats(schemas)).render())
        let synthetic = SyntheticSchema.make(roles: roles, connections: connections)
        let (syntheticTime, syntheticRow) = bench.synthetic(synthetic)
        emit("\n" + syntheticRow.render())
        if !noPeers {
            let portolan = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let peers = PeerBench(runs: runs, cap: .seconds(max(1, peerCap)), portolan: portolan)
            emit("\n" + (try peers.table(schemas: schemas, synthetic: synthetic, syntheticLayout: syntheticTime)).render())
        }
    }
}
