import Foundation
import PortolanCore
import PortolanModel

/// Standard output of the commands.
public enum StandardOutput {
    /// Writes every byte of `text` with write(2) (no `Data` copy, no buffering surprises).
    ///
    /// - Throws: `CommandFailure` (status 2) when a write fails (a full disk, a closed descriptor), where
    ///   `FileHandle.write` crashed.
    public static func write(_ text: String) throws(CommandFailure) {
        var text = text
        let failure: Int32? = text.withUTF8 { bytes in
            var rest = UnsafeRawBufferPointer(bytes)
            while !rest.isEmpty {
                let written = Glibc.write(STDOUT_FILENO, rest.baseAddress, rest.count)
                guard written >= 0 else {
                    if errno == EINTR { continue }
                    return errno
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[written...])
            }
            return nil
        }
        if let failure { throw CommandFailure("cannot write to standard output: \(TextFile.reason(failure))") }
    }
}
