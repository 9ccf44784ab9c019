import Foundation
import PortolanCore

/// One round of probes over a topology's plan: every distinct target probed once, each result tied
/// back to every arrow that shares it. Used by `portolan probe` and by the dashboard's live source.
public struct TopologyRound: Sendable {
    public let plan: ProbePlan
    public let settings: ProbeSettings

    public init(plan: ProbePlan, settings: ProbeSettings) {
        self.plan = plan
        self.settings = settings
    }

    /// The prober a topology's probe settings ask for.
    public static func prober(for settings: ProbeSettings) -> Prober {
        Prober(options: ScanOptions(settings), tlsTimeout: .milliseconds(max(2000, settings.timeoutMilliseconds)))
    }

    /// Probes the plan's targets once; one result per planned arrow, in plan order.
    public func run() async -> [ProbeResult] {
        let targets = plan.targets
        let outcomes = await Self.prober(for: settings).probe(targets)
        var byTarget: [ProbeTarget: ProbeOutcome] = [:]
        for (target, outcome) in zip(targets, outcomes) { byTarget[target] = outcome }
        return plan.probes.compactMap { probe in
            byTarget[probe.target].map { ProbeResult(arrow: probe.arrow, target: probe.target, outcome: $0) }
        }
    }
}
