/// An open port that no watched arrow from the probing vantage point needs: what `portolan audit`
/// reports, one value per host, port and vantage point.
///
/// A plain value in Core, so that a report, JSON and (later) the dashboard's arrows table can show the
/// same findings without importing the prober.
public struct ExposureFinding: Sendable, Hashable {
    /// Why an open port is a finding.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Arrows need the port, but from other vantage points' roles, not from this one's.
        case neededElsewhere = "needed-elsewhere"
        /// A port the documents allow but do not recommend (plaintext 14000 beside SSL 13000).
        case legacy
        /// No watched arrow names the port on this host.
        case unknown
    }

    /// An arrow that needs the port, and the vantage point it is probed from (`nil`: from here).
    public struct Need: Sendable, Hashable {
        public var arrow: ArrowRef
        public var vantage: String?

        public init(arrow: ArrowRef, vantage: String?) {
            self.arrow = arrow
            self.vantage = vantage
        }
    }

    public var host: TargetHost
    /// The address probed, where the host was a name.
    public var address: IPAddress?
    public var port: PortNumber
    public var transport: Transport
    public var vantage: Vantage
    public var kind: Kind
    /// A sentence that says why this is a finding.
    public var why: String
    /// The arrows that would need the port from elsewhere (empty for an unknown port).
    public var neededBy: [Need]

    public init(
        host: TargetHost, address: IPAddress? = nil, port: PortNumber, transport: Transport, vantage: Vantage, kind: Kind,
        why: String, neededBy: [Need] = []
    ) {
        self.host = host
        self.address = address
        self.port = port
        self.transport = transport
        self.vantage = vantage
        self.kind = kind
        self.why = why
        self.neededBy = neededBy
    }
}
