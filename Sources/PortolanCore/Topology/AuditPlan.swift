/// What `portolan audit` sweeps and how it judges what it finds: the bound hosts × a port set from each
/// vantage point, and for every open port the arrows that need it and from where.
///
/// Pure: `PortolanProbe.ExposureAudit` sends the sweeps and hands the outcomes back to `findings`.
public struct AuditPlan: Sendable {
    /// One vantage point's sweep (`vantage` nil: from here, when the topology names no vantage point).
    public struct Sweep: Sendable, Hashable {
        public var vantage: String?
        public var zone: Zone?
        public var targets: [ProbeTarget]
    }

    /// A host, port and protocol, as an arrow needs it.
    struct Endpoint: Hashable {
        var host: TargetHost
        var port: PortNumber
        var transport: Transport
    }

    public var sweeps: [Sweep]
    /// Hosts left out of a sweep because they are in its vantage point's own zone (`inside` false).
    public var insideSkipped: Int
    private var needs: [Endpoint: [ExposureFinding.Need]]
    private var legacy: [Endpoint: [(need: ExposureFinding.Need, port: LegacyPort)]]
    /// The roles bound to each host, for the words of a finding (`ksc13-lan admin-server`).
    private var roles: [TargetHost: [String]]

    /// Binds the audit: the watched schemas' bound hosts, the arrows' resolved ports (as `ProbePlan`
    /// resolves them) and the vantage point each arrow is probed from.
    ///
    /// With a `zones:` map and a vantage point's `zone:`, the point sweeps only hosts outside its own
    /// zone (what the perimeter lets through) unless `inside` is true.
    /// - Throws: `LocatedError` for an unknown schema in `only`.
    public init(topology: Topology, catalog: Catalog, ports: AuditPorts, only: [SchemaID] = [], inside: Bool = false) throws {
        let plan = try ProbePlan(topology: topology, catalog: catalog, only: only)
        var needs: [Endpoint: [ExposureFinding.Need]] = [:]
        var legacy: [Endpoint: [(need: ExposureFinding.Need, port: LegacyPort)]] = [:]
        var roles: [TargetHost: [String]] = [:]
        for probe in plan.probes {
            let endpoint = Endpoint(host: probe.target.host, port: probe.target.port, transport: probe.target.transport)
            let need = ExposureFinding.Need(arrow: probe.arrow, vantage: probe.vantage)
            if !(needs[endpoint]?.contains(need) ?? false) { needs[endpoint, default: []].append(need) }
            guard let schema = catalog.schema(probe.arrow.schema), let connection = schema.connection(probe.arrow),
                let responder = schema.role(connection.responder)
            else { continue }
            // A legacy port moves as the arrow's own port does: the binding's moves, then the topology's.
            let binding = ProbePlan.binding(for: responder, in: schema.id, topology)
            for old in connection.legacyPorts {
                let transport = probe.target.transport
                let moved = binding?.ports.apply(old.port, transport) ?? topology.ports.apply(old.port, transport) ?? old.port
                legacy[Endpoint(host: probe.target.host, port: moved, transport: probe.target.transport), default: []].append((need, old))
            }
        }
        var hosts: [TargetHost] = [], seen = Set<TargetHost>()
        for schema in plan.schemas.compactMap(catalog.schema) {
            for role in schema.roles {
                guard let binding = ProbePlan.binding(for: role, in: schema.id, topology) else { continue }
                for host in binding.hosts {
                    if seen.insert(host).inserted { hosts.append(host) }
                    let name = "\(schema.id) \(role.id)"
                    if !(roles[host]?.contains(name) ?? false) { roles[host, default: []].append(name) }
                }
            }
        }
        let points: [(String?, Zone?)] = topology.vantages.isEmpty ? [(nil, nil)] : topology.vantages.map { ($0.name, $0.zone) }
        var skipped = 0
        sweeps = points.map { name, zone in
            let swept = hosts.filter { host in
                guard !inside, let zone, case let .address(address) = host, topology.zone(of: address) == zone else { return true }
                skipped += 1
                return false
            }
            let targets = swept.flatMap { host in ports.entries.map { ProbeTarget(host: host, port: $0.port, transport: $0.transport) } }
            return Sweep(vantage: name, zone: zone, targets: targets)
        }
        insideSkipped = skipped
        self.needs = needs
        self.legacy = legacy
        self.roles = roles
    }

    /// The findings of one sweep: every open port that no arrow from the sweep's vantage point needs.
    ///
    /// UDP silence (`open|filtered`) is no finding: only a port that answered counts as open.
    public func findings(_ sweep: Sweep, outcomes: [ProbeOutcome]) -> [ExposureFinding] {
        let vantage: Vantage = sweep.vantage.map(Vantage.named) ?? .here
        let place = sweep.vantage.map { "vantage point '\($0)'" } ?? "here"
        var out: [ExposureFinding] = []
        for (target, outcome) in zip(sweep.targets, outcomes) where outcome.state == .open {
            let endpoint = Endpoint(host: target.host, port: target.port, transport: target.transport)
            let needed = needs[endpoint] ?? []
            if needed.contains(where: { $0.vantage == sweep.vantage }) { continue }
            let what = "\(target.host):\(target.port)/\(target.transport.rawValue)"
            let bound = roles[target.host].map { " (\($0.joined(separator: ", ")))" } ?? ""
            func finding(_ kind: ExposureFinding.Kind, _ why: String, _ needs: [ExposureFinding.Need]) -> ExposureFinding {
                ExposureFinding(
                    host: target.host, address: outcome.address, port: target.port, transport: target.transport, vantage: vantage,
                    kind: kind, why: why, neededBy: needs)
            }
            if let old = legacy[endpoint]?.first(where: { $0.need.vantage == sweep.vantage }) {
                out.append(finding(
                    .legacy,
                    "\(what)\(bound) is open from \(place): a legacy port (TLS \(old.port.tls.rawValue)) the documents allow but do not recommend beside arrow \(old.need.arrow.schema) \(old.need.arrow.label): \(old.port.note)",
                    [old.need]))
            } else if !needed.isEmpty {
                let elsewhere = needed.map { "\($0.arrow.schema) \($0.arrow.label) \($0.arrow.from) → \($0.arrow.to) from \($0.vantage.map { "'\($0)'" } ?? "here")" }
                out.append(finding(
                    .neededElsewhere,
                    "\(what)\(bound) is open from \(place), but no arrow from its roles needs it; needed by \(elsewhere.joined(separator: "; "))",
                    needed))
            } else {
                out.append(finding(.unknown, "\(what)\(bound) is open from \(place), and no watched arrow names this port on this host", []))
            }
        }
        return out
    }
}
