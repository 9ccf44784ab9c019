import Foundation
import PortolanCore
import PortolanProbe

/// The simulated deployment: which kind lives at which address, which ports open, stay closed or flap.
public struct DemoDeployment: Sendable {
    /// The schemas the demo stands for, in order; those missing from the catalog are left out.
    public static let schemaIDs: [SchemaID] = ["ksc13-lan", "ksc13-server-agent"]
    /// A documented port of a role kind.
    public struct KindPort: Sendable {
        public var kind: RoleKind
        public var port: UInt16
        public var transport: Transport

        public func matches(_ kind: RoleKind, _ endpoint: MimicEndpoint) -> Bool {
            kind == self.kind && endpoint.port.rawValue == port && endpoint.transport == transport
        }
    }

    /// Documented ports left closed on purpose: the DBMS and the Administration Server's port for mobile devices.
    public static let closed = [KindPort(kind: .dbms, port: 1433, transport: .tcp), KindPort(kind: .administrationServer, port: 17000, transport: .tcp)]
    /// The port that is closed and reopened: the Administration Server's port for the Administration Console.
    public static let flapping = KindPort(kind: .administrationServer, port: 13291, transport: .tcp)
    /// The deliberate exposure the demo's audit finds: Remote Desktop left open on the Administration
    /// Server, a port no arrow of the demo's schemas needs.
    public static let exposed = KindPort(kind: .administrationServer, port: 3389, transport: .tcp)

    public var firstSchema: SchemaID
    /// One address per role kind that answers on some port.
    public var addresses: [RoleKind: IPAddress] = [:]
    /// Every endpoint to open (the flapping one included, the closed ones not).
    public var endpoints: [MimicEndpoint] = []
    public var closedEndpoints: [MimicEndpoint] = []
    public var flapping: MimicEndpoint?
    /// The deliberately exposed port (opened, in `endpoints` too).
    public var exposure: MimicEndpoint?

    /// - Throws: `CommandFailure` for an unusable first address, or a catalog with none of the demo's schemas.
    public init(catalog: Catalog, firstAddress: String = "127.0.0.21") throws {
        guard let octets = Self.octets(firstAddress) else { throw CommandFailure("--first-address \(firstAddress): not usable") }
        let schemas = Self.schemaIDs.compactMap(catalog.schema)
        guard let first = schemas.first else {
            throw CommandFailure("the catalog has none of the demo's schemas (\(Self.schemaIDs.map(\.rawValue).joined(separator: ", ")))")
        }
        firstSchema = first.id
        for (index, kind) in RoleKind.allCases.enumerated() {
            guard let address = IPAddress("\(octets[0]).\(octets[1]).\(octets[2]).\(octets[3] + index)") else { continue }
            let opened = MimicPlan.endpoints(for: kind, in: schemas, addresses: [address])
            guard !opened.isEmpty else { continue }
            addresses[kind] = address
            for endpoint in opened {
                if Self.closed.contains(where: { $0.matches(kind, endpoint) }) {
                    closedEndpoints.append(endpoint)
                    continue
                }
                if Self.flapping.matches(kind, endpoint) {
                    flapping = endpoint
                }
                endpoints.append(endpoint)
            }
            if kind == Self.exposed.kind, let port = PortNumber(rawValue: Self.exposed.port) {
                let endpoint = MimicEndpoint(address: address, port: port, transport: Self.exposed.transport)
                exposure = endpoint
                endpoints.append(endpoint)
            }
        }
    }

    /// The four numbers of a loopback address whose last one leaves room for every role kind.
    public static func octets(_ address: String) -> [Int]? {
        let octets = address.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4, octets[0] == 127, octets.allSatisfy({ (0...255).contains($0) }),
            octets[3] >= 1, octets[3] + RoleKind.allCases.count <= 255
        else { return nil }
        return octets
    }

    /// The topology binding each kind to its address, in the topology file format.
    public var topologyText: String {
        var text = "name: demo\nschemas: [\(Self.schemaIDs.map(\.rawValue).joined(separator: ", "))]\nroles:\n"
        for (kind, address) in addresses.sorted(by: { $0.value < $1.value }) { text += "  \(kind.rawValue): \(address)\n" }
        return text + "probe: {timeout-ms: 300, min-timeout-ms: 50, retries: 0}\n"
    }

    /// Forgets endpoints the demo could not have: they are neither opened, kept closed nor flapped.
    public mutating func leaveOut(_ refused: some Sequence<MimicEndpoint>) {
        let refused = Set(refused)
        endpoints.removeAll(where: refused.contains)
        closedEndpoints.removeAll(where: refused.contains)
        if let flapping, refused.contains(flapping) { self.flapping = nil }
        if let exposure, refused.contains(exposure) { self.exposure = nil }
    }

    /// The demo's audit: from here, only the ports the demo opened itself, each on its own address (never
    /// a port range, never an address or port another program might hold). It finds the deliberate
    /// exposure, as `portolan audit` would.
    public func auditPlan(topology: Topology, catalog: Catalog) throws -> AuditPlan {
        var ports = try AuditPorts("packs", catalog: catalog)
        var entries: [AuditPorts.Entry] = []
        for endpoint in endpoints.sorted() where !entries.contains(AuditPorts.Entry(port: endpoint.port, transport: endpoint.transport)) {
            entries.append(AuditPorts.Entry(port: endpoint.port, transport: endpoint.transport))
        }
        ports.entries = entries
        var plan = try AuditPlan(topology: topology, catalog: catalog, ports: ports)
        let opened = Set(endpoints.map { ProbeTarget(host: .address($0.address), port: $0.port, transport: $0.transport) })
        for index in plan.sweeps.indices {
            plan.sweeps[index].targets.removeAll { !opened.contains(ProbeTarget(host: $0.host, port: $0.port, transport: $0.transport)) }
        }
        return plan
    }

    /// "closed on purpose: 127.0.0.22:1433/tcp, ..." for the table's note.
    public var closedNote: String {
        "closed on purpose: " + (closedEndpoints.isEmpty ? "none" : closedEndpoints.map(\.description).joined(separator: ", "))
    }
}
