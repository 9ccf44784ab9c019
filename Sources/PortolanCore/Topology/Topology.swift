/// A real network bound to the schemas: which hosts play which roles, and how to probe them.
///
/// Read from a YAML file by `TopologyReader`; turned into probes by `ProbePlan`.
public struct Topology: Sendable, Hashable {
    /// The topology's name (the file's `name:`, or its file name).
    public var name: String
    /// The file it was read from, for messages.
    public var file: String
    /// The schemas to watch; empty means every schema with a bound responder.
    public var schemas: [SchemaID]
    public var bindings: [RoleBinding]
    /// Site-wide port moves, applied to every arrow after the DBMS port is chosen.
    public var ports: PortOverrides
    /// The DBMS product, which picks the DBMS arrow's port among the documented ones.
    public var dbms: DBMSKind?
    public var probe: ProbeSettings
    public var vantages: [VantagePoint]
    /// The network's zones and their address blocks (`zones:`), in the order written; empty when the
    /// file has none, and then generated rules are host rules only.
    public var zones: [ZoneBlocks]

    public init(
        name: String, file: String, schemas: [SchemaID] = [], bindings: [RoleBinding] = [],
        ports: PortOverrides = PortOverrides(), dbms: DBMSKind? = nil, probe: ProbeSettings = ProbeSettings(),
        vantages: [VantagePoint] = [], zones: [ZoneBlocks] = []
    ) {
        self.name = name
        self.file = file
        self.schemas = schemas
        self.bindings = bindings
        self.ports = ports
        self.dbms = dbms
        self.probe = probe
        self.vantages = vantages
        self.zones = zones
    }

    /// The zone whose blocks hold `address`, the longest matching prefix winning; `nil` outside every block.
    public func zone(of address: IPAddress) -> Zone? {
        var best: (zone: Zone, prefix: Int)?
        for entry in zones {
            for block in entry.blocks where block.contains(address) && block.prefix > (best?.prefix ?? -1) {
                best = (entry.zone, block.prefix)
            }
        }
        return best?.zone
    }

    /// The blocks of `zone`; empty when the topology does not name it.
    public func blocks(of zone: Zone) -> [CIDRBlock] { zones.first { $0.zone == zone }?.blocks ?? [] }
}

/// One zone of the network and the address blocks that make it up (`lan: [10.0.0.0/16]`).
public struct ZoneBlocks: Hashable, Sendable {
    public var zone: Zone
    public var blocks: [CIDRBlock]

    public init(zone: Zone, blocks: [CIDRBlock]) {
        self.zone = zone
        self.blocks = blocks
    }
}

/// Which roles a binding applies to.
public enum RoleSelector: Hashable, Sendable, CustomStringConvertible {
    /// Every role of this kind, in every schema.
    case kind(RoleKind)
    /// The role with this id; in one schema, or in every schema that has it when `schema` is `nil`.
    case role(schema: SchemaID?, id: RoleID)

    /// True if the selector picks `role` of `schema`.
    public func matches(_ role: Role, in schema: SchemaID) -> Bool {
        switch self {
        case let .kind(kind): role.kind == kind
        case let .role(only, id): role.id == id && (only == nil || only == schema)
        }
    }

    /// Role-id selectors beat kind selectors: `ksc13-lan/client-direct` wins over `client-device`.
    public var specificity: Int {
        switch self {
        case .kind: 0
        case .role(nil, _): 1
        case .role(.some, _): 2
        }
    }

    public var description: String {
        switch self {
        case let .kind(kind): kind.rawValue
        case let .role(schema?, id): "\(schema)/\(id)"
        case let .role(nil, id): id.rawValue
        }
    }
}

/// One host a role is bound to: an address, or a name resolved when probing.
public enum TargetHost: Hashable, Sendable, CustomStringConvertible {
    case address(IPAddress)
    case name(String)

    public var description: String {
        switch self {
        case let .address(address): address.description
        case let .name(name): name
        }
    }
}

