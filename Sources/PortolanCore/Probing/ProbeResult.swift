import Foundation

/// What a probe found a port to be, in nmap's vocabulary plus `unresolved` (DNS) and `error`.
public enum PortState: String, Sendable, Hashable, CaseIterable, Codable {
    /// TCP: the handshake completed. UDP: the port sent a datagram back.
    case open
    /// TCP: reset. UDP: ICMP port unreachable.
    case closed
    /// No answer (TCP), or an ICMP error that a firewall sends.
    case filtered
    /// UDP silence: the port may be open or a firewall may drop the datagrams; never reported as `open`.
    case openFiltered = "open|filtered"
    /// The host name did not resolve.
    case unresolved
    /// The system refused to probe; the result's message says why.
    case error
    /// Not probed: the vantage point bound to the arrow's initiator is down (never probed from here instead).
    case unknown
}

/// Why a probe reached its state, in nmap's words where nmap has one.
public enum ProbeReason: String, Sendable, Hashable, CaseIterable, Codable {
    case synAck = "syn-ack"
    case connRefused = "conn-refused"
    /// No answer within the timeout, after every retry.
    case timeout
    case udpResponse = "udp-response"
    case portUnreach = "port-unreach"
    case hostUnreach = "host-unreach"
    case netUnreach = "net-unreach"
    /// A local or remote firewall rejected the packet (EACCES / EPERM).
    case adminProhibited = "admin-prohibited"
    /// UDP silence.
    case noResponse = "no-response"
    /// The connection reached itself (same address and port on both ends): a loopback artefact, not a listener.
    case selfConnect = "self-connect"
    case dnsFailure = "dns-failure"
    case systemError = "error"
    /// The vantage point that should have sent the probe was down or did not answer in time.
    case vantageDown = "vantage-down"
}

/// What a TLS check concluded.
public enum TLSVerdict: String, Sendable, Hashable, CaseIterable, Codable {
    /// A TLS arrow completed a handshake.
    case tlsOK = "tls-ok"
    /// A TLS arrow answered with something that is not TLS, or closed at once.
    case notTLS = "not-tls"
    /// The peer spoke TLS but the handshake did not complete.
    case handshakeFailed = "handshake-failed"
    /// A plain arrow did not answer TLS, as documented.
    case plainOK = "plain-ok"
    /// A plain arrow answered a TLS handshake.
    case unexpectedTLS = "unexpected-tls"

    /// True for the two verdicts that match the documents.
    public var isExpected: Bool { self == .tlsOK || self == .plainOK }
}

/// The certificate a TLS port presented.
public struct CertificateInfo: Sendable, Hashable, Codable {
    public var subject: String
    public var issuer: String
    /// Subject alternative names: DNS names and IP addresses.
    public var alternativeNames: [String]
    public var notAfter: Date
    /// SHA-256 of the DER encoding, lower-case hex.
    public var sha256: String

    public init(subject: String, issuer: String, alternativeNames: [String], notAfter: Date, sha256: String) {
        self.subject = subject
        self.issuer = issuer
        self.alternativeNames = alternativeNames
        self.notAfter = notAfter
        self.sha256 = sha256
    }
}

/// The outcome of a TLS check on an open TCP port.
public struct TLSReport: Sendable, Hashable {
    /// What the documents say about the arrow.
    public var expected: TLSExpectation
    public var verdict: TLSVerdict
    /// The negotiated version, such as `TLSv1.3`.
    public var version: String?
    /// The negotiated cipher suite, such as `TLS_AES_128_GCM_SHA256`.
    public var cipher: String?
    public var certificate: CertificateInfo?
    /// The handshake error, where there was one.
    public var message: String?

    public init(
        expected: TLSExpectation, verdict: TLSVerdict, version: String? = nil, cipher: String? = nil,
        certificate: CertificateInfo? = nil, message: String? = nil
    ) {
        self.expected = expected
        self.verdict = verdict
        self.version = version
        self.cipher = cipher
        self.certificate = certificate
        self.message = message
    }
}

/// Where a probe was sent from.
public enum Vantage: Sendable, Hashable, CustomStringConvertible {
    /// From the machine running portolan, not from the arrow's initiator.
    case here
    /// From a named vantage point of the topology.
    case named(String)

    /// `here` or the vantage point's name, as outputs print it.
    public var description: String {
        switch self {
        case .here: "here"
        case let .named(name): name
        }
    }
}

