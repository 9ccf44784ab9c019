import Hummingbird
import NIOCore

/// The request context of the watcher's routes: Hummingbird's basic one plus the connection's channel,
/// so that a long body can wait for the connection's event loop between pieces (`WatchServer`).
struct WatchRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