/// The hosts that play a set of roles, with port moves of their own.
public struct RoleBinding: Hashable, Sendable {
    public var selector: RoleSelector
    /// Expanded: CIDR blocks and host files become their hosts, in the order written, without duplicates.
    public var hosts: [TargetHost]
    /// The CIDR blocks written in the binding's `hosts` (their addresses are in `hosts` too): firewall
    /// rules name a block rather than its every address.
    public var blocks: [CIDRBlock]
    /// Port moves on these hosts only; they win over the topology's.
    public var ports: PortOverrides
    public var location: SourceLocation

    public init(
        selector: RoleSelector, hosts: [TargetHost], blocks: [CIDRBlock] = [], ports: PortOverrides = PortOverrides(),
        location: SourceLocation
    ) {
        self.selector = selector
        self.hosts = hosts
        self.blocks = blocks
        self.ports = ports
        self.location = location
    }
}

/// Documented port → the port a site really uses (agents moved off 13000, say).
public struct PortOverrides: Hashable, Sendable {
    /// A move that applies to one transport, or to both when `transport` is `nil`.
    public struct Key: Hashable, Sendable {
        public var port: PortNumber
        public var transport: Transport?

        public init(port: PortNumber, transport: Transport?) {
            self.port = port
            self.transport = transport
        }
    }

    public var moves: [Key: PortNumber]

    public init(_ moves: [Key: PortNumber] = [:]) { self.moves = moves }

    /// The port to probe in place of `port` over `transport`; a transport-specific move wins.
    public func apply(_ port: PortNumber, _ transport: Transport) -> PortNumber? {
        moves[Key(port: port, transport: transport)] ?? moves[Key(port: port, transport: nil)]
    }
}

/// The DBMS products the documents name, with the port each listens on by default.
public enum DBMSKind: String, Sendable, Hashable, CaseIterable {
    case mssql, mysql, mariadb, postgres

    public var defaultPort: PortNumber {
        switch self {
        case .mssql: PortNumber(known: 1433)
        case .mysql, .mariadb: PortNumber(known: 3306)
        case .postgres: PortNumber(known: 5432)
        }
    }
}

/// How to probe: timeouts, parallelism, retries, warnings.
public struct ProbeSettings: Hashable, Sendable {
    /// The longest a single attempt waits (and the first attempt's wait, before round trips are measured).
    public var timeoutMilliseconds: Int
    /// The shortest a single attempt waits, however fast the measured round trips.
    public var minimumTimeoutMilliseconds: Int
    /// The most probes in flight; clamped to the file-descriptor limit when probing.
    public var concurrency: Int
    /// Extra attempts after a silent one.
    public var retries: Int
    /// Warn when a certificate expires within this many days.
    public var expiryWarningDays: Int
    /// Spacing between UDP probes to one host (ICMP replies are rate-limited per host outside loopback).
    public var udpHostIntervalMilliseconds: Int

    public init(
        timeoutMilliseconds: Int = 1000, minimumTimeoutMilliseconds: Int = 100, concurrency: Int = 4096,
        retries: Int = 1, expiryWarningDays: Int = 30, udpHostIntervalMilliseconds: Int = 20
    ) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.minimumTimeoutMilliseconds = minimumTimeoutMilliseconds
        self.concurrency = concurrency
        self.retries = retries
        self.expiryWarningDays = expiryWarningDays
        self.udpHostIntervalMilliseconds = udpHostIntervalMilliseconds
    }
}

/// A place to probe from: a command that starts `portolan agent` there, run without a shell.
///
/// `PortolanProbe.AgentController` runs it and sends it the probes of the arrows its roles initiate.
public struct VantagePoint: Hashable, Sendable {
    public var name: String
    /// The argument vector, such as `[ssh, ops@dmz-gw, portolan, agent]`.
    public var command: [String]
    /// The initiating roles whose arrows are probed from this vantage point.
    public var roles: [RoleSelector]
    /// The zone the point probes from (`zone:`); the audit reads it to tell crossing traffic from local.
    public var zone: Zone?
    public var location: SourceLocation

    public init(name: String, command: [String], roles: [RoleSelector], zone: Zone? = nil, location: SourceLocation) {
        self.name = name
        self.command = command
        self.roles = roles
        self.zone = zone
        self.location = location
    }
}
