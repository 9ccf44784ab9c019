import Foundation
import PortolanCore
import PortolanLab
import PortolanLayout
import PortolanRender
import Testing

/// Exported files: one name per schema and format, written whole, with errors that say what is wrong.
@Suite struct ExportFilesTests {
    func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("portolan-lab-export-\(UUID().uuidString)").path
    }

    @Test func everyFormatOfEverySchemaIsNamedIdDotExtension() throws {
        let schemas = Array(Catalog.builtin().schemas.prefix(2))
        let root = folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try ExportFiles.writeEveryFormat(schemas, into: root) == 2)
        for format in ExportFormat.allCases {
            let files = try FileManager.default.contentsOfDirectory(atPath: "\(root)/\(format.rawValue)").sorted()
            #expect(files == schemas.map { format.fileName($0.id) }.sorted())
        }
        let svg = try String(contentsOfFile: "\(root)/svg/\(ExportFormat.svg.fileName(schemas[0].id))", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
    }

    @Test func aMissingFolderIsNamed() throws {
        let root = folder()
        let error = #expect(throws: LocatedError.self) { try OutputFile.write("x", to: "\(root)/a.txt") }
        #expect(error?.description == "\(root)/a.txt: cannot write: the folder '\(root)' does not exist (create it, or name a file in a folder that exists)")
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test func aFileInPlaceOfTheFolderIsNamed() throws {
        let file = folder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: LocatedError.self) { try OutputFile.write("x", to: "\(file)/a.txt") }
        #expect(error?.description.contains("is a file, not a folder") == true)
    }

    /// `export -o PATH`: a folder gets `ID.EXT`, a file gets the figure, and `all` into a file is refused.
    @Test func anExportGoesIntoAFolderOrAFile() throws {
        let schema = try #require(Catalog.builtin().schema("ksc13-server-agent"))
        let diagrams = [try DiagramLayout.make(schema)]
        let root = folder()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try ExportFiles.write(diagrams, format: .ascii, exporter: Exporter(), to: root, oneFilePerSchema: false)
        let inFolder = try String(contentsOfFile: "\(root)/\(ExportFormat.ascii.fileName(schema.id))", encoding: .utf8)
        try ExportFiles.write(diagrams, format: .ascii, exporter: Exporter(), to: "\(root)/one.txt", oneFilePerSchema: false)
        #expect(try String(contentsOfFile: "\(root)/one.txt", encoding: .utf8) == inFolder)
        let error = #expect(throws: CommandFailure.self) {
            try ExportFiles.write(diagrams, format: .ascii, exporter: Exporter(), to: "\(root)/one.txt", oneFilePerSchema: true)
        }
        #expect(error?.message == "'\(root)/one.txt' is a file; 'all' needs a folder for its one file per schema")
    }
}
