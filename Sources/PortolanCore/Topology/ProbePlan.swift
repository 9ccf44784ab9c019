/// One probe to send for a documented arrow: a responder host and the arrow's (resolved) port.
public struct PlannedProbe: Sendable, Hashable {
    public var arrow: ArrowRef
    public var target: ProbeTarget
    /// The vantage point bound to the arrow's initiator; `nil` means the probe goes from here.
    public var vantage: String?

    public init(arrow: ArrowRef, target: ProbeTarget, vantage: String? = nil) {
        self.arrow = arrow
        self.target = target
        self.vantage = vantage
    }
}

/// An arrow that no probe covers, and why.
public struct SkippedArrow: Sendable, Hashable {
    public var arrow: ArrowRef
    public var reason: String
}

/// The probes a topology asks for: every responder host × its arrow's port, arrow by arrow.
public struct ProbePlan: Sendable, Hashable {
    public var probes: [PlannedProbe]
    public var skipped: [SkippedArrow]
    public var schemas: [SchemaID]

    /// Binds the topology to the catalog's schemas.
    ///
    /// Schemas are `only` if given, else the topology's `schemas:`, else every schema where some arrow's
    /// responder is bound. Arrows without a port or transport (COM) and arrows whose responder is
    /// unbound are skipped with a reason; an arrow whose document names the protocol but no port is
    /// probed on the protocol's default (`Connection.inferredPort`: 443 for HTTPS). The DBMS arrow's port is the topology's DBMS kind's port where
    /// the documents list it among `port`/`alternatives` (and that kind's port where they do not); then
    /// the binding's port moves apply, then the topology's.
    ///
    /// - Throws: `LocatedError` for an id in `only` that the catalog does not have, and when no arrow at all
    ///   is bound ("nothing to probe"): a topology that probes nothing is a mistake, not a success.
    public init(topology: Topology, catalog: Catalog, only: [SchemaID] = []) throws {
        let chosen = try Self.schemas(topology: topology, catalog: catalog, only: only)
        var probes: [PlannedProbe] = []
        var skipped: [SkippedArrow] = []
        for schema in chosen {
            for connection in schema.connections.sorted(by: { $0.label < $1.label }) {
                let arrow = ArrowRef(schema: schema.id, label: connection.label, from: connection.initiator, to: connection.responder)
                guard let documented = connection.effectivePort, let transport = connection.transport, !connection.isLocal else {
                    skipped.append(SkippedArrow(arrow: arrow, reason: connection.link == .com ? "COM invoke inside one device" : "the documents name no port"))
                    continue
                }
                guard let responder = schema.role(connection.responder), let binding = Self.binding(for: responder, in: schema.id, topology) else {
                    skipped.append(SkippedArrow(arrow: arrow, reason: "responder \(quoted(connection.responder)) is not bound to a host"))
                    continue
                }
                let port = Self.port(documented, transport, of: connection, responder: responder, binding: binding, topology: topology)
                let vantage = schema.role(connection.initiator).flatMap { initiator in
                    topology.vantages.first { $0.roles.contains { $0.matches(initiator, in: schema.id) } }?.name
                }
                for host in binding.hosts {
                    let target = ProbeTarget(host: host, port: port, transport: transport, tls: transport == .tcp ? connection.tls : .notApplicable)
                    probes.append(PlannedProbe(arrow: arrow, target: target, vantage: vantage))
                }
            }
        }
        guard !probes.isEmpty else {
            let watched = chosen.isEmpty ? "no schema is watched" : "watched: " + chosen.map(\.id.rawValue).joined(separator: ", ")
            throw LocatedError(
                file: topology.file, "nothing to probe: no responder of the watched schemas is bound",
                hint: "\(watched); bind a responder role's kind or id to a host under 'roles:'")
        }
        self.probes = probes
        self.skipped = skipped
        self.schemas = chosen.map(\.id)
    }

    /// The schemas a topology watches: `only` if given, else its `schemas:`, else every schema where
    /// some arrow's responder is bound.
    ///
    /// - Throws: `LocatedError` for an id in `only` that the catalog does not have.
    public static func schemas(topology: Topology, catalog: Catalog, only: [SchemaID] = []) throws -> [Schema] {
        if !only.isEmpty {
            return try only.map { id in
                guard let schema = catalog.schema(id) else {
                    throw LocatedError(file: topology.file, "unknown schema \(quoted(id))", hint: "run 'portolan schemas' to list them")
                }
                return schema
            }
        }
        if !topology.schemas.isEmpty { return topology.schemas.compactMap(catalog.schema) }
        return catalog.schemas.filter { schema in
            schema.connections.contains { c in schema.role(c.responder).map { binding(for: $0, in: schema.id, topology) != nil } ?? false }
        }
    }

