/// One documented arrow of a schema: its label and its two ends.
///
/// Unique within a catalog (pack validation rejects two arrows of one schema with the same label and ends),
/// so it is the key that joins a schema's connections, a diagram's routes and live probe results.
public struct ArrowRef: Sendable, Hashable {
    public var schema: SchemaID
    public var label: ArrowLabel
    public var from: RoleID
    public var to: RoleID

    public init(schema: SchemaID, label: ArrowLabel, from: RoleID, to: RoleID) {
        self.schema = schema
        self.label = label
        self.from = from
        self.to = to
    }

    /// The reference to a connection of a schema.
    public init(_ connection: Connection, in schema: SchemaID) {
        self.init(schema: schema, label: connection.label, from: connection.initiator, to: connection.responder)
    }
}

extension Schema {
    /// The reference to the connection at `index`.
    public func arrow(at index: Int) -> ArrowRef? {
        connections.indices.contains(index) ? ArrowRef(connections[index], in: id) : nil
    }

    /// The index in `connections` of the arrow `ref` names, if it belongs to this schema.
    public func index(of ref: ArrowRef) -> Int? {
        guard ref.schema == id else { return nil }
        return connections.firstIndex { $0.label == ref.label && $0.initiator == ref.from && $0.responder == ref.to }
    }

    /// The connection `ref` names, if it belongs to this schema.
    public func connection(_ ref: ArrowRef) -> Connection? {
        index(of: ref).map { connections[$0] }
    }
}
