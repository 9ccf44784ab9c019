import Dispatch
import class Foundation.ProcessInfo
import PortolanModel
import Synchronization

/// Why a schema could not be laid out.
public enum LayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Even the narrowest layout is wider than asked; `needed` is the narrowest width that works.
    case doesNotFit(schema: SchemaID, width: Int, needed: Int?)
    /// Even the lowest layout is taller than asked; `needed` is the lowest height that works.
    case tooTall(schema: SchemaID, height: Int, needed: Int?)
    /// No spacing left room for every route and label.
    case cannotRoute(schema: SchemaID)

    public var description: String {
        switch self {
        case let .doesNotFit(schema, width, needed?):
            "schema '\(schema)' does not fit in \(width) columns: it needs at least \(needed) (even at the overview level)"
        case let .doesNotFit(schema, width, nil):
            "schema '\(schema)' does not fit in \(width) columns"
        case let .tooTall(schema, height, needed?):
            "schema '\(schema)' does not fit in \(height) lines: it needs at least \(needed) (even at the overview level)"
        case let .tooTall(schema, height, nil):
            "schema '\(schema)' does not fit in \(height) lines"
        case let .cannotRoute(schema):
            "schema '\(schema)' could not be laid out: some routes or labels found no room"
        }
    }
}

/// Turns a schema into a `Diagram`: placement, zone regions, orthogonal routes and labels, compaction.
public enum DiagramLayout {
    /// The widest a figure may be by default: 100 columns for component schemas, 160 for the others.
    public static func defaultWidth(for kind: SchemaKind) -> Int { kind == .component ? 100 : 160 }

    /// Lays out every schema with the same limits as `make`: the one loop of `export` and `demo --export`.
    /// Schemas are laid out in parallel (largest first, so that the cores finish together); the diagrams
    /// come back in the order of `schemas` and are the same as one `make` at a time.
    ///
    /// - Throws: the `LayoutError` of the first schema (in order) that does not fit.
    public static func makeAll(
        _ schemas: [Schema], width: Int? = nil, height: Int? = nil, detail: DetailLevel? = nil
    ) throws(LayoutError) -> [Diagram] {
        let order = schemas.indices.sorted { schemas[$0].connections.count > schemas[$1].connections.count }
        let levelsSideBySide = schemas.count < ProcessInfo.processInfo.activeProcessorCount
        let results = Mutex<[Result<Diagram, LayoutError>?]>(Array(repeating: nil, count: schemas.count))
        DispatchQueue.concurrentPerform(iterations: schemas.count) { turn in
            let index = order[turn]
            let result = Result { () throws(LayoutError) -> Diagram in
                try make(schemas[index], width: width, height: height, detail: detail, levelsSideBySide: levelsSideBySide)
            }
            results.withLock { $0[index] = result }
        }
        var diagrams: [Diagram] = []
        for case let result? in results.withLock({ $0 }) { diagrams.append(try result.get()) }
        return diagrams
    }

    /// The tallest a figure may be by default: 30 lines for component schemas, 60 for the others.
    public static func defaultHeight(for kind: SchemaKind) -> Int { kind == .component ? 30 : 60 }

