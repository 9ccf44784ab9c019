import PortolanCore
import PortolanRender

extension AppState {
    /// The dashboard's first state for a catalog: with `first`, that schema open and the focus on its
    /// diagram (the list's cursor on it); otherwise the catalog list.
    ///
    /// - Parameter topologyName: the bound topology's name; `nil` browses the catalog without probing.
    public init(
        catalog: Catalog, size: ScreenSize, keyMap: KeyMap = .standard, themes: [Theme], topologyName: String?, first: SchemaID?
    ) {
        self.init(
            schemas: catalog.schemas, conventions: catalog.conventions, size: size, keyMap: keyMap, themes: themes,
            live: LiveState(topologyName: topologyName), probing: topologyName != nil)
        if let schema = first.flatMap(catalog.schema) {
            cursor = visibleSchemas.firstIndex { $0.id == schema.id } ?? 0
            open(schema)
            focus = .diagram
        }
    }
}
