import Foundation
import PortolanCore

/// The dashboard's `--log FILE`, checked before the screen opens, so that a wrong path is an error on the
/// command line (exit 2) rather than a line in the log pane later.
public enum ChangeLogFile {
    /// The file as a URL, once it is known that it can be appended to, or created in a folder that exists.
    ///
    /// - Throws: `CommandFailure` naming the flag, the file and what is wrong.
    public static func checked(_ path: String) throws(CommandFailure) -> URL {
        let url = URL(fileURLWithPath: path)
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw CommandFailure("--log \(path): is a folder; give a file to append JSON lines to") }
            guard files.isWritableFile(atPath: path) else { throw CommandFailure("--log \(path): not writable") }
        } else {
            let folder = url.deletingLastPathComponent().path
            guard files.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure("--log \(path): the folder \(folder) does not exist")
            }
            guard files.isWritableFile(atPath: folder) else { throw CommandFailure("--log \(path): cannot create a file in \(folder)") }
        }
        return url
    }
}
