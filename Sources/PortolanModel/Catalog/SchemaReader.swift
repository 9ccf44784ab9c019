/// Reads and validates one schema file of a pack.
package struct SchemaReader {
    package let pack: PackID
    package let file: String

    package init(pack: PackID, file: String) {
        self.pack = pack
        self.file = file
    }

    private static let schemaKeys = ["id", "title", "kind", "summary", "source", "notes", "roles", "connections"]
    private static let roleKeys = ["id", "kind", "label", "zone", "processes", "place", "notes"]
    private static let connectionKeys = [
        "label", "from", "to", "port", "alternatives", "legacy-ports", "inferred-port", "protocol", "link", "tls", "process", "device", "purpose",
        "notes", "via",
    ]

    /// Returns the schema and where its id is written.
    package func read(_ text: String) throws(LoadErrors) -> (Schema, SourceLocation) {
        var errors: [LocatedError] = []
        do {
            let root = try YAMLNode.parse(text, file: file).mapping("schema")
            try root.rejectUnknownKeys(Self.schemaKeys)
            let idNode = try root.required("id")
            let id = SchemaID(try PackLoader.identifier(idNode, "schema id"))
            var roles: [Role] = []
            var roleLocations: [RoleID: SourceLocation] = [:]
            for item in try root.required("roles").sequence("roles") {
                let role = try readRole(item)
                if let first = roleLocations[role.id] {
                    errors.append(item.error("duplicate role id \(quoted(role.id))", hint: "first defined at \(first)"))
                }
                roleLocations[role.id] = item.location
                roles.append(role)
            }
            var connections: [Connection] = []
            // Label and ends name an arrow (`ArrowRef`): two arrows with the same three would be one.
            var labels: [ArrowRef: SourceLocation] = [:]
            for item in try root.required("connections").sequence("connections") {
                do throws(LocatedError) {
                    let connection = try readConnection(item, roles: roles)
                    let key = ArrowRef(connection, in: id)
                    if let first = labels[key] {
                        errors.append(
                            item.error(
                                "duplicate label \(quoted(connection.label)) for \(connection.initiator) → \(connection.responder)",
                                hint: "first given at \(first); give each drawn arrow its own label or remove the copy"))
                    }
                    labels[key] = item.location
                    connections.append(connection)
                } catch {
                    errors.append(error)
                }
            }
            let schema = Schema(
                id: id,
                title: try root.required("title").string("title"),
                pack: pack,
                kind: try root.required("kind").oneOf(SchemaKind.self, "schema kind"),
                summary: try root["summary"]?.string("summary").trimmed ?? "",
                source: try root["source"]?.string("source") ?? "",
                roles: roles,
                connections: connections.enumerated().sorted { ($0.element.label, $0.offset) < ($1.element.label, $1.offset) }
                    .map(\.element),
                notes: try strings(root["notes"], "notes"))
            if errors.isEmpty { return (schema, idNode.location) }
        } catch {
            errors.insert(error as? LocatedError ?? LocatedError(file: file, "\(error)"), at: 0)
        }
        throw LoadErrors(errors)
    }

    private func readRole(_ node: YAMLNode) throws(LocatedError) -> Role {
        do {
            let map = try node.mapping("role")
            try map.rejectUnknownKeys(Self.roleKeys)
            let id = RoleID(try PackLoader.identifier(map.required("id"), "role id"))
            let kind = try map.required("kind").oneOf(RoleKind.self, "role kind")
            var placement: PlacementHint?
            if let place = map["place"] {
                let cells = try place.sequence("place")
                guard cells.count == 2 else { throw place.error("place must be [row, column]") }
                placement = PlacementHint(row: try cells[0].int("row"), column: try cells[1].int("column"))
            }
            return Role(
                id: id, kind: kind,
                label: try map["label"]?.string("label") ?? kind.displayName,
                zone: try map.required("zone").oneOf(Zone.self, "zone"),
                processes: try strings(map["processes"], "processes").map(ProcessName.init),
                placement: placement,
                notes: try strings(map["notes"], "notes"))
        } catch {
            throw error as? LocatedError ?? node.error("\(error)")
        }
    }

    private func readConnection(_ node: YAMLNode, roles: [Role]) throws(LocatedError) -> Connection {
        do {
            let map = try node.mapping("connection")
            try map.rejectUnknownKeys(Self.connectionKeys)
            let label = ArrowLabel(try map.required("label").string("label"))
            func role(_ key: String) throws -> Role {
                let value = try map.required(key)
                let name = try value.string(key)
                guard let found = roles.first(where: { $0.id.rawValue == name }) else {
                    let known = roles.map(\.id.rawValue).sorted().joined(separator: ", ")
                    throw value.error("unknown role \(quoted(name)) in arrow \(label)", hint: "roles of this schema: \(known)")
                }
                return found
            }
            let from = try role("from")
            let to = try role("to")
            let port = try map["port"].map { try portNumber($0) }
            let alternatives = try (map["alternatives"]?.sequence("alternatives") ?? []).map { try portNumber($0) }
            let legacyPorts = try (map["legacy-ports"]?.sequence("legacy-ports") ?? []).map { try legacyPort($0) }
            let inferredPort = try map["inferred-port"].map { try portNumber($0) }
            if let inferredNode = map["inferred-port"], port != nil {
                throw inferredNode.error("arrow \(label) names its port; 'inferred-port' is for arrows whose document names none")
            }

            let protocolNode = map["protocol"]
            let linkNode = map["link"]
            let declaredTransport = try protocolNode?.oneOf(Transport.self, "protocol")
            let link: LinkKind
            if let linkNode {
                link = try linkNode.oneOf(LinkKind.self, "link kind")
            } else if let declaredTransport {
                link = declaredTransport == .udp ? .udp : .tcp
            } else {
                throw LocatedError(at: map.location, "arrow \(label) needs 'protocol' or 'link'")
            }
            if let declaredTransport, declaredTransport != link.transport {
                throw (protocolNode ?? node).error(
                    "protocol \(declaredTransport.rawValue) does not fit link kind \(quoted(link.rawValue))",
                    hint: link.transport.map { "a \(link.rawValue) link travels on \($0.rawValue)" } ?? "COM invoke has no protocol")
            }
            if link == .com, let portNode = map["port"] {
                throw portNode.error("a COM invoke (arrow \(label)) stays inside one device and has no port")
            }
            if link == .com, from.id != to.id {
                throw node.error("a COM invoke (arrow \(label)) joins applications on one device: 'from' and 'to' must be the same role")
            }
            let tls: TLSExpectation
            if let tlsNode = map["tls"] {
                tls = try tlsExpectation(tlsNode)
                if link.transport != .tcp, tls != .notApplicable {
                    throw tlsNode.error("TLS applies to TCP only; arrow \(label) is \(link.rawValue)", hint: "write 'tls: n/a' or leave it out")
                }
            } else if link.transport == .tcp {
                throw LocatedError(at: map.location, "arrow \(label) needs 'tls' (yes, no or unknown)")
            } else {
                tls = .notApplicable
            }
            var process: ProcessName?
            if let processNode = map["process"] {
                let name = ProcessName(try processNode.string("process"))
                guard to.processes.contains(name) else {
                    let listed = to.processes.map(\.rawValue).joined(separator: ", ")
                    throw processNode.error(
                        "process \(quoted(name)) is not a process of role \(quoted(to.id))",
                        hint: listed.isEmpty ? "add it to that role's 'processes'" : "its processes: \(listed)")
                }
                process = name
            }
            let via = try (map["via"]?.sequence("via") ?? []).map { item in
                let name = try item.string("via")
                guard roles.contains(where: { $0.id.rawValue == name }) else {
                    throw item.error("unknown role \(quoted(name)) in 'via' of arrow \(label)")
                }
                return RoleID(name)
            }
            return Connection(
                label: label, initiator: from.id, responder: to.id, port: port, alternatives: alternatives,
                legacyPorts: legacyPorts, inferredPort: inferredPort,
                transport: link.transport, link: link, tls: tls, process: process,
                device: try map["device"]?.string("device"),
                purpose: try map.required("purpose").string("purpose").trimmed,
                notes: try strings(map["notes"], "notes"), via: via)
        } catch {
            throw error as? LocatedError ?? node.error("\(error)")
        }
    }

    private func portNumber(_ node: YAMLNode) throws -> PortNumber {
        let text = try node.string("port")
        guard let value = Int(text) else { throw node.error("port must be a number, not \(quoted(text))") }
        guard let port = PortNumber(value) else {
            throw node.error("port \(value) is out of range", hint: "ports run from 1 to 65535")
        }
        return port
    }

    /// `{port: 14000, tls: no, note: "the document's words"}`.
    private func legacyPort(_ node: YAMLNode) throws -> LegacyPort {
        let map = try node.mapping("legacy port")
        try map.rejectUnknownKeys(["port", "tls", "note"])
        return LegacyPort(
            port: try portNumber(map.required("port")), tls: try tlsExpectation(map.required("tls")),
            note: try map.required("note").string("note").trimmed)
    }

    private func tlsExpectation(_ node: YAMLNode) throws -> TLSExpectation {
        switch try node.string("tls").lowercased() {
        case "yes", "true": return .yes
        case "no", "false": return .no
        case "unknown": return .unknown
        case "n/a", "null", "none": return .notApplicable
        case let other: throw node.error("unknown TLS value \(quoted(other))", hint: "expected one of: yes, no, unknown, n/a")
        }
    }

    private func strings(_ node: YAMLNode?, _ what: String) throws -> [String] {
        try (node?.sequence(what) ?? []).map { try $0.string(what).trimmed }
    }
}

extension String {
    /// Without leading and trailing white space and newlines (YAML folded blocks end in one).
    var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