    /// The port a bound responder really listens on for an arrow: the topology's DBMS kind picks the
    /// DBMS arrow's port (among the documented ones where listed), then the binding's port moves
    /// apply, then the topology's. `documented` is the arrow's port, or one of its legacy ports.
    public static func port(
        _ documented: PortNumber, _ transport: Transport, of connection: Connection, responder: Role, binding: RoleBinding?,
        topology: Topology
    ) -> PortNumber {
        var port = documented
        if let dbms = topology.dbms, connection.link == .dbms || responder.kind == .dbms {
            let listed = [documented] + connection.alternatives
            port = listed.first { $0 == dbms.defaultPort } ?? dbms.defaultPort
        }
        return binding?.ports.apply(port, transport) ?? topology.ports.apply(port, transport) ?? port
    }

    /// The most specific binding that picks `role`; ties go to the one written first.
    public static func binding(for role: Role, in schema: SchemaID, _ topology: Topology) -> RoleBinding? {
        topology.bindings.filter { $0.selector.matches(role, in: schema) }
            .enumerated().max { ($0.element.selector.specificity, -$0.offset) < ($1.element.selector.specificity, -$1.offset) }?
            .element
    }

    /// The distinct targets, in first-seen order (arrows that share a host and port are probed once).
    public var targets: [ProbeTarget] {
        var seen = Set<ProbeTarget>()
        return probes.map(\.target).filter { seen.insert($0).inserted }
    }
}

/// Reads a targets file for raw probing: one `tcp|udp HOST PORT` per line, `#` comments.
public enum TargetListReader {
    /// Parses the file's text.
    ///
    /// - Parameter maximumTargets: the most targets the file may list (a CIDR block counts its addresses).
    /// - Throws: `LocatedError` naming `file:line:col` of the first bad line, or of the line that takes
    ///   the count past `maximumTargets`.
    public static func read(_ text: String, file: String, maximumTargets: Int = TopologyReader.defaultMaximumTargets) throws -> [ProbeTarget] {
        var text = text
        // Bytes, not Strings: a fleet's file has tens of thousands of lines, read before anything is probed.
        return try text.withUTF8 { bytes in
            var targets: [ProbeTarget] = []
            var lineNumber = 0
            var lineStart = 0
            while lineStart <= bytes.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var contentEnd = lineStart
                while contentEnd < lineEnd, bytes[contentEnd] != UInt8(ascii: "#") { contentEnd += 1 }
                let fields = Self.fields(bytes, from: lineStart, to: contentEnd)
                if fields.isEmpty { continue }
                func at(_ field: Int) -> SourceLocation {
                    SourceLocation(file: file, line: lineNumber, column: (field < fields.count ? fields[field].lowerBound - lineStart : 0) + 1)
                }
                func string(_ field: Int) -> String { String(decoding: bytes[fields[field]], as: UTF8.self) }
                guard fields.count == 3 else {
                    throw LocatedError(at: at(0), "expected 'tcp|udp HOST PORT', found \(fields.count) field\(fields.count == 1 ? "" : "s")")
                }
                guard let transport = Self.transport(bytes[fields[0]]) else {
                    throw LocatedError(at: at(0), "unknown protocol \(quoted(string(0)))", hint: "expected tcp or udp")
                }
                let hosts: [TargetHost]
                if let address = IPAddress.parseV4(bytes[fields[1]]) {
                    hosts = [.address(.v4(address))]
                } else {
                    let host = string(1)
                    if host.utf8.contains(UInt8(ascii: "/")), let block = CIDRBlock(host), block.size <= CIDRBlock.maximumSize,
                        targets.count + block.hostCount > maximumTargets
                    {
                        throw LocatedError(
                            at: at(1), "this block takes the targets past the cap of \(maximumTargets)",
                            hint: "list fewer targets, or raise the cap with --max-targets")
                    }
                    hosts = try HostReader.entry(host, at: at(1))
                }
                guard let port = Self.port(bytes[fields[2]]) ?? Int(string(2)).flatMap(PortNumber.init) else {
                    throw LocatedError(at: at(2), "bad port \(quoted(string(2)))", hint: "ports run from 1 to 65535")
                }
                for host in hosts { targets.append(ProbeTarget(host: host, port: port, transport: transport)) }
                if targets.count > maximumTargets {
                    throw LocatedError(at: at(1), "this line takes the targets past the cap of \(maximumTargets)", hint: "list fewer targets, or raise the cap with --max-targets")
                }
            }
            return targets
        }
    }

    /// The blank-separated fields (space, tab, CR) of `bytes[start..<end]`, as byte ranges.
    private static func fields(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var first: Int?
        for offset in start...end {
            let blank = offset == end || bytes[offset] == 0x20 || bytes[offset] == 0x09 || bytes[offset] == 0x0D
            if blank, let begin = first {
                fields.append(begin..<offset)
                first = nil
            } else if !blank, first == nil {
                first = offset
            }
        }
        return fields
    }

    /// `tcp` or `udp` in any case; `nil` for anything else.
    private static func transport(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Transport? {
        guard bytes.count == 3 else { return nil }
        let lower = bytes.map { $0 | 0x20 }
        if lower.elementsEqual("tcp".utf8) { return .tcp }
        if lower.elementsEqual("udp".utf8) { return .udp }
        return nil
    }

    /// A port of plain decimal digits; `nil` sends the field to the slow path (and its error).
    private static func port(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> PortNumber? {
        guard bytes.count <= 5 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return PortNumber(value)
    }
}
