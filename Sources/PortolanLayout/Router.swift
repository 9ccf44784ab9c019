import PortolanModel

/// Orthogonal routing on the cell grid with A*: each step costs 1, a bend `bendCost`, crossing another
/// route at right angles `crossingCost`. Routes never share a cell lengthwise and never turn on a crossing.
///
/// Dense topologies use `Tuning.dense`: a weighted search, and labels that move out of a route's way.
///
/// Deterministic: ties in the open list break by heuristic, then by insertion order, and the neighbours
/// of a state are tried in `Direction` order.
struct Router {
    static let bendCost: Int32 = 6
    static let crossingCost: Int32 = 30
    static let boundaryCost: Int32 = 4
    static let hugCost: Int32 = 2
    /// Running along another line of the same kind, allowed only when merging.
    static let shareCost: Int32 = 12
    /// Each step within `edgeBand` cells of the zones' outer edge: a line there runs along the figure's
    /// edge and reads as a zone frame, so it goes round the figure only where the inside costs far more.
    /// The blank band round the zones (`Frame.margin`) is closed to routes.
    static let edgeCost: Int32 = 1
    static let edgeBand = 2
    /// Each step along the DMZ frame, in the row or column next to it: a line there doubles the frame.
    static let alongFrameCost: Int32 = 4
    /// Each step along a label's side: a line there reads as the label's own. Per cell, so a step past a
    /// label's end (a label is one or two rows tall) costs about what a run along its top or bottom (ten to
    /// twenty cells wide) does: about a crossing per label passed.
    static let alongLabelEndCost: Int32 = 24
    static let alongLabelTopCost: Int32 = 2

    let width: Int
    let height: Int
    let tuning: Tuning
    /// What lies on each cell, as `Mark` bits: one load per cell in the search's inner loop.
    private var marks: [Mark]
    /// The link kind of the lines in a cell: -1 none, -2 several kinds.
    private var lineKind: [Int8]
    /// How many labels have a cell right above or below (`alongLabelH`) and right left or right
    /// (`alongLabelV`) of this one; the marks of the same names say whether any has.
    private var labelsAlongH: [UInt8]
    private var labelsAlongV: [UInt8]
    /// The placed label covering a cell, -1 for none: in dense layouts a route may pass through a label
    /// at `ripCost`, and the label then moves elsewhere along its own route. Empty when labels never move.
    private var labelAt: [Int32]
    private var stamp: [UInt32]
    private var cost: [Int32]
    private var parent: [Int32]
    private var generation: UInt32 = 0
    /// The open list, kept between searches so that its storage is allocated once per sketch.
    private var heap = StateHeap()

    /// The bits of a cell's `marks`.
    struct Mark: OptionSet {
        let rawValue: UInt32
        /// A box, a zone frame's corner or title, or a placed label.
        static let blocked = Mark(rawValue: 1 << 0)
        /// A straight run of a route, horizontal or vertical.
        static let usedH = Mark(rawValue: 1 << 1)
        static let usedV = Mark(rawValue: 1 << 2)
        /// First and last cells of routes: never shared, never crossed.
        static let endpoint = Mark(rawValue: 1 << 3)
        /// Cells where a route bends: crossed by nothing, shared only by lines of the same kind when merging.
        static let bend = Mark(rawValue: 1 << 4)
        /// A zone frame's horizontal or vertical side.
        static let frameH = Mark(rawValue: 1 << 5)
        static let frameV = Mark(rawValue: 1 << 6)
        /// Next to a box (diagonals included): routes pay to run there.
        static let hug = Mark(rawValue: 1 << 7)
        /// Up to two away from a box: labels sit there only as a last resort, so that they never wall in a
        /// box's ports (which lines may cross only at right angles).
        static let nearBox = Mark(rawValue: 1 << 8)
        /// Directly above or below a box side: lines may cross it only vertically, so that ports stay free.
        static let sideH = Mark(rawValue: 1 << 9)
        /// Directly left or right of a box side: lines may cross it only horizontally.
        static let sideV = Mark(rawValue: 1 << 10)
        /// Within `edgeBand` of the blank band round the zones: every step there pays `edgeCost`.
        static let edge = Mark(rawValue: 1 << 11)
        /// Next to the DMZ frame's top or bottom (horizontal steps pay), next to its sides (vertical steps pay).
        static let alongFrameH = Mark(rawValue: 1 << 12)
        static let alongFrameV = Mark(rawValue: 1 << 13)
        /// Right above or below a label (horizontal steps pay), right left or right of one (vertical steps
        /// pay). No route ends on a cell that touches a label.
        static let alongLabelH = Mark(rawValue: 1 << 14)
        static let alongLabelV = Mark(rawValue: 1 << 15)
        /// Anything drawn: a route may turn, start or end only where none of these is.
        static let drawn: Mark = [.blocked, .endpoint, .bend, .usedH, .usedV, .frameH, .frameV]
    }

