import PortolanCore
import PortolanRender

extension LiveState {
    /// The states the figure of `schema` shows: every arrow with a port (`unknown` until probed), the
    /// ones that just changed marked; nil before the schema's first results (the figure is not coloured).
    public func arrowStates(for schema: Schema) -> ArrowStates? {
        guard hasResults(for: schema.id) else { return nil }
        var health: [ArrowRef: LinkHealth] = [:]
        var changed: Set<ArrowRef> = []
        for connection in schema.connections {
            let arrow = ArrowRef(connection, in: schema.id)
            guard let state = self.health(of: connection, in: schema.id) else { continue }
            health[arrow] = state
            if justChanged(arrow) { changed.insert(arrow) }
        }
        return ArrowStates(schema: schema.id, health: health, changed: changed)
    }
}
