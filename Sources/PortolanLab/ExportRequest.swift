import Foundation
import PortolanCore
import PortolanFigures
import PortolanLayout
import PortolanRender

/// What `portolan export` was asked, however it was read (ArgumentParser's `ExportCommand`, or
/// `QuickExport` for the common forms), and the export itself.
public struct ExportRequest: Equatable, Sendable {
    public var catalog: CatalogChoice
    public var id: String
    public var format: String
    public var width: Int?
    public var height: Int?
    public var detail: String?
    public var legend: Bool
    public var theme: String
    public var output: String?
    public var layoutAtRunTime: Bool

    public init(
        catalog: CatalogChoice = CatalogChoice(), id: String, format: String = "unicode", width: Int? = nil, height: Int? = nil,
        detail: String? = nil, legend: Bool = false, theme: String = "ksc", output: String? = nil, layoutAtRunTime: Bool = false
    ) {
        self.catalog = catalog
        self.id = id
        self.format = format
        self.width = width
        self.height = height
        self.detail = detail
        self.legend = legend
        self.theme = theme
        self.output = output
        self.layoutAtRunTime = layoutAtRunTime
    }

    /// Draws what was asked to standard output or to `output`.
    ///
    /// - Throws: `CommandFailure` (unknown format or level, a failed write), `LoadErrors`, `LocatedError`, `LayoutError`.
    public func run() throws {
        guard let format = ExportFormat(rawValue: format) else {
            let known = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("unknown format '\(self.format)' (expected one of: \(known))")
        }
        var level: DetailLevel?
        if let detail {
            guard let known = DetailLevel(rawValue: detail) else {
                let names = DetailLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw CommandFailure("unknown --detail '\(detail)' (expected one of: \(names))")
            }
            level = known
        }
        let loaded = try catalog.load()
        let schemas = id == "all" ? loaded.schemas : [try catalog.schema(id, in: loaded)]
        // Only ansi and svg draw with the theme: a built-in one is not parsed for the other formats (a theme
        // file always is, so that its errors show).
        let drawsWithTheme = format == .ansi || format == .svg || BuiltinThemes.text(named: theme) == nil
        let exporter = Exporter(
            theme: drawsWithTheme ? try Theme.named(theme) : Theme(name: theme, styles: [:]), legend: legend, width: width)
        let diagrams = try layoutAtRunTime
            ? DiagramLayout.makeAll(schemas, width: width, height: height, detail: level)
            : BuiltinFigures.layoutAll(schemas, width: width, height: height, detail: level)
        if width != nil || height != nil { diagrams.forEach(note) }
        if let output, output != "-" {
            try ExportFiles.write(diagrams, format: format, exporter: exporter, to: output, oneFilePerSchema: id == "all")
        } else if format == .json && id == "all" {
            try StandardOutput.write(try JSONOutput.string(diagrams.map(DiagramJSON.init)))
        } else {
            try StandardOutput.write(try diagrams.map { try exporter.render($0, as: format) }.joined(separator: "\n"))
        }
    }

    /// Says on stderr which level of detail fits the asked size, and how big the figure is.
    private func note(_ diagram: Diagram) {
        let asked = [width.map { "\($0) columns" }, height.map { "\($0) lines" }].compactMap { $0 }.joined(separator: " × ")
        let line = "portolan: \(diagram.schema.id): \(diagram.detail) level, \(diagram.width)x\(diagram.height) (fits \(asked))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
