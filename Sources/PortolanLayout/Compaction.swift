/// The compaction pass after routing: every run of empty rows (and columns) shrinks to one.
///
/// A row is *empty* if nothing in it would be lost by deleting it: each of its cells is blank, a straight
/// vertical run of a route (not an end, a bend or a crossing) or the side of the DMZ frame. Deleting such a
/// row joins the cells above and below it, so routes stay connected and frames closed. One row of every run
/// stays, so that two things apart stay apart: no label comes to touch another route, no box another box.
/// Columns are treated the same way with horizontal runs.
enum Compaction {
    /// The diagram with every run of empty rows and columns reduced to one.
    static func compact(_ d: Diagram) -> Diagram {
        var rowKept = Array(repeating: false, count: d.height)
        var columnKept = Array(repeating: false, count: d.width)
        func keep(_ rect: CellRect) {
            for y in max(0, rect.minY)...min(d.height - 1, max(rect.minY, rect.maxY)) where rect.height > 0 { rowKept[y] = true }
            for x in max(0, rect.minX)...min(d.width - 1, max(rect.minX, rect.maxX)) where rect.width > 0 { columnKept[x] = true }
        }
        for box in d.boxes { keep(box.rect) }
        for label in d.labels { keep(label.rect) }
        for zone in d.zones {
            let titleWidth = Width.of(zone.title) + (zone.framed ? 2 : 0)
            keep(CellRect(x: zone.titleAt.x - (zone.framed ? 1 : 0), y: zone.titleAt.y, width: titleWidth, height: 1))
            if zone.framed {
                rowKept[zone.rect.minY] = true
                rowKept[zone.rect.maxY] = true
                columnKept[zone.rect.minX] = true
                columnKept[zone.rect.maxX] = true
            }
        }
        var masks: [CellPoint: LineMask] = [:]
        var ends = Set<CellPoint>()
        for route in d.routes {
            for index in route.cells.indices { masks[route.cells[index], default: []].formUnion(route.mask(at: index)) }
            if let first = route.cells.first, let last = route.cells.last { ends.formUnion([first, last]) }
        }
        for (cell, mask) in masks {
            if ends.contains(cell) || mask != .vertical { rowKept[cell.y] = true }
            if ends.contains(cell) || mask != .horizontal { columnKept[cell.x] = true }
        }
        let rows = Axis(kept: shrinkRuns(rowKept)), columns = Axis(kept: shrinkRuns(columnKept))
        guard rows.count < d.height || columns.count < d.width else { return d }
        return remap(d, rows: rows, columns: columns)
    }

    /// Marks the first row of every run of rows that are not kept as kept too.
    private static func shrinkRuns(_ kept: [Bool]) -> [Bool] {
        var out = kept
        for index in kept.indices where !kept[index] && (index == 0 || kept[index - 1]) { out[index] = true }
        return out
    }

    /// The old-to-new coordinate map of one axis.
    struct Axis {
        /// The new coordinate of every old one that stays; -1 for a deleted one.
        var new: [Int]
        var count: Int

        init(kept: [Bool]) {
            var next = 0
            new = kept.map { keep in
                defer { if keep { next += 1 } }
                return keep ? next : -1
            }
            count = next
        }

        func map(_ old: Int) -> Int { new.indices.contains(old) ? new[old] : old }

        /// The new span of the old span `from...to`: its first and last kept coordinates.
        func span(_ from: Int, _ to: Int) -> (Int, Int) {
            let lower = (from...max(from, to)).first { new.indices.contains($0) && new[$0] >= 0 } ?? from
            let upper = (from...max(from, to)).reversed().first { new.indices.contains($0) && new[$0] >= 0 } ?? to
            return (map(lower), map(upper))
        }
    }

    private static func remap(_ d: Diagram, rows: Axis, columns: Axis) -> Diagram {
        func point(_ p: CellPoint) -> CellPoint { CellPoint(x: columns.map(p.x), y: rows.map(p.y)) }
        func rect(_ r: CellRect) -> CellRect {
            guard r.width > 0, r.height > 0 else { return CellRect(x: columns.map(r.x), y: rows.map(r.y), width: r.width, height: r.height) }
            let (x0, x1) = columns.span(r.minX, r.maxX), (y0, y1) = rows.span(r.minY, r.maxY)
            return CellRect(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
        }
        func line(_ t: TextLine) -> TextLine { TextLine(t.text, at: point(t.at)) }
        var out = d
        out.width = columns.count
        out.height = rows.count
        out.zones = d.zones.map { zone in
            var zone = zone
            zone.rect = rect(zone.rect)
            zone.titleAt = point(zone.titleAt)
            return zone
        }
        out.boxes = d.boxes.map { box in
            var box = box
            box.rect = rect(box.rect)
            box.kindTag = line(box.kindTag)
            box.lines = box.lines.map(line)
            box.processes = box.processes.map { process in
                var process = process
                process.rect = rect(process.rect)
                process.title = line(process.title)
                process.ports = process.ports.map(line)
                return process
            }
            return box
        }
        out.locals = d.locals.map { local in
            var local = local
            local.line = rect(local.line)
            local.text = line(local.text)
            return local
        }
        out.routes = d.routes.map { route in
            var route = route
            route.cells = route.cells.filter { rows.new[$0.y] >= 0 && columns.new[$0.x] >= 0 }.map(point)
            return route
        }
        out.labels = d.labels.map { label in
            var label = label
            label.rect = rect(label.rect)
            return label
        }
        return out
    }
}
