import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Standard output of the commands.
public enum StandardOutput {
    /// Writes every byte of `text` with write(2) (`OutputFile.writeAll`: no `Data` copy, no buffering).
    ///
    /// - Throws: `CommandFailure` (status 2) when a write fails (a full disk, a closed descriptor), where
    ///   `FileHandle.write` crashed.
    public static func write(_ text: String) throws(CommandFailure) {
        var text = text
        if let code = text.withUTF8({ OutputFile.writeAll(UnsafeRawBufferPointer($0), to: STDOUT_FILENO) }) {
            throw CommandFailure("cannot write to standard output: \(TextFile.reason(code))")
        }
    }
}
