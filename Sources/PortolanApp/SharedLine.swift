import PortolanCore
import PortolanLayout

extension Diagram {
    /// The other arrows drawn along `arrow`'s line: its bundle, and the arrows of routes that run through
    /// one of its cells in the same direction (a shared trunk, not a crossing); in route order.
    func arrowsSharingLine(with arrow: ArrowRef) -> [ArrowRef] {
        guard let index = route(of: arrow) else { return [] }
        let own = routes[index]
        var masks: [CellPoint: LineMask] = [:]
        for (position, cell) in own.cells.enumerated() { masks[cell] = own.mask(at: position) }
        var out = own.arrows.filter { $0 != arrow }
        for (other, route) in routes.enumerated() where other != index {
            let runsAlong = route.cells.indices.contains { position in
                masks[route.cells[position]].map { !$0.intersection(route.mask(at: position)).isEmpty } ?? false
            }
            if runsAlong { out += route.arrows }
        }
        return out
    }
}
