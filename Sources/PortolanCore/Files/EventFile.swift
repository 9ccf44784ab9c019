import Foundation

/// Appends events as JSON lines to a file (created if missing) or to standard output, one `write` each: the
/// watcher's `--events` and the dashboard's `--log`, so that both write the same lines the same way.
public final class EventFile: Sendable {
    private let descriptor: Int32
    private let owned: Bool
    public let path: String

    /// Opens `path` for appending; `-` is standard output.
    ///
    /// - Throws: `EventFile.Failure` naming the file and the system's reason.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            owned = false
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        owned = true
    }

    deinit { if owned { close(descriptor) } }

    /// Writes each event as one line; a failed write is returned for the log, never fatal.
    public func write(_ events: [ArrowChangeEvent]) -> String? {
        guard !events.isEmpty else { return nil }
        let bytes = Array(events.map { $0.line() }.joined().utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return "\(path): cannot write events: \(String(cString: strerror(errno)))"
            }
            offset += written
        }
        return nil
    }

    /// The events file cannot be opened.
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot open the events file: \(reason)" }
    }
}
