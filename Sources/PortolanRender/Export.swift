import PortolanCore
import PortolanLayout

/// The output formats of `portolan export`.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case ascii, unicode, ansi, svg, dot, mermaid, markdown, json

    /// The file name extension for `-o DIR`.
    public var fileExtension: String {
        switch self {
        case .ascii, .unicode: "txt"
        case .ansi: "ansi"
        case .svg: "svg"
        case .dot: "dot"
        case .mermaid: "mmd"
        case .markdown: "md"
        case .json: "json"
        }
    }

    /// The name of a schema's exported file, `ID.EXT`: for `export -o DIR`, `demo --export` and the dashboard.
    public func fileName(_ schema: SchemaID) -> String { "\(schema.rawValue).\(fileExtension)" }
}

/// Renders a laid-out diagram in any export format; every format comes from the same geometry and model.
public struct Exporter: Sendable {
    public var theme: Theme
    /// Appends the legend to text formats.
    public var legend: Bool
    /// The width the layout was asked to fit, so that text below the figure fits too.
    public var width: Int?
    /// The arrows' live states (the dashboard's `e`): ANSI, unicode, ASCII and SVG figures are painted
    /// with them and carry the live legend; nil for the documents' figure alone.
    public var states: ArrowStates?

    public init(theme: Theme = .ksc, legend: Bool = false, width: Int? = nil, states: ArrowStates? = nil) {
        self.theme = theme
        self.legend = legend
        self.width = width
        self.states = states
    }

    /// The diagram in `format`.
    ///
    /// - Throws: only for `json`, if encoding fails.
    public func render(_ diagram: Diagram, as format: ExportFormat) throws -> String {
        switch format {
        case .ascii: TextExport.render(diagram, charset: .ascii, legend: legend, limit: width, states: states)
        case .unicode: TextExport.render(diagram, charset: .unicode, legend: legend, limit: width, states: states)
        case .ansi: TextExport.render(diagram, charset: .unicode, theme: theme, legend: legend, limit: width, states: states)
        case .svg: SVGExport.render(diagram, states: states, theme: theme)
        case .dot: DOTExport.render(diagram)
        case .mermaid: MermaidExport.render(diagram)
        case .markdown: MarkdownExport.render(diagram, legend: legend, limit: width)
        case .json: try JSONOutput.string(DiagramJSON(diagram))
        }
    }
}
