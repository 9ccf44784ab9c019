/// Places route labels in free cells touching their routes, as close to the arrowhead as possible.
struct LabelPlacer {
    /// How near a box a label may sit.
    enum BoxRoom: Sendable {
        /// Two blank cells or more between the label and every box: box ports stay free.
        case clear
        /// At least one blank cell: the label does not read as part of the box.
        case gap
        /// Right beside a box, the last resort.
        case touching
    }

    private let width: Int
    private let height: Int
    /// Cells directly left or right of an earlier label, so that two labels never run together.
    private var padding: [UInt16]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        padding = Array(repeating: 0, count: width * height)
    }

    /// Places a label of `lines` next to `route` on cells the router holds free, and blocks them for later
    /// routes; `nil` if no free spot touches the route. `room` says how near a box it may sit.
    /// A `tidy` spot has nothing but blank cells and its own route round it, so that no other line reads
    /// as the label's; any spot keeps off the ends of other routes (an arrowhead beside a label hides it).
    mutating func place(
        _ lines: [String], along route: Route, router: inout Router, room: BoxRoom, tidy: Bool = false, label: Int
    ) -> CellRect? {
        let w = lines.map(Width.of).max() ?? 0, h = lines.count
        guard w > 0, h > 0 else { return nil }
        let own = Set(route.cells.filter { $0.x >= 0 && $0.y >= 0 && $0.x < width && $0.y < height }.map { $0.y * width + $0.x })
        for index in route.cells.indices.reversed() {
            let cell = route.cells[index]
            let mask = route.mask(at: index)
            var candidates: [CellRect] = []
            if mask.contains(.left) || mask.contains(.right) {
                // Above the line first (the documents' convention), then below; starting at the cell, then ending there.
                for y in [cell.y - h, cell.y + 1] {
                    for x in [cell.x, cell.x - w + 1] {
                        candidates.append(CellRect(x: x, y: y, width: w, height: h))
                    }
                }
            }
            if mask.contains(.up) || mask.contains(.down) {
                for x in [cell.x + 1, cell.x - w] {
                    for y in [cell.y, cell.y - h + 1] {
                        candidates.append(CellRect(x: x, y: y, width: w, height: h))
                    }
                }
            }
            if let rect = candidates.first(where: { isFree($0, router, room: room) && isApart($0, router, own: own, tidy: tidy) }) {
                claim(rect)
                router.block(rect, label: label)
                return rect
            }
        }
        return nil
    }

    private func isFree(_ rect: CellRect, _ router: Router, room: BoxRoom) -> Bool {
        guard rect.minX >= 0, rect.minY >= 0, rect.maxX < width, rect.maxY < height else { return false }
        for y in rect.minY...rect.maxY {
            for x in rect.minX...rect.maxX {
                let i = y * width + x
                if padding[i] > 0 || !router.isClean(i) { return false }
                switch room {
                case .clear where router.isNearBox(i), .gap where router.isBesideBox(i): return false
                default: break
                }
            }
        }
        return true
    }

    /// True if no cell round `rect` (sides, not corners) is another route's end; with `tidy`, if every cell
    /// round it is blank or its own route's.
    private func isApart(_ rect: CellRect, _ router: Router, own: Set<Int>, tidy: Bool) -> Bool {
        func apart(_ x: Int, _ y: Int) -> Bool {
            guard x >= 0, y >= 0, x < width, y < height else { return true }
            let i = y * width + x
            if own.contains(i) { return true }
            return tidy ? router.isClean(i) : !router.isEndpoint(i)
        }
        for x in rect.minX...rect.maxX where !apart(x, rect.minY - 1) || !apart(x, rect.maxY + 1) { return false }
        for y in rect.minY...rect.maxY where !apart(rect.minX - 1, y) || !apart(rect.maxX + 1, y) { return false }
        return true
    }

    private mutating func claim(_ rect: CellRect) {
        for y in rect.minY...rect.maxY {
            for x in [rect.minX - 1, rect.maxX + 1] where x >= 0 && x < width { padding[y * width + x] += 1 }
        }
    }

    /// Puts a label back where it was.
    mutating func put(_ rect: CellRect, label: Int, router: inout Router) {
        claim(rect)
        router.block(rect, label: label)
    }

    /// Takes a placed label off the grid, so that it can move.
    mutating func remove(_ rect: CellRect, router: inout Router) {
        for y in rect.minY...rect.maxY {
            for x in [rect.minX - 1, rect.maxX + 1] where x >= 0 && x < width { padding[y * width + x] -= 1 }
        }
        router.unblock(rect)
    }
}
