import PortolanModel

/// The routes and labels of one try at a frame, laid one bundle at a time on the router's grid.
struct Sketch {
    var router: Router
    var placer: LabelPlacer
    let style: LabelStyle
    private(set) var routes: [Route] = []
    private(set) var labels: [PlacedLabel] = []
    /// The compact text of every label, for a label that moves and finds room only for that.
    private var compacts: [[LabelLine]] = []

    init(frame: Frame, tuning: Router.Tuning, style: LabelStyle) {
        router = Router(frame: frame, tuning: tuning)
        placer = LabelPlacer(width: frame.width, height: frame.height)
        self.style = style
    }

    /// Finds a label spot along `route`: the full text first, two cells away from boxes, then one, then right
    /// beside one, each time a tidy spot (nothing but blanks and its own route round it) first; in the
    /// compact style, where the full text finds no room, the compact form. The spot is blocked for later routes.
    mutating func place(_ full: [LabelLine], compact: [LabelLine], along route: Route, label: Int) -> ([LabelLine], CellRect)? {
        for lines in style == .compact && full != compact ? [full, compact] : [full] {
            let text = lines.map(\.description)
            for (room, tidy) in Self.passes {
                if let rect = placer.place(text, along: route, router: &router, room: room, tidy: tidy, label: label) {
                    return (lines, rect)
                }
            }
        }
        return nil
    }

    /// The label passes, most readable first.
    private static let passes: [(LabelPlacer.BoxRoom, Bool)] = [
        (.clear, true), (.clear, false), (.gap, true), (.gap, false), (.touching, false),
    ]

    /// Claims a found route's cells; labels in its way (dense layouts only) move to another spot along their
    /// own routes. If one finds none, everything is put back as it was and the result is false.
    mutating func claim(_ cells: [CellPoint], link: LinkKind) -> Bool {
        let moved = router.labels(on: cells)
        guard !moved.isEmpty else {
            router.claim(cells, link: link)
            return true
        }
        let before = moved.map { labels[$0] }
        for index in moved { placer.remove(labels[index].rect, router: &router) }
        router.claim(cells, link: link)
        for (done, index) in moved.enumerated() {
            guard let (lines, rect) = place(labels[index].lines, compact: compacts[index], along: routes[index], label: index)
            else {
                for undo in moved[..<done] { placer.remove(labels[undo].rect, router: &router) }
                router.unclaim(cells)
                for (index, label) in zip(moved, before) {
                    labels[index] = label
                    placer.put(label.rect, label: index, router: &router)
                }
                return false
            }
            labels[index].lines = lines
            labels[index].rect = rect
        }
        return true
    }

    /// Adds a claimed route and places its label; false if the label finds no room.
    mutating func add(_ route: Route, full: [LabelLine], compact: [LabelLine]) -> Bool {
        guard let (lines, rect) = place(full, compact: compact, along: route, label: routes.count) else { return false }
        labels.append(PlacedLabel(route: routes.count, lines: lines, rect: rect))
        compacts.append(compact)
        routes.append(route)
        return true
    }
}