/// One thing to probe: a host, a port and a transport, plus the TLS check the documents ask for.
public struct ProbeTarget: Sendable, Hashable {
    public var host: TargetHost
    public var port: PortNumber
    public var transport: Transport
    /// `.yes` asks for a TLS handshake, `.no` for a check that the port does not answer TLS.
    public var tls: TLSExpectation

    public init(host: TargetHost, port: PortNumber, transport: Transport, tls: TLSExpectation = .notApplicable) {
        self.host = host
        self.port = port
        self.transport = transport
        self.tls = tls
    }
}

/// What the prober found about one target: a plain value, so that the UI, reports and a remote agent can carry it.
public struct ProbeOutcome: Sendable, Hashable {
    /// The address probed (a host name's first resolved address), if there was one.
    public var address: IPAddress?
    public var state: PortState
    public var reason: ProbeReason
    /// From the last attempt's start to its answer; `nil` when nothing answered.
    public var latency: Duration? {
        get { latencyNanoseconds < 0 ? nil : .nanoseconds(latencyNanoseconds) }
        set {
            guard let newValue else { return latencyNanoseconds = -1 }
            let (seconds, attoseconds) = newValue.components
            latencyNanoseconds = max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
    }

    /// -1 for none: a round keeps tens of thousands of outcomes, and `Duration?` takes 32 bytes.
    private var latencyNanoseconds: Int64 = -1
    /// The system's message for `error` and `unresolved`.
    public var message: String?
    /// Set only for open TCP ports of arrows that the documents mark TLS yes or no.
    public var tls: TLSReport? {
        get { tlsStorage?.report }
        set { tlsStorage = newValue.map(TLSStorage.init) }
    }

    /// Held by reference: most outcomes have no TLS report, and a round keeps tens of thousands of outcomes.
    private var tlsStorage: TLSStorage?

    public init(
        address: IPAddress?, state: PortState, reason: ProbeReason, latency: Duration? = nil, message: String? = nil,
        tls: TLSReport? = nil
    ) {
        self.address = address
        self.state = state
        self.reason = reason
        self.latency = latency
        self.message = message
        self.tlsStorage = tls.map(TLSStorage.init)
    }
}

/// A TLS report behind a reference, compared and hashed by value.
final class TLSStorage: Sendable, Hashable {
    let report: TLSReport

    init(_ report: TLSReport) { self.report = report }

    static func == (lhs: TLSStorage, rhs: TLSStorage) -> Bool { lhs.report == rhs.report }
    func hash(into hasher: inout Hasher) { hasher.combine(report) }
}

/// A probed arrow: the arrow, where it was probed to and from, and what was found.
public struct ProbeResult: Sendable, Hashable {
    /// The arrow the target stands for; `nil` for raw targets (`probe --targets`).
    public var arrow: ArrowRef? {
        get { arrowStorage?.arrow }
        set { arrowStorage = newValue.map(ArrowStorage.init) }
    }

    /// Held by reference: many results share one arrow, and raw targets have none.
    private var arrowStorage: ArrowStorage?
    public var target: ProbeTarget
    public var outcome: ProbeOutcome
    public var vantage: Vantage
    /// Warnings about this result: a certificate about to expire, two ports of one server with different certificates.
    public var warnings: [String]

    public init(arrow: ArrowRef?, target: ProbeTarget, outcome: ProbeOutcome, vantage: Vantage = .here, warnings: [String] = []) {
        self.arrowStorage = arrow.map(ArrowStorage.init)
        self.target = target
        self.outcome = outcome
        self.vantage = vantage
        self.warnings = warnings
    }

    /// True when the port is in the state the documents imply: a TCP arrow open (and its TLS verdict
    /// as documented, where checked); a UDP arrow open or `open|filtered` (silence cannot be told from open).
    public var isExpected: Bool {
        switch target.transport {
        case .tcp: outcome.state == .open && (outcome.tls?.verdict.isExpected ?? true)
        case .udp: outcome.state == .open || outcome.state == .openFiltered
        }
    }
}

/// An arrow reference behind a reference, compared and hashed by value.
final class ArrowStorage: Sendable, Hashable {
    let arrow: ArrowRef

    init(_ arrow: ArrowRef) { self.arrow = arrow }

    static func == (lhs: ArrowStorage, rhs: ArrowStorage) -> Bool { lhs.arrow == rhs.arrow }
    func hash(into hasher: inout Hasher) { hasher.combine(arrow) }
}