    init(frame: Frame, tuning: Tuning = .careful) {
        self.tuning = tuning
        width = frame.width
        height = frame.height
        let count = width * height
        marks = Array(repeating: [], count: count)
        lineKind = Array(repeating: -1, count: count)
        labelsAlongH = Array(repeating: 0, count: count)
        labelsAlongV = labelsAlongH
        let margin = Frame.margin, band = Frame.margin + Self.edgeBand
        func within(_ i: Int, _ d: Int) -> Bool {
            let x = i % frame.width, y = i / frame.width
            return x < d || y < d || x >= frame.width - d || y >= frame.height - d
        }
        for i in 0..<count {
            if within(i, band) { marks[i].insert(.edge) }
            if within(i, margin) { marks[i].insert(.blocked) }
        }
        labelAt = tuning.ripCost == nil ? [] : Array(repeating: -1, count: count)
        stamp = Array(repeating: 0, count: count * 4)
        cost = Array(repeating: 0, count: count * 4)
        parent = Array(repeating: -1, count: count * 4)
        for box in frame.boxes {
            for point in box.rect.cells { marks[index(point)].insert(.blocked) }
            for point in box.rect.inset(by: -1).cells where contains(point) { marks[index(point)].insert(.hug) }
            for point in box.rect.inset(by: -2).cells where contains(point) { marks[index(point)].insert(.nearBox) }
            let r = box.rect
            for x in r.minX...r.maxX {
                for y in [r.minY - 1, r.maxY + 1] where contains(CellPoint(x: x, y: y)) {
                    marks[index(CellPoint(x: x, y: y))].insert(.sideH)
                }
            }
            for y in r.minY...r.maxY {
                for x in [r.minX - 1, r.maxX + 1] where contains(CellPoint(x: x, y: y)) {
                    marks[index(CellPoint(x: x, y: y))].insert(.sideV)
                }
            }
        }
        for zone in frame.zones {
            let rect = zone.rect
            if zone.framed {
                for x in rect.minX...rect.maxX {
                    marks[index(CellPoint(x: x, y: rect.minY))].insert(.frameH)
                    marks[index(CellPoint(x: x, y: rect.maxY))].insert(.frameH)
                }
                for y in rect.minY...rect.maxY {
                    marks[index(CellPoint(x: rect.minX, y: y))].insert(.frameV)
                    marks[index(CellPoint(x: rect.maxX, y: y))].insert(.frameV)
                }
                for corner in [
                    CellPoint(x: rect.minX, y: rect.minY), CellPoint(x: rect.maxX, y: rect.minY),
                    CellPoint(x: rect.minX, y: rect.maxY), CellPoint(x: rect.maxX, y: rect.maxY),
                ] {
                    marks[index(corner)].insert(.blocked)
                }
                let outer = rect.inset(by: -1), inner = rect.inset(by: 1)
                for x in outer.minX...outer.maxX {
                    for y in [outer.minY, inner.minY, inner.maxY, outer.maxY] where contains(CellPoint(x: x, y: y)) {
                        marks[index(CellPoint(x: x, y: y))].insert(.alongFrameH)
                    }
                }
                for y in outer.minY...outer.maxY {
                    for x in [outer.minX, inner.minX, inner.maxX, outer.maxX] where contains(CellPoint(x: x, y: y)) {
                        marks[index(CellPoint(x: x, y: y))].insert(.alongFrameV)
                    }
                }
            }
            let title = CellRect(x: zone.titleAt.x - 1, y: zone.titleAt.y, width: Width.of(zone.title) + 2, height: 1)
            for point in title.cells where contains(point) { marks[index(point)].insert(.blocked) }
        }
    }

