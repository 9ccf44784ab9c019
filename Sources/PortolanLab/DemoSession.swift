import Foundation
import PortolanCore
import PortolanProbe

/// A running demo: the simulated deployment's mimics open on loopback, the probe plan limited to what
/// the demo controls, and the flapping port closing and reopening in the background.
///
/// `portolan demo` starts one, probes it (once into a table, or live in the dashboard) and shuts it down.
public struct DemoSession: Sendable {
    public let deployment: DemoDeployment
    public let topology: Topology
    public let claim: DemoClaim
    public let source: TopologySource
    private let mimic: Mimic
    private let flapping: Task<Void, Never>

    /// Opens the deployment's ports and binds the demo topology.
    ///
    /// - Parameters:
    ///   - interval: between the dashboard's probe rounds.
    ///   - flapEvery: seconds between the flapping port's changes; `duration` bounds how many there are.
    ///   - logConnections: write the mimics' log of each connection to standard error.
    /// - Throws: `CommandFailure` for an unusable address or a catalog without the demo's schemas.
    public static func start(
        catalog: Catalog, firstAddress: String, interval: Duration, flapEvery: Double, duration: Double?, logConnections: Bool
    ) async throws -> DemoSession {
        var deployment = try DemoDeployment(catalog: catalog, firstAddress: firstAddress)
        let mimic = Mimic(onEvent: { event in
            // A port that would not open is said once, by the claim, with what it means for the probes.
            if case .failed = event { return }
            if logConnections { MimicLog.write(event) }
        })
        let refused = await DemoClaim.refusals(of: deployment, opening: mimic)
        deployment.leaveOut(refused.keys)
        let topology = try TopologyReader(catalog: catalog).read(deployment.topologyText, file: "demo topology")
        var plan = try ProbePlan(topology: topology, catalog: catalog)
        let claim = DemoClaim(refused: refused, plan: &plan)
        var source = TopologySource(plan: plan, topology: topology, interval: interval)
        source.auditPlan = try deployment.auditPlan(topology: topology, catalog: catalog)
        return DemoSession(
            deployment: deployment, topology: topology, claim: claim, source: source, mimic: mimic,
            flapping: flap(deployment.flapping, in: mimic, every: flapEvery, for: duration))
    }

    /// The table's last line: what was simulated, what flaps, what could not be opened.
    public var note: String {
        var note = "Simulated on loopback: \(deployment.closedNote). Flapping: \(deployment.flapping.map(\.description) ?? "none")."
        if let summary = claim.summary { note += " " + summary }
        return note
    }

    /// Stops probing, flapping and the mimics.
    public func shutdown() async {
        flapping.cancel()
        await source.shutdown()
        await mimic.shutdown()
    }

    /// Closes and reopens `endpoint` every `seconds`, a bounded number of times.
    private static func flap(_ endpoint: MimicEndpoint?, in mimic: Mimic, every seconds: Double, for duration: Double?) -> Task<Void, Never> {
        Task.detached {
            guard let endpoint else { return }
            let limit = Int(min(duration ?? 86_400, 86_400) / seconds) + 1
            for change in 0..<limit {
                do {
                    try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                } catch {
                    return
                }
                if change % 2 == 0 {
                    await mimic.close(endpoint)
                } else {
                    try? await mimic.open(endpoint)
                }
            }
        }
    }
}
