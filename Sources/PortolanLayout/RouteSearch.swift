import PortolanModel

/// The marks a step reads, by the axis it moves along: the same rules for both, with the axes swapped.
private struct Axis {
    /// Marks that close a cell to a step along this axis (a frame or label side running the same way).
    let closed: Router.Mark
    /// A line along this axis already there: shared only when merging.
    let used: Router.Mark
    /// A line across: a crossing.
    let crossed: Router.Mark
    /// A zone frame across: a boundary passed.
    let boundary: Router.Mark
    let alongFrame: Router.Mark
    let alongLabel: Router.Mark
    let alongLabelCost: Int32

    static let horizontal = Axis(
        closed: [.frameH, .sideH], used: .usedH, crossed: .usedV, boundary: .frameV, alongFrame: .alongFrameH,
        alongLabel: .alongLabelH, alongLabelCost: Router.alongLabelTopCost)
    static let vertical = Axis(
        closed: [.frameV, .sideV], used: .usedV, crossed: .usedH, boundary: .frameH, alongFrame: .alongFrameV,
        alongLabel: .alongLabelV, alongLabelCost: Router.alongLabelEndCost)
}

/// One search's fixed inputs, and A* over the router's arrays as raw buffers.
struct RouteSearch {
    let width: Int
    let height: Int
    let target: CellRect
    let generation: UInt32
    let kind: Int8
    let merging: Bool
    /// The price of passing through a placed label; `nil`: labels never move.
    let rip: Int32?
    let tuning: Router.Tuning

    /// Runs the search from `starts` (cells and the direction leading away from the source).
    ///
    /// - Returns: the state (cell × 4 + direction of arrival) of the route's last cell; `nil` if walled in.
    func run(
        from starts: [(Int, Direction)], heap: inout StateHeap, marks: UnsafeBufferPointer<Router.Mark>,
        lineKind: UnsafeBufferPointer<Int8>, labelAt: UnsafeBufferPointer<Int32>, stamp: UnsafeMutableBufferPointer<UInt32>,
        cost: UnsafeMutableBufferPointer<Int32>, parent: UnsafeMutableBufferPointer<Int32>
    ) -> Int? {
        heap.removeAll()
        let w = width, h = height
        let minX = target.minX, maxX = target.maxX, minY = target.minY, maxY = target.maxY
        let weight = tuning.weight, crossing = tuning.crossingCost
        let moving = rip != nil, ripCost = rip ?? 0
        let unshareable: Router.Mark = [.endpoint, .blocked, .frameH, .frameV]
        let horizontal = Axis.horizontal, vertical = Axis.vertical
        func heuristic(_ x: Int, _ y: Int) -> Int32 {
            let dx = x < minX ? minX - x : (x > maxX ? x - maxX : 0)
            let dy = y < minY ? minY - y : (y > maxY ? y - maxY : 0)
            return weight * Int32(max(0, dx + dy - 1))
        }
        // Direction's raw values: up, down, left, right; the opposite of `d` is `d ^ 1`.
        func moved(_ x: Int, _ y: Int, _ d: Int) -> (Int, Int) {
            switch d {
            case 0: (x, y - 1)
            case 1: (x, y + 1)
            case 2: (x - 1, y)
            default: (x + 1, y)
            }
        }
        for (cell, away) in starts {
            let state = cell * 4 + away.rawValue
            stamp[state] = generation
            cost[state] = 0
            parent[state] = -1
            let estimate = heuristic(cell % w, cell / w)
            heap.push(f: estimate, h: estimate, state: Int32(state))
        }
        var pops = 0
        let budget = tuning.budget(w * h)
        while let (f, popped) = heap.pop() {
            let state = Int(popped)
            pops += 1
            if pops > budget { return nil }
            let cell = state >> 2, arrived = state & 3
            let g = cost[state]
            let x = cell % w, y = cell / w
            if f - heuristic(x, y) > g { continue }
            let here = marks[cell]
            let cellClean = here.isDisjoint(with: .drawn) || (moving && here.contains(.blocked) && labelAt[cell] >= 0)
            if cellClean {
                // Done if the next cell straight on is on a side of the target, not a corner.
                let (ax, ay) = moved(x, y, arrived)
                let onX = ax > minX && ax < maxX, onY = ay > minY && ay < maxY
                if (onX && (ay == minY || ay == maxY)) || (onY && (ax == minX || ax == maxX)),
                    here.isDisjoint(with: [.alongLabelH, .alongLabelV])
                {
                    return state
                }
            }
            let shareHere = merging && lineKind[cell] == kind && here.isDisjoint(with: unshareable)
            for next in 0..<4 where next != arrived ^ 1 {
                if next != arrived && !(cellClean || shareHere) { continue }
                let (nx, ny) = moved(x, y, next)
                guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                let n = ny * w + nx
                let m = marks[n]
                let blocked = m.contains(.blocked)
                if (blocked && !(moving && labelAt[n] >= 0)) || m.contains(.endpoint) { continue }
                let share = merging && lineKind[n] == kind && m.isDisjoint(with: unshareable)
                var step: Int32 = 1 + (next != arrived ? Router.bendCost : 0) + (m.contains(.hug) ? Router.hugCost : 0)
                    + (m.contains(.edge) ? Router.edgeCost : 0)
                if blocked { step += ripCost }
                if m.contains(.bend) {
                    guard share else { continue }
                    step += Router.shareCost
                }
                let axis = next >= 2 ? horizontal : vertical
                if !m.isDisjoint(with: axis.closed) { continue }
                if m.contains(axis.used) {
                    guard share else { continue }
                    step += Router.shareCost
                }
                if m.contains(axis.crossed) { step += crossing }
                if m.contains(axis.boundary) { step += Router.boundaryCost }
                if m.contains(axis.alongFrame) { step += Router.alongFrameCost }
                if m.contains(axis.alongLabel) { step += axis.alongLabelCost }
                let nextState = n * 4 + next
                let newCost = g + step
                if stamp[nextState] == generation && cost[nextState] <= newCost { continue }
                stamp[nextState] = generation
                cost[nextState] = newCost
                parent[nextState] = Int32(state)
                let estimate = heuristic(nx, ny)
                heap.push(f: newCost + estimate, h: estimate, state: Int32(nextState))
            }
        }
        return nil
    }
}
