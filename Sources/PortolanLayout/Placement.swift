import PortolanModel

/// Where each role sits in its zone's grid: the schema's placement hints, else automatic placement.
///
/// Roles with hints keep them (clashing hints move to the next free column); roles without hints fill
/// the free slots row by row, in (kind, id) order, so the result never depends on declaration order.
public struct Placement: Sendable, Equatable {
    /// The slot of every role, rows and columns compressed so that no row or column is empty.
    public var slots: [RoleID: GridPoint]
    /// The zones that hold roles, inside to outside.
    public var zones: [Zone]
    /// The zone of every role.
    var roleZones: [RoleID: Zone]

    public init(schema: Schema) {
        var slots: [RoleID: GridPoint] = [:]
        let zones = Set(schema.roles.map(\.zone)).sorted()
        for zone in zones {
            let roles = schema.roles.filter { $0.zone == zone }
            var taken = Set<GridPoint>()
            var zoneSlots: [RoleID: GridPoint] = [:]
            let hinted = roles.compactMap { role in role.placement.map { (role.id, GridPoint(row: $0.row, column: $0.column)) } }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            for (id, wanted) in hinted {
                var slot = wanted
                while taken.contains(slot) { slot.column += 1 }
                taken.insert(slot)
                zoneSlots[id] = slot
            }
            let free = roles.filter { $0.placement == nil }.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
            if !free.isEmpty {
                let side = Int(Double(roles.count).squareRoot().rounded(.up))
                let columns = max(side, (taken.map(\.column).max() ?? -1) + 1)
                var index = 0
                for role in free {
                    var slot = GridPoint(row: index / columns, column: index % columns)
                    while taken.contains(slot) {
                        index += 1
                        slot = GridPoint(row: index / columns, column: index % columns)
                    }
                    taken.insert(slot)
                    zoneSlots[role.id] = slot
                    index += 1
                }
            }
            let rows = Set(zoneSlots.values.map(\.row)).sorted()
            let columns = Set(zoneSlots.values.map(\.column)).sorted()
            for (id, slot) in zoneSlots {
                slots[id] = GridPoint(
                    row: rows.firstIndex(of: slot.row) ?? 0, column: columns.firstIndex(of: slot.column) ?? 0)
            }
        }
        self.slots = slots
        self.zones = zones
        roleZones = Dictionary(schema.roles.map { ($0.id, $0.zone) }, uniquingKeysWith: { first, _ in first })
    }

    /// The most columns any zone's grid has.
    public var columns: Int { (slots.values.map(\.column).max() ?? 0) + 1 }

    /// The same roles in at most `columns` columns per zone: each zone's roles in reading order (row by
    /// row, as the hints place them) fill the narrower grid row by row. Side by side zones need this to
    /// fit a screen's width; the order of the roles stays the figure's.
    public func reflowed(columns: Int) -> Placement {
        guard columns >= 1, columns < self.columns else { return self }
        var copy = self
        var byZone: [Zone: [(RoleID, GridPoint)]] = [:]
        for (role, slot) in slots { byZone[zone(of: role), default: []].append((role, slot)) }
        for (_, members) in byZone {
            for (index, (role, _)) in members.sorted(by: { ($0.1, $0.0) < ($1.1, $1.0) }).enumerated() {
                copy.slots[role] = GridPoint(row: index / columns, column: index % columns)
            }
        }
        return copy
    }

    /// The zone of a role, as recorded when the placement was made.
    private func zone(of role: RoleID) -> Zone { roleZones[role] ?? .lan }
}

/// How zones sit beside each other.
public enum ZoneArrangement: String, Sendable, CaseIterable {
    /// LAN, DMZ, internet, vendor cloud from left to right, as in the vendor's figures.
    case sideBySide
    /// The same zones stacked top to bottom, for narrow outputs.
    case stacked
}

/// Spacing between boxes and zones, in cells; wider spacing leaves more room for lanes and labels.
public struct Spacing: Hashable, Sendable {
    public var columnGap: Int
    public var rowGap: Int

    public init(columnGap: Int, rowGap: Int) {
        self.columnGap = columnGap
        self.rowGap = rowGap
    }

    /// Boxes one cell apart: the frame a compacted figure cannot get much below.
    public static let floor = Spacing(columnGap: 1, rowGap: 1)

    /// The spacings the layout tries, tightest first.
    public static let ladder: [Spacing] = [
        Spacing(columnGap: 8, rowGap: 5), Spacing(columnGap: 12, rowGap: 6), Spacing(columnGap: 16, rowGap: 8),
        Spacing(columnGap: 22, rowGap: 10), Spacing(columnGap: 30, rowGap: 12),
    ]