    /// Lays out `schema` at the richest level of detail that fits: per level, zones side by side before
    /// stacked, full labels before compact ones, tighter spacings first; each try is routed and compacted.
    ///
    /// - Parameters:
    ///   - width: the widest the figure may be; `height`: the tallest. If either is given, a figure that
    ///     cannot fit is an error; if neither is, the default size is preferred (`defaultWidth`,
    ///     `defaultHeight`) and the figure of the poorest level that overshoots it least is the fallback.
    ///   - detail: the one level to draw; `nil` tries `full`, `compact`, then `overview`.
    ///   - levelsSideBySide: try the levels in parallel (one layout on an idle machine); `makeAll` tries them
    ///     in turn when it has a schema for every core already. The figure is the same.
    /// - Throws: `LayoutError`.
    public static func make(
        _ input: Schema, width: Int? = nil, height: Int? = nil, detail: DetailLevel? = nil, levelsSideBySide: Bool = true
    ) throws(LayoutError) -> Diagram {
        let schema = canonical(input)
        let explicit = width != nil || height != nil
        let limit = Size(
            width: width ?? (explicit ? .max : defaultWidth(for: schema.kind)),
            height: height ?? (explicit ? .max : defaultHeight(for: schema.kind)))
        let bundles = Bundle.make(schema)
        let placement = Placement(schema: schema)
        if isDense(bundles) {
            var contents: [RoleID: BoxContent] = [:]
            for role in schema.roles { contents[role.id] = BoxContent(role: role, schema: schema, numbered: schema.kind == .deployment) }
            return try dense(schema, placement: placement, contents: contents, bundles: bundles, width: width)
        }
        let levels = detail.map { [$0] } ?? DetailLevel.allCases
        // One level's try (`keepSmallest` for the last level only).
        @Sendable func attempt(_ index: Int, abandon: () -> Bool) -> (fitted: Diagram?, smallest: Diagram?) {
            var smallest: Diagram?
            let fitted = fit(
                schema, level: levels[index], placement: placement, bundles: bundles, limit: limit,
                keepSmallest: index == levels.count - 1, smallest: &smallest, abandon: abandon)
            return (fitted, smallest)
        }
        var tried: [(fitted: Diagram?, smallest: Diagram?)] = []
        if levelsSideBySide {
            // The levels are tried side by side; a level stops as soon as a richer one has fitted, and the
            // richest that fits wins, so the figure is the one trying them in turn would give.
            let richestFit = Mutex(Int.max)
            let outcomes = Mutex<[(fitted: Diagram?, smallest: Diagram?)]>(Array(repeating: (nil, nil), count: levels.count))
            DispatchQueue.concurrentPerform(iterations: levels.count) { index in
                let outcome = attempt(index) { richestFit.withLock { $0 < index } }
                if outcome.fitted != nil { richestFit.withLock { $0 = min($0, index) } }
                outcomes.withLock { $0[index] = outcome }
            }
            tried = outcomes.withLock { $0 }
        } else {
            // In turn, richest first, up to the first that fits: the same figure, no work spent on poorer levels.
            for index in levels.indices {
                tried.append(attempt(index) { false })
                if tried[index].fitted != nil { break }
            }
        }
        if let diagram = tried.lazy.compactMap(\.fitted).first { return diagram }
        // Only the last level keeps the layout that overshoots the least.
        let smallest = tried.last?.smallest
        if !explicit, let smallest { return smallest }
        // Too tall rather than too wide when the height overshoots by the larger factor.
        if let height, let smallest, smallest.height > height, width.map({ smallest.width <= $0 || smallest.height * $0 > smallest.width * height }) ?? true {
            throw .tooTall(schema: schema.id, height: height, needed: smallest.height)
        }
        if let width, let smallest, smallest.width > width {
            throw .doesNotFit(schema: schema.id, width: width, needed: smallest.width)
        }
        if let width { throw .doesNotFit(schema: schema.id, width: width, needed: nil) }
        throw .cannotRoute(schema: schema.id)
    }

    /// A width and a height in cells.
    struct Size {
        var width: Int
        var height: Int

        func holds(_ d: Diagram) -> Bool { d.width <= width && d.height <= height }

        /// True if a frame is at most a quarter larger than this size either way.
        func near(_ frame: Frame) -> Bool {
            frame.width - width <= width / 4 && frame.height - height <= height / 4
        }

        /// How far a size goes past this one (rows count as much as columns), then its area: smaller is better.
        func overshoot(_ size: (width: Int, height: Int)) -> (Int, Int) {
            (max(0, size.width - width) + max(0, size.height - height), size.width * size.height)
        }
    }

    /// Frames routed per level before giving up on it: each costs a routing, and a frame whose floor fits
    /// but whose routed figure does not is rare after the first two.
    static let routingsPerLevel = 4

    /// One way to arrange a level's boxes: zones side by side or stacked, at most `columns` per zone.
    struct Arrangement {
        var zones: ZoneArrangement
        var placement: Placement
        /// The frame with boxes one cell apart: the compacted figure is rarely smaller.
        var floor: (width: Int, height: Int)
    }

    /// The arrangements of a level in order of preference: side by side before stacked, each with the
    /// placement's own columns first, then fewer (so that side by side zones fit a screen's width).
    private static func arrangements(_ placement: Placement, contents: [RoleID: BoxContent]) -> [Arrangement] {
        var out: [Arrangement] = []
        for zones in ZoneArrangement.allCases {
            for columns in stride(from: placement.columns, through: 1, by: -1) {
                let placed = placement.reflowed(columns: columns)
                let floor = Frame(placement: placed, contents: contents, spacing: .floor, arrangement: zones)
                // Compaction leaves one cell of the two-cell margins.
                out.append(Arrangement(zones: zones, placement: placed, floor: (floor.width - 2, floor.height - 2)))
            }
        }
        return out
    }

