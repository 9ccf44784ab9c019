import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads the text files portolan takes as input (packs, topologies, hosts and target lists, themes,
/// keymaps): UTF-8, at most `maximumBytes`, with errors that say which file and what is wrong in words.
///
/// A file that is not UTF-8 is reported at the line and column of its first bad byte; a folder, a file
/// that cannot be opened, or one that is too large gets the reason instead of a Foundation error code.
public enum TextFile {
    /// The largest input file read: far above any real topology or pack, small enough to read in well
    /// under a second (and a stop for `/dev/zero`).
    public static let maximumBytes = 16 << 20

    /// The text of the file at `path`, or `nil` if there is no such file.
    ///
    /// - Parameter name: how the file is named in errors (default: `path`).
    /// - Throws: `LocatedError` for a folder, a file that cannot be read, one larger than
    ///   `maximumBytes`, or one that is not UTF-8.
    public static func readIfPresent(_ path: String, name: String? = nil) throws(LocatedError) -> String? {
        let name = name ?? path
        guard !path.isEmpty else { throw LocatedError(file: "''", "an empty path names no file") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw LocatedError(file: name, "cannot read the file: \(reason(code))")
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw LocatedError(file: name, "is a folder, not a file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= maximumBytes {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LocatedError(file: name, "cannot read the file: \(reason(errno))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        guard bytes.count <= maximumBytes else {
            throw LocatedError(file: name, "is larger than \(maximumBytes >> 20) MiB", hint: "an input file this large is not a topology, pack, list or theme")
        }
        return try decode(bytes, file: name)
    }

    /// The text of the file at `path`.
    ///
    /// - Parameter what: what the file is, for the message when it does not exist ("topology file").
    /// - Throws: `LocatedError` as `readIfPresent`, and for a missing file.
    public static func read(_ path: String, name: String? = nil, what: String) throws(LocatedError) -> String {
        guard let text = try readIfPresent(path, name: name) else {
            throw LocatedError(file: name ?? path, "no such \(what)")
        }
        return text
    }

    /// Bytes as UTF-8 text (a byte-order mark is dropped).
    ///
    /// - Throws: `LocatedError` at the line and column of the first byte that is not UTF-8.
    public static func decode(_ bytes: [UInt8], file: String) throws(LocatedError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        // Find the first bad sequence by hand: the standard library's generic parser is slow in debug
        // builds, and files can be megabytes.
        var line = 1, column = 1, index = body.startIndex
        while index < body.endIndex {
            let length = Self.sequenceLength(body, at: index)
            guard length > 0 else {
                let byte = String(body[index], radix: 16, uppercase: true)
                throw LocatedError(
                    at: SourceLocation(file: file, line: line, column: column),
                    "the file is not UTF-8 text (byte 0x\(byte.count == 1 ? "0" + byte : byte) here)",
                    hint: "save it as UTF-8")
            }
            if body[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence at `index` (1-4), or 0 if there is none.
    static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.endIndex else { return 0 }
        guard (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// `strerror` in the words a user acts on.
    package static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case ENOTDIR: "a part of the path is not a folder"
        case ENAMETOOLONG: "the path is too long"
        case ELOOP: "too many symbolic links"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
