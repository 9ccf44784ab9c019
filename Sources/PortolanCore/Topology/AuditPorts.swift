/// The port set `portolan audit --ports SPEC` sweeps: comma-separated items `N`, `N-M` or `packs` (every
/// port a loaded pack names, with its protocol), each optionally `/tcp` or `/udp` (TCP by default).
/// The default is `packs,1-1024`.
public struct AuditPorts: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var port: PortNumber
        public var transport: Transport

        public init(port: PortNumber, transport: Transport) {
            self.port = port
            self.transport = transport
        }
    }

    /// In ascending order, TCP before UDP for the same number, without duplicates.
    public var entries: [Entry]

    public static let defaultSpec = "packs,1-1024"

    /// Parses `spec` against the catalog's ports.
    ///
    /// - Throws: `LocatedError` naming `--ports` and the bad item.
    public init(_ spec: String, catalog: Catalog) throws {
        var set = Set<Entry>()
        for raw in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let item = raw.trimmingSpaces
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            let transport: Transport?
            switch parts.count {
            case 1: transport = nil
            case 2: transport = Transport(rawValue: String(parts[1]).lowercased())
            default: transport = nil
            }
            guard !item.isEmpty, parts.count <= 2, parts.count == 1 || transport != nil else {
                throw LocatedError(file: "--ports", "bad item \(quoted(item))", hint: "write N, N-M or packs, each optionally /tcp or /udp, joined by commas")
            }
            let body = String(parts[0])
            if body == "packs" {
                for entry in Self.packPorts(catalog) where transport == nil || transport == entry.transport { set.insert(entry) }
                continue
            }
            let bounds = body.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(bounds.count), let low = bounds[0].flatMap({ PortNumber($0) }),
                let high = bounds[bounds.count - 1].flatMap({ PortNumber($0) }),
                low <= high
            else {
                throw LocatedError(file: "--ports", "bad port or range \(quoted(item))", hint: "ports run from 1 to 65535; a range is LOW-HIGH")
            }
            for value in Int(low.rawValue)...Int(high.rawValue) {
                if let port = PortNumber(value) { set.insert(Entry(port: port, transport: transport ?? .tcp)) }
            }
        }
        entries = set.sorted { ($0.port, $0.transport) < ($1.port, $1.transport) }
    }

    /// Every port any schema of the catalog names (documented, alternative, legacy, inferred).
    public static func packPorts(_ catalog: Catalog) -> [Entry] {
        var set = Set<Entry>()
        for schema in catalog.schemas {
            for c in schema.connections {
                guard let transport = c.transport else { continue }
                let ports = [c.effectivePort].compactMap { $0 } + c.alternatives + c.legacyPorts.map(\.port)
                for port in ports { set.insert(Entry(port: port, transport: transport)) }
            }
        }
        return set.sorted { ($0.port, $0.transport) < ($1.port, $1.transport) }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
