import Foundation

/// Reads a topology file (YAML) against a catalog, so that role and schema names are checked.
///
/// ```yaml
/// name: head-office
/// schemas: [ksc13-lan]
/// dbms: postgres
/// ports: {13000: 13100, 15000/udp: 15100}
/// probe: {timeout-ms: 800, retries: 1}
/// roles:
///   administration-server: ksc.corp.example
///   ksc13-lan/client-direct: [10.0.1.0/24, {file: clients.txt}]
/// zones:                                  # optional: what `portolan rules` writes perimeter rules for
///   lan: [10.0.0.0/16]
///   dmz: [192.168.50.0/24]
///   internet: [0.0.0.0/0]
/// vantages:
///   - {name: dmz, zone: dmz, command: [ip, netns, exec, dmz, portolan, agent], roles: [connection-gateway]}
/// ```
///
/// Every error names `file:line:col`: an unknown key, role kind, role id or schema, a host that is not
/// an address, a CIDR block or a DNS name.
public struct TopologyReader {
    public let catalog: Catalog
    /// Reads a file by path, `nil` if there is none; the default reads the file system (`TextFile`).
    public var readFile: (String) throws(LocatedError) -> String?
    /// The most targets (hosts, counted over every binding and hosts file) a topology may bind.
    public var maximumTargets: Int

    /// The default cap on a topology's targets: one /16 block and room to spare, not several.
    public static let defaultMaximumTargets = 100_000

    public init(
        catalog: Catalog, maximumTargets: Int = TopologyReader.defaultMaximumTargets,
        readFile: @escaping (String) throws(LocatedError) -> String? = { path throws(LocatedError) in try TextFile.readIfPresent(path) }
    ) {
        self.catalog = catalog
        self.maximumTargets = maximumTargets
        self.readFile = readFile
    }

    /// Reads the topology file at `path`.
    ///
    /// - Throws: `LocatedError` if the file cannot be read or is not a valid topology.
    public func read(file path: String) throws -> Topology {
        guard let text = try readFile(path) else { throw LocatedError(file: path, "no such topology file") }
        return try read(text, file: path)
    }

    /// Reads topology text; `file` names it in messages and locates hosts files.
    ///
    /// - Throws: `LocatedError` at the first problem.
    public func read(_ text: String, file: String) throws -> Topology {
        let root = try YAMLNode.parse(text, file: file).mapping("topology")
        try root.rejectUnknownKeys(["name", "schemas", "dbms", "ports", "probe", "roles", "zones", "vantages"])
        let folder = file.contains("/") ? String(file[...(file.lastIndex(of: "/") ?? file.startIndex)]) : ""
        let baseName = file.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? file
        var topology = Topology(name: try root["name"]?.string("name") ?? baseName, file: file)
        topology.schemas = try (root["schemas"]?.sequence("schemas") ?? []).map(schemaID)
        topology.dbms = try root["dbms"]?.oneOf(DBMSKind.self, "DBMS kind")
        topology.ports = try root["ports"].map(portOverrides) ?? PortOverrides()
        topology.probe = try root["probe"].map(probeSettings) ?? ProbeSettings()
        var hosts = HostReader(readFile: readFile, folder: folder, maximumTargets: maximumTargets)
        for entry in try root["roles"]?.mapping("roles").entries ?? [] {
            let selector = try self.selector(entry.key, at: entry.keyLocation)
            var bindingHosts: [TargetHost]
            var blocks: [CIDRBlock]
            var ports = PortOverrides()
            if case .mapping = entry.value.node {
                let map = try entry.value.mapping("binding of \(quoted(entry.key))")
                try map.rejectUnknownKeys(["hosts", "file", "ports"])
                bindingHosts = []
                if let list = map["hosts"] { bindingHosts += try hosts.hosts(list) }
                blocks = try map["hosts"].map(HostReader.blocks) ?? []
                if let file = map["file"] { bindingHosts += try hosts.file(file) }
                ports = try map["ports"].map(portOverrides) ?? PortOverrides()
            } else {
                bindingHosts = try hosts.hosts(entry.value)
                blocks = try HostReader.blocks(entry.value)
            }
            var seen = Set<TargetHost>()
            bindingHosts = bindingHosts.filter { seen.insert($0).inserted }
            if hosts.firstOver != nil { continue }
            guard !bindingHosts.isEmpty else {
                throw LocatedError(at: entry.keyLocation, "role \(quoted(entry.key)) is bound to no host")
            }
            topology.bindings.append(RoleBinding(selector: selector, hosts: bindingHosts, blocks: blocks, ports: ports, location: entry.keyLocation))
        }
        if let overCap = hosts.overCap { throw overCap }
        topology.zones = try root["zones"].map(zones) ?? []
        topology.vantages = try (root["vantages"]?.sequence("vantages") ?? []).map(vantage)
        try checkVantages(topology.vantages)
        return topology
    }

