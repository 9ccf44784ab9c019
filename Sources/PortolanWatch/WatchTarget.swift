import PortolanCore
import PortolanProbe

/// A topology file bound to the catalog: what the watcher probes. Read at start and again on SIGHUP.
public struct WatchTarget: Sendable {
    public var topology: Topology
    public var plan: ProbePlan

    public init(topology: Topology, plan: ProbePlan) {
        self.topology = topology
        self.plan = plan
    }

    /// Reads and binds the topology file at `path`.
    ///
    /// - Parameters:
    ///   - only: the schemas to watch; empty for the topology's own choice.
    ///   - maximumTargets: the cap on the targets the topology may bind (`--max-targets`).
    /// - Throws: `LocatedError` or `LoadErrors` naming `file:line:col` and what to do.
    public static func read(
        path: String, catalog: Catalog, only: [SchemaID], maximumTargets: Int = TopologyReader.defaultMaximumTargets
    ) throws -> WatchTarget {
        let topology = try TopologyReader(catalog: catalog, maximumTargets: maximumTargets).read(file: path)
        return WatchTarget(topology: topology, plan: try ProbePlan(topology: topology, catalog: catalog, only: only))
    }

    /// A round runner for this target, with agents for the vantage points its plan uses.
    func round() -> TopologyRound {
        TopologyRound(plan: plan, settings: topology.probe, topology: topology)
    }
}
