import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import PortolanCore

/// The watcher's HTTP endpoint: `/metrics` (Prometheus text format), `/api/v1/state` (the latest round
/// as `probe --json` prints it), `/api/v1/events` (Server-Sent Events of state changes) and `/healthz`.
public enum WatchServer {
    /// The Prometheus text format's content type.
    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The routes, behind basic auth when the web config has users.
    static func router(
        snapshot: WatchSnapshot, hub: EventHub, metrics: @escaping @Sendable () -> MetricsExposition, scrapes: ScrapeTimes? = nil, users: [String: String]
    ) -> Router<WatchRequestContext> {
        let router = Router(context: WatchRequestContext.self)
        if !users.isEmpty { router.add(middleware: BasicAuthMiddleware<WatchRequestContext>(users: users)) }
        router.get("/healthz") { _, _ in
            let rounds = await snapshot.rounds
            return text("ok: \(rounds) rounds\n", type: "text/plain; charset=utf-8")
        }
        router.get("/metrics") { _, context in
            var headers = HTTPFields()
            headers[.contentType] = metricsContentType
            // Streamed a piece at a time: 100,000 targets are tens of MiB of text, never held at once.
            scrapes?.record()
            let exposition = metrics()
            let loop = context.channel.eventLoop
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                var pieces = exposition
                while let piece = pieces.next() {
                    try await writer.write(ByteBuffer(bytes: piece))
                    // A write is handed to the event loop and holds back the next one only once the loop
                    // has seen the connection fill up; on a busy machine this task ran ahead by over a
                    // hundred pieces (34 MiB at 100,000 targets, in a heap profile). Waiting for the loop
                    // to reach this point keeps it to a piece or two.
                    try await loop.submit {}.get()
                }
                try await writer.finish(nil)
            })
        }
        router.get("/api/v1/state") { _, _ in
            guard let state = await snapshot.state else {
                return Response(
                    status: .serviceUnavailable, headers: [.contentType: "application/json", .retryAfter: "1"],
                    body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\"no round has finished yet\"}\n")))
            }
            // Written a piece at a time from the kept results: the document is never held whole.
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                var pieces = state
                while let piece = try pieces.next() { try await writer.write(ByteBuffer(string: piece)) }
                try await writer.finish(nil)
            })
        }
        router.get("/api/v1/events") { _, _ in
            let stream = await hub.subscribe()
            let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                // A comment first, so that the client sees the headers before the first change.
                try await writer.write(ByteBuffer(string: ": portolan watch events\n\n"))
                for await event in stream {
                    try await writer.write(ByteBuffer(string: "event: change\ndata: \(event.line())\n"))
                }
                try await writer.finish(nil)
            })
        }
        return router
    }

    /// The application for `configuration`: HTTP or HTTPS on the listen address.
    ///
    /// - Parameter onListening: called with the URL the server listens on (the port the system chose for port 0).
    /// - Throws: `LocatedError` when the web config's certificate or key does not load.
    static func application(
        listen: ListenAddress, web: WebConfig, snapshot: WatchSnapshot, hub: EventHub, metrics: @escaping @Sendable () -> MetricsExposition, scrapes: ScrapeTimes? = nil, logger: Logger,
        onListening: @escaping @Sendable (String) -> Void
    ) throws -> some ApplicationProtocol {
        let router = Self.router(snapshot: snapshot, hub: hub, metrics: metrics, scrapes: scrapes, users: web.users)
        let server: HTTPServerBuilder = try web.tls.map { try .tls(.http1(), tlsConfiguration: WebConfig.serverConfiguration($0)) } ?? .http1()
        let scheme = web.tls == nil ? "http" : "https"
        var quiet = logger
        quiet.logLevel = .warning
        return Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(listen.host.description, port: listen.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                onListening("\(scheme)://\(ListenAddress(host: listen.host, port: port))")
            },
            logger: quiet)
    }

    private static func text(_ body: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
