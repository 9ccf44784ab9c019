import Foundation
import PortolanCore

/// One round of probes over a topology's plan: each arrow probed from the vantage point bound to its
/// initiator (through that point's agent), or from here where none is bound; every distinct target is
/// probed once per place, and each result tied back to every arrow that shares it. Used by
/// `portolan probe`, the dashboard's live source and the demo.
public struct TopologyRound: Sendable {
    public let plan: ProbePlan
    public let settings: ProbeSettings
    /// The agents of the topology's vantage points, kept across rounds.
    public let vantages: VantagePool

    public init(plan: ProbePlan, settings: ProbeSettings, vantages: VantagePool = VantagePool(points: [])) {
        self.plan = plan
        self.settings = settings
        self.vantages = vantages
    }

    /// A round of `plan` with `settings`, and agents for the topology's vantage points that the plan
    /// uses (a vantage point none of its arrows needs is never started).
    public init(plan: ProbePlan, settings: ProbeSettings, topology: Topology) {
        let used = Set(plan.probes.compactMap(\.vantage))
        self.init(plan: plan, settings: settings, vantages: VantagePool(points: topology.vantages.filter { used.contains($0.name) }))
    }

    /// The prober a topology's probe settings ask for.
    public static func prober(for settings: ProbeSettings) -> Prober {
        Prober(options: ScanOptions(settings), tlsTimeout: .milliseconds(max(2000, settings.timeoutMilliseconds)))
    }

    /// Probes the plan's targets once, from every place at once; one result per planned arrow, in plan order.
    public func run() async -> [ProbeResult] {
        var places: [String?: [ProbeTarget]] = [:]
        var seen = Set<Place>()
        for probe in plan.probes where seen.insert(Place(vantage: probe.vantage, target: probe.target)).inserted {
            places[probe.vantage, default: []].append(probe.target)
        }
        var byPlace: [Place: ProbeOutcome] = [:]
        await withTaskGroup(of: [(Place, ProbeOutcome)].self) { group in
            for (vantage, targets) in places {
                group.addTask { [settings, vantages] in
                    let outcomes: [ProbeOutcome]
                    if let vantage, let agent = vantages.agent(vantage) {
                        outcomes = await agent.probe(targets.map { ($0, nil) }, settings: settings)
                    } else if let vantage {
                        outcomes = targets.map { _ in
                            ProbeOutcome(address: nil, state: .unknown, reason: .vantageDown, message: "no vantage point named '\(vantage)'")
                        }
                    } else {
                        outcomes = await Self.prober(for: settings).probe(targets)
                    }
                    return zip(targets, outcomes).map { (Place(vantage: vantage, target: $0), $1) }
                }
            }
            for await part in group {
                for (place, outcome) in part { byPlace[place] = outcome }
            }
        }
        return plan.probes.compactMap { probe in
            byPlace[Place(vantage: probe.vantage, target: probe.target)].map {
                ProbeResult(arrow: probe.arrow, target: probe.target, outcome: $0, vantage: probe.vantage.map(Vantage.named) ?? .here)
            }
        }
    }

    private struct Place: Hashable {
        var vantage: String?
        var target: ProbeTarget
    }
}

/// The agents of a topology's vantage points, by name; each started on first use and kept until `shutdown`.
public final class VantagePool: Sendable {
    public let agents: [AgentController]

    public init(points: [VantagePoint], backoff: AgentController.Backoff = AgentController.Backoff()) {
        if !points.isEmpty { ChildProcess.ignoreBrokenPipes() }
        agents = points.map { AgentController(point: $0, backoff: backoff) }
    }

    public func agent(_ name: String) -> AgentController? { agents.first { $0.point.name == name } }

    /// Every vantage point's status, in the topology's order.
    public func statuses() async -> [VantageStatus] {
        var statuses: [VantageStatus] = []
        for agent in agents { statuses.append(await agent.currentStatus) }
        return statuses
    }

    /// Ends every agent (closes its input; signals it if it lingers).
    public func shutdown() async {
        await withTaskGroup(of: Void.self) { group in
            for agent in agents { group.addTask { await agent.shutdown() } }
        }
    }
}
