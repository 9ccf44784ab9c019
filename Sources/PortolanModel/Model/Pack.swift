/// A set of schemas from one document, such as `ksc-13.1` from the Kaspersky Security Center 13.1 help.
public struct Pack: Hashable, Sendable, Identifiable {
    public var id: PackID
    public var title: String
    /// The document the schemas come from.
    public var document: String
    /// Where the pack was loaded from: `built-in` or a directory.
    public var origin: String
    public var schemas: [Schema]
    public var conventions: [Convention]

    public init(
        id: PackID, title: String, document: String, origin: String, schemas: [Schema], conventions: [Convention] = []
    ) {
        self.id = id
        self.title = title
        self.document = document
        self.origin = origin
        self.schemas = schemas
        self.conventions = conventions
    }
}

/// One row of the documents' "Conventions used in interaction schemas" table.
public struct Convention: Hashable, Sendable {
    /// What a convention depicts, so that the legend can draw a sample of it.
    public enum Symbol: Hashable, Sendable {
        case role(RoleKind)
        case process
        case portLabel
        case link(LinkKind)
        case dmzBoundary
    }

    /// The document's description of the icon ("A computer with a green display.").
    public var icon: String
    /// The document's meaning ("Distribution point").
    public var meaning: String
    public var symbol: Symbol

    public init(icon: String, meaning: String, symbol: Symbol) {
        self.icon = icon
        self.meaning = meaning
        self.symbol = symbol
    }
}
