import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// The size of the screen in cells.
public struct ScreenSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// Which pane the arrow keys act on.
public enum Pane: Hashable, Sendable {
    case list, diagram
    /// The arrows table, shown in the diagram's place.
    case table
    /// The event log.
    case log
}

/// What the dashboard shows; changed only by `apply(_:)`.
public struct AppState: Sendable {
    /// The catalog's schemas in list order (pack by pack, kind by kind).
    public let schemas: [Schema]
    /// The documents' conventions, for the help screen's legend.
    public let conventions: [Convention]
    public var keyMap: KeyMap
    public var themes: [Theme]
    public var themeIndex = 0
    public var size: ScreenSize

    public var filter = ""
    public var editingFilter = false
    /// The highlighted row of the filtered schema list.
    public var cursor = 0
    public var focus: Pane = .list

    /// The schema on display and its laid-out figure (`nil` while `pendingLayout` waits for it).
    public private(set) var current: Schema?
    public private(set) var diagram: Diagram?
    /// The figure drawn once per layout, so that frames only copy cells.
    public private(set) var figure: Canvas?
    /// Lay figures out off the update (the dashboard's loop sets it): `pendingLayout` then says what to lay
    /// out, and `.laidOut` brings it back. Off, layouts happen at once (tests, benchmarks).
    public var layoutsInBackground = false
    /// The layout the view waits for, shown as "laying out…".
    public private(set) var pendingLayout: LayoutRequest?
    /// Finished layouts by request.
    private var laidOut: [LayoutRequest: LaidOut] = [:]
    /// Unicode box drawing, or 7-bit ASCII for terminals without UTF-8.
    public var charset: Charset
    public var selectedArrow: Int?
    public var selectedRole: RoleID?
    /// The diagram cell at the viewport's top left corner.
    public var pan = CellPoint(x: 0, y: 0)
    /// Lay the figure out to fit the viewport at this level of detail (`f` picks the richest that fits,
    /// then cycles to the poorer ones); `nil`: the default layout.
    public var fitLevel: DetailLevel?
    /// The diagram pane takes the whole screen (`z`); the other panes are hidden.
    public var maximised = false
    /// Lay the figure out as narrow as it goes (compact labels).
    public var compact = false

    /// The arrows table (`a`): shown or not, sort, filter, search, cursor.
    public var table = ArrowsTable()

    public var showHelp = false
    /// The first line of the help shown (the help scrolls when it is taller than the screen).
    public var helpScroll = 0
    /// The event log's scrolling, follow mode and filter.
    public var logView = LogView()
    public var exportCursor: Int?
    /// Digits typed so far to jump to a numbered arrow ("1", "15", "4a").
    public var typedLabel = ""
    /// Where a mouse drag started, and the pan at that moment.
    public var dragOrigin: (mouse: CellPoint, pan: CellPoint)?

    /// True when a topology is bound and probes run.
    public var probing: Bool
    public var paused = false
    public var live: LiveState
    /// A one-line message in the status bar (the path of an export, an error).
    public var message: String?

    public init(
        schemas: [Schema], conventions: [Convention] = [], size: ScreenSize, keyMap: KeyMap = .standard, themes: [Theme] = [.ksc],
        live: LiveState = LiveState(), probing: Bool = false, charset: Charset = .unicode
    ) {
        self.charset = charset
        self.conventions = conventions
        var packOrder: [PackID: Int] = [:]
        for schema in schemas where packOrder[schema.pack] == nil { packOrder[schema.pack] = packOrder.count }
        self.schemas = schemas.enumerated().sorted { a, b in
            (packOrder[a.element.pack] ?? 0, Self.kindRank(a.element.kind), a.offset)
                < (packOrder[b.element.pack] ?? 0, Self.kindRank(b.element.kind), b.offset)
        }.map(\.element)
        self.size = size
        self.keyMap = keyMap
        self.themes = themes.isEmpty ? [.ksc] : themes
        self.live = live
        self.probing = probing
    }

    private static func kindRank(_ kind: SchemaKind) -> Int {
        switch kind {
        case .deployment: 0
        case .component: 1
        case .interaction: 2
        }
    }

