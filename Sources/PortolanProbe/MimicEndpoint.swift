import PortolanCore

/// One port a mimic answers on: an address, a port, a transport and, for TCP, whether it speaks TLS.
public struct MimicEndpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var address: IPAddress
    public var port: PortNumber
    public var transport: Transport
    /// TCP only: the listener completes TLS handshakes with a self-signed certificate.
    public var tls: Bool

    public init(address: IPAddress, port: PortNumber, transport: Transport, tls: Bool = false) {
        self.address = address
        self.port = port
        self.transport = transport
        self.tls = transport == .tcp && tls
    }

    /// `127.0.0.21:13000/tcp tls`, `[::1]:15000/udp`.
    public var description: String {
        let host = if case .v6 = address { "[\(address)]" } else { address.description }
        return "\(host):\(port)/\(transport)" + (tls ? " tls" : "")
    }

    public static func < (lhs: MimicEndpoint, rhs: MimicEndpoint) -> Bool {
        (lhs.address, lhs.port, lhs.transport.rawValue) < (rhs.address, rhs.port, rhs.transport.rawValue)
    }
}

/// What a mimic did: an endpoint opened, failed to open, closed, or answered a peer.
public enum MimicEvent: Sendable, Hashable, CustomStringConvertible {
    case opened(MimicEndpoint)
    /// The endpoint could not be opened; `reason` says why ("port in use").
    case failed(MimicEndpoint, reason: String)
    case closed(MimicEndpoint)
    /// A TCP connection was accepted, or a UDP datagram answered; `peer` is `address:port`.
    case connection(MimicEndpoint, peer: String)

    /// One log line.
    public var description: String {
        switch self {
        case let .opened(endpoint): "listening on \(endpoint)"
        case let .failed(endpoint, reason): "cannot open \(endpoint): \(reason)"
        case let .closed(endpoint): "closed \(endpoint)"
        case let .connection(endpoint, peer): "\(peer) → \(endpoint)"
        }
    }
}

/// What a call to `Mimic.open` achieved.
public struct MimicReport: Sendable, Hashable {
    public var opened: [MimicEndpoint]
    /// Endpoints that could not be opened, with the reason.
    public var failed: [MimicEndpoint: String]

    public init(opened: [MimicEndpoint] = [], failed: [MimicEndpoint: String] = [:]) {
        self.opened = opened
        self.failed = failed
    }
}

/// The ports a role kind answers on, according to the catalog.
public enum MimicPlan {
    /// Every (port, transport, TLS) of the arrows whose responder has `kind`, in `schemas`, sorted.
    ///
    /// Arrows without a port or transport (COM, push) and arrows inside one device are left out. Where
    /// one port is documented both with and without TLS, the listener speaks TLS.
    /// - Parameter addresses: one endpoint per address and port.
    public static func endpoints(for kind: RoleKind, in schemas: [Schema], addresses: [IPAddress]) -> [MimicEndpoint] {
        var tlsByPort: [PortOverrides.Key: Bool] = [:]
        for schema in schemas {
            for connection in schema.connections where !connection.isLocal {
                guard let port = connection.port, let transport = connection.transport,
                    schema.role(connection.responder)?.kind == kind
                else { continue }
                let key = PortOverrides.Key(port: port, transport: transport)
                tlsByPort[key] = (tlsByPort[key] ?? false) || connection.tls == .yes
            }
        }
        var endpoints: [MimicEndpoint] = []
        for address in addresses {
            for (key, tls) in tlsByPort {
                guard let transport = key.transport else { continue }
                endpoints.append(MimicEndpoint(address: address, port: key.port, transport: transport, tls: tls))
            }
        }
        return endpoints.sorted()
    }
}
