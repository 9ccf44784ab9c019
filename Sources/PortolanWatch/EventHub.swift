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
