import PortolanModel

/// Generated schemas without placement hints, for benchmarks and tests of automatic placement.
public enum SyntheticSchema {
    /// A schema of `roles` roles spread over the four zones and `connections` connections between them,
    /// the same for the same arguments.
    public static func make(roles roleCount: Int, connections connectionCount: Int, seed: UInt64 = 1) -> Schema {
        var random = SplitMix64(seed: seed)
        let kinds = RoleKind.allCases
        let zones = Zone.allCases
        var roles: [Role] = []
        for index in 0..<max(2, roleCount) {
            let kind = kinds[Int(random.next() % UInt64(kinds.count))]
            let zone = index < 2 ? Zone.lan : zones[Int(random.next() % UInt64(zones.count))]
            let processes: [ProcessName] = random.next() % 2 == 0 ? [ProcessName("proc\(index % 7)")] : []
            roles.append(
                Role(
                    id: RoleID(String(format3(index))), kind: kind, label: "\(kind.displayName) \(index)", zone: zone,
                    processes: processes))
        }
        var connections: [Connection] = []
        let links: [LinkKind] = [.tcp, .tcp, .tcp, .udp, .dbms, .https, .com]
        for index in 0..<connectionCount {
            let from = roles[Int(random.next() % UInt64(roles.count))]
            var to = roles[Int(random.next() % UInt64(roles.count))]
            var link = links[Int(random.next() % UInt64(links.count))]
            if link == .com {
                to = from
            } else if to.id == from.id {
                to = roles[(roles.firstIndex(of: from).map { $0 + 1 } ?? 0) % roles.count]
            }
            if link != .com && to.id == from.id { link = .com }
            let port = link == .com ? nil : PortNumber(Int(1000 + random.next() % 20000))
            let process = link == .com || link == .udp ? nil : to.processes.first
            connections.append(
                Connection(
                    label: ArrowLabel(String(index + 1)), initiator: from.id, responder: to.id, port: port,
                    transport: link.transport, link: link,
                    tls: link.transport == .tcp ? (random.next() % 2 == 0 ? .yes : .unknown) : .notApplicable,
                    process: process, purpose: "Synthetic connection \(index + 1)."))
        }
        return Schema(
            id: SchemaID("synthetic-\(roleCount)-\(connectionCount)"), title: "Synthetic topology", pack: PackID("synthetic"),
            kind: .deployment, roles: roles, connections: connections)
    }

    private static func format3(_ index: Int) -> String {
        let text = String(index)
        return "r" + String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}

/// A small, fast, seedable pseudo-random generator (SplitMix64), so that generated schemas are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
