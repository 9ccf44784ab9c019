import Foundation
import PortolanCore
import PortolanLayout
import PortolanRender

/// Writing exported files: `export`, `demo --export` and the dashboard's `e` share it (and its naming,
/// `ExportFormat.fileName`).
public enum ExportFiles {
    /// Every schema in every format, `FOLDER/FORMAT/ID.EXT`, as `export all --format F -o FOLDER/F` would
    /// write them (`demo --export`); returns the number of diagrams.
    @discardableResult
    public static func writeEveryFormat(_ schemas: [Schema], into folder: String) throws -> Int {
        let diagrams = try DiagramLayout.makeAll(schemas)
        let exporter = Exporter()
        for format in ExportFormat.allCases {
            try writeAll(diagrams, format: format, exporter: exporter, into: (folder as NSString).appendingPathComponent(format.rawValue))
        }
        return diagrams.count
    }

    /// Writes one file per diagram, `FOLDER/ID.EXT`, creating the folder if needed.
    public static func writeAll(_ diagrams: [Diagram], format: ExportFormat, exporter: Exporter, into folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw LabFailure("cannot create folder '\(folder)': \(error.localizedDescription)")
        }
        for diagram in diagrams {
            let file = (folder as NSString).appendingPathComponent(format.fileName(diagram.schema.id))
            try write(try exporter.render(diagram, as: format), to: file)
        }
    }

    /// Writes as `OutputFile` does: a regular file through a temporary file and a rename, so that readers
    /// never see half a file; a device or FIFO written to, never replaced.
    public static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            throw LabFailure("cannot write '\(path)': the folder '\(folder)' does not exist (create it, or name a file in a folder that exists)")
        }
        if !folder.isEmpty, !isDirectory.boolValue {
            throw LabFailure("cannot write '\(path)': '\(folder)' is a file, not a folder")
        }
        try OutputFile.write(text, to: path)
    }
}
