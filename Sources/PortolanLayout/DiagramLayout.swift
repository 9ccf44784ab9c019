import PortolanCore


/// Why a schema could not be laid out.
public enum LayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Even the narrowest layout is wider than asked; `needed` is the narrowest width that works.
    case doesNotFit(schema: SchemaID, width: Int, needed: Int?)
    /// No spacing left room for every route and label.
    case cannotRoute(schema: SchemaID)

    public var description: String {
        switch self {
        case let .doesNotFit(schema, width, needed?):
            "schema '\(schema)' does not fit in \(width) columns: it needs at least \(needed) (even with compact labels)"
        case let .doesNotFit(schema, width, nil):
            "schema '\(schema)' does not fit in \(width) columns"
        case let .cannotRoute(schema):
            "schema '\(schema)' could not be laid out: some routes or labels found no room"
        }
    }
}

/// Turns a schema into a `Diagram`: placement, zone regions, orthogonal routes and labels.
public enum DiagramLayout {
    /// The widest a figure may be by default: 100 columns for component schemas, 160 for the others.
    public static func defaultWidth(for kind: SchemaKind) -> Int { kind == .component ? 100 : 160 }

    /// Lays out `schema`, trying tighter spacings first, zones side by side before stacked, full labels before compact.
    ///
    /// - Parameter width: the widest the figure may be. If given, a figure that cannot fit is an error;
    ///   if not, the default width is preferred and the narrowest layout that works is the fallback.
    /// - Throws: `LayoutError`.
    public static func make(_ input: Schema, width: Int? = nil) throws(LayoutError) -> Diagram {
        let schema = canonical(input)
        let limit = width ?? defaultWidth(for: schema.kind)
        let numbered = schema.kind == .deployment
        var contents: [RoleID: BoxContent] = [:]
        for role in schema.roles { contents[role.id] = BoxContent(role: role, schema: schema, numbered: numbered) }
        let placement = Placement(schema: schema)
        let bundles = Bundle.make(schema)
        if isDense(bundles) {
            return try dense(schema, placement: placement, contents: contents, bundles: bundles, width: width)
        }
        var frames: [(LabelStyle, Frame)] = []
        for style in [LabelStyle.full, .compact] {
            for arrangement in ZoneArrangement.allCases {
                for spacing in Spacing.ladder {
                    frames.append(
                        (style, Frame(placement: placement, contents: contents, spacing: spacing, arrangement: arrangement)))
                }
            }
        }
        // First every frame that fits, in order of preference; then, without an explicit width, the narrowest wider one.
        for (style, frame) in frames where frame.width <= limit {
            if let diagram = attempts(schema, frame: frame, bundles: bundles, style: style, numbered: numbered) {
                return diagram
            }
        }
        // Past the preferred width legibility has already given way: compact labels where needed, narrowest first.
        let wider = frames.enumerated().filter { $0.element.1.width > limit && $0.element.0 == .compact }
            .sorted { ($0.element.1.width, $0.offset) < ($1.element.1.width, $1.offset) }.map(\.element)
        if let width {
            throw .doesNotFit(schema: schema.id, width: width, needed: wider.first?.1.width)
        }
        for (style, frame) in wider {
            if let diagram = attempts(schema, frame: frame, bundles: bundles, style: style, numbered: numbered) {
                return diagram
            }
        }
        throw .cannotRoute(schema: schema.id)
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
            if let diagram = attempts(schema, frame: frame, bundles: bundles, style: .compact, numbered: schema.kind == .deployment) {
                return diagram
            }
        }
        throw .cannotRoute(schema: schema.id)
    }

    /// Routes a frame; a bundle that finds no room goes first in the next try; the last try lets lines of
    /// one kind merge (only dense topologies ever need it).
    private static func attempts(
        _ schema: Schema, frame: Frame, bundles: [Bundle], style: LabelStyle, numbered: Bool
    ) -> Diagram? {
        var first: [String] = []
        for merging in [false, false, false, true] {
            switch attempt(schema, frame: frame, bundles: bundles, style: style, numbered: numbered, first: first, merging: merging) {
            case let .success(diagram): return diagram
            case let .failure(failed):
                if !first.contains(failed.key) { first.append(failed.key) }
            }
        }
        return nil
    }

    /// The bundle a try could not place.
    struct Failed: Error {
        var key: String
    }

    private static func attempt(
        _ schema: Schema, frame: Frame, bundles: [Bundle], style: LabelStyle, numbered: Bool, first: [String], merging: Bool
    ) -> Result<Diagram, Failed> {
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
                connections: bundle.connections.map(\.label), cells: found.cells, startSide: found.start,
                endSide: found.end)
            let full = bundle.connections.map { LabelText.line($0, numbered: numbered) }
            let compact = [LabelText.compact(bundle.connections, numbered: numbered)]
            guard sketch.add(route, full: full, compact: compact) else { return .failure(Failed(key: bundle.key)) }
        }
        return .success(Diagram(
            schema: schema, width: frame.width, height: frame.height, zones: frame.zones, boxes: frame.boxes,
            routes: sketch.routes, labels: sketch.labels, locals: frame.locals, connections: schema.connections, labelStyle: style,
            mergedLines: merging))
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