    /// The first compacted layout of `level` within `limit`. With `keepSmallest`, layouts that route but do
    /// not fit go to `smallest`, which keeps the one that overshoots `limit` the least. `abandon` is asked
    /// before each routing: true (a richer level has fitted) ends the level with `nil`.
    private static func fit(
        _ schema: Schema, level: DetailLevel, placement: Placement, bundles: [Bundle], limit: Size,
        keepSmallest: Bool, smallest: inout Diagram?, abandon: () -> Bool
    ) -> Diagram? {
        let numbered = schema.kind == .deployment
        var contents: [RoleID: BoxContent] = [:]
        for role in schema.roles {
            contents[role.id] = BoxContent(role: role, schema: schema, numbered: numbered, detail: level)
        }
        let all = arrangements(placement, contents: contents)
        var candidates = all.filter { $0.floor.width <= limit.width && $0.floor.height <= limit.height }
        if candidates.isEmpty && keepSmallest {
            // Nothing can fit: the arrangement whose floor overshoots the least.
            candidates = Array(all.sorted { limit.overshoot($0.floor) < limit.overshoot($1.floor) }.prefix(1))
        }
        let styles: [LabelStyle] = level == .overview ? [.full] : [.full, .compact]
        var routings = 0
        candidates: for candidate in candidates where routings < routingsPerLevel {
            // Per spacing, the full-style tries when no full label lacked room: the compact style would
            // place exactly the same labels, so its tries are these.
            var sameInCompact: [Int: Diagram?] = [:]
            for style in styles {
                for (index, spacing) in Spacing.ladder.enumerated() {
                    let frame = Frame(placement: candidate.placement, contents: contents, spacing: spacing, arrangement: candidate.zones)
                    // A frame far larger than asked spreads its routes and labels more than compaction takes
                    // back: full labels there lose to compact ones at a tighter spacing. The last level goes on
                    // up the ladder while nothing has routed, so that an error can say what size is needed.
                    if index > 0 && !limit.near(frame) && !(keepSmallest && smallest == nil) { break }
                    let tried: Diagram?
                    if style == .compact, let known = sameInCompact[index] {
                        tried = known.map { diagram in
                            var same = diagram
                            same.labelStyle = .compact
                            return same
                        }
                    } else {
                        if abandon() { return nil }
                        let (diagram, labelLackedRoom) = attempts(schema, frame: frame, bundles: bundles, style: style, level: level)
                        if style == .full && !labelLackedRoom { sameInCompact[index] = diagram }
                        tried = diagram
                    }
                    guard let routed = tried else { continue }
                    routings += 1
                    let diagram = Compaction.compact(routed)
                    if limit.holds(diagram) { return diagram }
                    let better = smallest.map { limit.overshoot((diagram.width, diagram.height)) < limit.overshoot(($0.width, $0.height)) }
                    if keepSmallest, better ?? true {
                        smallest = diagram
                    }
                    if style == styles.last { continue candidates }
                    break
                }
            }
        }
        return nil
    }

    /// More routes than this make a topology dense: no built-in schema comes near (the largest has 26 arrows).
    static let denseRoutes = 40

    static func isDense(_ bundles: [Bundle]) -> Bool { bundles.count > denseRoutes }

    /// A dense topology: zones stacked, compact labels where the full ones find no room, and gaps between
    /// boxes sized from the number of routes, tried at 1, 1.5 and 2 times that size. The ladder's spacings
    /// leave such a topology too little room to route in, and trying them first costs seconds.
    private static func dense(
        _ schema: Schema, placement: Placement, contents: [RoleID: BoxContent], bundles: [Bundle], width: Int?
    ) throws(LayoutError) -> Diagram {
        var columns = 1, rows = 0
        for zone in placement.zones {
            let slots = placement.slots.filter { contents[$0.key]?.role.zone == zone }.map(\.value)
            columns = max(columns, (slots.map(\.column).max() ?? 0) + 1)
            rows += (slots.map(\.row).max() ?? 0) + 1
        }
        let frames = Spacing.dense(routes: bundles.count, columns: columns, rows: rows).map {
            Frame(placement: placement, contents: contents, spacing: $0, arrangement: .stacked)
        }
        let fitting = frames.filter { $0.width <= width ?? .max }
        if let width, fitting.isEmpty {
            throw .doesNotFit(schema: schema.id, width: width, needed: frames.map(\.width).min())
        }
        for frame in fitting {
            if let diagram = attempts(schema, frame: frame, bundles: bundles, style: .compact, level: .full).diagram {
                return diagram
            }
        }
        throw .cannotRoute(schema: schema.id)
    }

    /// Routes a frame; a bundle that finds no room goes first in the next try; the last try lets lines of
    /// one kind merge (only dense topologies ever need it).
    ///
    /// - Returns: the diagram, `nil` if every try failed; and whether a try failed for a label's lack of room.
    private static func attempts(
        _ schema: Schema, frame: Frame, bundles: [Bundle], style: LabelStyle, level: DetailLevel
    ) -> (diagram: Diagram?, labelLackedRoom: Bool) {
        var first: [String] = []
        var labelLackedRoom = false
        for merging in [false, false, false, true] {
            switch attempt(schema, frame: frame, bundles: bundles, style: style, level: level, first: first, merging: merging) {
            case let .success(diagram): return (diagram, labelLackedRoom)
            case let .failure(failed):
                labelLackedRoom = labelLackedRoom || failed.label
                if !first.contains(failed.key) { first.append(failed.key) }
            }
        }
        return (nil, labelLackedRoom)
    }

