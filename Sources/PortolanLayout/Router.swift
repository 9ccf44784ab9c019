import PortolanCore

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
    static let edgeCost: Int32 = 3
    static let edgeBand = 2
    /// Each step along the DMZ frame, in the row or column next to it: a line there doubles the frame.
    static let alongFrameCost: Int32 = 4
    /// Each step along a label's side (the row above or below it, the column left or right of it): a
    /// line there reads as the label's own.
    static let alongLabelCost: Int32 = 4

    let width: Int
    let height: Int
    let tuning: Tuning
    private(set) var blocked: [Bool]
    private(set) var usedH: [Bool]
    private(set) var usedV: [Bool]
    /// First and last cells of routes: never shared, never crossed.
    private(set) var endpoint: [Bool]
    /// Cells where a route bends: crossed by nothing, shared only by lines of the same kind when merging.
    private(set) var bend: [Bool]
    /// The link kind of the lines in a cell: -1 none, -2 several kinds.
    private var lineKind: [Int8]
    private(set) var frameH: [Bool]
    private(set) var frameV: [Bool]
    /// Cells next to a box (diagonals included): routes pay to run there.
    private var hug: [Bool]
    /// Cells up to two away from a box: labels sit there only as a last resort, so that they never wall
    /// in a box's ports (which lines may cross only at right angles).
    private(set) var nearBox: [Bool]
    /// Cells directly above or below a box side: lines may cross them only vertically, so that ports stay free.
    private var sideH: [Bool]
    /// Cells directly left or right of a box side: lines may cross them only horizontally.
    private var sideV: [Bool]
    /// Cells in the blank band round the zones.
    private var edge: [Bool]
    /// Cells next to the DMZ frame's top or bottom (horizontal steps pay), and next to its sides (vertical
    /// steps pay).
    private var alongFrameH: [Bool]
    private var alongFrameV: [Bool]
    /// How many labels have a cell right above or below (horizontal steps pay) and right left or right
    /// (vertical steps pay) of this one. No route ends on a cell that touches a label.
    private var alongLabelH: [UInt8]
    private var alongLabelV: [UInt8]
    /// The placed label covering a cell, -1 for none: in dense layouts a route may pass through a label
    /// at `ripCost`, and the label then moves elsewhere along its own route. Empty when labels never move.
    private var labelAt: [Int32]
    private var stamp: [UInt32]
    private var cost: [Int32]
    private var parent: [Int32]
    private var generation: UInt32 = 0

    init(frame: Frame, tuning: Tuning = .careful) {
        self.tuning = tuning
        width = frame.width
        height = frame.height
        let count = width * height
        blocked = Array(repeating: false, count: count)
        usedH = blocked
        usedV = blocked
        endpoint = blocked
        bend = blocked
        lineKind = Array(repeating: -1, count: count)
        frameH = blocked
        frameV = blocked
        hug = blocked
        nearBox = blocked
        sideH = blocked
        sideV = blocked
        let margin = Frame.margin, band = Frame.margin + Self.edgeBand
        func within(_ i: Int, _ d: Int) -> Bool {
            let x = i % frame.width, y = i / frame.width
            return x < d || y < d || x >= frame.width - d || y >= frame.height - d
        }
        edge = (0..<count).map { within($0, band) }
        for i in 0..<count where within(i, margin) { blocked[i] = true }
        alongFrameH = blocked
        alongFrameV = blocked
        alongLabelH = Array(repeating: 0, count: count)
        alongLabelV = alongLabelH
        labelAt = tuning.ripCost == nil ? [] : Array(repeating: -1, count: count)
        stamp = Array(repeating: 0, count: count * 4)
        cost = Array(repeating: 0, count: count * 4)
        parent = Array(repeating: -1, count: count * 4)
        for box in frame.boxes {
            for point in box.rect.cells { blocked[index(point)] = true }
            for point in box.rect.inset(by: -1).cells where contains(point) { hug[index(point)] = true }
            for point in box.rect.inset(by: -2).cells where contains(point) { nearBox[index(point)] = true }
            let r = box.rect
            for x in r.minX...r.maxX {
                for y in [r.minY - 1, r.maxY + 1] where contains(CellPoint(x: x, y: y)) { sideH[index(CellPoint(x: x, y: y))] = true }
            }
            for y in r.minY...r.maxY {
                for x in [r.minX - 1, r.maxX + 1] where contains(CellPoint(x: x, y: y)) { sideV[index(CellPoint(x: x, y: y))] = true }
            }
        }
        for zone in frame.zones {
            let rect = zone.rect
            if zone.framed {
                for x in rect.minX...rect.maxX {
                    frameH[index(CellPoint(x: x, y: rect.minY))] = true
                    frameH[index(CellPoint(x: x, y: rect.maxY))] = true
                }
                for y in rect.minY...rect.maxY {
                    frameV[index(CellPoint(x: rect.minX, y: y))] = true
                    frameV[index(CellPoint(x: rect.maxX, y: y))] = true
                }
                for corner in [
                    CellPoint(x: rect.minX, y: rect.minY), CellPoint(x: rect.maxX, y: rect.minY),
                    CellPoint(x: rect.minX, y: rect.maxY), CellPoint(x: rect.maxX, y: rect.maxY),
                ] {
                    blocked[index(corner)] = true
                }
                let outer = rect.inset(by: -1), inner = rect.inset(by: 1)
                for x in outer.minX...outer.maxX {
                    for y in [outer.minY, inner.minY, inner.maxY, outer.maxY] where contains(CellPoint(x: x, y: y)) {
                        alongFrameH[index(CellPoint(x: x, y: y))] = true
                    }
                }
                for y in outer.minY...outer.maxY {
                    for x in [outer.minX, inner.minX, inner.maxX, outer.maxX] where contains(CellPoint(x: x, y: y)) {
                        alongFrameV[index(CellPoint(x: x, y: y))] = true
                    }
                }
            }
            let title = CellRect(x: zone.titleAt.x - 1, y: zone.titleAt.y, width: Width.of(zone.title) + 2, height: 1)
            for point in title.cells where contains(point) { blocked[index(point)] = true }
        }
    }

    func contains(_ p: CellPoint) -> Bool { p.x >= 0 && p.y >= 0 && p.x < width && p.y < height }
    func index(_ p: CellPoint) -> Int { p.y * width + p.x }
    private func point(_ i: Int) -> CellPoint { CellPoint(x: i % width, y: i / width) }

    /// True if nothing at all is drawn on the cell: a route may turn, start or end there.
    func isClean(_ i: Int) -> Bool {
        !(blocked[i] || endpoint[i] || bend[i] || usedH[i] || usedV[i] || frameH[i] || frameV[i])
    }

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
        let rip = ripCost ?? 0
        let moving = ripCost != nil
        func ripped(_ i: Int) -> Bool { moving && blocked[i] && labelAt[i] >= 0 }
        let kind = Int8(LinkKind.allCases.firstIndex(of: link) ?? 0)
        func shareable(_ i: Int) -> Bool {
            merging && lineKind[i] == kind && !endpoint[i] && !blocked[i] && !frameH[i] && !frameV[i]
        }
        generation &+= 1
        if generation == 0 {
            stamp = Array(repeating: 0, count: stamp.count)
            generation = 1
        }
        var heap = StateHeap()
        let weight = tuning.weight
        func heuristic(_ cell: Int) -> Int32 { weight * Int32(max(0, target.distance(to: point(cell)) - 1)) }
        for (cell, away) in ports(of: source) {
            let state = cell * 4 + away.rawValue
            stamp[state] = generation
            cost[state] = 0
            parent[state] = -1
            heap.push(f: heuristic(cell), h: heuristic(cell), state: Int32(state))
        }
        var pops = 0
        let budget = tuning.budget(width * height)
        while let (f, state) = heap.pop() {
            let state = Int(state)
            pops += 1
            if pops > budget { return nil }
            let cell = state / 4
            guard let arrived = Direction(rawValue: state % 4) else { continue }
            let g = cost[state]
            if f - heuristic(cell) > g { continue }
            let here = point(cell)
            let cellClean = isClean(cell) || ripped(cell)
            if cellClean, here.moved(arrived).isOnSide(of: target), !touchesLabel(cell) {
                return (path(to: state), away(of: source, from: firstCell(of: state)), arrived)
            }
            for next in Direction.allCases where next != arrived.opposite {
                if next != arrived && !(cellClean || shareable(cell)) { continue }
                let neighbour = here.moved(next)
                guard contains(neighbour) else { continue }
                let n = index(neighbour)
                if (blocked[n] && !ripped(n)) || endpoint[n] { continue }
                let share = shareable(n)
                var step: Int32 = 1 + (next != arrived ? Self.bendCost : 0) + (hug[n] ? Self.hugCost : 0)
                    + (edge[n] ? Self.edgeCost : 0)
                if blocked[n] { step += rip }
                if bend[n] {
                    guard share else { continue }
                    step += Self.shareCost
                }
                if next.isHorizontal {
                    if frameH[n] || sideH[n] { continue }
                    if usedH[n] {
                        guard share else { continue }
                        step += Self.shareCost
                    }
                    if usedV[n] { step += tuning.crossingCost }
                    if frameV[n] { step += Self.boundaryCost }
                    if alongFrameH[n] { step += Self.alongFrameCost }
                    if alongLabelH[n] > 0 { step += Self.alongLabelCost }
                } else {
                    if frameV[n] || sideV[n] { continue }
                    if usedV[n] {
                        guard share else { continue }
                        step += Self.shareCost
                    }
                    if usedH[n] { step += tuning.crossingCost }
                    if frameH[n] { step += Self.boundaryCost }
                    if alongFrameV[n] { step += Self.alongFrameCost }
                    if alongLabelV[n] > 0 { step += Self.alongLabelCost }
                }
                let nextState = n * 4 + next.rawValue
                let newCost = g + step
                if stamp[nextState] == generation && cost[nextState] <= newCost { continue }
                stamp[nextState] = generation
                cost[nextState] = newCost
                parent[nextState] = Int32(state)
                let h = heuristic(n)
                heap.push(f: newCost + h, h: h, state: Int32(nextState))
            }
        }
        return nil
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
            blocked[index(point)] = true
            if !labelAt.isEmpty { labelAt[index(point)] = Int32(label) }
        }
        markSides(of: rect, by: 1)
    }

    /// Counts (or uncounts) the cells round a label's rectangle as along it.
    private mutating func markSides(of rect: CellRect, by step: Int) {
        for x in rect.minX...rect.maxX {
            for y in [rect.minY - 1, rect.maxY + 1] where contains(CellPoint(x: x, y: y)) {
                let i = index(CellPoint(x: x, y: y))
                alongLabelH[i] = UInt8(clamping: Int(alongLabelH[i]) + step)
            }
        }
        for y in rect.minY...rect.maxY {
            for x in [rect.minX - 1, rect.maxX + 1] where contains(CellPoint(x: x, y: y)) {
                let i = index(CellPoint(x: x, y: y))
                alongLabelV[i] = UInt8(clamping: Int(alongLabelV[i]) + step)
            }
        }
    }

    /// True if a label has a cell right beside, above or below this one: no arrowhead may sit there.
    func touchesLabel(_ i: Int) -> Bool { alongLabelH[i] > 0 || alongLabelV[i] > 0 }

    /// Frees the cells of a label that moves.
    mutating func unblock(_ rect: CellRect) {
        for point in rect.cells where contains(point) {
            blocked[index(point)] = false
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
            if i == 0 || i == cells.count - 1 {
                endpoint[n] = value
                continue
            }
            let before = cells[i - 1], after = cells[i + 1]
            if before.y == after.y {
                usedH[n] = value
            } else if before.x == after.x {
                usedV[n] = value
            } else {
                bend[n] = value
            }
        }
    }
}

