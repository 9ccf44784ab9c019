import PortolanCore

/// The table `portolan schemas` prints.
public struct SchemaListView: Sendable {
    public var schemas: [Schema]

    public init(schemas: [Schema]) { self.schemas = schemas }

    /// The table; titles wrap to fit `width` columns (`nil`: no limit).
    public func render(width: Int? = nil) -> String {
        TextTable(
            header: ["ID", "PACK", "KIND", "ARROWS", "TITLE"],
            rows: schemas.map { [$0.id.rawValue, $0.pack.rawValue, $0.kind.rawValue, String($0.connections.count), $0.title] },
            wrapping: [4]
        ).render(width: width)
    }
}
