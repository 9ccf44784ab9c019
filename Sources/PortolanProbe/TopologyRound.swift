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
        // One list of distinct targets per place (a vantage point, or here); each probe remembers which
        // list and position its answer comes back at, so no table of answers is built.
        var groups: [String?: Int] = [:]
        var places: [(vantage: String?, targets: [ProbeTarget])] = []
        var spots: [(group: Int, index: Int)] = []
        spots.reserveCapacity(plan.probes.count)
        do {
            var seen: [[ProbeTarget: Int]] = []
            for probe in plan.probes {
                let group = groups[probe.vantage] ?? places.count
                if group == places.count {
                    groups[probe.vantage] = group
                    places.append((probe.vantage, []))
                    seen.append([:])
                }
                if let index = seen[group][probe.target] {
                    spots.append((group, index))
                } else {
                    let index = places[group].targets.count
                    seen[group][probe.target] = index
                    places[group].targets.append(probe.target)
                    spots.append((group, index))
                }
            }
        }
        var answers = [[ProbeOutcome]](repeating: [], count: places.count)
        await withTaskGroup(of: (Int, [ProbeOutcome]).self) { group in
            for (number, place) in places.enumerated() {
                group.addTask { [settings, vantages] in
                    let targets = place.targets
                    if let vantage = place.vantage, let agent = vantages.agent(vantage) {
                        return (number, await agent.probe(targets.map { ($0, nil) }, settings: settings))
                    } else if let vantage = place.vantage {
                        return (number, targets.map { _ in
                            ProbeOutcome(address: nil, state: .unknown, reason: .vantageDown, message: "no vantage point named '\(vantage)'")
                        })
                    } else {
                        return (number, await Self.prober(for: settings).probe(targets))
                    }
                }
            }
            for await (number, outcomes) in group { answers[number] = outcomes }
        }
        places = []
        var results: [ProbeResult] = []
        results.reserveCapacity(plan.probes.count)
        // A result keeps its arrow behind a reference: results of one arrow (a role bound to a
        // 65,536-address block) share the previous result's instead of each allocating one.
        var last: ProbeResult?
        for (probe, spot) in zip(plan.probes, spots) where spot.index < answers[spot.group].count {
            let outcome = answers[spot.group][spot.index]
            let vantage = probe.vantage.map(Vantage.named) ?? .here
            let result: ProbeResult
            if var shared = last, shared.arrow == probe.arrow {
                shared.target = probe.target
                shared.outcome = outcome
                shared.vantage = vantage
                shared.warnings = []
                result = shared
            } else {
                result = ProbeResult(arrow: probe.arrow, target: probe.target, outcome: outcome, vantage: vantage)
            }
            results.append(result)
            last = result
        }
        return results
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
