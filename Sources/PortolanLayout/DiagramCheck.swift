import PortolanModel

/// Checks a diagram's geometric invariants; tests run it over every built-in schema and random topologies.
public enum DiagramCheck {
    /// Every broken invariant, as a sentence naming the route, label or box; empty if the diagram is sound.
    public static func violations(_ d: Diagram) -> [String] {
        var problems: [String] = []
        let canvas = CellRect(x: 0, y: 0, width: d.width, height: d.height)
        func inside(_ r: CellRect) -> Bool { canvas.contains(CellPoint(x: r.minX, y: r.minY)) && canvas.contains(CellPoint(x: r.maxX, y: r.maxY)) }
        for (i, a) in d.boxes.enumerated() {
            if !inside(a.rect) { problems.append("box \(a.role) leaves the canvas") }
            for b in d.boxes[(i + 1)...] where a.rect.intersects(b.rect) {
                problems.append("boxes \(a.role) and \(b.role) overlap")
            }
            for process in a.processes where !(a.rect.interiorContains(CellPoint(x: process.rect.minX, y: process.rect.minY))
                && a.rect.interiorContains(CellPoint(x: process.rect.maxX, y: process.rect.maxY)))
            {
                problems.append("process \(process.name) sticks out of box \(a.role)")
            }
        }
        var owners: [CellPoint: [(Int, LineMask)]] = [:]
        for (r, route) in d.routes.enumerated() {
            let name = "route \(route.initiator) → \(route.responder) (\(route.link.rawValue))"
            guard let first = route.cells.first, let last = route.cells.last else {
                problems.append("\(name) has no cells")
                continue
            }
            for (a, b) in zip(route.cells, route.cells.dropFirst()) where abs(a.x - b.x) + abs(a.y - b.y) != 1 {
                problems.append("\(name) is not orthogonally connected between \(a) and \(b)")
            }
            if let cell = route.cells.first(where: { $0.x == 0 || $0.y == 0 || $0.x == d.width - 1 || $0.y == d.height - 1 }) {
                problems.append("\(name) runs on the figure's outermost row or column at \(cell), where it reads as a frame")
            }
            for (index, cell) in route.cells.enumerated() {
                if !canvas.contains(cell) { problems.append("\(name) leaves the canvas at \(cell)") }
                if let box = d.boxes.first(where: { $0.rect.contains(cell) }) {
                    problems.append("\(name) enters box \(box.role) at \(cell)")
                }
                owners[cell, default: []].append((r, route.mask(at: index)))
            }
            if let source = d.box(route.initiator)?.rect, !onBorder(first.moved(route.startSide), source) {
                problems.append("\(name) does not start at its initiator's border")
            }
            if let target = d.box(route.responder)?.rect, !onBorder(last.moved(route.endSide), target) {
                problems.append("\(name) does not end on its responder's border")
            }
            if route.cells.count >= 2 {
                let before = route.cells[route.cells.count - 2]
                if before.moved(route.endSide) != last { problems.append("\(name): the arrowhead does not point along the line") }
            }
            for zone in d.zones where zone.framed {
                for (index, cell) in route.cells.enumerated() where zone.rect.contains(cell) && !zone.rect.interiorContains(cell) {
                    let mask = route.mask(at: index)
                    let acrossTop = (cell.y == zone.rect.minY || cell.y == zone.rect.maxY) && mask == .vertical
                    let acrossSide = (cell.x == zone.rect.minX || cell.x == zone.rect.maxX) && mask == .horizontal
                    if !(acrossTop || acrossSide) { problems.append("\(name) runs along the DMZ boundary at \(cell)") }
                }
            }
        }
        problems += ArrowCheck.violations(d, owners: owners)
        for (i, label) in d.labels.enumerated() {
            let text = label.lines.map(\.description).joined(separator: " / ")
            if !inside(label.rect) { problems.append("label '\(text)' leaves the canvas") }
            for other in d.labels[(i + 1)...] where label.rect.intersects(other.rect) {
                problems.append("labels '\(text)' and '\(other.lines.map(\.description).joined(separator: " / "))' overlap")
            }
            if let box = d.boxes.first(where: { $0.rect.intersects(label.rect) }) {
                problems.append("label '\(text)' covers box \(box.role)")
            }
            if owners.keys.contains(where: { label.rect.contains($0) }) { problems.append("label '\(text)' covers a line") }
            for zone in d.zones where zone.framed && label.rect.intersects(zone.rect) && !label.rect.isInside(zone.rect.inset(by: 1)) {
                if !label.rect.isOutside(zone.rect) { problems.append("label '\(text)' covers the DMZ boundary") }
            }
            guard d.routes.indices.contains(label.route) else {
                problems.append("label '\(text)' names no route")
                continue
            }
            if !d.routes[label.route].cells.contains(where: { label.rect.distance(to: $0) == 1 }) {
                problems.append("label '\(text)' does not touch its route")
            }
            for (r, route) in d.routes.enumerated() where r != label.route {
                if let head = route.cells.last, label.rect.touchesSide(head) {
                    problems.append("label '\(text)' touches the arrowhead of route \(route.initiator) → \(route.responder) at \(head)")
                }
            }
        }
        let carried = d.routes.reduce(0) { $0 + $1.arrows.count }
        let expected = d.connections.filter { !$0.isLocal }.count
        if carried != expected { problems.append("routes carry \(carried) connections, the schema has \(expected)") }
        if d.labels.count != d.routes.count { problems.append("\(d.routes.count) routes but \(d.labels.count) labels") }
        for local in d.locals {
            guard let box = d.box(local.role) else { continue }
            if !box.rect.interiorContains(CellPoint(x: local.line.minX, y: local.line.minY)) {
                problems.append("COM invoke of \(local.role) is not inside its box")
            }
        }
        return problems
    }

    private static func onBorder(_ point: CellPoint, _ rect: CellRect) -> Bool {
        rect.contains(point) && !rect.interiorContains(point)
    }
}

extension CellRect {
    /// True if every cell of this rectangle is in `other`.
    func isInside(_ other: CellRect) -> Bool {
        other.contains(CellPoint(x: minX, y: minY)) && other.contains(CellPoint(x: maxX, y: maxY))
    }

    /// True if `point` is outside this rectangle and right above, below, left or right of one of its cells.
    func touchesSide(_ point: CellPoint) -> Bool {
        let besideX = point.x >= minX && point.x <= maxX && (point.y == minY - 1 || point.y == maxY + 1)
        let besideY = point.y >= minY && point.y <= maxY && (point.x == minX - 1 || point.x == maxX + 1)
        return besideX || besideY
    }

    /// True if no cell of this rectangle is in `other`.
    func isOutside(_ other: CellRect) -> Bool { !intersects(other) }
}
