import PortolanCore

/// Where live probe results come from: the CLI binds a topology and a prober; tests bind a script.
/// The dashboard never imports the prober itself.
public protocol LiveSource: Sendable {
    /// The topology's name for the status bar.
    var topologyName: String { get }
    /// The time between two rounds.
    var interval: Duration { get }
    /// Probes every arrow of the watched schemas once.
    func probeRound() async -> [ProbeResult]
    /// How the topology's vantage points are doing (after a round); empty when it names none.
    func vantageStatuses() async -> [VantageStatus]
    /// Ends what the source started (vantage points' agents).
    func shutdown() async
    /// True when the source can audit (`audit()`): the dashboard then asks for one after the first round
    /// and after every `r`.
    var audits: Bool { get }
    /// One bounded exposure audit: the open ports no arrow from their vantage point needs.
    func audit() async -> [ExposureFinding]
}

extension LiveSource {
    public var audits: Bool { false }
    public func audit() async -> [ExposureFinding] { [] }
    public func vantageStatuses() async -> [VantageStatus] { [] }
    public func shutdown() async {}
}
