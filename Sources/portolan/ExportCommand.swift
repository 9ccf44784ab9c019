import ArgumentParser
import Foundation
import PortolanCore
import PortolanFigures
import PortolanLab
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
    // Unconditional: "--width -5" reaches validate() and is refused there, not taken for an option.
    @Option(parsing: .unconditional, help: "The widest the figure may be, in columns (at least 20).") var width: Int?
    @Option(parsing: .unconditional, help: "The tallest the figure may be, in lines (at least 5).") var height: Int?
    @Option(help: "The level of detail: full, compact or overview (default: the richest that fits).") var detail: String?
    @Flag(help: "Append the legend of line styles and symbols (text and markdown formats).") var legend = false
    @Option(help: "The ansi theme: ksc (default), mono, high-contrast, light, or a theme file's path.")
    var theme: String = "ksc"
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("A file, or a folder for 'all'.", valueName: "PATH"))
    var output: String?
    // For `portolan bench`: lay out a built-in schema at run time instead of drawing its build-time figure
    // (the same figure, `BuiltinFiguresTests`), so that the bench can show both.
    @Flag(help: .hidden) var layoutAtRunTime = false

    func validate() throws {
        if let width, width < 20 {
            throw ValidationError("--width \(width): a figure needs at least 20 columns; give a width of 20 or more")
        }
        if let height, height < 5 {
            throw ValidationError("--height \(height): a figure needs at least 5 lines; give a height of 5 or more")
        }
    }

    func run() throws { try request.run() }

    /// What was asked, as the plain value that `QuickExport` also gives.
    var request: ExportRequest {
        ExportRequest(
            catalog: catalog.choice, id: id, format: format, width: width, height: height, detail: detail, legend: legend,
            theme: theme, output: output, layoutAtRunTime: layoutAtRunTime)
    }
}