    private func schemaID(_ node: YAMLNode) throws -> SchemaID {
        let id = SchemaID(try node.string("schema id"))
        guard catalog.schema(id) != nil else {
            throw node.error("unknown schema \(quoted(id))", hint: nearest(id.rawValue, in: catalog.schemas.map(\.id.rawValue)))
        }
        return id
    }

    /// A role kind (`dbms`), a schema's role (`ksc13-lan/client-direct`), or a role id of any schema.
    func selector(_ text: String, at location: SourceLocation) throws -> RoleSelector {
        if let kind = RoleKind(rawValue: text) { return .kind(kind) }
        if let slash = text.firstIndex(of: "/") {
            let schemaID = SchemaID(String(text[..<slash]))
            let roleID = RoleID(String(text[text.index(after: slash)...]))
            guard let schema = catalog.schema(schemaID) else {
                throw LocatedError(at: location, "unknown schema \(quoted(schemaID)) in \(quoted(text))",
                    hint: nearest(schemaID.rawValue, in: catalog.schemas.map(\.id.rawValue)))
            }
            guard schema.role(roleID) != nil else {
                throw LocatedError(at: location, "role \(quoted(roleID)) is not defined in schema \(quoted(schemaID))",
                    hint: "its roles: \(schema.roles.map(\.id.rawValue).joined(separator: ", "))")
            }
            return .role(schema: schemaID, id: roleID)
        }
        let roleIDs = Set(catalog.schemas.flatMap { $0.roles.map(\.id.rawValue) })
        guard roleIDs.contains(text) else {
            let names = RoleKind.allCases.map(\.rawValue) + roleIDs.sorted()
            throw LocatedError(at: location, "unknown role kind or role id \(quoted(text))", hint: nearest(text, in: names))
        }
        return .role(schema: nil, id: RoleID(text))
    }

