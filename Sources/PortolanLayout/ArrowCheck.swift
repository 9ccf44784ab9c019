import PortolanModel

/// The invariant that keeps arrows apart: two routes (which always carry different labels) never share a
/// drawn cell, except by crossing at right angles or as a marked bundle of merged lines.
///
/// A marked bundle is a run of cells that lines of one kind share in a diagram laid out with
/// `mergedLines`: never an arrow's end, and wherever a line joins or leaves the run the cell is drawn as a
/// junction (three or four arms), so the eye sees where each line goes. Every route's label names all the
/// connections it carries, so both labels of a bundle are in the figure. This is what lets the dashboard
/// colour each arrow by its own live state.
enum ArrowCheck {
    /// Every cell shared other than allowed, every bundle left unmarked, every label missing a connection.
    static func violations(_ d: Diagram, owners: [CellPoint: [(Int, LineMask)]]) -> [String] {
        var problems: [String] = []
        let ends = Set(d.routes.flatMap { [$0.cells.first, $0.cells.last].compactMap { $0 } })
        var union: [CellPoint: LineMask] = [:]
        for (cell, list) in owners { union[cell] = list.reduce(into: LineMask()) { $0.formUnion($1.1) } }
        for (cell, list) in owners.sorted(by: { $0.key < $1.key }) where list.count > 1 {
            let masks = Set(list.map(\.1.rawValue))
            let crossing = list.count == 2 && masks == [LineMask.horizontal.rawValue, LineMask.vertical.rawValue]
            let merged = d.mergedLines && !ends.contains(cell) && Set(list.map { d.routes[$0.0].link }).count == 1
            if !(crossing || merged) {
                problems.append("routes \(list.map(\.0)) share \(cell) other than by crossing at right angles")
            }
        }
        // Where a line joins or leaves a shared run, the cell must be a junction.
        for (r, route) in d.routes.enumerated() {
            for (index, cell) in route.cells.enumerated() {
                let sharers = Set((owners[cell] ?? []).map(\.0)).subtracting([r])
                guard !sharers.isEmpty, !isCrossing(owners[cell] ?? []) else { continue }
                for neighbour in [index - 1, index + 1] where route.cells.indices.contains(neighbour) {
                    let next = Set((owners[route.cells[neighbour]] ?? []).map(\.0))
                    if !sharers.isSubset(of: next), (union[cell] ?? []).directions.count < 3 {
                        problems.append("route \(r) joins routes \(sharers.sorted()) at \(cell) without a junction mark")
                    }
                }
            }
        }
        for label in d.labels where d.routes.indices.contains(label.route) {
            let route = d.routes[label.route]
            let text = label.lines.map(\.description).joined(separator: " ")
            for missing in missingConnections(route, in: d, text: text) {
                problems.append("label '\(text)' does not name \(missing) of its route \(route.initiator) → \(route.responder)")
            }
        }
        return problems
    }

    private static func isCrossing(_ list: [(Int, LineMask)]) -> Bool {
        list.count == 2 && Set(list.map(\.1.rawValue)) == [LineMask.horizontal.rawValue, LineMask.vertical.rawValue]
    }

    /// The connections of `route` its label text does not name: by marker where the figure numbers its
    /// arrows, else by port.
    private static func missingConnections(_ route: Route, in d: Diagram, text: String) -> [String] {
        let numbered = d.schema.kind == .deployment || d.detail == .overview
        var missing: [String] = []
        for arrow in route.arrows {
            if numbered {
                if !text.contains(LabelText.marker(arrow.label)) { missing.append(LabelText.marker(arrow.label)) }
                continue
            }
            for c in d.schema.connection(arrow).map({ [$0] }) ?? [] {
                let name = c.port?.description ?? (c.link == .https ? "HTTPS" : "")
                if !name.isEmpty && !text.contains(name) { missing.append("port \(name)") }
            }
        }
        return missing
    }
}
