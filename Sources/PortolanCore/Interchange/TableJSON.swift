/// The JSON form of a traffic-table row (`portolan ports --json`).
public struct TrafficRowJSON: Encodable, Sendable {
    var device: String
    var port: Int?
    var alternatives: [Int]
    var process: String?
    var `protocol`: String?
    var link: String
    var tls: TLSExpectation
    var purpose: String
    var schemas: [String]
    var notes: [String]

    public init(_ row: TrafficRow) {
        device = row.device
        port = row.port.map { Int($0.rawValue) }
        alternatives = row.alternatives.map { Int($0.rawValue) }
        process = row.process?.rawValue
        self.protocol = row.transport?.rawValue
        link = row.link.rawValue
        tls = row.tls
        purpose = row.purpose
        schemas = row.schemas.map(\.rawValue)
        notes = row.notes
    }
}

/// The JSON form of a convention (`portolan legend --json`).
public struct ConventionJSON: Encodable, Sendable {
    var meaning: String
    var icon: String
    var depicts: String
    /// For a live state: the mark on its labels, in Unicode and in ASCII.
    var mark: String?
    var ascii: String?

    public init(_ convention: Convention) {
        meaning = convention.meaning
        icon = convention.icon
        depicts = convention.symbol.name
    }

    /// A live state of the dashboard: `depicts` is `live-state WORD`.
    public init(live health: LinkHealth) {
        meaning = health.meaning
        icon = "(the dashboard's colour for it)"
        depicts = "live-state \(health.rawValue)"
        mark = String(health.mark(unicode: true))
        ascii = String(health.mark(unicode: false))
    }
}

extension Convention.Symbol {
    /// The symbol as the conventions file writes it: `role dbms`, `link udp`, `process`...
    public var name: String {
        switch self {
        case let .role(kind): "role \(kind.rawValue)"
        case let .link(kind): "link \(kind.rawValue)"
        case .process: "process"
        case .portLabel: "port-label"
        case .dmzBoundary: "dmz-boundary"
        }
    }
}
