/// One row of a consolidated traffic table, as the documents print them:
/// device, port, process, protocol, TLS, purpose, plus the schemas that use it.
public struct TrafficRow: Hashable, Sendable {
    public var device: String
    public var port: PortNumber?
    public var alternatives: [PortNumber]
    public var process: ProcessName?
    public var transport: Transport?
    public var link: LinkKind
    public var tls: TLSExpectation
    public var purpose: String
    public var schemas: [SchemaID]
    public var notes: [String]
}

/// Builds the consolidated traffic table of a set of schemas.
public enum TrafficTable {
    /// Rows for every connection that has a port (COM invoke and port-less arrows are left out),
    /// merged where device, port, process, protocol, TLS and purpose agree; sorted by port, then device.
    public static func rows(for schemas: [Schema]) -> [TrafficRow] {
        var rows: [TrafficRow] = []
        var index: [String: Int] = [:]
        for schema in schemas {
            for connection in schema.connections where connection.link != .com {
                let device = schema.device(answering: connection)
                let key = [
                    device, connection.port?.description ?? "-", connection.process?.rawValue ?? "-",
                    connection.transport?.rawValue ?? "-", connection.tls.rawValue, connection.purpose,
                ].joined(separator: "\u{1F}")
                if let at = index[key] {
                    if !rows[at].schemas.contains(schema.id) { rows[at].schemas.append(schema.id) }
                    for note in connection.notes where !rows[at].notes.contains(note) { rows[at].notes.append(note) }
                } else {
                    index[key] = rows.count
                    rows.append(
                        TrafficRow(
                            device: device, port: connection.port, alternatives: connection.alternatives,
                            process: connection.process, transport: connection.transport, link: connection.link,
                            tls: connection.tls, purpose: connection.purpose, schemas: [schema.id],
                            notes: connection.notes))
                }
            }
        }
        return rows.enumerated().sorted { a, b in
            let pa = a.element.port?.rawValue ?? .max, pb = b.element.port?.rawValue ?? .max
            return (pa, a.element.device, a.offset) < (pb, b.element.device, b.offset)
        }.map(\.element)
    }
}
