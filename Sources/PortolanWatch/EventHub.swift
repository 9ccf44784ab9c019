import Foundation
import PortolanCore

/// Hands every state change to the `/api/v1/events` streams open at the time, each through a buffer
/// of its own, so a slow reader drops its oldest events instead of slowing the watcher.
public actor EventHub {
    /// Events kept per subscriber while it is not reading.
    public static let bufferSize = 1024

    private var subscribers: [Int: AsyncStream<ArrowChangeEvent>.Continuation] = [:]
    private var next = 0
    private var finished = false

    public init() {}

    /// A stream of the events published from now on; it ends when the hub finishes.
    public func subscribe() -> AsyncStream<ArrowChangeEvent> {
        let (stream, continuation) = AsyncStream<ArrowChangeEvent>.makeStream(bufferingPolicy: .bufferingNewest(Self.bufferSize))
        if finished {
            continuation.finish()
            return stream
        }
        let id = next
        next += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    /// How many streams are open.
    public var count: Int { subscribers.count }

    public func publish(_ events: [ArrowChangeEvent]) {
        for continuation in subscribers.values {
            for event in events { continuation.yield(event) }
        }
    }

    /// Ends every stream (the watcher is stopping), so that open HTTP responses complete.
    public func finish() {
        finished = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func remove(_ id: Int) { subscribers[id] = nil }
}

/// Appends events as JSON lines to a file (created if missing) or to standard output, one `write` each.
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
