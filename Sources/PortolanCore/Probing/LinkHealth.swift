/// The live state of a documented arrow: how the network answers compared with what the documents say,
/// worst host first.
///
/// One vocabulary everywhere: the event log, the status bar, the details, the help, `portolan legend`,
/// the themes' `health.WORD` keys and JSON all use `rawValue`.
public enum LinkHealth: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Nothing known: the arrow's roles are not bound, it was not probed yet, or its vantage point is down.
    case unknown
    /// Every host answers as the documents say (open, with the documented TLS).
    case asDocumented = "as-documented"
    /// UDP silence: the datagram may have arrived or been dropped.
    case openFiltered = "open|filtered"
    /// Open, but TLS is not as documented (not TLS, handshake failed, unexpected TLS).
    case tlsProblem = "tls-problem"
    /// No answer at all.
    case filtered
    /// Refused: nothing listens.
    case closed
    /// The host did not resolve, or the system reported an error.
    case error

    /// True for a state that needs a look: anything but as documented and UDP silence (which cannot be told
    /// from open); `unknown` (a vantage point down, no answer yet) is one.
    public var isProblem: Bool { self != .asDocumented && self != .openFiltered }

    /// Severity for aggregation: the higher, the worse.
    public var severity: Int {
        switch self {
        case .unknown: 0
        case .asDocumented: 1
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
            if let tls = result.outcome.tls, !tls.verdict.isExpected { self = .tlsProblem } else { self = .asDocumented }
        case .openFiltered: self = .openFiltered
        case .filtered: self = .filtered
        case .closed: self = .closed
        case .unresolved, .error: self = .error
        case .unknown: self = .unknown
        }
    }

    /// The worst health of several results (`unknown` for none).
    public init(worstOf results: [ProbeResult]) {
        self = results.map(LinkHealth.init).max() ?? .unknown
    }

    /// What the state means, for legends and help.
    public var meaning: String {
        switch self {
        case .unknown: "not bound, not probed yet, or its vantage point is down"
        case .asDocumented: "answers as the documents say"
        case .openFiltered: "UDP silence: may be open, may be dropped"
        case .tlsProblem: "open, but TLS is not as documented"
        case .filtered: "no answer (a firewall drops it?)"
        case .closed: "refused: nothing listens"
        case .error: "did not resolve, or the system refused to probe"
        }
    }

    /// The mark drawn beside an arrow's label, so that the state reads without colour (mono, NO_COLOR,
    /// colour-blind users).
    ///
    /// - Parameter unicode: false for the 7-bit marks of ASCII terminals and exports.
    public func mark(unicode: Bool) -> Character {
        switch self {
        case .unknown: "?"
        case .asDocumented: unicode ? "✓" : "+"
        case .openFiltered: "~"
        case .tlsProblem: "!"
        case .filtered: "#"
        case .closed: unicode ? "✗" : "x"
        case .error: "E"
        }
    }
}
