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
            Text formats print the figure and, under it, the numbered list of arrows. Component schemas fit \
            in 100 columns and deployment schemas in 160 unless --width says otherwise; a figure that cannot \
            fit the asked width is an error (exit 2). With -o, files are written atomically; 'all' with -o DIR \
            writes one file per schema (ID.txt, ID.svg, ...).
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A schema id (see 'portolan schemas'), or 'all'.") var id: String
    @Option(help: "ascii, unicode, ansi, svg, dot, mermaid, markdown or json.") var format: String = "unicode"
    @Option(help: "The widest the figure may be, in columns.") var width: Int?
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
        let loaded = try catalog.load()
        let schemas = id == "all" ? loaded.schemas : [try catalog.schema(id, in: loaded)]
        let exporter = Exporter(theme: try loadTheme(), legend: legend, width: width)
        var diagrams: [Diagram] = []
        for schema in schemas {
            do throws(LayoutError) {
                diagrams.append(try DiagramLayout.make(schema, width: width))
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        if let output {
            try write(diagrams, format: format, exporter: exporter, to: output)
        } else if format == .json && id == "all" {
            emit(try JSONOutput.string(diagrams.map(DiagramJSON.init)))
        } else {
            emit(try diagrams.map { try exporter.render($0, as: format) }.joined(separator: "\n"))
        }
    }

    private func loadTheme() throws -> Theme {
        if let builtin = Theme.builtin(theme) { return builtin }
        guard FileManager.default.fileExists(atPath: theme) else {
            throw CommandFailure(message: "no theme '\(theme)' (built-in: ksc, mono, high-contrast, light; or give a file's path)")
        }
        let text = try String(contentsOfFile: theme, encoding: .utf8)
        return try Theme.parse(text, file: theme)
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

    /// Writes through a temporary file and a rename, so that readers never see half a file.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(message: "cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