    public var theme: Theme { themes[themeIndex % themes.count] }

    /// True while the figure is laid out to fit the pane.
    public var fit: Bool { fitLevel != nil }

    /// Where the panes sit now (the diagram alone when maximised).
    public var screenLayout: ScreenLayout { ScreenLayout(size, maximised: maximised) }

    /// The schemas the filter lets through, in list order.
    public var visibleSchemas: [Schema] {
        guard !filter.isEmpty else { return schemas }
        let needle = filter.lowercased()
        return schemas.filter { schema in
            [schema.id.rawValue, schema.title, schema.pack.rawValue, schema.kind.rawValue].contains {
                $0.lowercased().contains(needle)
            }
        }
    }

    /// The arrow selected in the open schema.
    public var selectedConnection: Connection? {
        guard let index = selectedArrow, let schema = current, schema.connections.indices.contains(index) else { return nil }
        return schema.connections[index]
    }

    /// The reference to the arrow selected in the open schema.
    public var selectedArrowRef: ArrowRef? {
        guard let index = selectedArrow else { return nil }
        return current?.arrow(at: index)
    }

    /// Opens a schema: lays it out for the current modes and resets selection and pan.
    public mutating func open(_ schema: Schema) {
        current = schema
        table.cursor = 0
        selectedArrow = nil
        selectedRole = nil
        pan = CellPoint(x: 0, y: 0)
        relayout()
    }

    /// Lays the open schema out again (after a resize or a change of mode).
    public mutating func relayout() {
        guard let schema = current else {
            diagram = nil
            figure = nil
            pendingLayout = nil
            return
        }
        let mode: LayoutRequest.Mode = compact ? .compact : (fitLevel.map { .fit($0) } ?? .standard)
        lay(LayoutRequest(schema: schema.id, mode: mode, viewport: screenLayout.diagram))
    }

    /// Shows the layout a request asks for: at once when it was made before (or when layouts are not in
    /// the background), else leaves it in `pendingLayout` for the loop and shows "laying out…".
    mutating func lay(_ request: LayoutRequest) {
        if let kept = laidOut[request] {
            show(kept)
        } else if layoutsInBackground {
            pendingLayout = request
            diagram = nil
            figure = nil
        } else if let schema = current, schema.id == request.schema {
            let result = request.run(schema, charset: charset)
            keep(result)
            show(result)
        }
    }

    /// Takes a layout finished in the background: kept for later, shown if it is the one still asked for.
    mutating func take(_ result: LaidOut) {
        keep(result)
        if pendingLayout == result.request { show(result) }
    }

    private mutating func keep(_ result: LaidOut) {
        if laidOut.count >= Self.keptLayouts, laidOut[result.request] == nil { laidOut.removeAll() }
        laidOut[result.request] = result
    }

    private mutating func show(_ result: LaidOut) {
        pendingLayout = nil
        diagram = result.diagram
        figure = result.figure
        if result.request.mode == .richestFit { fitLevel = result.diagram?.detail ?? .overview }
        clampPan()
    }

    /// How many finished layouts the state keeps, so that going back to a schema shows it at once.
    static let keptLayouts = 64

    /// Starts fitting the figure to the pane at the richest level that fits, or moves on to the next
    /// poorer level; after `overview`, back to the default layout.
    public mutating func cycleFit() {
        compact = false
        pan = CellPoint(x: 0, y: 0)
        if let level = fitLevel {
            fitLevel = level.poorer
            relayout()
        } else if let schema = current {
            lay(LayoutRequest(schema: schema.id, mode: .richestFit, viewport: screenLayout.diagram))
        } else {
            fitLevel = .full
        }
    }

    /// Keeps the viewport over the figure.
    public mutating func clampPan() {
        guard let diagram else {
            pan = CellPoint(x: 0, y: 0)
            return
        }
        let viewport = screenLayout.diagram
        pan.x = max(0, min(pan.x, diagram.width - viewport.width))
        pan.y = max(0, min(pan.y, diagram.height - viewport.height))
    }
}
