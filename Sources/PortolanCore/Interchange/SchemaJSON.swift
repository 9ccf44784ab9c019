import Foundation

/// The JSON form of a schema, with the field names `portolan schemas --json` and `show --json` promise.
///
/// `tls` is `true`, `false`, `"unknown"`, or `null` where TLS does not apply (UDP, COM).
public struct SchemaJSON: Encodable, Sendable {
    public struct RoleJSON: Encodable, Sendable {
        var id, kind, label, zone: String
        var processes: [ProcessJSON]
        var place: [Int]?
        var notes: [String]
    }

    public struct ProcessJSON: Encodable, Sendable {
        var name: String
        var ports: [String]
    }

    /// A port the documents allow but do not recommend: `{"port": 14000, "tls": false, "note": "…"}`.
    public struct LegacyPortJSON: Encodable, Sendable {
        var port: Int
        var tls: TLSExpectation
        var note: String
    }

    public struct ConnectionJSON: Encodable, Sendable {
        var label, from, to: String
        var port: Int?
        var alternatives: [Int]
        var legacyPorts: [LegacyPortJSON]
        /// The protocol's default port where the document names none (443 for HTTPS).
        var inferredPort: Int?
        var `protocol`: String?
        var link: String
        var tls: TLSExpectation
        var process: String?
        var device: String
        var purpose: String
        var notes: [String]
        var via: [String]

        enum CodingKeys: String, CodingKey {
            case label, from, to, port, alternatives
            case legacyPorts = "legacy_ports"
            case inferredPort = "inferred_port"
            case `protocol`, link, tls, process, device, purpose, notes, via
        }
    }

    var id, title, pack, kind: String
    var arrows: Int
    var summary: String
    var source: String
    var notes: [String]
    var roles: [RoleJSON]
    var connections: [ConnectionJSON]

    public init(_ schema: Schema) {
        id = schema.id.rawValue
        title = schema.title
        pack = schema.pack.rawValue
        kind = schema.kind.rawValue
        arrows = schema.connections.count
        summary = schema.summary
        source = schema.source
        notes = schema.notes
        roles = schema.roles.map { role in
            RoleJSON(
                id: role.id.rawValue, kind: role.kind.rawValue, label: role.label, zone: role.zone.rawValue,
                processes: role.processes.map { process in
                    ProcessJSON(
                        name: process.rawValue,
                        ports: schema.ports(of: process, on: role.id).map { "\($0.port)/\($0.transport.rawValue)" })
                },
                place: role.placement.map { [$0.row, $0.column] }, notes: role.notes)
        }
        connections = schema.connections.map { c in
            ConnectionJSON(
                label: c.label.rawValue, from: c.initiator.rawValue, to: c.responder.rawValue,
                port: c.port.map { Int($0.rawValue) }, alternatives: c.alternatives.map { Int($0.rawValue) },
                legacyPorts: c.legacyPorts.map { LegacyPortJSON(port: Int($0.port.rawValue), tls: $0.tls, note: $0.note) },
                inferredPort: c.inferredPort.map { Int($0.rawValue) },
                protocol: c.transport?.rawValue, link: c.link.rawValue, tls: c.tls, process: c.process?.rawValue,
                device: schema.device(answering: c), purpose: c.purpose, notes: c.notes, via: c.via.map(\.rawValue))
        }
    }
}

extension TLSExpectation: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .yes: try container.encode(true)
        case .no: try container.encode(false)
        case .unknown: try container.encode("unknown")
        case .notApplicable: try container.encodeNil()
        }
    }
}

extension Schema {
    /// The device column of a traffic table for a connection: the document's words where given,
    /// else the responder's label.
    public func device(answering connection: Connection) -> String {
        connection.device ?? role(connection.responder)?.label ?? connection.responder.rawValue
    }
}

/// Encodes values as the pretty, stable JSON every `--json` flag prints.
public enum JSONOutput {
    /// Two-space indented JSON with a trailing newline, keys sorted: Foundation's encoder on Linux keeps an
    /// object's keys in a hashed dictionary, so without sorting two runs print the same object differently.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
