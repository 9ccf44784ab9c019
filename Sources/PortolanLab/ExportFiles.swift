import Foundation
import PortolanCore
import PortolanFigures
import PortolanLayout
import PortolanRender

/// Writing every schema's exported files (`export all -o DIR`, `demo --export`), named by
/// `ExportFormat.fileName` as the dashboard's `e` names its files; each written by `OutputFile`.
public enum ExportFiles {
    /// Every schema in every format, `FOLDER/FORMAT/ID.EXT`, as `export all --format F -o FOLDER/F` would
    /// write them (`demo --export`); returns the number of diagrams.
    @discardableResult
    public static func writeEveryFormat(_ schemas: [Schema], into folder: String) throws -> Int {
        let diagrams = try BuiltinFigures.layoutAll(schemas)
        let exporter = Exporter()
        for format in ExportFormat.allCases {
            try writeAll(diagrams, format: format, exporter: exporter, into: (folder as NSString).appendingPathComponent(format.rawValue))
        }
        return diagrams.count
    }

    /// Writes what `export -o PATH` writes: one file per diagram into the folder `PATH` when
    /// `oneFilePerSchema` (`export all`) or when `PATH` is a folder that exists; else the first diagram
    /// into the file `PATH`.
    ///
    /// - Throws: `CommandFailure` when `all` is asked into a file; `LocatedError` (`OutputFile`) when the file's folder is missing.
    public static func write(_ diagrams: [Diagram], format: ExportFormat, exporter: Exporter, to path: String, oneFilePerSchema: Bool) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if oneFilePerSchema || (exists && isDirectory.boolValue) {
            if exists && !isDirectory.boolValue {
                throw CommandFailure("'\(path)' is a file; 'all' needs a folder for its one file per schema")
            }
            try writeAll(diagrams, format: format, exporter: exporter, into: path)
        } else if let diagram = diagrams.first {
            try OutputFile.write(try exporter.render(diagram, as: format), to: path)
        }
    }

    /// Writes one file per diagram, `FOLDER/ID.EXT`, creating the folder if needed.
    public static func writeAll(_ diagrams: [Diagram], format: ExportFormat, exporter: Exporter, into folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create folder '\(folder)': \(error.localizedDescription)")
        }
        for diagram in diagrams {
            let file = (folder as NSString).appendingPathComponent(format.fileName(diagram.schema.id))
            try OutputFile.write(try exporter.render(diagram, as: format), to: file)
        }
    }
}
