import Foundation
import PortolanApp
import PortolanCore
import PortolanProbe

/// Live probes of a topology's arrows, one round at a time, each from its initiator's vantage point.
public struct TopologySource: LiveSource {
    public let topologyName: String
    public let interval: Duration
    public let round: TopologyRound
    /// The audit run after the first round and on `r` (`tui --audit`, the demo); nil: none.
    public var auditPlan: AuditPlan?
    private let topology: Topology

    public init(path: String, catalog: Catalog, interval: Duration) throws {
        try self.init(topology: TopologyReader(catalog: catalog).read(file: path), catalog: catalog, interval: interval)
    }

    /// Binds an already-read topology (the demo builds one in memory).
    public init(topology: Topology, catalog: Catalog, interval: Duration) throws {
        self.init(plan: try ProbePlan(topology: topology, catalog: catalog), topology: topology, interval: interval)
    }

    /// Probes exactly `plan`, made from `topology` (the demo leaves out ports it could not open).
    public init(plan: ProbePlan, topology: Topology, interval: Duration) {
        round = TopologyRound(plan: plan, settings: topology.probe, topology: topology)
        topologyName = topology.name
        self.topology = topology
        self.interval = interval
    }

    public var audits: Bool { auditPlan != nil }

    /// One sweep of the audit plan from each of its vantage points; their agents end with it.
    public func audit() async -> [ExposureFinding] {
        guard let auditPlan else { return [] }
        let audit = ExposureAudit(plan: auditPlan, settings: round.settings, topology: topology)
        let findings = await audit.run().findings
        await audit.vantages.shutdown()
        return findings
    }

    public func probeRound() async -> [ProbeResult] {
        CertificateWarnings.apply(to: await round.run(), now: Date(), days: round.settings.expiryWarningDays)
    }

    public func vantageStatuses() async -> [VantageStatus] { await round.vantages.statuses() }

    public func shutdown() async { await round.vantages.shutdown() }
}
