import PortolanCore

/// One probe round as the source returned it: the results and the vantage points' states after it.
public struct ProbeRoundReport: Sendable {
    public var results: [ProbeResult]
    public var vantages: [VantageStatus]
}
