/// Where a role sits in the vendor's figure: a hint for the layout, in cells of its zone's grid.
public struct PlacementHint: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A device or service in a schema: the Administration Server, a DBMS, Network Agents on clients...
public struct Role: Hashable, Sendable {
    public var id: RoleID
    public var kind: RoleKind
    /// The name shown in the figure, such as "Secondary Administration Server (DMZ)".
    public var label: String
    public var zone: Zone
    /// The processes that open ports on this device, drawn as rectangles inside its box.
    public var processes: [ProcessName]
    public var placement: PlacementHint?
    public var notes: [String]

    public init(
        id: RoleID, kind: RoleKind, label: String, zone: Zone, processes: [ProcessName] = [],
        placement: PlacementHint? = nil, notes: [String] = []
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.zone = zone
        self.processes = processes
        self.placement = placement
        self.notes = notes
    }
}

/// A directed link: `initiator` opens the connection and `responder` answers it.
public struct Connection: Hashable, Sendable {
    public var label: ArrowLabel
    public var initiator: RoleID
    public var responder: RoleID
    /// The documented port; `nil` where the document names none (push services, HTTPS, COM).
    public var port: PortNumber?
    /// Other ports the document allows in place of `port` (3306 for MySQL beside 1433 for SQL Server).
    public var alternatives: [PortNumber]
    /// Ports the document allows but does not recommend, each with its own TLS value (plaintext 14000).
    public var legacyPorts: [LegacyPort]
    /// The protocol's default port where the document names the protocol (HTTPS) but no port: 443.
    /// Probes and generated rules use it, and say that it is inferred. `nil` where `port` is given.
    public var inferredPort: PortNumber?
    /// `nil` only for COM invoke, which stays inside one device.
    public var transport: Transport?
    public var link: LinkKind
    public var tls: TLSExpectation
    /// The process that opens the port on the responder; `nil` where the document does not name it.
    public var process: ProcessName?
    /// The device column of the document's traffic table, where it differs from the responder's label.
    public var device: String?
    /// The document's words for what the connection is for.
    public var purpose: String
    /// Remarks every output shows: the document's contradictions, where a value came from.
    public var notes: [String]
    /// Roles the traffic passes through on its way, as the document says ("through a TMG").
    public var via: [RoleID]

    public init(
        label: ArrowLabel, initiator: RoleID, responder: RoleID, port: PortNumber?, alternatives: [PortNumber] = [],
        legacyPorts: [LegacyPort] = [], inferredPort: PortNumber? = nil,
        transport: Transport?, link: LinkKind, tls: TLSExpectation, process: ProcessName? = nil, device: String? = nil,
        purpose: String, notes: [String] = [], via: [RoleID] = []
    ) {
        self.label = label
        self.initiator = initiator
        self.responder = responder
        self.port = port
        self.alternatives = alternatives
        self.legacyPorts = legacyPorts
        self.inferredPort = inferredPort
        self.transport = transport
        self.link = link
        self.tls = tls
        self.process = process
        self.device = device
        self.purpose = purpose
        self.notes = notes
        self.via = via
    }

    /// True for a link that stays inside one device (COM invoke between applications).
    public var isLocal: Bool { initiator == responder }

    /// The port to probe and to open: the documented one, else the protocol's default (`inferredPort`).
    public var effectivePort: PortNumber? { port ?? inferredPort }
}

/// One interaction schema: a figure of the documents with its roles and numbered arrows.
public struct Schema: Hashable, Sendable, Identifiable {
    public var id: SchemaID
    /// The figure's title, verbatim from the document.
    public var title: String
    public var pack: PackID
    public var kind: SchemaKind
    /// The document's description of the figure.
    public var summary: String
    /// Where in the document the schema comes from (topic number, section).
    public var source: String
    public var roles: [Role]
    public var connections: [Connection]
    public var notes: [String]

    public init(
        id: SchemaID, title: String, pack: PackID, kind: SchemaKind, summary: String = "", source: String = "",
        roles: [Role], connections: [Connection], notes: [String] = []
    ) {
        self.id = id
        self.title = title
        self.pack = pack
        self.kind = kind
        self.summary = summary
        self.source = source
        self.roles = roles
        self.connections = connections
        self.notes = notes
    }

    /// The role with this id.
    public func role(_ id: RoleID) -> Role? { roles.first { $0.id == id } }

    /// The ports a process of a role opens in this schema, in ascending order.
    public func ports(of process: ProcessName, on role: RoleID) -> [(port: PortNumber, transport: Transport)] {
        var seen = Set<String>()
        return connections
            .filter { $0.responder == role && $0.process == process }
            .compactMap { c in c.port.flatMap { p in c.transport.map { (p, $0) } } }
            .filter { seen.insert("\($0.0)/\($0.1)").inserted }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }
}
