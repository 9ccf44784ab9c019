import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file (`export -o`, `demo --export`, the dashboard's export key) without ever
/// destroying what the path names when it is not a plain file.
///
/// - `-` is standard output.
/// - A character device (`/dev/null`, a terminal) or a FIFO is opened and written to, as a shell's
///   `>` would: it is never replaced by a regular file.
/// - A regular file, a symbolic link or a missing path is replaced atomically: the text goes to a
///   temporary file in the same folder, which is then renamed over the path (a symbolic link is
///   replaced, never followed).
/// - Anything else (a folder, a block device, a socket) is an error that says what it is.
///
/// Temporary files are named `.NAME.portolan-PID.tmp`; one left behind by an export that was killed
/// is removed by the next write into the same folder once process PID has gone.
public enum OutputFile {
    /// Writes `text` to `path`.
    ///
    /// - Throws: `LocatedError` naming the path and what is wrong, in words.
    public static func write(_ text: String, to path: String) throws(LocatedError) {
        let bytes = Array(text.utf8)
        if path == "-" {
            try writeAll(bytes, to: STDOUT_FILENO, path: "standard output")
            return
        }
        guard !path.isEmpty else {
            throw LocatedError(file: "''", "an empty output path", hint: "give a file's path, or '-' for standard output")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT || code == ENOTDIR else { throw LocatedError(file: path, "cannot write: \(TextFile.reason(code))") }
            try checkFolder(of: path)
            try replace(path, with: bytes)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFLNK: try replace(path, with: bytes)
        case S_IFCHR, S_IFIFO: try stream(bytes, to: path)
        case S_IFDIR: throw LocatedError(file: path, "is a folder", hint: "give a file's path, or a folder only with 'all'")
        case S_IFBLK: throw LocatedError(file: path, "is a block device; portolan does not write over devices", hint: "give a file's path")
        case S_IFSOCK: throw LocatedError(file: path, "is a socket; portolan writes files, FIFOs and character devices")
        default: throw LocatedError(file: path, "is not a file portolan can write")
        }
    }

    /// Checks that the folder a new file would go into exists and is a folder, so that every writer (the
    /// CLI's `-o`, `probe --report`, the dashboard's `e`) says the same thing about it.
    ///
    /// - Throws: `LocatedError` naming the path, the folder, what is wrong and what to do.
    public static func checkFolder(of path: String) throws(LocatedError) {
        let folder = split(path).folder
        guard !folder.isEmpty, folder != "/" else { return }
        let trimmed = String(folder.dropLast())
        var info = stat()
        guard stat(trimmed, &info) == 0 else {
            let code = errno
            if code == ENOENT {
                throw LocatedError(file: path, "cannot write: the folder '\(trimmed)' does not exist", hint: "create it, or name a file in a folder that exists")
            }
            if code == ENOTDIR { throw LocatedError(file: path, "cannot write: a part of '\(trimmed)' is a file, not a folder") }
            throw LocatedError(file: path, "cannot write: the folder '\(trimmed)': \(TextFile.reason(code))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw LocatedError(file: path, "cannot write: '\(trimmed)' is a file, not a folder", hint: "name a file in a folder")
        }
    }

    /// The temporary name used while writing `path`, for process `pid`.
    public static func temporaryPath(for path: String, pid: Int32 = getpid()) -> String {
        let (folder, name) = split(path)
        return folder + "." + name + ".portolan-\(pid).tmp"
    }

    /// Removes temporary files of this naming in `folder` whose process has gone.
    public static func removeStaleTemporaryFiles(in folder: String) {
        let directory = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let marker = name.range(of: ".portolan-", options: .backwards),
                let pid = Int32(name[marker.upperBound...].dropLast(4)), pid > 0
            else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    private static func replace(_ path: String, with bytes: [UInt8]) throws(LocatedError) {
        let (folder, _) = split(path)
        removeStaleTemporaryFiles(in: folder)
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw LocatedError(file: path, "cannot write: the folder \(quoted(folder)) does not exist") }
            let hint = code == EACCES || code == EROFS ? "write into a folder you may write to" : nil
            throw LocatedError(file: path, "cannot write into its folder: \(TextFile.reason(code))", hint: hint)
        }
        var failure: LocatedError?
        do throws(LocatedError) { try writeAll(bytes, to: fd, path: path) } catch { failure = error }
        if failure == nil, fsync(fd) != 0 { failure = LocatedError(file: path, "cannot write: \(TextFile.reason(errno))") }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = LocatedError(file: path, "cannot replace: \(TextFile.reason(errno))") }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    private static func stream(_ bytes: [UInt8], to path: String) throws(LocatedError) {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw LocatedError(file: path, "cannot open for writing: \(TextFile.reason(errno))") }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(LocatedError) {
        if let code = bytes.withUnsafeBytes({ writeAll($0, to: fd) }) {
            throw LocatedError(file: path, "cannot write: \(TextFile.reason(code))")
        }
    }

    /// Writes every byte of `bytes` to `fd`, again after an interrupted or partial write.
    ///
    /// - Returns: the `errno` of a write that failed, or nil when all was written.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var rest = bytes
        while !rest.isEmpty {
            let written = Glibc.write(fd, rest.baseAddress, rest.count)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            rest = UnsafeRawBufferPointer(rebasing: rest[written...])
        }
        return nil
    }
}
