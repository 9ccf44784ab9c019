import PortolanCore

/// What `portolan rules` asks for beyond the topology.
public struct RuleOptions: Sendable, Hashable {
    /// Also open the ports the documents allow but do not recommend (plaintext 14000).
    public var legacy: Bool
    /// Only the host rules of this responder host.
    public var host: TargetHost?
    /// Only rules towards this zone (host rules of its hosts, forward rules into it).
    public var zone: Zone?
    /// Only these schemas (else the topology's, as `ProbePlan` picks them).
    public var schemas: [SchemaID]

    public init(legacy: Bool = false, host: TargetHost? = nil, zone: Zone? = nil, schemas: [SchemaID] = []) {
        self.legacy = legacy
        self.host = host
        self.zone = zone
        self.schemas = schemas
    }
}

extension RuleSet {
    /// The allow rules that the bound schemas imply, arrow by arrow, in the direction of each arrow.
    ///
    /// Each responder host gets inbound rules (protocol, port as moved by the topology and picked by its
    /// DBMS kind, the initiators' addresses or blocks as sources). With `zones:`, traffic that crosses
    /// zones also gets forward rules for the perimeter. An initiator without hosts takes its schema
    /// zone's blocks as the source, or `any` with a warning when the topology does not name that zone.
    ///
    /// - Throws: `LocatedError` for an unknown schema in `options.schemas`.
    public init(topology: Topology, catalog: Catalog, options: RuleOptions = RuleOptions()) throws {
        let schemas = try ProbePlan.schemas(topology: topology, catalog: catalog, only: options.schemas)
        var builder = Builder(topology: topology, options: options)
        for schema in schemas {
            for connection in schema.connections.sorted(by: { $0.label < $1.label }) {
                builder.add(connection, of: schema)
            }
        }
        self.init(
            topology: topology.name, schemas: schemas.map(\.id), rules: builder.merged(), warnings: builder.warnings,
            hasZones: !topology.zones.isEmpty)
    }
}

/// Collects rules arrow by arrow; identical rules of several arrows become one that names them all.
private struct Builder {
    let topology: Topology
    let options: RuleOptions
    var rules: [FirewallRule] = []
    var warnings: [String] = []

    init(topology: Topology, options: RuleOptions) {
        self.topology = topology
        self.options = options
    }

    mutating func warn(_ text: String) {
        if !warnings.contains(text) { warnings.append(text) }
    }

    mutating func add(_ connection: Connection, of schema: Schema) {
        guard !connection.isLocal, let transport = connection.transport,
            let initiator = schema.role(connection.initiator), let responder = schema.role(connection.responder)
        else { return }
        let arrow = ArrowRef(connection, in: schema.id)
        let name = "\(schema.id) \(connection.label) \(connection.initiator) → \(connection.responder)"
        guard let documented = connection.effectivePort else {
            warn("\(name): the document names no port; no rule")
            return
        }
        var ports: [(PortNumber, PortOrigin)] = [(documented, connection.port == nil ? .inferred : .documented)]
        if connection.port == nil {
            warn("\(name): port \(documented) is inferred (the protocol's default; the document names no port)")
        }
        if options.legacy { ports += connection.legacyPorts.map { ($0.port, .legacy(note: $0.note)) } }
        let binding = ProbePlan.binding(for: responder, in: schema.id, topology)
        let sources = source(of: initiator, in: schema, arrow: name)
        for (port, origin) in ports {
            let resolved = ProbePlan.port(port, transport, of: connection, responder: responder, binding: binding, topology: topology)
            let finalOrigin: PortOrigin = resolved != port && origin == .documented ? .moved(from: port) : origin
            func rule(_ scope: RuleScope, to destination: RuleSource, zone: Zone?, from sources: RuleSource) -> FirewallRule {
                FirewallRule(
                    scope: scope, transport: transport, port: resolved, origin: finalOrigin, destination: destination,
                    destinationZone: zone, sources: sources, arrows: [arrow], responderKind: responder.kind,
                    purpose: connection.purpose)
            }
            guard let binding else {
                // Nothing of ours listens there; the perimeter still has to let the initiators out.
                guard !topology.zones.isEmpty else { continue }
                let blocks = topology.blocks(of: responder.zone)
                let destination: RuleSource = blocks.isEmpty ? .any : .hosts(blocks.map(RuleAddress.block))
                if destination == .any, sources == .any {
                    warn("\(name): neither end is bound and the topology has no blocks for their zones; no rule")
                    continue
                }
                if destination == .any {
                    warn("\(name): responder '\(responder.id)' is not bound and the topology has no blocks for zone '\(responder.zone.rawValue)'; the perimeter rule's destination is any, the other zones included")
                }
                if let outside = crossing(sources, into: responder.zone), include(nil, zone: responder.zone) {
                    rules.append(rule(.forward, to: destination, zone: responder.zone, from: outside))
                }
                continue
            }
            // The binding's blocks as written (one rule for a /24 of agents), then its other hosts.
            for address in Self.addresses(of: binding) {
                let zone: Zone?
                switch address {
                case let .block(block): zone = topology.zones.isEmpty ? nil : topology.zone(of: block.base) ?? responder.zone
                case .name: zone = topology.zones.isEmpty ? nil : responder.zone
                }
                if include(address, zone: zone) {
                    rules.append(rule(.host, to: .hosts([address]), zone: zone, from: sources))
                }
                if let zone, options.host == nil, let outside = crossing(sources, into: zone), include(nil, zone: zone) {
                    rules.append(rule(.forward, to: .hosts([address]), zone: zone, from: outside))
                }
            }
        }
    }