    /// `zones: {lan: [10.0.0.0/16], dmz: 192.168.50.0/24}`: a zone of the schemas → its CIDR blocks.
    private func zones(_ node: YAMLNode) throws -> [ZoneBlocks] {
        try node.mapping("zones").entries.map { entry in
            guard let zone = Zone(rawValue: entry.key) else {
                throw LocatedError(at: entry.keyLocation, "unknown zone \(quoted(entry.key))",
                    hint: "zones are those of the schemas: \(Zone.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let blocks = try entry.value.sequence("blocks of zone \(quoted(entry.key))").map { item in
                let text = try item.string("CIDR block")
                guard let block = CIDRBlock(text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32")) else {
                    throw item.error("bad CIDR block \(quoted(text)) in zone \(quoted(entry.key))", hint: "write ADDRESS/PREFIX, such as 10.0.1.0/24")
                }
                return block
            }
            if blocks.isEmpty { throw LocatedError(at: entry.keyLocation, "zone \(quoted(entry.key)) has no address block") }
            return ZoneBlocks(zone: zone, blocks: blocks)
        }
    }

    private func portOverrides(_ node: YAMLNode) throws -> PortOverrides {
        var moves: [PortOverrides.Key: PortNumber] = [:]
        for entry in try node.mapping("ports").entries {
            let parts = entry.key.split(separator: "/", omittingEmptySubsequences: false)
            let transport = parts.count == 2 ? Transport(rawValue: String(parts[1])) : nil
            guard (parts.count == 1 || transport != nil), let number = Int(parts[0]), let from = PortNumber(number) else {
                throw LocatedError(at: entry.keyLocation, "bad port \(quoted(entry.key))", hint: "write PORT or PORT/tcp or PORT/udp, 1-65535")
            }
            let value = try entry.value.int("port")
            guard let to = PortNumber(value) else {
                throw entry.value.error("port \(value) is out of range", hint: "ports run from 1 to 65535")
            }
            moves[PortOverrides.Key(port: from, transport: transport)] = to
        }
        return PortOverrides(moves)
    }

    private func probeSettings(_ node: YAMLNode) throws -> ProbeSettings {
        let map = try node.mapping("probe")
        let keys = ["timeout-ms", "min-timeout-ms", "concurrency", "retries", "expiry-warning-days", "udp-host-interval-ms"]
        try map.rejectUnknownKeys(keys)
        func value(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int) throws -> Int {
            guard let node = map[key] else { return fallback }
            let number = try node.int(key)
            guard range.contains(number) else {
                throw node.error("\(key) must be within \(range.lowerBound)...\(range.upperBound), not \(number)")
            }
            return number
        }
        let defaults = ProbeSettings()
        let settings = ProbeSettings(
            timeoutMilliseconds: try value("timeout-ms", 1...600_000, defaults.timeoutMilliseconds),
            minimumTimeoutMilliseconds: try value("min-timeout-ms", 1...600_000, defaults.minimumTimeoutMilliseconds),
            concurrency: try value("concurrency", 1...65_536, defaults.concurrency),
            retries: try value("retries", 0...10, defaults.retries),
            expiryWarningDays: try value("expiry-warning-days", 0...3650, defaults.expiryWarningDays),
            udpHostIntervalMilliseconds: try value("udp-host-interval-ms", 0...10_000, defaults.udpHostIntervalMilliseconds))
        if settings.minimumTimeoutMilliseconds > settings.timeoutMilliseconds, map["min-timeout-ms"] != nil {
            throw (map["min-timeout-ms"] ?? node).error("min-timeout-ms must not exceed timeout-ms (\(settings.timeoutMilliseconds))")
        }
        return settings
    }

    private func vantage(_ node: YAMLNode) throws -> VantagePoint {
        let map = try node.mapping("vantage point")
        try map.rejectUnknownKeys(["name", "command", "roles", "zone"])
        let name = try map.required("name").string("vantage name")
        let commandNode = try map.required("command")
        guard case .sequence = commandNode.node else {
            throw commandNode.error("a vantage command is a list of arguments, run without a shell", hint: "[ssh, ops@dmz-gw, portolan, agent]")
        }
        let command = try commandNode.sequence("command").map { item in
            let argument = try item.string("command argument")
            if argument.isEmpty { throw item.error("empty argument in a vantage command") }
            return argument
        }
        if command.isEmpty { throw commandNode.error("vantage \(quoted(name)) has an empty command") }
        let roles = try map.required("roles").sequence("roles").map { item in
            try selector(try item.string("role"), at: item.location)
        }
        let zone = try map["zone"]?.oneOf(Zone.self, "zone")
        return VantagePoint(name: name, command: command, roles: roles, zone: zone, location: map.location)
    }

    private func checkVantages(_ vantages: [VantagePoint]) throws {
        var names: [String: SourceLocation] = [:]
        var roles: [RoleSelector: String] = [:]
        for vantage in vantages {
            if let first = names[vantage.name] {
                throw LocatedError(at: vantage.location, "duplicate vantage point \(quoted(vantage.name))", hint: "first named at \(first.line):\(first.column)")
            }
            names[vantage.name] = vantage.location
            for role in vantage.roles {
                if let other = roles[role] {
                    throw LocatedError(at: vantage.location, "role \(quoted(role)) is given to vantage points \(quoted(other)) and \(quoted(vantage.name))")
                }
                roles[role] = vantage.name
            }
        }
    }

    private func nearest(_ text: String, in names: [String]) -> String {
        if let best = Suggestion.nearest(text, in: names) { return "did you mean '\(best)'?" }
        return "expected one of: \(names.joined(separator: ", "))"
    }
}
