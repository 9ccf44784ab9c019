import PortolanCore

/// Sends an audit's sweeps, each from its vantage point (through that point's agent) or from here,
/// all at once, and judges the outcomes with the plan.
public struct ExposureAudit: Sendable {
    public let plan: AuditPlan
    public let settings: ProbeSettings
    public let vantages: VantagePool

    /// An audit of `plan` with agents for the topology's vantage points that have a sweep.
    public init(plan: AuditPlan, settings: ProbeSettings, topology: Topology) {
        self.plan = plan
        self.settings = settings
        let used = Set(plan.sweeps.compactMap(\.vantage))
        vantages = VantagePool(points: topology.vantages.filter { used.contains($0.name) })
    }

    /// The findings of every sweep, in the plan's order, and how many probes were sent. A sweep whose
    /// vantage point is down finds nothing (its outcomes are `unknown`); the statuses say so.
    public func run() async -> (findings: [ExposureFinding], swept: Int) {
        let sweeps = plan.sweeps
        var outcomes = [[ProbeOutcome]](repeating: [], count: sweeps.count)
        await withTaskGroup(of: (Int, [ProbeOutcome]).self) { group in
            for (index, sweep) in sweeps.enumerated() {
                group.addTask { [settings, vantages] in
                    if let name = sweep.vantage {
                        guard let agent = vantages.agent(name) else { return (index, []) }
                        return (index, await agent.probe(sweep.targets.map { ($0, nil) }, settings: settings))
                    }
                    return (index, await TopologyRound.prober(for: settings).probe(sweep.targets))
                }
            }
            for await (index, result) in group { outcomes[index] = result }
        }
        let findings = zip(sweeps, outcomes).flatMap { plan.findings($0, outcomes: $1) }
        return (findings, sweeps.reduce(0) { $0 + $1.targets.count })
    }
}