extension Router {
    /// How the search trades the quality of a route for speed.
    struct Tuning: Hashable, Sendable {
        /// The heuristic's factor: 1 finds the cheapest route; more runs straighter for the target and
        /// expands far fewer states, at the price of routes a little longer than need be.
        var weight: Int32
        var crossingCost: Int32
        /// The price of passing through a placed label, which then moves along its own route; `nil`: never.
        var ripCost: Int32?
        /// States a search may expand, per cell of the grid, before it gives up (a failing search would
        /// otherwise flood the whole grid).
        var budgetPerCell: Int?

        func budget(_ cells: Int) -> Int { budgetPerCell.map { $0 * cells } ?? .max }

        /// The built-in figures: the cheapest route, crossings expensive, labels fixed.
        static let careful = Tuning(weight: 1, crossingCost: Router.crossingCost, ripCost: nil, budgetPerCell: nil)
        /// Dense topologies, where crossings cannot be avoided and an exact search with dear crossings
        /// floods the grid for every route: weighted A*, cheap crossings, labels that give way.
        static let dense = Tuning(weight: 6, crossingCost: 4, ripCost: 60, budgetPerCell: 2)
    }
}

extension CellPoint {
    /// True if the cell is on one of the rectangle's four sides, not on a corner.
    fileprivate func isOnSide(of rect: CellRect) -> Bool {
        let onX = x > rect.minX && x < rect.maxX, onY = y > rect.minY && y < rect.maxY
        return (onX && (y == rect.minY || y == rect.maxY)) || (onY && (x == rect.minX || x == rect.maxX))
    }
}

/// A binary min-heap of search states keyed by (f, h, insertion order).
struct StateHeap {
    private var keys: [UInt64] = []
    private var states: [Int32] = []
    private var counter: UInt64 = 0

    mutating func push(f: Int32, h: Int32, state: Int32) {
        counter += 1
        let key = (UInt64(UInt32(f)) << 44) | (UInt64(UInt32(h) & 0xFFFF) << 28) | (counter & 0xFFF_FFFF)
        keys.append(key)
        states.append(state)
        var child = keys.count - 1
        while child > 0 {
            let up = (child - 1) / 2
            guard keys[child] < keys[up] else { break }
            keys.swapAt(child, up)
            states.swapAt(child, up)
            child = up
        }
    }

    /// The state with the smallest key and its f.
    mutating func pop() -> (Int32, Int32)? {
        guard let top = keys.first, let state = states.first else { return nil }
        let lastKey = keys.removeLast(), lastState = states.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            states[0] = lastState
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < keys.count && keys[left] < keys[smallest] { smallest = left }
                if right < keys.count && keys[right] < keys[smallest] { smallest = right }
                if smallest == parent { break }
                keys.swapAt(parent, smallest)
                states.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (Int32(top >> 44), state)
    }
}
