import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A small HTTP/1.1 client for a watcher's endpoint: one GET per connection, over TCP or TLS, with
/// basic auth from the URL's user and password. Used by `tui --attach` and the tests.
public struct WatchClient: Sendable {
    public let scheme: String
    public let host: String
    public let port: Int
    /// `user:password`, when the URL has them.
    public let credentials: String?
    private let tls: TLSConfiguration?

    /// A reply: status, headers (names lower-cased) and body.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A URL that cannot be used, or a request that failed.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// - Parameters:
    ///   - url: `http://HOST:PORT` or `https://[USER:PASSWORD@]HOST:PORT` (a path, if any, is ignored).
    ///   - tls: the client TLS settings for `https` (default: the system's trust roots, host names checked).
    /// - Throws: `Failure` for a URL without a host or with another scheme.
    public init(url text: String, tls: TLSConfiguration = .makeClientConfiguration()) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw Failure(message: "'\(text)' is not a watcher's URL (expected http://HOST:PORT or https://HOST:PORT)")
        }
        self.scheme = scheme
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = url.port ?? (scheme == "https" ? 443 : 80)
        credentials = url.user.map { "\($0):\(url.password ?? "")" }
        self.tls = scheme == "https" ? tls : nil
    }

    /// A client that trusts the PEM certificates in `caFile` for https (else the system's trust roots).
    ///
    /// - Throws: `Failure` for a URL that is not a watcher's, or a CA file that does not exist.
    public init(url text: String, trusting caFile: String?) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            guard FileManager.default.fileExists(atPath: caFile) else { throw Failure(message: "\(caFile): no such file of trusted certificates") }
            tls.trustRoots = .file(caFile)
        }
        try self.init(url: text, tls: tls)
    }

    /// `scheme://host:port`, without credentials: what a status bar may show.
    public var displayURL: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shown):\(port)"
    }

    /// GETs `path` and reads the whole reply.
    ///
    /// - Parameter timeout: for the whole request, connect included.
    /// - Throws: `Failure` when the watcher cannot be reached or answers with something that is not HTTP.
    public func get(_ path: String, timeout: Duration = .seconds(5)) async throws -> Reply {
        try await within(timeout, path) {
            var reply = Reply(status: 0, headers: [:], body: [])
            try await exchange(path) { part in
                switch part {
                case let .head(status, headers):
                    reply.status = status
                    reply.headers = headers
                case let .body(bytes): reply.body += bytes
                }
                return true
            }
            return reply
        }
    }

    /// A piece of a streamed reply.
    public enum Part: Sendable {
        case head(status: Int, headers: [String: String])
        case body([UInt8])
    }

    /// GETs `path` and hands each part to `receive` as it arrives, until the reply ends or `receive`
    /// returns false (for event streams; cancel the task to stop waiting).
    ///
    /// - Throws: `Failure` when the watcher cannot be reached; `CancellationError` when cancelled.
    public func stream(_ path: String, receive: (Part) async throws -> Bool) async throws {
        try await exchange(path, receive: receive)
    }

    /// `body`'s value, or `Failure` if it takes longer than `timeout`.
    private func within<T: Sendable>(_ timeout: Duration, _ path: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else { throw Failure(message: "\(displayURL)\(path): no complete answer within \(timeout)") }
            return first
        }
    }

    /// The system's words for why a connection failed (`Connection refused`), else the error itself.
    static func reason(_ error: any Error) -> String {
        var underlying = error
        if let failed = error as? NIOConnectionError, let first = failed.connectionErrors.first { underlying = first.error }
        if let io = underlying as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(underlying)"
    }

    private func exchange(_ path: String, receive: (Part) async throws -> Bool) async throws {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            let tls = self.tls
            let host = self.host
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            let context = try NIOSSLContext(configuration: tls)
                            let name = host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: name))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure(message: "\(displayURL): cannot connect: \(Self.reason(error))")
        }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
                head.headers.add(name: "Host", value: displayURL.replacingOccurrences(of: "\(scheme)://", with: ""))
                head.headers.add(name: "Connection", value: "close")
                head.headers.add(name: "User-Agent", value: "portolan")
                if let credentials { head.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString()) }
                // Head and end in one write: a watcher may answer a GET on its head and close (Connection:
                // close) before a second write, which would then fail with "I/O on closed channel".
                try await outbound.write(contentsOf: [.head(head), .end(nil)])
                var answered = false
                for try await part in inbound {
                    switch part {
                    case let .head(response):
                        answered = true
                        var headers: [String: String] = [:]
                        for (name, value) in response.headers { headers[name.lowercased()] = value }
                        if try await !receive(.head(status: Int(response.status.code), headers: headers)) { return }
                    case let .body(buffer):
                        if try await !receive(.body(Array(buffer.readableBytesView))) { return }
                    case .end:
                        return
                    }
                }
                if !answered { throw Failure(message: "\(displayURL): the connection closed without an HTTP answer") }
            }
        } catch let error as CancellationError {
            throw error
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "\(displayURL): \(error)")
        }
    }
}