    /// Does a rule towards `destination` in `zone` pass the `--host`/`--zone` filters? (`nil`: a forward rule.)
    /// A block passes `--host` when it holds the host.
    func include(_ destination: RuleAddress?, zone: Zone?) -> Bool {
        if let only = options.host {
            switch (only, destination) {
            case let (.address(ip), .block(block)?): if !block.contains(ip) { return false }
            case let (.name(name), .name(other)?): if name != other { return false }
            default: return false
            }
        }
        if let only = options.zone, zone != only { return false }
        return true
    }

    /// A binding's hosts as rule addresses: its CIDR blocks as written, then the hosts outside them.
    static func addresses(of binding: RoleBinding) -> [RuleAddress] {
        var addresses = binding.blocks.map(RuleAddress.block)
        for host in binding.hosts {
            switch host {
            case let .address(ip) where !binding.blocks.contains(where: { $0.contains(ip) }): addresses.append(RuleAddress(ip))
            case .address: break
            case let .name(text): addresses.append(.name(text))
            }
        }
        return addresses
    }

    /// The sources of `sources` that lie outside `zone` (whose traffic crosses the perimeter); `nil` for none.
    func crossing(_ sources: RuleSource, into zone: Zone) -> RuleSource? {
        guard case let .hosts(addresses) = sources else { return .any }
        let outside = addresses.filter { address in
            switch address {
            case let .block(block): topology.zone(of: block.base) != zone
            case .name: true  // unknown until resolved: the perimeter must allow it
            }
        }
        return outside.isEmpty ? nil : .hosts(outside)
    }

    /// The initiator's hosts as rule addresses: its binding's blocks as written, its other hosts one by
    /// one; unbound, its schema zone's blocks, else `any` (with a warning).
    mutating func source(of initiator: Role, in schema: Schema, arrow name: String) -> RuleSource {
        if let binding = ProbePlan.binding(for: initiator, in: schema.id, topology) { return .hosts(Self.addresses(of: binding)) }
        let blocks = topology.blocks(of: initiator.zone)
        if blocks.isEmpty {
            warn("\(name): initiator '\(initiator.id)' is not bound to a host and the topology has no blocks for zone '\(initiator.zone.rawValue)'; the source is any")
            return .any
        }
        warn("\(name): initiator '\(initiator.id)' is not bound to a host; the source is zone '\(initiator.zone.rawValue)' (\(blocks.map(\.description).joined(separator: ", ")))")
        return .hosts(blocks.map(RuleAddress.block))
    }

    /// The rules with duplicates folded: one rule per scope, destination, port and sources, naming every arrow.
    func merged() -> [FirewallRule] {
        var out: [FirewallRule] = []
        var index: [Key: Int] = [:]
        for rule in rules {
            let key = Key(rule)
            if let at = index[key] {
                for arrow in rule.arrows where !out[at].arrows.contains(arrow) { out[at].arrows.append(arrow) }
            } else {
                index[key] = out.count
                out.append(rule)
            }
        }
        return out
    }

    struct Key: Hashable {
        var scope: RuleScope
        var transport: Transport
        var port: PortNumber
        var origin: PortOrigin
        var destination: RuleSource
        var sources: RuleSource

        init(_ rule: FirewallRule) {
            scope = rule.scope
            transport = rule.transport
            port = rule.port
            origin = rule.origin
            destination = rule.destination
            sources = rule.sources
        }
    }
}