    /// The spacings for a dense topology of `routes` routes between boxes in `columns` columns and `rows`
    /// rows (zones stacked), tightest first. In a random topology about half the routes cross the middle
    /// of the figure either way, each in a lane of its own, with its label beside it and room to bend:
    /// so each gap is given about as many cells as there are routes per gap, and never less than the
    /// widest spacing of the ladder.
    public static func dense(routes: Int, columns: Int, rows: Int) -> [Spacing] {
        let last = ladder[ladder.count - 1]
        let column = max(last.columnGap, routes / (columns + 1)), row = max(last.rowGap, routes / (rows + 1))
        return [2, 3, 4].map { Spacing(columnGap: column * $0 / 2, rowGap: row * $0 / 2) }
    }
}

/// Box rectangles and zone regions for one placement, spacing and arrangement.
struct Frame {
    /// The blank band round the zones, in cells; the router charges routes for running in it.
    static let margin = 2

    var width: Int
    var height: Int
    var boxes: [RoleBox]
    var locals: [LocalLink]
    var zones: [ZoneRegion]

    /// Lays the zones out; `contents` holds every role's sized box.
    init(placement: Placement, contents: [RoleID: BoxContent], spacing: Spacing, arrangement: ZoneArrangement) {
        let margin = Self.margin
        let padX = min(spacing.columnGap, max(3, spacing.columnGap / 2)), padY = min(spacing.rowGap, max(2, spacing.rowGap / 2))
        struct ZoneGrid {
            var zone: Zone
            var columnWidths: [Int]
            var rowHeights: [Int]
            var members: [(RoleID, GridPoint)]
            var size: (Int, Int)
        }
        var grids: [ZoneGrid] = []
        for zone in placement.zones {
            let members = placement.slots.filter { id, _ in contents[id]?.role.zone == zone }
                .sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { ($0.key, $0.value) }
            let columns = (members.map(\.1.column).max() ?? 0) + 1
            let rows = (members.map(\.1.row).max() ?? 0) + 1
            var widths = Array(repeating: 0, count: columns), heights = Array(repeating: 0, count: rows)
            for (id, slot) in members {
                guard let content = contents[id] else { continue }
                widths[slot.column] = max(widths[slot.column], content.width)
                heights[slot.row] = max(heights[slot.row], content.height)
            }
            let inner = (
                widths.reduce(0, +) + spacing.columnGap * (columns - 1),
                heights.reduce(0, +) + spacing.rowGap * (rows - 1)
            )
            let title = Width.of(zone.displayName) + 6
            let size = (max(inner.0, title) + 2 * padX, inner.1 + 2 * padY + 1)
            grids.append(ZoneGrid(zone: zone, columnWidths: widths, rowHeights: heights, members: members, size: size))
        }
        let maxWidth = grids.map(\.size.0).max() ?? 0, maxHeight = grids.map(\.size.1).max() ?? 0
        var cursor = margin
        var boxes: [RoleBox] = [], locals: [LocalLink] = [], zones: [ZoneRegion] = []
        for grid in grids {
            let rect: CellRect
            switch arrangement {
            case .sideBySide:
                rect = CellRect(x: cursor, y: margin, width: grid.size.0, height: maxHeight)
                cursor += grid.size.0 + spacing.columnGap
            case .stacked:
                rect = CellRect(x: margin, y: cursor, width: maxWidth, height: grid.size.1)
                cursor += grid.size.1 + spacing.rowGap
            }
            let framed = grid.zone == .dmz
            zones.append(
                ZoneRegion(
                    zone: grid.zone, rect: rect, framed: framed, title: grid.zone.displayName,
                    titleAt: CellPoint(x: rect.x + (framed ? 3 : 1), y: rect.y)))
            let contentWidth = grid.columnWidths.reduce(0, +) + spacing.columnGap * (grid.columnWidths.count - 1)
            let left = rect.x + (rect.width - contentWidth) / 2
            let top = rect.y + 1 + padY
            for (id, slot) in grid.members {
                guard let content = contents[id] else { continue }
                let cellX = left + grid.columnWidths[..<slot.column].reduce(0, +) + spacing.columnGap * slot.column
                let cellY = top + grid.rowHeights[..<slot.row].reduce(0, +) + spacing.rowGap * slot.row
                let origin = CellPoint(
                    x: cellX + (grid.columnWidths[slot.column] - content.width) / 2,
                    y: cellY + (grid.rowHeights[slot.row] - content.height) / 2)
                let (box, local) = content.place(at: origin)
                boxes.append(box)
                if let local { locals.append(local) }
            }
        }
        let right = zones.map { $0.rect.maxX }.max() ?? 0, bottom = zones.map { $0.rect.maxY }.max() ?? 0
        width = right + 1 + margin
        height = bottom + 1 + margin
        self.boxes = boxes.sorted { $0.role < $1.role }
        self.locals = locals.sorted { $0.role < $1.role }
        self.zones = zones
    }
}
