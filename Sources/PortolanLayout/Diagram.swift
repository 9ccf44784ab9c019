import PortolanModel

/// The geometry of one schema's figure, in character cells: zones, role boxes, routes and labels.
///
/// Everything an output needs is here or in `schema`; renderers never re-read characters.
public struct Diagram: Hashable, Sendable {
    /// The schema the figure shows.
    public var schema: Schema
    public var width: Int
    public var height: Int
    public var zones: [ZoneRegion]
    public var boxes: [RoleBox]
    /// Arrows between two roles; one route carries every connection of a bundle.
    public var routes: [Route]
    /// One label per route, placed next to it near the responder.
    public var labels: [PlacedLabel]
    /// COM invoke links, drawn inside the role's box.
    public var locals: [LocalLink]
    /// The connections in the order of the numbered list: by label, then initiator, responder, port.
    public var connections: [Connection]
    /// Whether labels carry the full port text or only markers (chosen to fit a width).
    public var labelStyle: LabelStyle
    /// True if lines of one link kind had to merge to find their way (dense topologies only); where they
    /// do, a cell joins them like a bus and the labels near the heads tell them apart.
    public var mergedLines: Bool = false
    /// How much of the model the figure draws.
    public var detail: DetailLevel = .full

    /// The box of a role.
    public func box(_ role: RoleID) -> RoleBox? { boxes.first { $0.role == role } }

    /// The index in `routes` of the route that carries `arrow`; `nil` for a COM invoke or another schema's arrow.
    public func route(of arrow: ArrowRef) -> Int? { routes.firstIndex { $0.arrows.contains(arrow) } }

    /// The COM invoke line that carries `arrow`, if it is a local link.
    public func local(of arrow: ArrowRef) -> LocalLink? { locals.first { $0.arrows.contains(arrow) } }

    /// The line cells of every route, merged: where two routes cross, the masks are OR-ed.
    public func edgeCells() -> [(point: CellPoint, cell: EdgeCell)] {
        // Indexed through a grid, not a `[CellPoint: EdgeCell]`: the first dictionary of a key type costs a
        // process a scan of every protocol conformance record (DECISIONS.md, "A quick path for export").
        var low = CellPoint(x: 0, y: 0), high = CellPoint(x: -1, y: -1)
        for route in routes {
            for point in route.cells {
                low = CellPoint(x: min(low.x, point.x), y: min(low.y, point.y))
                high = CellPoint(x: max(high.x, point.x), y: max(high.y, point.y))
            }
        }
        let columns = high.x - low.x + 1
        var slots = [Int](repeating: -1, count: max(0, columns * (high.y - low.y + 1)))
        var cells: [(point: CellPoint, cell: EdgeCell)] = []
        for route in routes {
            for (index, point) in route.cells.enumerated() {
                let mask = route.mask(at: index)
                let slot = (point.y - low.y) * columns + point.x - low.x
                if slots[slot] >= 0 {
                    cells[slots[slot]].cell.mask.formUnion(mask)
                    cells[slots[slot]].cell.crossing = route.link
                } else {
                    let head: Direction? = index == route.cells.count - 1 ? route.endSide : nil
                    slots[slot] = cells.count
                    cells.append((point, EdgeCell(mask: mask, link: route.link, head: head)))
                }
            }
        }
        return cells
    }
}

/// How much text a route's label carries.
public enum LabelStyle: String, Sendable, Hashable {
    /// `[4] 13000 TCP TLS`, one line per connection, on every route.
    case full
    /// Where the full text finds no room, only the numbered markers (deployment) or the port numbers
    /// (component), on one line; the numbered list under the figure has the rest.
    case compact
}

/// A zone of the figure as a region; the DMZ is drawn with a frame of its own (a shaded band).
public struct ZoneRegion: Hashable, Sendable {
    public var zone: Zone
    public var rect: CellRect
    /// True for the DMZ: its border is drawn.
    public var framed: Bool
    public var title: String
    public var titleAt: CellPoint
}