    /// The bundle a try could not place, and whether its route was found but its label found no room.
    struct Failed: Error {
        var key: String
        var label = false
    }

    private static func attempt(
        _ schema: Schema, frame: Frame, bundles: [Bundle], style: LabelStyle, level: DetailLevel, first: [String], merging: Bool
    ) -> Result<Diagram, Failed> {
        let numbered = schema.kind == .deployment
        var sketch = Sketch(frame: frame, tuning: isDense(bundles) ? .dense : .careful, style: style)
        let rects = Dictionary(uniqueKeysWithValues: frame.boxes.map { ($0.role, $0.rect) })
        let ordered = bundles.sorted { a, b in
            let pa = first.firstIndex(of: a.key) ?? first.count, pb = first.firstIndex(of: b.key) ?? first.count
            let da = a.span(rects), db = b.span(rects)
            return (pa, da, a.key) < (pb, db, b.key)
        }
        for bundle in ordered {
            guard let source = rects[bundle.initiator], let target = rects[bundle.responder] else {
                return .failure(Failed(key: bundle.key))
            }
            var found = sketch.router.route(from: source, to: target, link: bundle.link, merging: merging)
            if let route = found, !sketch.claim(route.cells, link: bundle.link) {
                // A label that would have to move found no other spot: go round every label instead.
                found = merging ? nil : sketch.router.route(from: source, to: target, link: bundle.link, movingLabels: false)
                if let route = found { sketch.router.claim(route.cells, link: bundle.link) }
            }
            guard let found else { return .failure(Failed(key: bundle.key)) }
            let route = Route(
                initiator: bundle.initiator, responder: bundle.responder, link: bundle.link,
                arrows: bundle.connections.map { ArrowRef($0, in: schema.id) }, cells: found.cells, startSide: found.start,
                endSide: found.end)
            let full = level.labelLines(bundle.connections, numbered: numbered)
            let compact = level.fallbackLine(bundle.connections, numbered: numbered)
            guard sketch.add(route, full: full, compact: compact) else { return .failure(Failed(key: bundle.key, label: true)) }
        }
        return .success(Diagram(
            schema: schema, width: frame.width, height: frame.height, zones: frame.zones, boxes: frame.boxes,
            routes: sketch.routes, labels: sketch.labels, locals: frame.locals, connections: schema.connections, labelStyle: style,
            mergedLines: merging, detail: level))
    }

    /// The schema with roles sorted by id and connections in numbered-list order, so that declaration order never matters.
    public static func canonical(_ schema: Schema) -> Schema {
        var copy = schema
        copy.roles = schema.roles.map { role in
            var role = role
            role.processes = role.processes.sorted()
            return role
        }.sorted { $0.id < $1.id }
        copy.connections = schema.connections.sorted(by: connectionOrder)
        return copy
    }

    static func connectionOrder(_ a: Connection, _ b: Connection) -> Bool {
        if a.label != b.label { return a.label < b.label }
        if a.initiator != b.initiator { return a.initiator < b.initiator }
        if a.responder != b.responder { return a.responder < b.responder }
        let pa = a.port?.rawValue ?? 0, pb = b.port?.rawValue ?? 0
        if pa != pb { return pa < pb }
        if a.link != b.link { return a.link.rawValue < b.link.rawValue }
        return (a.purpose, a.transport?.rawValue ?? "") < (b.purpose, b.transport?.rawValue ?? "")
    }
}

/// The connections one route carries: same initiator, responder and link kind.
struct Bundle {
    var initiator: RoleID
    var responder: RoleID
    var link: LinkKind
    var connections: [Connection]

    var key: String { "\(initiator.rawValue)\u{1}\(responder.rawValue)\u{1}\(link.rawValue)" }

    /// The Manhattan distance between the two boxes' centres: short routes are laid first.
    func span(_ rects: [RoleID: CellRect]) -> Int {
        guard let a = rects[initiator], let b = rects[responder] else { return 0 }
        return abs((a.x + a.width / 2) - (b.x + b.width / 2)) + abs((a.y + a.height / 2) - (b.y + b.height / 2))
    }

    /// Groups the non-local connections of a canonical schema, in the schema's order.
    static func make(_ schema: Schema) -> [Bundle] {
        var bundles: [Bundle] = []
        var index: [String: Int] = [:]
        for connection in schema.connections where !connection.isLocal {
            let bundle = Bundle(
                initiator: connection.initiator, responder: connection.responder, link: connection.link, connections: [])
            if let at = index[bundle.key] {
                bundles[at].connections.append(connection)
            } else {
                index[bundle.key] = bundles.count
                bundles.append(bundle)
                bundles[bundles.count - 1].connections.append(connection)
            }
        }
        return bundles
    }
}
