import PortolanCore
import PortolanRender

extension AppState {
    /// The dashboard's first state for a catalog, always with a schema open: with `first`, that schema and
    /// the focus on its diagram; otherwise `remembered` (the last one viewed, `LastViewed`) or the catalog's
    /// first schema, with the focus on the list so that moving in it previews the others.
    ///
    /// - Parameters:
    ///   - topologyName: the bound topology's name; `nil` browses the catalog without probing.
    ///   - layoutsInBackground: leave layouts to the dashboard's loop (`pendingLayout`), as the terminal does.
    public init(
        catalog: Catalog, size: ScreenSize, keyMap: KeyMap = .standard, themes: [Theme], topologyName: String?, first: SchemaID?,
        remembered: SchemaID? = nil, layoutsInBackground: Bool = false
    ) {
        self.init(
            schemas: catalog.schemas, conventions: catalog.conventions, size: size, keyMap: keyMap, themes: themes,
            live: LiveState(topologyName: topologyName), probing: topologyName != nil)
        self.layoutsInBackground = layoutsInBackground
        if let schema = first.flatMap(catalog.schema) {
            cursor = visibleSchemas.firstIndex { $0.id == schema.id } ?? 0
            open(schema)
            focus = .diagram
        } else if let schema = remembered.flatMap(catalog.schema) ?? visibleSchemas.first {
            cursor = visibleSchemas.firstIndex { $0.id == schema.id } ?? 0
            open(schema)
            focus = .list
        }
    }
}