/// A line of text at a position.
public struct TextLine: Hashable, Sendable {
    public var text: String
    public var at: CellPoint

    public init(_ text: String, at: CellPoint) {
        self.text = text
        self.at = at
    }
}

/// A role drawn as a box: its kind in the top border, its name inside, then one rectangle per process.
public struct RoleBox: Hashable, Sendable {
    public var role: RoleID
    public var kind: RoleKind
    public var zone: Zone
    public var rect: CellRect
    /// The short kind name written into the top border.
    public var kindTag: TextLine
    /// The role's label, wrapped.
    public var lines: [TextLine]
    public var processes: [ProcessBox]
}

/// A process that opens ports, drawn as a rectangle inside its role's box with its ports listed.
public struct ProcessBox: Hashable, Sendable {
    public var name: ProcessName
    public var rect: CellRect
    /// The process name, in the rectangle's top border.
    public var title: TextLine
    /// `13000/tcp 13291/tcp ...`, wrapped.
    public var ports: [TextLine]
}

/// A COM invoke between applications on one device: a short line and its text inside the box.
public struct LocalLink: Hashable, Sendable {
    public var role: RoleID
    /// The COM invokes the line stands for, in label order.
    public var arrows: [ArrowRef]
    /// The cells of the short COM line.
    public var line: CellRect
    public var text: TextLine
}

/// One drawn arrow from an initiator's box to a responder's box, carrying one or more connections.
public struct Route: Hashable, Sendable {
    public var initiator: RoleID
    public var responder: RoleID
    public var link: LinkKind
    /// The arrows the route carries, in order; line `i` of its label names `arrows[i]` (full style).
    public var arrows: [ArrowRef]
    /// Orthogonally connected cells from the one next to the initiator's box to the one next to the responder's.
    public var cells: [CellPoint]
    /// The direction from the first cell into the initiator's box.
    public var startSide: Direction
    /// The direction of the arrowhead at the last cell, into the responder's box.
    public var endSide: Direction

    /// The sides through which the line leaves cell `index`.
    public func mask(at index: Int) -> LineMask {
        var mask: LineMask = []
        mask.insert(index == 0 ? startSide.mask : direction(from: cells[index], to: cells[index - 1]).mask)
        mask.insert(
            index == cells.count - 1 ? endSide.mask : direction(from: cells[index], to: cells[index + 1]).mask)
        return mask
    }

    private func direction(from a: CellPoint, to b: CellPoint) -> Direction {
        if b.x > a.x { return .right }
        if b.x < a.x { return .left }
        return b.y > a.y ? .down : .up
    }
}

/// A line cell of the figure: which sides it joins, its link kind, and an arrowhead if it ends a route.
public struct EdgeCell: Hashable, Sendable {
    public var mask: LineMask
    public var link: LinkKind
    /// The arrowhead's direction, on the last cell of a route.
    public var head: Direction?
    /// The link kind of a second route crossing this cell at right angles.
    public var crossing: LinkKind?

    public init(mask: LineMask, link: LinkKind, head: Direction? = nil, crossing: LinkKind? = nil) {
        self.mask = mask
        self.link = link
        self.head = head
        self.crossing = crossing
    }
}

/// A route's label: one line per connection (or one compact line), touching the route.
public struct PlacedLabel: Hashable, Sendable {
    /// The index of the route in `Diagram.routes`.
    public var route: Int
    public var lines: [LabelLine]
    public var rect: CellRect
}

/// One line of a route's label, kept in its two parts so that outputs style them without re-reading text:
/// the numbered markers (`[4]`, `[4][5]` or none) and the port text (`13000 TCP TLS`, or none).
public struct LabelLine: Hashable, Sendable, CustomStringConvertible {
    public var marker: String
    public var text: String

    public init(marker: String = "", text: String = "") {
        self.marker = marker
        self.text = text
    }

    /// The line as printed: `[4] 13000 TCP TLS`.
    public var description: String {
        marker.isEmpty ? text : (text.isEmpty ? marker : marker + " " + text)
    }
}