    func contains(_ p: CellPoint) -> Bool { p.x >= 0 && p.y >= 0 && p.x < width && p.y < height }
    func index(_ p: CellPoint) -> Int { p.y * width + p.x }
    private func point(_ i: Int) -> CellPoint { CellPoint(x: i % width, y: i / width) }

    /// True if nothing at all is drawn on the cell: a route may turn, start or end there.
    func isClean(_ i: Int) -> Bool { marks[i].isDisjoint(with: .drawn) }

    /// True if the cell is up to two away from a box.
    func isNearBox(_ i: Int) -> Bool { marks[i].contains(.nearBox) }

    /// True if the cell is next to a box (diagonals included).
    func isBesideBox(_ i: Int) -> Bool { marks[i].contains(.hug) }

    /// True if a route starts or ends on the cell.
    func isEndpoint(_ i: Int) -> Bool { marks[i].contains(.endpoint) }

    /// True if a label has a cell right beside, above or below this one: no arrowhead may sit there.
    func touchesLabel(_ i: Int) -> Bool { !marks[i].isDisjoint(with: [.alongLabelH, .alongLabelV]) }

    /// The free cells next to a box's four sides (not its corners), each with the direction that leads away.
    private func ports(of rect: CellRect) -> [(Int, Direction)] {
        var out: [(CellPoint, Direction)] = []
        for x in (rect.minX + 1)..<max(rect.minX + 1, rect.maxX) {
            out.append((CellPoint(x: x, y: rect.minY - 1), .up))
            out.append((CellPoint(x: x, y: rect.maxY + 1), .down))
        }
        for y in (rect.minY + 1)..<max(rect.minY + 1, rect.maxY) {
            out.append((CellPoint(x: rect.minX - 1, y: y), .left))
            out.append((CellPoint(x: rect.maxX + 1, y: y), .right))
        }
        return out.filter { contains($0.0) }.map { (index($0.0), $0.1) }.filter { isClean($0.0) }
    }

    /// Finds the cheapest route from the side of `source` to the side of `target`.
    ///
    /// - Parameter merging: lets the route run along and join lines of its own link kind (at a cost),
    ///   the last resort for dense topologies where separate lines find no way through.
    /// - Returns: the cells, the direction from the first cell into `source` and the arrowhead's direction; `nil` if walled in.
    mutating func route(
        from source: CellRect, to target: CellRect, link: LinkKind, merging: Bool = false, movingLabels: Bool = true
    ) -> (cells: [CellPoint], start: Direction, end: Direction)? {
        let ripCost = movingLabels ? tuning.ripCost : nil
        let kind = Int8(LinkKind.allCases.firstIndex(of: link) ?? 0)
        generation &+= 1
        if generation == 0 {
            stamp = Array(repeating: 0, count: stamp.count)
            generation = 1
        }
        let starts = ports(of: source)
        // The search works on the arrays moved out of `self` (no copy, no uniqueness checks in the loop).
        var stamp: [UInt32] = [], cost: [Int32] = [], parent: [Int32] = [], heap = StateHeap()
        swap(&stamp, &self.stamp)
        swap(&cost, &self.cost)
        swap(&parent, &self.parent)
        swap(&heap, &self.heap)
        let search = RouteSearch(
            width: width, height: height, target: target, generation: generation, kind: kind, merging: merging,
            rip: ripCost, tuning: tuning)
        let found = marks.withUnsafeBufferPointer { marks in
            lineKind.withUnsafeBufferPointer { lineKind in
                labelAt.withUnsafeBufferPointer { labelAt in
                    stamp.withUnsafeMutableBufferPointer { stamp in
                        cost.withUnsafeMutableBufferPointer { cost in
                            parent.withUnsafeMutableBufferPointer { parent in
                                search.run(
                                    from: starts, heap: &heap, marks: marks, lineKind: lineKind, labelAt: labelAt,
                                    stamp: stamp, cost: cost, parent: parent)
                            }
                        }
                    }
                }
            }
        }
        swap(&stamp, &self.stamp)
        swap(&cost, &self.cost)
        swap(&parent, &self.parent)
        swap(&heap, &self.heap)
        guard let found, let arrived = Direction(rawValue: found % 4) else { return nil }
        return (path(to: found), away(of: source, from: firstCell(of: found)), arrived)
    }

