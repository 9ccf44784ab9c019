import ArgumentParser
import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Draw a schema (or all of them) as ascii, unicode, ansi, svg, dot, mermaid, markdown or json.",
        discussion: """
            Text formats print the figure and, under it, the numbered list of arrows. The figure is drawn at \
            the richest level of detail (full, compact, overview) that fits 100x30 for component schemas and \
            160x60 for the others, or --width/--height if given (the level chosen is said on stderr); a figure \
            that cannot fit the asked size is an error (exit 2). --detail asks for one level. With -o, files \
            are replaced atomically (a symbolic link is replaced, not followed); a character device or FIFO is \
            written to; '-' is standard output. 'all' with -o DIR writes one file per schema (ID.txt, ID.svg, ...).
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A schema id (see 'portolan schemas'), or 'all'.") var id: String
    @Option(help: "ascii, unicode, ansi, svg, dot, mermaid, markdown or json.") var format: String = "unicode"
    @Option(help: "The widest the figure may be, in columns.") var width: Int?
    @Option(help: "The tallest the figure may be, in lines.") var height: Int?
    @Option(help: "The level of detail: full, compact or overview (default: the richest that fits).") var detail: String?
    @Flag(help: "Append the legend of line styles and symbols (text and markdown formats).") var legend = false
    @Option(help: "The ansi theme: ksc (default), mono, high-contrast, light, or a theme file's path.")
    var theme: String = "ksc"
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("A file, or a folder for 'all'.", valueName: "PATH"))
    var output: String?

    func run() throws {
        guard let format = ExportFormat(rawValue: format) else {
            let known = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure(message: "unknown format '\(self.format)' (expected one of: \(known))")
        }
        if let width, width < 20 { throw CommandFailure(message: "--width \(width) is too narrow (at least 20)") }
        if let height, height < 5 { throw CommandFailure(message: "--height \(height) is too low (at least 5)") }
        var level: DetailLevel?
        if let detail {
            guard let known = DetailLevel(rawValue: detail) else {
                let names = DetailLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw CommandFailure(message: "unknown --detail '\(detail)' (expected one of: \(names))")
            }
            level = known
        }
        let loaded = try catalog.load()
        let schemas = id == "all" ? loaded.schemas : [try catalog.schema(id, in: loaded)]
        let exporter = Exporter(theme: try loadTheme(), legend: legend, width: width)
        var diagrams: [Diagram] = []
        let cache = LayoutCache()
        for schema in schemas {
            do throws(LayoutError) {
                let diagram = try cache.diagram(schema, width: width, height: height, detail: level)
                diagrams.append(diagram)
                if width != nil || height != nil { note(diagram) }
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        if let output, output != "-" {
            try write(diagrams, format: format, exporter: exporter, to: output)
        } else if format == .json && id == "all" {
            emit(try JSONOutput.string(diagrams.map(DiagramJSON.init)))
        } else {
            emit(try diagrams.map { try exporter.render($0, as: format) }.joined(separator: "\n"))
        }
    }

    /// Says on stderr which level of detail fits the asked size, and how big the figure is.
    private func note(_ diagram: Diagram) {
        let asked = [width.map { "\($0) columns" }, height.map { "\($0) lines" }].compactMap { $0 }.joined(separator: " × ")
        let line = "portolan: \(diagram.schema.id): \(diagram.detail) level, \(diagram.width)x\(diagram.height) (fits \(asked))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func loadTheme() throws -> Theme {
        if let builtin = Theme.builtin(theme) { return builtin }
        guard FileManager.default.fileExists(atPath: theme) else {
            throw CommandFailure(message: "no theme '\(theme)' (built-in: ksc, mono, high-contrast, light; or give a file's path)")
        }
        return try Theme.parse(try TextFile.read(theme, what: "theme file"), file: theme)
    }

    private func write(_ diagrams: [Diagram], format: ExportFormat, exporter: Exporter, to path: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if id == "all" || (exists && isDirectory.boolValue) {
            if exists && !isDirectory.boolValue {
                throw CommandFailure(message: "'\(path)' is a file; 'all' needs a folder for its one file per schema")
            }
            try ExportFiles.writeAll(diagrams, format: format, exporter: exporter, into: path)
        } else if let diagram = diagrams.first {
            try ExportFiles.write(try exporter.render(diagram, as: format), to: path)
        }
    }
}

/// Writing exported files: `export` and `demo --export` share it.
enum ExportFiles {
    /// Writes one file per diagram, `FOLDER/ID.EXT`, creating the folder if needed.
    static func writeAll(_ diagrams: [Diagram], format: ExportFormat, exporter: Exporter, into folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(message: "cannot create folder '\(folder)': \(error.localizedDescription)")
        }
        for diagram in diagrams {
            let file = (folder as NSString).appendingPathComponent("\(diagram.schema.id).\(format.fileExtension)")
            try write(try exporter.render(diagram, as: format), to: file)
        }
    }

    /// Writes a file as `OutputFile` does: devices and FIFOs written to, files replaced atomically.
    static func write(_ text: String, to path: String) throws {
        try OutputFile.write(text, to: path)
    }
}
