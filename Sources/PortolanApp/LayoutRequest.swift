import PortolanCore
import PortolanLayout
import PortolanRender

/// What a figure is laid out for: the schema, the mode, and (for a fitted figure) the viewport's size.
///
/// The dashboard's loop lays requests out off its own thread (`AppState.layoutsInBackground`), so that a
/// big schema never holds keys back; a result is taken only while it is still the one asked for.
public struct LayoutRequest: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        /// The default layout.
        case standard
        /// As narrow as it goes (compact labels).
        case compact
        /// Fitted to the viewport at this level of detail.
        case fit(DetailLevel)
        /// Fitted to the viewport at the richest level that fits (the first `f`).
        case richestFit
    }

    public var schema: SchemaID
    public var mode: Mode
    /// The viewport's size for fitted modes; zero for the others, whose layout does not depend on it.
    public var viewport: ScreenSize

    public init(schema: SchemaID, mode: Mode, viewport: CellRect) {
        self.schema = schema
        self.mode = mode
        switch mode {
        case .fit, .richestFit: self.viewport = ScreenSize(width: viewport.width, height: viewport.height)
        case .standard, .compact: self.viewport = ScreenSize(width: 0, height: 0)
        }
    }

    /// Lays `schema` out as asked and draws its figure. Runs on any thread.
    public func run(_ schema: Schema, charset: Charset, layouts: any SchemaLayouts = DirectLayouts()) -> LaidOut {
        let width = max(20, viewport.width), height = max(5, viewport.height)
        let diagram: Diagram?
        switch mode {
        case .standard:
            diagram = try? layouts.diagram(schema, width: nil, height: nil, detail: nil)
        case .compact:
            diagram = Self.narrowest(schema, layouts)
        case let .fit(level):
            diagram = (try? layouts.diagram(schema, width: width, height: height, detail: level))
                ?? (try? layouts.diagram(schema, width: width, height: nil, detail: level))
                ?? (try? layouts.diagram(schema, width: nil, height: nil, detail: level))
        case .richestFit:
            diagram = (try? layouts.diagram(schema, width: width, height: height, detail: nil))
                ?? (try? layouts.diagram(schema, width: width, height: nil, detail: .overview))
                ?? (try? layouts.diagram(schema, width: nil, height: nil, detail: .overview))
        }
        return LaidOut(request: self, diagram: diagram, figure: diagram.map { DiagramCanvas.draw($0, charset: charset) })
    }

    /// The narrowest layout the schema allows.
    private static func narrowest(_ schema: Schema, _ layouts: any SchemaLayouts) -> Diagram? {
        do {
            return try layouts.diagram(schema, width: 40, height: nil, detail: nil)
        } catch {
            if case let .doesNotFit(_, _, needed?) = error, let diagram = try? layouts.diagram(schema, width: needed, height: nil, detail: nil) {
                return diagram
            }
            return try? layouts.diagram(schema, width: nil, height: nil, detail: nil)
        }
    }
}

/// A figure laid out and drawn for a request, ready to show.
public struct LaidOut: Sendable {
    public var request: LayoutRequest
    /// `nil` when the schema cannot be laid out at all.
    public var diagram: Diagram?
    public var figure: Canvas?
}

/// Where layouts come from: `DiagramLayout` itself, or a cache of it (the CLI keeps one on disk).
public protocol SchemaLayouts: Sendable {
    /// As `DiagramLayout.make`.
    func diagram(_ schema: Schema, width: Int?, height: Int?, detail: DetailLevel?) throws(LayoutError) -> Diagram
}

/// Lays out with `DiagramLayout.make`, every time.
public struct DirectLayouts: SchemaLayouts {
    public init() {}

    public func diagram(_ schema: Schema, width: Int?, height: Int?, detail: DetailLevel?) throws(LayoutError) -> Diagram {
        try DiagramLayout.make(schema, width: width, height: height, detail: detail)
    }
}