    private func path(to state: Int) -> [CellPoint] {
        var cells: [CellPoint] = []
        var current = state
        while current >= 0 {
            cells.append(point(current / 4))
            current = Int(parent[current])
        }
        return cells.reversed()
    }

    private func firstCell(of state: Int) -> CellPoint {
        var current = state
        while parent[current] >= 0 { current = Int(parent[current]) }
        return point(current / 4)
    }

    private func away(of rect: CellRect, from cell: CellPoint) -> Direction {
        if cell.y < rect.minY { return .down }
        if cell.y > rect.maxY { return .up }
        return cell.x < rect.minX ? .right : .left
    }

    /// Blocks a rectangle (the placed label number `label`) for later routes.
    mutating func block(_ rect: CellRect, label: Int) {
        for point in rect.cells where contains(point) {
            marks[index(point)].insert(.blocked)
            if !labelAt.isEmpty { labelAt[index(point)] = Int32(label) }
        }
        markSides(of: rect, by: 1)
    }

    /// Counts (or uncounts) the cells round a label's rectangle as along it.
    private mutating func markSides(of rect: CellRect, by step: Int) {
        for x in rect.minX...rect.maxX {
            for y in [rect.minY - 1, rect.maxY + 1] where contains(CellPoint(x: x, y: y)) {
                let i = index(CellPoint(x: x, y: y))
                labelsAlongH[i] = UInt8(clamping: Int(labelsAlongH[i]) + step)
                if labelsAlongH[i] > 0 { marks[i].insert(.alongLabelH) } else { marks[i].remove(.alongLabelH) }
            }
        }
        for y in rect.minY...rect.maxY {
            for x in [rect.minX - 1, rect.maxX + 1] where contains(CellPoint(x: x, y: y)) {
                let i = index(CellPoint(x: x, y: y))
                labelsAlongV[i] = UInt8(clamping: Int(labelsAlongV[i]) + step)
                if labelsAlongV[i] > 0 { marks[i].insert(.alongLabelV) } else { marks[i].remove(.alongLabelV) }
            }
        }
    }

    /// Frees the cells of a label that moves.
    mutating func unblock(_ rect: CellRect) {
        for point in rect.cells where contains(point) {
            marks[index(point)].remove(.blocked)
            if !labelAt.isEmpty { labelAt[index(point)] = -1 }
        }
        markSides(of: rect, by: -1)
    }

    /// The labels covering any of `cells`, in ascending order.
    func labels(on cells: [CellPoint]) -> [Int] {
        guard !labelAt.isEmpty else { return [] }
        return Set(cells.filter(contains).map { Int(labelAt[index($0)]) }.filter { $0 >= 0 }).sorted()
    }

    /// Takes back `claim` of a route that turned out to leave no room for a label (never used when merging,
    /// where cells are shared).
    mutating func unclaim(_ cells: [CellPoint]) { mark(cells, as: false) }

    /// Marks a found route's cells: ends and bends become exclusive, straight runs block their own axis.
    mutating func claim(_ cells: [CellPoint], link: LinkKind) {
        let kind = Int8(LinkKind.allCases.firstIndex(of: link) ?? 0)
        for point in cells {
            let n = index(point)
            lineKind[n] = lineKind[n] == -1 || lineKind[n] == kind ? kind : -2
        }
        mark(cells, as: true)
    }

    /// Sets (or clears) the marks of a route's cells: its ends, its straight runs per axis, its bends.
    private mutating func mark(_ cells: [CellPoint], as value: Bool) {
        for (i, point) in cells.enumerated() {
            let n = index(point)
            let mark: Mark
            if i == 0 || i == cells.count - 1 {
                mark = .endpoint
            } else if cells[i - 1].y == cells[i + 1].y {
                mark = .usedH
            } else if cells[i - 1].x == cells[i + 1].x {
                mark = .usedV
            } else {
                mark = .bend
            }
            if value { marks[n].insert(mark) } else { marks[n].remove(mark) }
        }
    }
}
