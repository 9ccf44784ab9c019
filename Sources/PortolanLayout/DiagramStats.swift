/// Measures of a figure's legibility, for the benchmark table: size, crossings, bends, empty rows.
public struct DiagramStats: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// Cells where two routes cross at right angles.
    public var crossings: Int
    /// Cells where a route turns.
    public var bends: Int
    /// The share of the figure's rows on which nothing is drawn (0...1).
    public var emptyRowFraction: Double

    public init(_ d: Diagram) {
        width = d.width
        height = d.height
        crossings = d.edgeCells().filter { $0.cell.crossing != nil }.count
        bends = d.routes.reduce(0) { total, route in
            total + route.cells.indices.filter { index in
                let mask = route.mask(at: index)
                return mask != .horizontal && mask != .vertical
            }.count
        }
        var drawn = Array(repeating: false, count: d.height)
        func mark(_ rect: CellRect) {
            guard rect.height > 0 else { return }
            for y in rect.minY...rect.maxY where drawn.indices.contains(y) { drawn[y] = true }
        }
        for box in d.boxes { mark(box.rect) }
        for label in d.labels { mark(label.rect) }
        for zone in d.zones {
            mark(CellRect(x: zone.titleAt.x, y: zone.titleAt.y, width: 1, height: 1))
            if zone.framed { mark(zone.rect) }
        }
        for route in d.routes { for cell in route.cells where drawn.indices.contains(cell.y) { drawn[cell.y] = true } }
        emptyRowFraction = d.height == 0 ? 0 : Double(drawn.filter { !$0 }.count) / Double(d.height)
    }
}
