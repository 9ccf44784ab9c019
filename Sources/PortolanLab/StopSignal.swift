import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, or for a time limit, whichever comes first.
public enum StopSignal {
    public static func wait(atMost limit: Duration?) async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        let timer = limit.map { limit in
            Task {
                try? await Task.sleep(for: limit)
                continuation.yield()
            }
        }
        for await _ in stream { break }
        timer?.cancel()
        for source in sources { source.cancel() }
        continuation.finish()
    }
}
