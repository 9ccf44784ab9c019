/// How a documented arrow answers on the real network, worst host first.
public enum LinkHealth: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Not probed yet, no topology, or the arrow's vantage point is down.
    case unknown
    /// The document names no port: nothing to probe.
    case notProbed = "not-probed"
    /// Every host answers as documented.
    case ok
    /// UDP silence: the datagram may have arrived or been dropped.
    case openFiltered = "open-filtered"
    /// Open, but TLS is not as documented (not TLS, handshake failed, unexpected TLS).
    case tlsProblem = "tls-problem"
    /// No answer at all.
    case filtered
    /// Refused: nothing listens.
    case closed
    /// The host did not resolve, or the system reported an error.
    case error

    /// Severity for aggregation: the higher, the worse.
    public var severity: Int {
        switch self {
        case .unknown, .notProbed: 0
        case .ok: 1
        case .openFiltered: 2
        case .tlsProblem: 3
        case .filtered: 4
        case .closed: 5
        case .error: 6
        }
    }

    public static func < (lhs: LinkHealth, rhs: LinkHealth) -> Bool { lhs.severity < rhs.severity }

    /// The health one probe result shows.
    public init(_ result: ProbeResult) {
        switch result.outcome.state {
        case .open:
            if let tls = result.outcome.tls, !tls.verdict.isExpected { self = .tlsProblem } else { self = .ok }
        case .openFiltered: self = .openFiltered
        case .filtered: self = .filtered
        case .closed: self = .closed
        case .unresolved, .error: self = .error
        case .unknown: self = .unknown
        }
    }
}
